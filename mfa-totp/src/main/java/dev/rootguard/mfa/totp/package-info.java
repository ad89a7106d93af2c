/**
 * RFC 6238 TOTP and RFC 4226 HOTP for virtual MFA apps (and HOTP tokens): secrets, codes, otpauth
 * URIs, QR codes, AWS-style enrollment and verification behind the core {@link
 * dev.rootguard.mfa.MfaVerifier} SPI.
 *
 * <p>Entry points:
 *
 * <ul>
 *   <li>{@link dev.rootguard.mfa.totp.OtpSecret} — generate, import (Base32) and wipe secrets;
 *   <li>{@link dev.rootguard.mfa.totp.OtpAuthUri} and {@link dev.rootguard.mfa.totp.QrCode} — what
 *       the user scans;
 *   <li>{@link dev.rootguard.mfa.totp.TotpEnrollment} — two consecutive codes, as AWS {@code
 *       EnableMFADevice} asks, give a {@link dev.rootguard.mfa.totp.TotpCredential};
 *   <li>{@link dev.rootguard.mfa.totp.TotpVerifier} and {@link dev.rootguard.mfa.totp.HotpVerifier}
 *       — windowed, constant-time, replay-safe verification with state in a {@link
 *       dev.rootguard.mfa.totp.OtpStateStore};
 *   <li>{@link dev.rootguard.mfa.totp.Totp} and {@link dev.rootguard.mfa.totp.Hotp} — plain code
 *       generation.
 * </ul>
 *
 * <p>End to end:
 *
 * <pre>{@code
 * OtpSecret secret = OtpSecret.generate();
 * OtpAuthUri uri = OtpAuthUri.totp("Example", "alice@example.com", secret, OtpParameters.RFC6238_DEFAULT);
 * byte[] png = QrCode.of(uri).png(300);                       // the user scans this
 * EnrollmentResult r = TotpEnrollment.builder().clock(clock).build()
 *     .complete(CredentialId.of("alice-phone"), Principal.of("alice"), secret,
 *         OtpParameters.RFC6238_DEFAULT, code1, code2);
 * TotpCredential phone = ((EnrollmentResult.Enrolled) r).credential();
 * MfaResult result = TotpVerifier.builder().clock(clock).build().verify(phone, "492039");
 * }</pre>
 *
 * <p>What this package does not do: it does not rate-limit ({@link
 * dev.rootguard.mfa.MfaAuthenticator} does, or pass an {@link dev.rootguard.mfa.AttemptLimiter} to
 * {@link dev.rootguard.mfa.totp.TotpVerifier.Builder#attemptLimiter}); it does not persist
 * credentials or encrypt secrets at rest; it does not count a virtual app as hardware MFA.
 *
 * <p>All public types state their thread safety; services are thread-safe and meant to be shared.
 *
 * @since 0.1.0
 */
package dev.rootguard.mfa.totp;
