package dev.rootguard.mfa;

import dev.rootguard.RootGuardException;
import java.util.Objects;

/**
 * A state store could not complete an operation: the database is down, a statement timed out, a
 * file could not be written, or the schema is missing. The store's state is unchanged, or the
 * change is in an unknown state that the store's compare-and-set will detect on the next try.
 *
 * <p>{@link MfaAuthenticator} turns this exception, thrown by a limiter, a verifier's store or the
 * replay guard, into {@link MfaResult.Reason#STORE_UNAVAILABLE}: a store failure never becomes an
 * acceptance (fail closed).
 *
 * <pre>{@code
 * try {
 *   store.compareAndSet(id, expected, next);
 * } catch (StoreException e) {
 *   log.warn("{} failed: {}", e.operation(), e.getMessage());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.2.0
 */
public class StoreException extends RootGuardException {
  private static final long serialVersionUID = 1L;

  /** The operation that failed, such as {@code "totp_state.compareAndSet"}. */
  private final String operation;

  /**
   * Creates the exception.
   *
   * @param operation the store operation that failed, e.g. {@code "tokens.compareAndSet"}
   * @param message what failed and why; never a secret, code or connection password
   * @param cause the underlying failure, or null
   */
  public StoreException(String operation, String message, Throwable cause) {
    super(Objects.requireNonNull(operation, "operation") + ": " + message, cause);
    this.operation = operation;
  }

  /**
   * Returns the store operation that failed.
   *
   * @return the operation name, e.g. {@code "tokens.compareAndSet"}
   */
  public String operation() {
    return operation;
  }
}
