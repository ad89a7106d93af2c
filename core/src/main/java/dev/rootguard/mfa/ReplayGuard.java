package dev.rootguard.mfa;

import java.util.OptionalLong;

/**
 * Remembers, per credential, the highest sequence number (TOTP time step, HOTP counter, Yubico OTP
 * counter) ever accepted, and accepts a new one only if it is strictly higher. This both stops a
 * code from being used twice and refuses codes older than the last accepted one.
 *
 * <p>Implementations MUST be thread-safe and {@link #tryAccept} MUST be atomic: for concurrent
 * calls with the same credential and sequence, exactly one returns true. State that must survive
 * restarts belongs in a persistent implementation; {@link InMemoryReplayGuard} is the default.
 *
 * <pre>{@code
 * if (!guard.tryAccept(credentialId, timeStep)) {
 *   return rejected(Reason.REPLAYED);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public interface ReplayGuard {

  /**
   * Atomically records {@code sequence} for the credential if it is higher than every sequence
   * accepted before.
   *
   * @param credential the credential
   * @param sequence the sequence number of the answer being accepted
   * @return true if recorded (first use); false if it is a replay or older
   */
  boolean tryAccept(CredentialId credential, long sequence);

  /**
   * Returns the highest sequence accepted for the credential.
   *
   * @param credential the credential
   * @return the sequence, or empty if none was accepted
   */
  OptionalLong lastAccepted(CredentialId credential);

  /**
   * Returns a new in-memory guard (one process).
   *
   * @return an empty thread-safe guard
   */
  static ReplayGuard inMemory() {
    return new InMemoryReplayGuard();
  }
}
