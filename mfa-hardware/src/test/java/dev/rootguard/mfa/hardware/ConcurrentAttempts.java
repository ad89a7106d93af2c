package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Test helper: runs one MFA attempt on many threads released at the same moment. */
final class ConcurrentAttempts {
  private ConcurrentAttempts() {}

  /**
   * Submits {@code attempt} on {@code threads} threads, waits until every thread is ready, releases
   * them together and returns the results in submission order. An attempt that throws fails the
   * test (its {@link java.util.concurrent.ExecutionException} propagates).
   */
  static List<MfaResult> race(int threads, Callable<MfaResult> attempt) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<MfaResult>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return attempt.call();
                }));
      }
      ready.await();
      go.countDown();
      List<MfaResult> results = new ArrayList<>();
      for (Future<MfaResult> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Asserts that exactly one result is accepted and every other one is rejected as a replay. */
  static void assertOneAcceptedRestReplayed(List<MfaResult> results) {
    int accepted = 0;
    for (MfaResult r : results) {
      if (r.isAccepted()) {
        accepted++;
      } else {
        assertThat(((MfaResult.Rejected) r).reason()).isEqualTo(Reason.REPLAYED);
      }
    }
    assertThat(accepted).isEqualTo(1);
  }
}
