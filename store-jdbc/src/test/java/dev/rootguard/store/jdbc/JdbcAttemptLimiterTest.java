package dev.rootguard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.LockoutPolicy;
import dev.rootguard.mfa.Principal;
import dev.rootguard.testsupport.MutableClock;
import dev.rootguard.testsupport.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcAttemptLimiterTest {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00.123456789Z");
  private final MutableClock clock = new MutableClock(T0);
  private final LockoutPolicy policy =
      new LockoutPolicy(5, Duration.ofMinutes(1), Duration.ofMinutes(3));
  private AttemptLimiter limiter;
  private Principal alice;

  @BeforeEach
  void setUp() {
    limiter = stores(Duration.ofSeconds(30)).attemptLimiter();
    alice = Principal.of("alice-" + UUID.randomUUID());
  }

  private JdbcStores stores(Duration reservation) {
    return JdbcStores.builder(PG.dataSource(), Fixtures.sealer("k1", 1))
        .clock(clock)
        .lockoutPolicy(policy)
        .reservationTimeout(reservation)
        .build();
  }

  private void fail(int n) {
    for (int i = 0; i < n; i++) {
      assertThat(limiter.tryAcquire(alice)).isEmpty();
      limiter.recordFailure(alice);
    }
  }

  @Test
  void tryAcquire_afterMaxFailures_lockedOutUntilLockoutEnds() {
    fail(5);

    assertThat(limiter.tryAcquire(alice)).hasValue(T0.plus(Duration.ofMinutes(1)));
    clock.advance(Duration.ofSeconds(59));
    assertThat(limiter.tryAcquire(alice)).hasValue(T0.plus(Duration.ofMinutes(1)));
    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.tryAcquire(alice)).isEmpty();
  }

  @Test
  void recordFailure_repeatedLockouts_doubleUpToMaxLockout() {
    fail(5);
    clock.advance(Duration.ofMinutes(1));
    fail(5);
    Instant second = clock.instant();
    assertThat(limiter.tryAcquire(alice)).hasValue(second.plus(Duration.ofMinutes(2)));
    clock.advance(Duration.ofMinutes(2));
    fail(5);
    Instant third = clock.instant();

    assertThat(limiter.tryAcquire(alice)).hasValue(third.plus(Duration.ofMinutes(3)));
  }

  @Test
  void recordSuccess_afterFailures_resetsCount() {
    fail(4);
    assertThat(limiter.tryAcquire(alice)).isEmpty();
    limiter.recordSuccess(alice);
    fail(4);

    assertThat(limiter.tryAcquire(alice)).isEmpty();
  }

  @Test
  void release_reservation_doesNotCountAsFailure() {
    for (int i = 0; i < 20; i++) {
      assertThat(limiter.tryAcquire(alice)).isEmpty();
      limiter.release(alice);
    }
    fail(4);

    assertThat(limiter.tryAcquire(alice)).isEmpty();
  }

  @Test
  void tryAcquire_sixteenThreadsRacing_grantsAtMostTheBudget() throws Exception {
    for (int round = 0; round < 20; round++) {
      Principal p = Principal.of("race-" + round + "-" + UUID.randomUUID());
      List<Optional<Instant>> r = Race.collect(16, i -> limiter.tryAcquire(p));

      assertThat(r.stream().filter(Optional::isEmpty).count()).isEqualTo(5);
    }
  }

  @Test
  void recordFailure_sixteenThreadsFailing_neverMoreThanBudgetChecked() throws Exception {
    // Each thread reserves, fails, and tries again until refused; in total at most 5 guesses may
    // be checked before the lockout.
    List<Integer> checked =
        Race.collect(
            16,
            i -> {
              int n = 0;
              while (limiter.tryAcquire(alice).isEmpty()) {
                n++;
                limiter.recordFailure(alice);
              }
              return n;
            });

    assertThat(checked.stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(5);
    assertThat(limiter.tryAcquire(alice)).hasValue(T0.plus(Duration.ofMinutes(1)));
  }

  @Test
  void tryAcquire_reservationsOfCrashedProcessExpire_budgetReturns() {
    AttemptLimiter shortLived = stores(Duration.ofSeconds(10)).attemptLimiter();
    for (int i = 0; i < 5; i++) {
      assertThat(shortLived.tryAcquire(alice)).isEmpty(); // never settled: the process "crashed"
    }
    assertThat(shortLived.tryAcquire(alice)).hasValue(T0); // budget held by attempts in flight
    clock.advance(Duration.ofSeconds(10));

    assertThat(shortLived.tryAcquire(alice)).isEmpty();
  }

  @Test
  void tryAcquire_reservationsNotYetExpired_failuresStillCount() {
    fail(3);
    assertThat(limiter.tryAcquire(alice)).isEmpty();
    assertThat(limiter.tryAcquire(alice)).isEmpty();
    // 3 failures + 2 in flight = budget
    assertThat(limiter.tryAcquire(alice)).isPresent();
    limiter.recordFailure(alice);
    limiter.recordFailure(alice);

    assertThat(limiter.tryAcquire(alice)).hasValue(T0.plus(Duration.ofMinutes(1)));
  }
}
