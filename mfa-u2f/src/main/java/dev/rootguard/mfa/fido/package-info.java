/**
 * FIDO U2F and FIDO2 security keys (and passkeys) as a second factor, over Yubico
 * java-webauthn-server.
 *
 * <p>Entry point: {@link dev.rootguard.mfa.fido.SecurityKeyVerifier}, an {@link
 * dev.rootguard.mfa.MfaVerifier} for {@code SECURITY_KEY} and {@code PASSKEY}. Credentials live in
 * a {@link dev.rootguard.mfa.fido.SecurityKeyStore} ({@link
 * dev.rootguard.mfa.fido.InMemorySecurityKeyStore}, {@link
 * dev.rootguard.mfa.fido.JsonFileSecurityKeyStore}); {@link
 * dev.rootguard.mfa.fido.AttestationPolicy} decides which authenticators may register.
 *
 * <pre>{@code
 * SecurityKeyVerifier keys = SecurityKeyVerifier.builder("example.com", "Example")
 *     .origins(Set.of("https://example.com")).build();
 * CeremonyRequest reg = keys.startRegistration(Principal.of("alice"));
 * // page: navigator.credentials.create({publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(opts)})
 * RegistrationOutcome out = keys.finishRegistration(reg.requestId(), createdJson);
 * CeremonyRequest auth = keys.startAuthentication(Principal.of("alice"));
 * MfaResult result = keys.finishAuthentication(auth.requestId(), assertionJson);
 * }</pre>
 *
 * <p>What this package does not do: it does not rate-limit or lock out ({@link
 * dev.rootguard.mfa.MfaAuthenticator} does), it does not download FIDO metadata (give it a BLOB
 * file), and it exposes no java-webauthn-server types, so Yubico can be upgraded underneath.
 *
 * @since 0.1.0
 */
package dev.rootguard.mfa.fido;
