package dev.rootguard.mfa.hardware;

/**
 * The kind of one-time password an OATH hardware token shows: counter-based (RFC 4226 HOTP) or
 * time-based (RFC 6238 TOTP).
 *
 * <pre>{@code
 * if (token.type() == OathType.TOTP) { ... }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public enum OathType {
  /** Event-based: the code is computed from a counter the token increments on each press. */
  HOTP,
  /** Time-based: the code is computed from the current time step. */
  TOTP
}
