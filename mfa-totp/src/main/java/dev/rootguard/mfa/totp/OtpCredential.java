package dev.rootguard.mfa.totp;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.internal.OtpKey;
import java.util.Objects;

/**
 * What {@link TotpCredential} and {@link HotpCredential} have in common: the id, the owner, the
 * secret, and the HMAC key prepared from it; their builders share {@link CommonBuilder}.
 * Package-private; each subclass adds its own settings, builder methods and redacted {@code
 * toString}. Immutable and thread-safe.
 */
abstract class OtpCredential {
  private final CredentialId id;
  private final Principal owner;
  private final OtpSecret secret;

  OtpCredential(CommonBuilder b) {
    this.id = b.id;
    this.owner = b.owner;
    this.secret = b.secret;
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
  public final OtpSecret secret() {
    return secret;
  }

  /** Returns the HMAC key for this credential's algorithm. */
  abstract OtpKey key();

  /**
   * What the subclasses' builders have in common: the three required values, checked for null when
   * the builder starts, and the destroyed-secret check of {@code build()}.
   */
  abstract static class CommonBuilder {
    final CredentialId id;
    final Principal owner;
    final OtpSecret secret;

    CommonBuilder(CredentialId id, Principal owner, OtpSecret secret) {
      this.id = Objects.requireNonNull(id, "id");
      this.owner = Objects.requireNonNull(owner, "owner");
      this.secret = Objects.requireNonNull(secret, "secret");
    }

    /**
     * Refuses a destroyed secret.
     *
     * @throws IllegalStateException if the secret was destroyed
     */
    final void requireLiveSecret() {
      if (secret.isDestroyed()) {
        throw new IllegalStateException("secret: destroyed");
      }
    }
  }
}
