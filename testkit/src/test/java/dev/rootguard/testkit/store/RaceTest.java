package dev.rootguard.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
