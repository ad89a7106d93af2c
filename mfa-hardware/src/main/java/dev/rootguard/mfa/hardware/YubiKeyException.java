package dev.rootguard.mfa.hardware;

import dev.rootguard.RootGuardException;

/**
 * A YubiKey or smart card command failed: the card is gone, the OATH applet is missing or
 * password-protected, or the card answered with an error status word.
 *
 * <pre>{@code
 * try {
 *   code = oath.calculateTotp("AWS root", clock.instant());
 * } catch (YubiKeyException e) {
 *   System.err.println("YubiKey: " + e.getMessage());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public class YubiKeyException extends RootGuardException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what failed
   * @param cause the underlying failure, or null
   */
  public YubiKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
