package dev.rootguard.mfa.hardware;

import dev.rootguard.mfa.Principal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The non-secret, changing state of an enrolled token or Yubico key: who owns it, whether it is
 * disabled, the clock drift learned from accepted TOTP codes, the last accepted sequence (TOTP
 * step, HOTP counter, or Yubico OTP session counter and use) and a version for compare-and-set.
 *
 * <pre>{@code
 * TokenState s = store.state("GALT12345678").orElseThrow();
 * if (!store.compareAndSet("GALT12345678", s, s.withOwner(Principal.of("alice")))) {
 *   // someone else changed it first: read again and retry
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class TokenState {
  /** The state of a freshly added token: no owner, enabled, no drift, nothing accepted yet. */
  public static final TokenState NEW = new TokenState(null, false, 0, -1, 0);

  private final Principal owner;
  private final boolean disabled;
  private final long driftSteps;
  private final long lastSequence;
  private final long version;

  private TokenState(
      Principal owner, boolean disabled, long driftSteps, long lastSequence, long version) {
    this.owner = owner;
    this.disabled = disabled;
    this.driftSteps = driftSteps;
    this.lastSequence = lastSequence;
    this.version = version;
  }

  /**
   * Returns a state with every field given; for stores that load state from disk.
   *
   * @param owner the owner, or empty
   * @param disabled whether disabled
   * @param driftSteps the learned drift in time steps
   * @param lastSequence the last accepted sequence, or empty
   * @param version the compare-and-set version
   * @return the state
   */
  public static TokenState of(
      Optional<Principal> owner,
      boolean disabled,
      long driftSteps,
      OptionalLong lastSequence,
      long version) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(lastSequence, "lastSequence");
    long seq = lastSequence.orElse(-1);
    if (lastSequence.isPresent() && seq < 0) {
      throw new IllegalArgumentException("lastSequence: must be >= 0, was " + seq);
    }
    return new TokenState(owner.orElse(null), disabled, driftSteps, seq, version);
  }

  /**
   * Returns the principal the token is assigned to.
   *
   * @return the owner, or empty if unassigned (an unassigned token verifies for nobody)
   */
  public Optional<Principal> owner() {
    return Optional.ofNullable(owner);
  }

  /**
   * Returns whether an administrator disabled the token.
   *
   * @return true if disabled
   */
  public boolean disabled() {
    return disabled;
  }

  /**
   * Returns the clock drift learned from accepted codes, in time steps (positive: the token's clock
   * is ahead).
   *
   * @return the drift
   */
  public long driftSteps() {
    return driftSteps;
  }

  /**
   * Returns the last accepted sequence number.
   *
   * @return the sequence, or empty if nothing was accepted yet
   */
  public OptionalLong lastSequence() {
    return lastSequence < 0 ? OptionalLong.empty() : OptionalLong.of(lastSequence);
  }

  /**
   * Returns the version a store compares in {@code compareAndSet}.
   *
   * @return the version
   */
  public long version() {
    return version;
  }

  /**
   * Returns a copy assigned to a principal.
   *
   * @param principal the new owner
   * @return the copy
   */
  public TokenState withOwner(Principal principal) {
    return new TokenState(
        Objects.requireNonNull(principal, "principal"),
        disabled,
        driftSteps,
        lastSequence,
        version);
  }

  /**
   * Returns a copy with the disabled flag set.
   *
   * @param disabled true to disable
   * @return the copy
   */
  public TokenState withDisabled(boolean disabled) {
    return new TokenState(owner, disabled, driftSteps, lastSequence, version);
  }

  /**
   * Returns a copy after an accepted answer.
   *
   * @param sequence the accepted sequence
   * @param driftSteps the drift learned from it
   * @return the copy
   */
  public TokenState withAccepted(long sequence, long driftSteps) {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence: must be >= 0, was " + sequence);
    }
    return new TokenState(owner, disabled, driftSteps, sequence, version);
  }

  /**
   * Returns a copy with another version; stores call this when they save an update.
   *
   * @param version the new version
   * @return the copy
   */
  public TokenState withVersion(long version) {
    return new TokenState(owner, disabled, driftSteps, lastSequence, version);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenState s
        && Objects.equals(owner, s.owner)
        && disabled == s.disabled
        && driftSteps == s.driftSteps
        && lastSequence == s.lastSequence
        && version == s.version;
  }

  @Override
  public int hashCode() {
    return Objects.hash(owner, disabled, driftSteps, lastSequence, version);
  }

  @Override
  public String toString() {
    return "TokenState[owner="
        + owner
        + ", disabled="
        + disabled
        + ", driftSteps="
        + driftSteps
        + ", lastSequence="
        + (lastSequence < 0 ? "none" : lastSequence)
        + ", version="
        + version
        + "]";
  }
}
