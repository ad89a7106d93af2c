package dev.rootguard.mfa.fido;

/**
 * Which kind of authenticator a registration should use, as in WebAuthn's {@code
 * AuthenticatorAttachment}.
 *
 * <pre>{@code
 * SecurityKeyVerifier.builder("example.com", "Example").attachment(Attachment.CROSS_PLATFORM);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @see <a href="https://www.w3.org/TR/webauthn-3/#enum-attachment">WebAuthn Level 3 §5.4.5</a>
 * @since 0.1.0
 */
public enum Attachment {
  /** No preference: the browser offers every authenticator. */
  ANY,
  /** A roaming authenticator: a USB, NFC or BLE security key (or a phone over hybrid). */
  CROSS_PLATFORM,
  /** The device's own authenticator (Touch ID, Windows Hello, Android). */
  PLATFORM
}
