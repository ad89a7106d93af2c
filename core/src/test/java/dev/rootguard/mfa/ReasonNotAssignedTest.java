package dev.rootguard.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.MfaResult.Reason;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Issue 11 §3.2: an unassigned credential has its own reason, not "registered to another user". */
class ReasonNotAssignedTest {

  @Test
  void notAssigned_countsAsFailure_likeTheOtherCredentialReasons() {
    assertThat(Reason.CREDENTIAL_NOT_ASSIGNED.countsAsFailure()).isTrue();
    assertThat(Reason.CREDENTIAL_NOT_ASSIGNED.countsAsFailure())
        .isEqualTo(Reason.CREDENTIAL_NOT_OWNED.countsAsFailure())
        .isEqualTo(Reason.UNKNOWN_CREDENTIAL.countsAsFailure());
  }

  @Test
  void notAssigned_englishMessage_saysHowToAssign_notAnotherUser() {
    String en = Reason.CREDENTIAL_NOT_ASSIGNED.message(Locale.ENGLISH);
    assertThat(en)
        .contains("not assigned")
        .contains("administrator")
        .contains("rootguard tokens assign")
        .doesNotContain("another user");
  }

  @Test
  void notAssigned_japaneseMessage_saysHowToAssign() {
    String ja = Reason.CREDENTIAL_NOT_ASSIGNED.message(Locale.JAPANESE);
    assertThat(ja)
        .contains("割り当て")
        .contains("管理者")
        .contains("rootguard tokens assign")
        .doesNotContain("別のユーザー");
  }

  @Test
  void existingConstants_keepTheirPositions() {
    // Appended last, so nothing that stored an ordinal moves.
    assertThat(Reason.values()[Reason.values().length - 1])
        .isEqualTo(Reason.CREDENTIAL_NOT_ASSIGNED);
    assertThat(Reason.STORE_UNAVAILABLE.ordinal()).isEqualTo(Reason.values().length - 2);
  }
}
