package dev.rootguard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RaceTest {

  @Test
  void rounds_everyThreadEveryRound_preparedOnceBeforeEachRound() {
    AtomicInteger prepared = new AtomicInteger();
    int[] seenPrepared = new int[50];

    int[] winners =
        Race.rounds(
            4,
            50,
            r -> prepared.incrementAndGet(),
            (r, t) -> {
              seenPrepared[r] = prepared.get();
              return t == 0;
            });

    assertThat(prepared.get()).isEqualTo(50);
    assertThat(winners).containsOnly(1);
    for (int r = 0; r < 50; r++) {
      assertThat(seenPrepared[r]).as("round %d ran after its preparation", r).isEqualTo(r + 1);
    }
  }

  @Test
  void rounds_oneThreadFails_rethrowsThatFailureNotTheBrokenBarrier() {
    assertThatThrownBy(
            () ->
                Race.rounds(
                    4,
                    10,
                    r -> {},
                    (r, t) -> {
                      if (r == 3 && t == 2) {
                        throw new IllegalStateException("store failed");
                      }
                      return false;
                    }))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void roundsWithoutOneWinner_mixedRounds_listsOnlyTheBadOnes() {
    assertThat(Race.roundsWithoutOneWinner(new int[] {1, 0, 1, 2}))
        .containsExactly("round 1: 0 winners", "round 3: 2 winners");
  }

  @Test
  void collect_resultsInThreadOrder_eachThreadItsOwnIndex() {
    List<Integer> results = Race.collect(8, t -> t * 10);

    assertThat(results).containsExactly(0, 10, 20, 30, 40, 50, 60, 70);
  }

  @Test
  void collect_allThreadsRunAtOnce() {
    // Each thread waits for every other one to arrive; that only succeeds if all run together.
    CountDownLatch allIn = new CountDownLatch(6);
    Set<String> threadNames = ConcurrentHashMap.newKeySet();

    List<Boolean> met =
        Race.collect(
            6,
            t -> {
              threadNames.add(Thread.currentThread().getName());
              allIn.countDown();
              return allIn.await(30, TimeUnit.SECONDS);
            });

    assertThat(met).containsOnly(true).hasSize(6);
    assertThat(threadNames).hasSize(6);
  }

  @Test
  void collect_aThreadThrowsUnchecked_rethrowsThatException() {
    IllegalStateException boom = new IllegalStateException("store failed");

    assertThatThrownBy(
            () ->
                Race.collect(
                    4,
                    t -> {
                      if (t == 2) {
                        throw boom;
                      }
                      return t;
                    }))
        .isSameAs(boom);
  }

  @Test
  void collect_aThreadFailsAnAssertion_rethrowsThatAssertion() {
    assertThatThrownBy(
            () ->
                Race.together(
                    3,
                    t -> {
                      if (t == 1) {
                        assertThat(t).as("thread one").isEqualTo(5);
                      }
                    }))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("thread one");
  }

  @Test
  void collect_aThreadThrowsChecked_wrapsItWithTheCause() {
    IOException io = new IOException("disk");

    assertThatThrownBy(
            () ->
                Race.collect(
                    2,
                    t -> {
                      throw io;
                    }))
        .isInstanceOf(AssertionError.class)
        .hasMessage("a racing thread failed")
        .hasCause(io);
  }

  @Test
  void collect_tooSlow_failsNamingTheTimeoutAndInterruptsTheThreads() {
    CountDownLatch interrupted = new CountDownLatch(2);

    assertThatThrownBy(
            () ->
                Race.collect(
                    2,
                    Duration.ofMillis(200),
                    t -> {
                      try {
                        Thread.sleep(60_000);
                      } catch (InterruptedException e) {
                        interrupted.countDown();
                      }
                      return t;
                    }))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("PT0.2S");
    assertThat(awaitQuietly(interrupted)).as("threads interrupted").isTrue();
  }

  @Test
  void collect_badArguments_rejected() {
    assertThatThrownBy(() -> Race.collect(0, t -> t))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threads");
    assertThatThrownBy(() -> Race.collect(1, Duration.ZERO, t -> t))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout");
    assertThatThrownBy(() -> Race.rounds(1, -1, r -> {}, (r, t) -> true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rounds");
  }

  @Test
  void rounds_prepareFails_rethrowsThePrepareFailure() {
    IllegalArgumentException bad = new IllegalArgumentException("reset failed");

    assertThatThrownBy(
            () ->
                Race.rounds(
                    3,
                    5,
                    r -> {
                      if (r == 2) {
                        throw bad;
                      }
                    },
                    (r, t) -> true))
        .isSameAs(bad);
  }

  @Test
  void open_manyRaces_reuseTheSameThreads() {
    Set<String> threadNames = ConcurrentHashMap.newKeySet();
    try (Race race = Race.open(4)) {
      for (int r = 0; r < 50; r++) {
        int round = r;
        List<Integer> results =
            race.collect(
                t -> {
                  threadNames.add(Thread.currentThread().getName());
                  return round * 10 + t;
                });
        assertThat(results)
            .containsExactly(round * 10, round * 10 + 1, round * 10 + 2, round * 10 + 3);
      }
    }
    assertThat(threadNames).hasSize(4);
  }

  @Test
  void open_afterClose_refusesToRace() {
    Race race = Race.open(2);
    race.close();
    race.close();

    assertThatThrownBy(() -> race.collect(t -> t))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void open_aRaceTimesOut_closesTheRace() {
    try (Race race = Race.open(2, Duration.ofMillis(200))) {
      assertThatThrownBy(
              () ->
                  race.collect(
                      t -> {
                        Thread.sleep(60_000);
                        return t;
                      }))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("PT0.2S");
      assertThatThrownBy(() -> race.collect(t -> t)).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void open_aThreadFails_theNextRaceStillRuns() {
    try (Race race = Race.open(3)) {
      assertThatThrownBy(
              () ->
                  race.collect(
                      t -> {
                        if (t == 0) {
                          throw new IllegalStateException("first race");
                        }
                        return t;
                      }))
          .hasMessage("first race");
      assertThat(race.collect(t -> t)).containsExactly(0, 1, 2);
    }
  }

  private static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
