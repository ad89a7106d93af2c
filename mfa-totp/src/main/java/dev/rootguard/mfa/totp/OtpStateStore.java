package dev.rootguard.mfa.totp;

import dev.rootguard.mfa.CredentialId;

/**
 * Where {@link TotpVerifier} and {@link HotpVerifier} keep each credential's {@link OtpState} (last
 * accepted step or counter, learned drift). Implement it over your database to share replay
 * protection between servers; {@link #inMemory()} suits one process.
 *
 * <p>Contract, in RFC 2119 words: implementations MUST be thread-safe, MUST NOT return null, and
 * {@link #compareAndSet} MUST be atomic: of several concurrent calls with the same {@code expected}
 * state, at most one returns true. A database implementation typically runs {@code UPDATE ... SET
 * last_step = ?, drift = ? WHERE id = ? AND last_step = ? AND drift = ?} (or an insert for a
 * credential without a row) and checks the row count.
 *
 * <pre>{@code
 * OtpStateStore store = OtpStateStore.inMemory();
 * TotpVerifier verifier = TotpVerifier.builder().clock(clock).stateStore(store).build();
 * }</pre>
 *
 * @since 0.1.0
 */
public interface OtpStateStore {

  /**
   * Returns the stored state of a credential.
   *
   * @param id the credential
   * @return the state, or {@link OtpState#NEVER_USED} if none is stored
   */
  OtpState load(CredentialId id);

  /**
   * Atomically replaces the state of a credential if it still is {@code expected} (a credential
   * with no stored state counts as {@link OtpState#NEVER_USED}).
   *
   * @param id the credential
   * @param expected the state the caller loaded
   * @param next the state to store
   * @return true if the state was replaced; false if another caller changed it first
   */
  boolean compareAndSet(CredentialId id, OtpState expected, OtpState next);

  /**
   * Returns a new store that keeps states in memory (lost when the process ends).
   *
   * @return an empty thread-safe store
   */
  static OtpStateStore inMemory() {
    return new InMemoryOtpStateStore();
  }
}
