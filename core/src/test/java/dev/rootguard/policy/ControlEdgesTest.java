package dev.rootguard.policy;

import static dev.rootguard.policy.Fixtures.NOW;
import static dev.rootguard.policy.Fixtures.compliant;
import static dev.rootguard.policy.Fixtures.k;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The day limits of the usage controls at their edge, and the evidence each verdict gives: a
 * finding's explanation must match its status.
 */
class ControlEdgesTest {
  private static LastUse daysAgo(long d) {
    return LastUse.at(NOW.minus(Duration.ofDays(d)));
  }

  private static Finding eval(RootAccountState.Builder b, Control c) {
    return ControlEvaluationTest.eval(b, c);
  }

  @Test
  void recentUse_evidenceMatchesTheVerdict_atTheLimit() {
    Finding recent =
        eval(compliant().passwordLastUsed(k(daysAgo(89))), Control.ROOT_NOT_USED_RECENTLY);
    Finding atLimit =
        eval(compliant().passwordLastUsed(k(daysAgo(90))), Control.ROOT_NOT_USED_RECENTLY);

    assertThat(recent.status()).isEqualTo(Status.FAIL);
    assertThat(recent.evidence().key()).isEqualTo("evidence.usage.recent");
    assertThat(atLimit.status()).isEqualTo(Status.PASS);
    assertThat(atLimit.evidence().key()).isEqualTo("evidence.usage.old");
    assertThat(atLimit.evidence().args())
        .containsExactly("@noun.password", "2026-08-30 09:00 UTC", "90", "90");
  }

  @Test
  void inactiveKey_usedExactlyAtTheLimit_noLongerRecent() {
    Finding f =
        eval(
            compliant()
                .accessKeysPresent(k(true))
                .accessKeys(k(List.of(new AccessKey("key-1", false, daysAgo(90), NOW)))),
            Control.ROOT_ACCESS_KEYS_INACTIVE);

    assertThat(f.evidence().key()).isNotEqualTo("evidence.keysoft.recentlyUsed");
  }

  @Test
  void inactiveKeys_recentlyUsed_namesTheMostRecentOne() {
    for (List<AccessKey> keys :
        List.of(
            List.of(
                new AccessKey("key-1", false, daysAgo(10), NOW),
                new AccessKey("key-2", false, daysAgo(3), NOW)),
            List.of(
                new AccessKey("key-1", false, daysAgo(3), NOW),
                new AccessKey("key-2", false, daysAgo(10), NOW)))) {
      Finding f =
          eval(
              compliant().accessKeysPresent(k(true)).accessKeys(k(keys)),
              Control.ROOT_ACCESS_KEYS_INACTIVE);

      String newest = keys.get(0).lastUsed().equals(daysAgo(3)) ? "key-1" : "key-2";
      assertThat(f.status()).isEqualTo(Status.WARN);
      assertThat(f.evidence().key()).isEqualTo("evidence.keysoft.recentlyUsed");
      assertThat(f.evidence().args().get(0)).as(keys.toString()).isEqualTo(newest);
    }
  }
}
