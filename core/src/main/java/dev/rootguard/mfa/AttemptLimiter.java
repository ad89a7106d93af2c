package dev.rootguard.mfa;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Limits consecutive failed second-factor attempts per principal, as RFC 4226 §7.3 and NIST SP
 * 800-63B §5.2.2 require (no more than 100 consecutive failures before a lockout).
 *
 * <p>The protocol is reserve-then-settle, so that concurrent attempts cannot exceed the limit:
 * {@link #tryAcquire} atomically reserves one attempt (refusing when the principal is locked or the
 * limit is already taken by failures plus attempts in flight), and exactly one of {@link
 * #recordSuccess}, {@link #recordFailure} or {@link #release} settles it.
 *
 * <p>Implementations MUST be thread-safe, MUST make {@code tryAcquire} atomic, and MUST NOT return
 * null. {@link InMemoryAttemptLimiter} is the default.
 *
 * <pre>{@code
 * Optional<Instant> lockedUntil = limiter.tryAcquire(principal);
 * if (lockedUntil.isPresent()) return lockedOut(lockedUntil.get());
 * boolean ok = check(code);
 * if (ok) limiter.recordSuccess(principal); else limiter.recordFailure(principal);
 * }</pre>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc4226#section-7.3">RFC 4226 §7.3</a>
 * @see <a href="https://pages.nist.gov/800-63-3/sp800-63b.html#throttle">NIST SP 800-63B §5.2.2</a>
 * @since 0.1.0
 */
public interface AttemptLimiter {

  /**
   * Reserves one attempt for the principal, or reports until when it is locked.
   *
   * @param principal who is trying
   * @return empty if the attempt may go ahead (and must then be settled), otherwise the instant the
   *     lockout ends
   */
  Optional<Instant> tryAcquire(Principal principal);

  /**
   * Settles a reserved attempt as a success: the consecutive-failure count starts again.
   *
   * @param principal who succeeded
   */
  void recordSuccess(Principal principal);

  /**
   * Settles a reserved attempt as a failure; reaching the limit starts a lockout.
   *
   * @param principal who failed
   */
  void recordFailure(Principal principal);

  /**
   * Settles a reserved attempt that checked no guess (e.g. the factor is not allowed), without
   * counting it.
   *
   * @param principal who tried
   */
  void release(Principal principal);

  /**
   * Returns a new in-memory limiter (one process) with {@link LockoutPolicy#DEFAULT} and the system
   * UTC clock. Several servers need a shared limiter (e.g. {@code rootguard-store-jdbc}), or an
   * attacker gets the budget once per server.
   *
   * @return the limiter
   */
  static AttemptLimiter inMemory() {
    return inMemory(LockoutPolicy.DEFAULT, Clock.systemUTC());
  }

  /**
   * Returns a new in-memory limiter (one process).
   *
   * @param policy when to lock out and for how long
   * @param clock the clock
   * @return the limiter
   */
  static AttemptLimiter inMemory(LockoutPolicy policy, Clock clock) {
    return InMemoryAttemptLimiter.builder()
        .maxConsecutiveFailures(policy.maxConsecutiveFailures())
        .lockout(policy.lockout())
        .maxLockout(policy.maxLockout())
        .clock(clock)
        .build();
  }
}
