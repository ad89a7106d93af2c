package dev.rootguard.mfa;

import dev.rootguard.InvalidInputException;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link AttemptLimiter} locks a principal out: after {@code maxConsecutiveFailures} failed
 * attempts in a row, a cool-down of {@code lockout} that doubles with each further lockout without
 * a success in between, up to {@code maxLockout}. Every limiter backend (in memory, JDBC, Redis,
 * DynamoDB) takes the same policy, so a platform configures lockouts once.
 *
 * <pre>{@code
 * LockoutPolicy p = new LockoutPolicy(10, Duration.ofMinutes(5), Duration.ofHours(1));
 * AttemptLimiter limiter = AttemptLimiter.inMemory(p, clock);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxConsecutiveFailures failures that start a lockout; 1 to {@value
 *     #MAX_CONSECUTIVE_FAILURES} (NIST SP 800-63B §5.2.2)
 * @param lockout the first lockout; at least 1 second
 * @param maxLockout the longest lockout; at least {@code lockout}
 * @see <a href="https://pages.nist.gov/800-63-3/sp800-63b.html#throttle">NIST SP 800-63B §5.2.2</a>
 * @since 0.2.0
 */
public record LockoutPolicy(int maxConsecutiveFailures, Duration lockout, Duration maxLockout) {
  /** The largest allowed failure limit (NIST SP 800-63B §5.2.2). */
  public static final int MAX_CONSECUTIVE_FAILURES = 100;

  /** The default: 100 consecutive failures, 15 minutes, doubling up to 24 hours. */
  public static final LockoutPolicy DEFAULT =
      new LockoutPolicy(MAX_CONSECUTIVE_FAILURES, Duration.ofMinutes(15), Duration.ofHours(24));

  /**
   * Checks the values.
   *
   * @throws InvalidInputException naming the component that is out of range
   */
  public LockoutPolicy {
    if (maxConsecutiveFailures < 1 || maxConsecutiveFailures > MAX_CONSECUTIVE_FAILURES) {
      throw new InvalidInputException(
          "maxConsecutiveFailures",
          "must be 1.." + MAX_CONSECUTIVE_FAILURES + ", was " + maxConsecutiveFailures);
    }
    Objects.requireNonNull(lockout, "lockout");
    Objects.requireNonNull(maxLockout, "maxLockout");
    if (lockout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new InvalidInputException("lockout", "must be >= 1 s, was " + lockout);
    }
    if (maxLockout.compareTo(lockout) < 0) {
      throw new InvalidInputException(
          "maxLockout", "must be >= lockout (" + lockout + "), was " + maxLockout);
    }
  }

  /**
   * Returns the length of the next lockout after {@code previousLockouts} lockouts without a
   * success in between: {@code lockout × 2^previousLockouts}, capped at {@code maxLockout}.
   *
   * @param previousLockouts lockouts already served since the last success; at least 0
   * @return the cool-down
   */
  public Duration lockoutAfter(int previousLockouts) {
    if (previousLockouts < 0) {
      throw new IllegalArgumentException("previousLockouts: must be >= 0, was " + previousLockouts);
    }
    Duration d = lockout;
    for (int i = 0; i < previousLockouts && d.compareTo(maxLockout) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxLockout) > 0 ? maxLockout : d;
  }
}
