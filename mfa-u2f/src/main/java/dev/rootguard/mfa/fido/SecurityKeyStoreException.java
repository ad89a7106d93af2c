package dev.rootguard.mfa.fido;

import dev.rootguard.RootGuardException;

/**
 * A credential store could not read or write its storage (a full disk, a permission problem). The
 * store's previous state is kept.
 *
 * <pre>{@code
 * try { store.add(credential); } catch (SecurityKeyStoreException e) { alertOperator(e); }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public class SecurityKeyStoreException extends RootGuardException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed (no credential data)
   * @param cause the underlying I/O error
   */
  public SecurityKeyStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
