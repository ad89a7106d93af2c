package dev.rootguard.mfa.totp;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.internal.OtpKey;

/**
 * What {@link TotpCredential} and {@link HotpCredential} have in common: the id, the owner, the
 * secret, and the HMAC key prepared from it. Package-private; each subclass adds its own settings,
 * builder and redacted {@code toString}. Immutable and thread-safe.
 */
abstract class OtpCredential {
  private final CredentialId id;
  private final Principal owner;
  private final TotpSecret secret;

  /** Takes values the subclass's builder has already checked for null. */
  OtpCredential(CredentialId id, Principal owner, TotpSecret secret) {
    this.id = id;
    this.owner = owner;
    this.secret = secret;
  }

  /**
   * Returns the credential id.
   *
   * @return the id
   */
  public final CredentialId id() {
    return id;
  }

  /**
   * Returns the principal the credential belongs to.
   *
   * @return the owner
   */
  public final Principal owner() {
    return owner;
  }

  /**
   * Returns the shared secret (the token seed).
   *
   * @return the secret
   */
  public final TotpSecret secret() {
    return secret;
  }

  /** Returns the HMAC key for this credential's algorithm. */
  abstract OtpKey key();

  /**
   * Refuses a destroyed secret; the subclasses' {@code build()} call it.
   *
   * @throws IllegalStateException if the secret was destroyed
   */
  static void requireLive(TotpSecret secret) {
    if (secret.isDestroyed()) {
      throw new IllegalStateException("secret: destroyed");
    }
  }
}
