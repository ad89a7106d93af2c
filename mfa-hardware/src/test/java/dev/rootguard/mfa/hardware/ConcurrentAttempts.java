package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.testsupport.Race;
import java.util.List;
import java.util.concurrent.Callable;

/** Test helper: runs one MFA attempt on many threads released at the same moment. */
final class ConcurrentAttempts {
  private ConcurrentAttempts() {}

  /**
   * Runs {@code attempt} on {@code threads} threads released together (test-support's {@link Race})
   * and returns the results in thread order. An attempt that throws fails the test.
   */
  static List<MfaResult> race(int threads, Callable<MfaResult> attempt) {
    return Race.collect(threads, i -> attempt.call());
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
