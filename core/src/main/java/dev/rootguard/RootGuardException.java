package dev.rootguard;

/**
 * The one unchecked root of RootGuard's own exceptions: an environment failure (an AWS call, a
 * store's I/O, a missing JCA algorithm) or operator input that cannot be used.
 *
 * <p>Expected outcomes (a wrong code, a weak password, a failed control) are never exceptions; they
 * are results with a reason. Messages are English, developer-facing, and never contain a secret, a
 * code, a password or a URI that may carry a secret.
 *
 * <pre>{@code
 * try {
 *   state = collector.collect();
 * } catch (RootGuardException e) {
 *   log.warn("audit failed: {}", e.getMessage());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public class RootGuardException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what failed and why; never a secret
   */
  public RootGuardException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause it wraps.
   *
   * @param message what failed and why; never a secret
   * @param cause the underlying failure
   */
  public RootGuardException(String message, Throwable cause) {
    super(message, cause);
  }
}
