package dev.rootguard.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The bookkeeping of {@link InMemoryAttemptLimiter}: attempts in flight count against the budget
 * until settled, a settlement never forgets another attempt's state, and lockouts double.
 */
class InMemoryAttemptLimiterTest {
  private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private final Principal alice = Principal.of("alice");

  private InMemoryAttemptLimiter limiter(int maxFailures) {
    return InMemoryAttemptLimiter.builder()
        .maxConsecutiveFailures(maxFailures)
        .lockout(Duration.ofMinutes(1))
        .maxLockout(Duration.ofHours(1))
        .clock(clock)
        .build();
  }

  @Test
  void recordSuccess_manyTimes_neverExhaustsTheBudget() {
    InMemoryAttemptLimiter l = limiter(2);

    for (int i = 0; i < 10; i++) {
      assertThat(l.tryAcquire(alice)).as("attempt %d", i).isEmpty();
      l.recordSuccess(alice);
    }
  }

  @Test
  void release_manyTimes_neverExhaustsTheBudget() {
    InMemoryAttemptLimiter l = limiter(2);

    for (int i = 0; i < 10; i++) {
      assertThat(l.tryAcquire(alice)).as("attempt %d", i).isEmpty();
      l.release(alice);
    }
  }

  @Test
  void attemptsInFlight_fillTheBudgetUntilSettled() {
    InMemoryAttemptLimiter l = limiter(2);
    assertThat(l.tryAcquire(alice)).isEmpty();
    assertThat(l.tryAcquire(alice)).isEmpty();

    // Two attempts are being checked: a third must wait, without a lockout.
    assertThat(l.tryAcquire(alice)).contains(T0);
    assertThat(l.consecutiveFailures(alice)).isZero();
  }

  @Test
  void recordSuccess_ofOneAttempt_keepsTheOtherInFlight() {
    InMemoryAttemptLimiter l = limiter(2);
    l.tryAcquire(alice);
    l.tryAcquire(alice);

    l.recordSuccess(alice); // one settled, one still in flight

    assertThat(l.tryAcquire(alice)).isEmpty();
    assertThat(l.tryAcquire(alice)).as("two in flight again").contains(T0);
  }

  @Test
  void release_ofOneAttempt_keepsTheOtherInFlight() {
    InMemoryAttemptLimiter l = limiter(2);
    l.tryAcquire(alice);
    l.tryAcquire(alice);

    l.release(alice);

    assertThat(l.tryAcquire(alice)).isEmpty();
    assertThat(l.tryAcquire(alice)).as("two in flight again").contains(T0);
  }

  @Test
  void release_keepsTheFailuresCounted() {
    InMemoryAttemptLimiter l = limiter(3);
    l.tryAcquire(alice);
    l.recordFailure(alice);
    l.tryAcquire(alice);

    l.release(alice); // e.g. a factor refused by policy: no guess was checked

    assertThat(l.consecutiveFailures(alice)).isEqualTo(1);
    l.tryAcquire(alice);
    l.recordFailure(alice);
    l.tryAcquire(alice);
    l.recordFailure(alice);
    assertThat(l.tryAcquire(alice)).contains(T0.plus(Duration.ofMinutes(1)));
  }

  @Test
  void recordSuccess_resetsFailuresAndLockouts() {
    InMemoryAttemptLimiter l = limiter(1);
    l.tryAcquire(alice);
    l.recordFailure(alice); // first lockout: 1 min
    clock.advance(Duration.ofMinutes(1));
    l.tryAcquire(alice);
    l.recordSuccess(alice);

    l.tryAcquire(alice);
    l.recordFailure(alice);

    assertThat(l.tryAcquire(alice))
        .as("the lockout count restarted, so 1 min again")
        .contains(clock.instant().plus(Duration.ofMinutes(1)));
  }

  @Test
  void release_afterALockout_keepsTheLockoutCount() {
    InMemoryAttemptLimiter l = limiter(1);
    l.tryAcquire(alice);
    l.recordFailure(alice); // first lockout: 1 min
    clock.advance(Duration.ofMinutes(1));
    assertThat(l.tryAcquire(alice)).isEmpty();

    l.release(alice);
    l.tryAcquire(alice);
    l.recordFailure(alice);

    assertThat(l.tryAcquire(alice))
        .as("second lockout without a success in between doubles")
        .contains(clock.instant().plus(Duration.ofMinutes(2)));
  }

  @Test
  void builder_acceptsTheBoundsOfEachSetting() {
    for (int n : new int[] {1, InMemoryAttemptLimiter.MAX_CONSECUTIVE_FAILURES}) {
      InMemoryAttemptLimiter l =
          InMemoryAttemptLimiter.builder()
              .maxConsecutiveFailures(n)
              .lockout(Duration.ofSeconds(1))
              .maxLockout(Duration.ofSeconds(1))
              .clock(clock)
              .build();
      for (int i = 0; i < n; i++) {
        assertThat(l.tryAcquire(alice)).isEmpty();
        l.recordFailure(alice);
      }
      assertThat(l.tryAcquire(alice)).as("n=%d", n).contains(clock.instant().plusSeconds(1));
      clock.advance(Duration.ofSeconds(1));
      l.tryAcquire(alice);
      l.recordSuccess(alice);
    }
  }

  @Test
  void create_usesTheDocumentedDefaults() {
    InMemoryAttemptLimiter l = InMemoryAttemptLimiter.create();
    for (int i = 0; i < InMemoryAttemptLimiter.MAX_CONSECUTIVE_FAILURES - 1; i++) {
      assertThat(l.tryAcquire(alice)).isEmpty();
      l.recordFailure(alice);
    }
    assertThat(l.consecutiveFailures(alice)).isEqualTo(99);
    l.tryAcquire(alice);
    Instant before = Instant.now();
    l.recordFailure(alice);
    Instant after = Instant.now();

    Instant until = l.tryAcquire(alice).orElseThrow();
    assertThat(until)
        .isBetween(before.plus(Duration.ofMinutes(15)), after.plus(Duration.ofMinutes(15)));
  }

  @Test
  void toString_namesTheSettings() {
    assertThat(limiter(7).toString())
        .contains("maxConsecutiveFailures=7", "lockout=PT1M", "maxLockout=PT1H");
  }
}
