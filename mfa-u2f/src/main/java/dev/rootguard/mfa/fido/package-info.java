/**
 * FIDO U2F and FIDO2 security keys (and passkeys) as a second factor, over Yubico
 * java-webauthn-server.
 *
 * <p>Entry point: {@link dev.rootguard.mfa.fido.SecurityKeyVerifier}, an {@link
 * dev.rootguard.mfa.MfaVerifier} for {@code SECURITY_KEY} and {@code PASSKEY}. Credentials live in
 * a {@link dev.rootguard.mfa.fido.SecurityKeyStore} ({@link
 * dev.rootguard.mfa.fido.SecurityKeyStore#inMemory()}, {@link
 * dev.rootguard.mfa.fido.JsonFileSecurityKeyStore}, or a database store); started ceremonies wait
 * in a {@link dev.rootguard.mfa.CeremonyStore}; {@link dev.rootguard.mfa.fido.AttestationPolicy}
 * decides which authenticators may register.
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
 * <p><b>Running on several servers.</b> A ceremony is two HTTP requests (start, finish) that a load
 * balancer may send to different servers, and a signature counter is state every server must see.
 * Build each server's verifier over the same two shared stores:
 *
 * <pre>{@code
 * SecurityKeyVerifier keys = SecurityKeyVerifier.builder("example.com", "Example")
 *     .ceremonyStore(sharedCeremonies)      // e.g. a database CeremonyStore
 *     .credentialStore(sharedCredentials)   // e.g. a database SecurityKeyStore
 *     .clock(clock)
 *     .build();
 * }</pre>
 *
 * <ul>
 *   <li>The ceremony store keeps java-webauthn-server's request (its own JSON, no secrets: a
 *       challenge, the allowed credential ids, the RP and user identity) under a random id until it
 *       expires. Its atomic take makes every ceremony single-use across all servers: the same
 *       answer sent to two servers at once is accepted by one and {@code REPLAYED} on the other.
 *       Expiry is judged by the finishing server's clock, so keep server clocks in sync (NTP).
 *   <li>The credential store's compare-and-set on the signature counter decides between two
 *       assertions carrying the same counter (a cloned key): one is accepted, the other is {@code
 *       POSSIBLE_CLONE}.
 *   <li>A store that fails while a ceremony finishes gives {@code STORE_UNAVAILABLE}, never an
 *       acceptance; while a ceremony starts, its {@link dev.rootguard.mfa.StoreException}
 *       propagates.
 *   <li>The defaults, {@link dev.rootguard.mfa.CeremonyStore#inMemory} and {@link
 *       dev.rootguard.mfa.fido.SecurityKeyStore#inMemory()}, serve one process only. {@link
 *       dev.rootguard.mfa.fido.JsonFileSecurityKeyStore} coordinates processes on one host (OS file
 *       locks), not servers.
 *   <li>Servers finishing each other's ceremonies should run the same java-webauthn-server version
 *       (the stored request is its JSON); a request a server cannot read is rejected with {@code
 *       STORE_UNAVAILABLE}.
 * </ul>
 *
 * <p>What this package does not do: it does not rate-limit or lock out ({@link
 * dev.rootguard.mfa.MfaAuthenticator} does), it does not download FIDO metadata (give it a BLOB
 * file), and it exposes no java-webauthn-server types, so Yubico can be upgraded underneath.
 *
 * @since 0.1.0
 */
package dev.rootguard.mfa.fido;
