/**
 * Hardware second factors: OATH key fobs imported from PSKC files, Yubico OTP, and YubiKeys over
 * PC/SC.
 *
 * <p>Entry points:
 *
 * <ul>
 *   <li>{@link dev.rootguard.mfa.hardware.Pskc#read} imports a vendor's RFC 6030 seed file
 *       (plaintext, pre-shared AES key, or PBKDF2 password) into {@link
 *       dev.rootguard.mfa.hardware.HardwareToken}s, checking every MAC before a seed is used.
 *   <li>{@link dev.rootguard.mfa.hardware.TokenStore} ({@link
 *       dev.rootguard.mfa.hardware.InMemoryTokenStore}, {@link
 *       dev.rootguard.mfa.hardware.JsonFileTokenStore}) is the registry: serial → token, owner,
 *       disabled flag, drift, last accepted step. The JSON file store may be shared by several
 *       processes on one host and keeps its secrets sealed with a {@link
 *       dev.rootguard.seal.SecretSealer}.
 *   <li>{@link dev.rootguard.mfa.hardware.HardwareTokenVerifier} verifies TOTP/HOTP codes with
 *       per-token drift and AWS-style resync; {@link dev.rootguard.mfa.hardware.YubicoOtpVerifier}
 *       verifies Yubico OTPs against a {@link dev.rootguard.mfa.hardware.YubicoKeyStore}. Both
 *       implement {@link dev.rootguard.mfa.MfaVerifier}.
 *   <li>{@link dev.rootguard.mfa.hardware.PcscSmartCardConnection} and {@link
 *       dev.rootguard.mfa.hardware.YubiKeyOath} read and provision a YubiKey's OATH credentials
 *       over PC/SC with YubiKit.
 * </ul>
 *
 * <pre>{@code
 * SecretSealer sealer = LocalKeySealer.openOrCreate(LocalKeySealer.defaultPath());
 * TokenStore store = JsonFileTokenStore.open(Path.of("/var/lib/rootguard/tokens.json"), sealer);
 * try (InputStream in = Files.newInputStream(Path.of("vendor.pskc"))) {
 *   store.addAll(Pskc.read(in, PskcKey.password(pw)).requireComplete());  // one atomic write
 * }
 * store.assign("GALT12345678", root);
 * MfaAuthenticator mfa = MfaAuthenticator.builder()
 *     .verifier(HardwareTokenVerifier.builder(store).clock(clock).build())
 *     .policy(MfaPolicy.hardwareOnly())
 *     .build();
 * MfaResult r = mfa.authenticate(MfaAttempt.of(root, Factor.HARDWARE_OTP,
 *     CredentialId.of("GALT12345678"), "492039"));
 * }</pre>
 *
 * <p>What this package does not do: it does not rate-limit {@code verify} ({@link
 * dev.rootguard.mfa.MfaAuthenticator} does; {@code resync} applies its own limiter), it does not
 * call Yubico's cloud validation service (verification is local, against your own key store), it
 * does not unlock password-protected YubiKey OATH applets, and it does not keep the seal key (back
 * up the key file: a lost key loses every seed it sealed). The JSON file store is for one host;
 * several servers need a database store.
 *
 * @since 0.1.0
 */
package dev.rootguard.mfa.hardware;
