/**
 * The MFA SPI: the types every second-factor verifier implements and every platform calls.
 *
 * <p>Entry points: {@link dev.rootguard.mfa.MfaAuthenticator} (what a platform calls), {@link
 * dev.rootguard.mfa.MfaVerifier} (what verifier modules implement), {@link
 * dev.rootguard.mfa.MfaResult} (accepted, or rejected with a reason), {@link
 * dev.rootguard.mfa.Factor} (each knows whether it is hardware), {@link
 * dev.rootguard.mfa.AttemptLimiter} and {@link dev.rootguard.mfa.ReplayGuard} with in-memory
 * defaults.
 *
 * <pre>{@code
 * MfaAuthenticator mfa = MfaAuthenticator.builder()
 *     .verifier(totpVerifier)                 // from rootguard-mfa-totp
 *     .policy(MfaPolicy.any())
 *     .build();
 * MfaResult r = mfa.authenticate(
 *     MfaAttempt.of(Principal.of("alice"), Factor.TOTP_APP, CredentialId.of("phone-1"), "492039"));
 * if (r.isAccepted()) { ... }
 * }</pre>
 *
 * <p>What this package does not do: compute or check any code (the verifier modules do), store
 * credentials, or discover verifiers by {@code ServiceLoader}: wire them explicitly.
 *
 * @since 0.1.0
 */
package dev.rootguard.mfa;
