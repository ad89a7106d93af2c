/**
 * Test fixtures for FIDO / WebAuthn flows: {@link dev.rootguard.testkit.fido.SoftwareAuthenticator}
 * answers a relying party's options JSON with real, signed {@code packed}, {@code fido-u2f} or
 * {@code none} registrations and ES256 assertions, and can bend any part of a ceremony.
 *
 * <pre>{@code
 * SoftwareAuthenticator key = SoftwareAuthenticator.packed();
 * String response = key.register(verifier.startRegistration(alice).optionsJson(), "https://example.com");
 * }</pre>
 *
 * <p>What this package does not do: it is not an authenticator for production use, it supports only
 * ES256, and it does not implement CTAP.
 *
 * @since 0.1.0
 */
package dev.rootguard.testkit.fido;
