package dev.rootguard.mfa.fido;

/**
 * What to do when an authenticator's signature counter does not go up: the key may have been cloned
 * (WebAuthn §7.2 step 21).
 *
 * <pre>{@code
 * SecurityKeyVerifier.builder("example.com", "Example").counterPolicy(CounterPolicy.WARN);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @see <a href="https://www.w3.org/TR/webauthn-3/#sctn-sign-counter">WebAuthn Level 3 §6.1.1</a>
 * @since 0.1.0
 */
public enum CounterPolicy {
  /** Reject the assertion with {@code POSSIBLE_CLONE}. The default. */
  REJECT,
  /**
   * Accept the assertion but say so: {@link SecurityKeyDetail#counterRegressed()} is true and the
   * stored counter is left unchanged.
   */
  WARN
}
