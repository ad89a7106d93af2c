package dev.rootguard.seal;

import dev.rootguard.RootGuardException;
import java.util.Objects;

/**
 * A sealed secret could not be sealed or opened: its key is unknown, it was sealed for another
 * record, it was altered, or the key service failed. The message names the key id, never a secret.
 * Stores that meet it change nothing on disk.
 *
 * <pre>{@code
 * try {
 *   sealer.open(envelope, "token:" + serial);
 * } catch (SealingException e) {
 *   log.error("seal key {} cannot open token {}", e.keyId(), serial);
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.2.0
 */
public class SealingException extends RootGuardException {
  private static final long serialVersionUID = 1L;

  /** The key id involved. */
  private final String keyId;

  /**
   * Creates the exception.
   *
   * @param keyId the key id the envelope names (or the sealer's current key)
   * @param message what failed; never a secret
   * @param cause the underlying failure, or null
   */
  public SealingException(String keyId, String message, Throwable cause) {
    super("seal key " + Objects.requireNonNull(keyId, "keyId") + ": " + message, cause);
    this.keyId = keyId;
  }

  /**
   * Returns the key id involved.
   *
   * @return the key id
   */
  public String keyId() {
    return keyId;
  }
}
