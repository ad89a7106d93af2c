package dev.rootguard.mfa.fido;

import dev.rootguard.mfa.StoreException;

/**
 * A credential store could not read or write its storage (a full disk, a permission problem). The
 * store's previous state is kept. It is a {@link StoreException}, so {@link SecurityKeyVerifier}
 * turns it into {@code STORE_UNAVAILABLE} when it happens while a ceremony finishes, as {@code
 * MfaAuthenticator} does.
 *
 * <pre>{@code
 * try { store.add(credential); } catch (SecurityKeyStoreException e) { alertOperator(e); }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public class SecurityKeyStoreException extends StoreException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for the operation {@code "security_keys"}.
   *
   * @param message what failed (no credential data)
   * @param cause the underlying I/O error
   */
  public SecurityKeyStoreException(String message, Throwable cause) {
    this("security_keys", message, cause);
  }

  /**
   * Creates the exception.
   *
   * @param operation the store operation that failed, e.g. {@code "security_keys.add"}
   * @param message what failed (no credential data)
   * @param cause the underlying failure, or null
   * @since 0.2.0
   */
  public SecurityKeyStoreException(String operation, String message, Throwable cause) {
    super(operation, message, cause);
  }
}
