package dev.rootguard.mfa;

import dev.rootguard.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link AttemptLimiter}: counts consecutive failures per principal in memory and locks
 * a principal out after {@linkplain Builder#maxConsecutiveFailures(int) N} of them for a cool-down
 * that doubles with each further lockout (capped), until a success resets both.
 *
 * <p>With the defaults (100 failures, 15 minutes, doubling to at most 24 hours) an attacker gets
 * about 100 guesses per lockout period, so guessing a 6-digit code stays far below NIST SP
 * 800-63B's bound. State lives only in this JVM; platforms with several nodes implement {@link
 * AttemptLimiter} over their shared store.
 *
 * <pre>{@code
 * AttemptLimiter limiter = InMemoryAttemptLimiter.builder()
 *     .maxConsecutiveFailures(10)
 *     .lockout(Duration.ofMinutes(5))
 *     .clock(clock)
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe; share one instance.
 *
 * @since 0.1.0
 */
public final class InMemoryAttemptLimiter implements AttemptLimiter {
  /** Largest allowed failure limit (NIST SP 800-63B §5.2.2). */
  public static final int MAX_CONSECUTIVE_FAILURES = 100;

  private final int maxFailures;
  private final Duration lockout;
  private final Duration maxLockout;
  private final Clock clock;
  private final ConcurrentHashMap<Principal, State> states = new ConcurrentHashMap<>();

  /** Per-principal state; instances are immutable and replaced atomically. */
  private record State(int failures, int inFlight, int lockouts, Instant lockedUntil) {
    static final State FRESH = new State(0, 0, 0, Instant.MIN);

    boolean isIdle() {
      return failures == 0 && inFlight == 0 && lockouts == 0;
    }
  }

  private InMemoryAttemptLimiter(Builder b) {
    this.maxFailures = b.maxFailures;
    this.lockout = b.lockout;
    this.maxLockout = b.maxLockout;
    this.clock = b.clock;
  }

  /**
   * Returns a limiter with the defaults: 100 consecutive failures, 15 minutes first lockout,
   * doubling up to 24 hours, system UTC clock.
   *
   * @return the limiter
   */
  public static InMemoryAttemptLimiter create() {
    return builder().build();
  }

  /**
   * Starts a builder with the defaults.
   *
   * @return a builder; not thread-safe
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Optional<Instant> tryAcquire(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    Instant now = clock.instant();
    Instant[] refusal = new Instant[1];
    states.compute(
        principal,
        (p, s) -> {
          State st = s == null ? State.FRESH : s;
          if (now.isBefore(st.lockedUntil())) {
            refusal[0] = st.lockedUntil();
            return st;
          }
          if (st.failures() + st.inFlight() >= maxFailures) {
            // The budget is taken by attempts still being checked: refuse for now.
            refusal[0] = now;
            return st;
          }
          return new State(st.failures(), st.inFlight() + 1, st.lockouts(), st.lockedUntil());
        });
    return Optional.ofNullable(refusal[0]);
  }

  @Override
  public void recordSuccess(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    states.computeIfPresent(
        principal,
        (p, st) -> {
          State next = new State(0, Math.max(0, st.inFlight() - 1), 0, Instant.MIN);
          return next.isIdle() ? null : next;
        });
  }

  @Override
  public void recordFailure(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    Instant now = clock.instant();
    states.compute(
        principal,
        (p, s) -> {
          State st = s == null ? State.FRESH : s;
          int failures = st.failures() + 1;
          int inFlight = Math.max(0, st.inFlight() - 1);
          if (failures >= maxFailures) {
            return new State(0, inFlight, st.lockouts() + 1, now.plus(lockoutFor(st.lockouts())));
          }
          return new State(failures, inFlight, st.lockouts(), st.lockedUntil());
        });
  }

  @Override
  public void release(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    states.computeIfPresent(
        principal,
        (p, st) -> {
          State next =
              new State(
                  st.failures(), Math.max(0, st.inFlight() - 1), st.lockouts(), st.lockedUntil());
          return next.isIdle() ? null : next;
        });
  }

  /**
   * Returns the number of consecutive failures recorded for the principal since its last success or
   * lockout.
   *
   * @param principal the principal
   * @return the count, 0 if unknown
   */
  public int consecutiveFailures(Principal principal) {
    State st = states.get(Objects.requireNonNull(principal, "principal"));
    return st == null ? 0 : st.failures();
  }

  private Duration lockoutFor(int previousLockouts) {
    return new LockoutPolicy(maxFailures, lockout, maxLockout).lockoutAfter(previousLockouts);
  }

  @Override
  public String toString() {
    return "InMemoryAttemptLimiter[maxConsecutiveFailures="
        + maxFailures
        + ", lockout="
        + lockout
        + ", maxLockout="
        + maxLockout
        + "]";
  }

  /**
   * Builds an {@link InMemoryAttemptLimiter}. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private int maxFailures = MAX_CONSECUTIVE_FAILURES;
    private Duration lockout = Duration.ofMinutes(15);
    private Duration maxLockout = Duration.ofHours(24);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets how many consecutive failures start a lockout. Default: 100. Maximum: 100 (NIST SP
     * 800-63B). Minimum: 1.
     *
     * @param n the limit
     * @return this builder
     * @throws InvalidInputException if out of range
     */
    public Builder maxConsecutiveFailures(int n) {
      if (n < 1 || n > MAX_CONSECUTIVE_FAILURES) {
        throw new InvalidInputException(
            "maxConsecutiveFailures", "must be 1.." + MAX_CONSECUTIVE_FAILURES + ", was " + n);
      }
      this.maxFailures = n;
      return this;
    }

    /**
     * Sets the first lockout's length; each further lockout without a success in between doubles
     * it, up to {@link #maxLockout(Duration)}. Default: 15 minutes. Minimum: 1 second.
     *
     * @param d the cool-down
     * @return this builder
     */
    public Builder lockout(Duration d) {
      Objects.requireNonNull(d, "lockout");
      if (d.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new InvalidInputException("lockout", "must be >= 1 s, was " + d);
      }
      this.lockout = d;
      return this;
    }

    /**
     * Sets the longest lockout. Default: 24 hours. Must be at least {@link #lockout(Duration)}.
     *
     * @param d the cap
     * @return this builder
     */
    public Builder maxLockout(Duration d) {
      Objects.requireNonNull(d, "maxLockout");
      if (d.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new InvalidInputException("maxLockout", "must be >= 1 s, was " + d);
      }
      this.maxLockout = d;
      return this;
    }

    /**
     * Sets the clock. Default: {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the limiter.
     *
     * @return the limiter
     * @throws InvalidInputException if maxLockout is shorter than lockout
     */
    public InMemoryAttemptLimiter build() {
      new LockoutPolicy(maxFailures, lockout, maxLockout); // validates, naming the field
      return new InMemoryAttemptLimiter(this);
    }
  }
}
