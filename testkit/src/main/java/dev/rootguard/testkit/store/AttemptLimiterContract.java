package dev.rootguard.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.LockoutPolicy;
import dev.rootguard.mfa.Principal;
import dev.rootguard.testsupport.MutableClock;
import dev.rootguard.testsupport.Race;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link AttemptLimiter} must pass: reserve-then-settle never lets more than
 * {@link LockoutPolicy#maxConsecutiveFailures()} guesses through before a lockout, even with
 * {@value #THREADS} threads failing at once; lockouts last as long as the {@link LockoutPolicy}
 * says (doubling, capped) by the injected clock; a success resets; a release does not count.
 *
 * <pre>{@code
 * class MyLimiterTest extends AttemptLimiterContract {
 *   @Override protected AttemptLimiter newLimiter(LockoutPolicy policy, Clock clock) {
 *     return new MyLimiter(dataSource, policy, clock);
 *   }
 * }
 * }</pre>
 *
 * <p>A new instance per test method (JUnit's default); not thread-safe.
 *
 * @since 0.2.0
 */
public abstract class AttemptLimiterContract extends StoreContract {
  private static final Duration LOCKOUT = Duration.ofMinutes(5);

  /** The clock every limiter of this test reads; the tests move it. */
  private final MutableClock clock = new MutableClock(StoreFixtures.NOW);

  /** Creates the contract; for subclasses. */
  protected AttemptLimiterContract() {}

  /**
   * Returns a limiter under test that applies {@code policy} and reads the time only from {@code
   * clock} (the tests move it by hand). Each call may share data with earlier calls; the tests use
   * fresh random principals.
   *
   * @param policy the lockout policy to apply
   * @param clock the clock to read the time from
   * @return the limiter
   */
  protected abstract AttemptLimiter newLimiter(LockoutPolicy policy, Clock clock);

  private AttemptLimiter limiter(int maxFailures) {
    return newLimiter(new LockoutPolicy(maxFailures, LOCKOUT, Duration.ofHours(1)), clock);
  }

  /** Acquires and fails {@code n} times, checking that each attempt was allowed. */
  private static void fail(AttemptLimiter limiter, Principal p, int n) {
    for (int i = 0; i < n; i++) {
      assertThat(limiter.tryAcquire(p)).as("attempt %d allowed", i + 1).isEmpty();
      limiter.recordFailure(p);
    }
  }

  /** A principal with no history may try. */
  @Test
  public void tryAcquire_freshPrincipal_allowed() {
    AttemptLimiter limiter = limiter(5);
    Principal p = StoreFixtures.principal();

    assertThat(limiter.tryAcquire(p)).isEmpty();
    limiter.release(p);
  }

  /** Fewer failures than the limit do not lock out. */
  @Test
  public void recordFailure_belowLimit_stillAllowed() {
    AttemptLimiter limiter = limiter(5);
    Principal p = StoreFixtures.principal();

    fail(limiter, p, 4);

    assertThat(limiter.tryAcquire(p)).isEmpty();
    limiter.release(p);
  }

  /** The limit-th failure locks out until now plus the policy's first lockout. */
  @Test
  public void recordFailure_reachingLimit_locksOutForPolicyLockout() {
    AttemptLimiter limiter = limiter(5);
    Principal p = StoreFixtures.principal();

    fail(limiter, p, 5);

    assertThat(limiter.tryAcquire(p)).hasValue(StoreFixtures.NOW.plus(LOCKOUT));
  }

  /** A lockout lasts until its end by the injected clock, not a second less. */
  @Test
  public void lockout_byInjectedClock_endsAtLockedUntil() {
    AttemptLimiter limiter = limiter(3);
    Principal p = StoreFixtures.principal();
    fail(limiter, p, 3);
    Instant until = StoreFixtures.NOW.plus(LOCKOUT);

    clock.set(until.minusSeconds(1));
    assertThat(limiter.tryAcquire(p)).as("one second before the end").hasValue(until);
    clock.set(until);
    assertThat(limiter.tryAcquire(p)).as("at the end").isEmpty();
    limiter.release(p);
  }

  /** Each further lockout without a success doubles, up to the policy's maximum. */
  @Test
  public void lockout_repeatedWithoutSuccess_doublesUpToMaxLockout() {
    AttemptLimiter limiter =
        newLimiter(new LockoutPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(3)), clock);
    Principal p = StoreFixtures.principal();
    List<Duration> lockouts = new ArrayList<>();

    for (int i = 0; i < 4; i++) {
      Instant start = clock.instant();
      fail(limiter, p, 3);
      Instant until = limiter.tryAcquire(p).orElseThrow(() -> new AssertionError("not locked"));
      lockouts.add(Duration.between(start, until));
      clock.set(until);
    }

    assertThat(lockouts)
        .containsExactly(
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            Duration.ofMinutes(3),
            Duration.ofMinutes(3));
  }

  /** A success starts the failure count again. */
  @Test
  public void recordSuccess_afterFailures_resetsCount() {
    AttemptLimiter limiter = limiter(5);
    Principal p = StoreFixtures.principal();
    fail(limiter, p, 4);
    assertThat(limiter.tryAcquire(p)).isEmpty();
    limiter.recordSuccess(p);

    fail(limiter, p, 4);

    assertThat(limiter.tryAcquire(p)).as("8 failures with a success between").isEmpty();
    limiter.release(p);
  }

  /** A success after a lockout also resets the doubling: the next lockout is the first length. */
  @Test
  public void recordSuccess_afterLockout_resetsDoubling() {
    AttemptLimiter limiter = limiter(3);
    Principal p = StoreFixtures.principal();
    fail(limiter, p, 3);
    clock.advance(LOCKOUT);
    assertThat(limiter.tryAcquire(p)).isEmpty();
    limiter.recordSuccess(p);

    fail(limiter, p, 3);

    assertThat(limiter.tryAcquire(p)).hasValue(clock.instant().plus(LOCKOUT));
  }

  /** Released attempts checked no guess, so they never count toward a lockout. */
  @Test
  public void release_manyTimes_neverLocksOut() {
    AttemptLimiter limiter = limiter(3);
    Principal p = StoreFixtures.principal();

    for (int i = 0; i < 10; i++) {
      assertThat(limiter.tryAcquire(p)).as("attempt %d", i + 1).isEmpty();
      limiter.release(p);
    }
    fail(limiter, p, 2);

    assertThat(limiter.tryAcquire(p)).isEmpty();
    limiter.release(p);
  }

  /**
   * Attempts in flight (acquired, not settled) take from the budget: with the limit reserved, a
   * further attempt is refused until one is settled.
   */
  @Test
  public void tryAcquire_budgetReservedInFlight_refusedUntilSettled() {
    AttemptLimiter limiter = limiter(3);
    Principal p = StoreFixtures.principal();
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire(p)).isEmpty();
    }

    assertThat(limiter.tryAcquire(p)).as("a fourth attempt while three are in flight").isPresent();
    limiter.release(p);
    assertThat(limiter.tryAcquire(p)).as("after one was released").isEmpty();
    limiter.release(p);
    limiter.release(p);
    limiter.release(p);
  }

  /** Principals are independent. */
  @Test
  public void recordFailure_onePrincipalLockedOut_othersAllowed() {
    AttemptLimiter limiter = limiter(3);
    Principal alice = StoreFixtures.principal();
    Principal bob = StoreFixtures.principal();

    fail(limiter, alice, 3);

    assertThat(limiter.tryAcquire(alice)).isPresent();
    assertThat(limiter.tryAcquire(bob)).isEmpty();
    limiter.release(bob);
  }

  /**
   * {@value #THREADS} threads guess for one principal at once and fail every guess: at most the
   * limit is checked before the lockout, and the lockout starts at exactly the limit-th failure.
   * Repeated for a tenth of {@link #rounds()} principals.
   */
  @Test
  public void recordFailure_racingThreads_limitNeverExceeded() {
    int max = 10;
    AttemptLimiter limiter = limiter(max);
    int rounds = Math.max(10, checkedRounds() / 10);
    Principal[] principals = new Principal[rounds];
    AtomicIntegerArray granted = new AtomicIntegerArray(rounds);
    Instant lockedUntil = StoreFixtures.NOW.plus(LOCKOUT);

    Race.rounds(
        THREADS,
        rounds,
        r -> principals[r] = StoreFixtures.principal(),
        (r, t) -> {
          Principal p = principals[r];
          for (int spins = 0; spins < 1_000_000; spins++) {
            Optional<Instant> refused = limiter.tryAcquire(p);
            if (refused.isEmpty()) {
              granted.incrementAndGet(r);
              limiter.recordFailure(p);
            } else if (refused.get().isAfter(clock.instant())) {
              return false; // locked out
            } else {
              Thread.onSpinWait(); // the budget is in flight with other threads
            }
          }
          throw new AssertionError("never locked out");
        });

    List<String> bad = new ArrayList<>();
    for (int r = 0; r < rounds && bad.size() < 10; r++) {
      int racing = granted.get(r);
      int after = 0;
      while (racing + after <= max && limiter.tryAcquire(principals[r]).isEmpty()) {
        limiter.recordFailure(principals[r]);
        after++;
      }
      Optional<Instant> end = limiter.tryAcquire(principals[r]);
      if (racing > max || racing + after != max || !end.equals(Optional.of(lockedUntil))) {
        bad.add("round " + r + ": " + racing + " guesses racing, " + after + " after, lock " + end);
      }
    }
    assertThat(bad).as("rounds that let other than " + max + " guesses through").isEmpty();
  }

  /**
   * {@value #THREADS} threads acquire and release for one principal at once: releases give the
   * whole budget back, so afterwards the limit minus one failures still do not lock out.
   */
  @Test
  public void release_racingThreads_budgetRestored() {
    int max = 5;
    AttemptLimiter limiter = limiter(max);
    Principal p = StoreFixtures.principal();
    int perThread = Math.max(10, checkedRounds() / 20);

    Race.together(
        THREADS,
        t -> {
          for (int i = 0; i < perThread; i++) {
            if (limiter.tryAcquire(p).isEmpty()) {
              limiter.release(p);
            }
          }
        });

    fail(limiter, p, max - 1);
    assertThat(limiter.tryAcquire(p)).as("the last attempt of the budget").isEmpty();
    limiter.recordFailure(p);
    assertThat(limiter.tryAcquire(p)).hasValue(StoreFixtures.NOW.plus(LOCKOUT));
  }

  /** Null principals are refused with {@link NullPointerException}. */
  @Test
  public void allMethods_nullPrincipal_throwNullPointerException() {
    AttemptLimiter limiter = limiter(5);

    assertThatThrownBy(() -> limiter.tryAcquire(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> limiter.recordSuccess(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> limiter.recordFailure(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> limiter.release(null)).isInstanceOf(NullPointerException.class);
  }
}
