/**
 * FIDO U2F and FIDO2 security keys over Yubico java-webauthn-server.
 *
 * @since 0.1.0
 */
package dev.rootguard.mfa.fido;
