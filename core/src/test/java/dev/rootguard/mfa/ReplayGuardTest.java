package dev.rootguard.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.testsupport.Race;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
  private final CredentialId id = CredentialId.of("c");

  @Test
  void tryAccept_increasingSequences_acceptedOlderAndEqualRefused() {
    InMemoryReplayGuard g = new InMemoryReplayGuard();
    assertThat(g.tryAccept(id, 10)).isTrue();
    assertThat(g.tryAccept(id, 10)).isFalse();
    assertThat(g.tryAccept(id, 9)).isFalse();
    assertThat(g.tryAccept(id, 11)).isTrue();
    assertThat(g.lastAccepted(id)).hasValue(11);
    assertThat(g.lastAccepted(CredentialId.of("other"))).isEmpty();
  }

  @Test
  void tryAccept_sameSequenceFrom16Threads_acceptedExactlyOnce() throws Exception {
    try (Race race = Race.open(16)) {
      for (int round = 0; round < 200; round++) {
        InMemoryReplayGuard g = new InMemoryReplayGuard();
        List<Boolean> fs = race.collect(t -> g.tryAccept(id, 42));
        int wins = 0;
        for (boolean f : fs) {
          wins += f ? 1 : 0;
        }
        assertThat(wins).isEqualTo(1);
      }
    }
  }

  @Property
  void lastAccepted_isMaximumOfAcceptedSequences(@ForAll List<Long> seqs) {
    InMemoryReplayGuard g = new InMemoryReplayGuard();
    long max = Long.MIN_VALUE;
    boolean any = false;
    for (long s : seqs) {
      boolean accepted = g.tryAccept(id, s);
      assertThat(accepted).isEqualTo(!any || s > max);
      if (accepted) {
        max = s;
        any = true;
      }
    }
    if (any) {
      assertThat(g.lastAccepted(id)).hasValue(max);
    } else {
      assertThat(g.lastAccepted(id)).isEmpty();
    }
  }
}
