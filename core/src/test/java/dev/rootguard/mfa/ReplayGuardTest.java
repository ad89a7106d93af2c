package dev.rootguard.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      for (int round = 0; round < 200; round++) {
        InMemoryReplayGuard g = new InMemoryReplayGuard();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> fs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          fs.add(
              pool.submit(
                  () -> {
                    start.await();
                    return g.tryAccept(id, 42);
                  }));
        }
        start.countDown();
        int wins = 0;
        for (Future<Boolean> f : fs) {
          wins += f.get() ? 1 : 0;
        }
        assertThat(wins).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
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
