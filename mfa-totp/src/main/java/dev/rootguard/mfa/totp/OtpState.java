package dev.rootguard.mfa.totp;

/**
 * What a verifier remembers about one credential between verifications: the last accepted time step
 * (or HOTP counter) and the drift the device settled on. Stored in an {@link OtpStateStore}.
 *
 * <pre>{@code
 * OtpState s = store.load(credentialId);
 * if (s.isNeverUsed()) { ... }   // no code accepted yet
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param lastStep the last accepted TOTP time step or HOTP counter; {@link Long#MIN_VALUE} if none
 *     was accepted yet
 * @param drift the learned offset, in time steps, between the device's clock and ours (always 0 for
 *     HOTP)
 * @since 0.1.0
 */
public record OtpState(long lastStep, int drift) {
  /** The state of a credential that has never been used. */
  public static final OtpState NEVER_USED = new OtpState(Long.MIN_VALUE, 0);

  /**
   * Returns whether no code was accepted yet.
   *
   * @return true for {@link #NEVER_USED}
   */
  public boolean isNeverUsed() {
    return lastStep == Long.MIN_VALUE;
  }
}
