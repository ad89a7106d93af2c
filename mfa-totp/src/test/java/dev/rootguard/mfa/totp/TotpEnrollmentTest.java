package dev.rootguard.mfa.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

class TotpEnrollmentTest {
  private final MutableClock clock = MutableClock.at(1_800_000_000L);
  private final OtpSecret secret = OtpSecret.generate();
  private final OtpParameters params = OtpParameters.RFC6238_DEFAULT;
  private final TotpEnrollment enrollment = TotpEnrollment.builder().clock(clock).build();
  private final CredentialId id = CredentialId.of("phone");
  private final Principal owner = Principal.of("root");

  private long now() {
    return params.stepAt(clock.instant());
  }

  private String code(long step) {
    return Totp.codeAtStep(secret, params, step);
  }

  private EnrollmentResult complete(String c1, String c2) {
    return enrollment.complete(id, owner, secret, params, c1, c2);
  }

  @Test
  void complete_twoConsecutiveCodes_enrolledWithSecondStepRecorded() {
    EnrollmentResult r = complete(code(now() - 1), code(now()));
    assertThat(r)
        .isInstanceOfSatisfying(
            EnrollmentResult.Enrolled.class,
            e -> {
              assertThat(e.firstStep()).isEqualTo(now() - 1);
              assertThat(e.credential().enrolledStep()).isEqualTo(now());
              assertThat(e.credential().enrolledDrift()).isZero();
              assertThat(e.credential().id()).isEqualTo(id);
              assertThat(e.credential().owner()).isEqualTo(owner);
              assertThat(e.credential().secret()).isSameAs(secret);
            });
  }

  @Test
  void complete_thenVerifyEnrollmentCode_replayedButNextAccepted() {
    TotpCredential c =
        ((EnrollmentResult.Enrolled) complete(code(now() - 1), code(now()))).credential();
    TotpVerifier v = TotpVerifier.builder().clock(clock).build();
    MfaResult again = v.verify(c, code(now()));
    assertThat(((MfaResult.Rejected) again).reason()).isEqualTo(Reason.REPLAYED);
    assertThat(((MfaResult.Rejected) v.verify(c, code(now() - 1))).reason())
        .isEqualTo(Reason.REPLAYED);
    assertThat(v.verify(c, code(now() + 1)).isAccepted()).isTrue();
  }

  @Test
  void complete_deviceClockAhead_driftRecorded() {
    EnrollmentResult r = complete(code(now() + 4), code(now() + 5));
    assertThat(((EnrollmentResult.Enrolled) r).credential().enrolledDrift()).isEqualTo(5);
  }

  @Test
  void complete_codesOutsideSearchWindow_wrongCode() {
    assertThat(complete(code(now() - 12), code(now() - 11)))
        .isEqualTo(new EnrollmentResult.Refused(Reason.WRONG_CODE));
    assertThat(complete(code(now() + 11), code(now() + 12)))
        .isEqualTo(new EnrollmentResult.Refused(Reason.WRONG_CODE));
  }

  @Test
  void complete_nonConsecutiveOrSameOrSwapped_wrongCode() {
    assertThat(complete(code(now() - 2), code(now())).isEnrolled()).isFalse();
    assertThat(complete(code(now()), code(now())).isEnrolled()).isFalse();
    assertThat(complete(code(now()), code(now() - 1)).isEnrolled()).isFalse();
  }

  @Test
  void complete_malformed_malformedInput() {
    assertThat(complete("12345a", code(now())))
        .isEqualTo(new EnrollmentResult.Refused(Reason.MALFORMED_INPUT));
    assertThat(complete(code(now() - 1), ""))
        .isEqualTo(new EnrollmentResult.Refused(Reason.MALFORMED_INPUT));
  }

  @Test
  void builder_searchWindowOutOfRange_namesField() {
    assertThatThrownBy(() -> TotpEnrollment.builder().searchWindow(121))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("searchWindow"));
    TotpEnrollment narrow = TotpEnrollment.builder().clock(clock).searchWindow(0).build();
    assertThat(
            narrow.complete(id, owner, secret, params, code(now()), code(now() + 1)).isEnrolled())
        .isTrue();
    assertThat(
            narrow.complete(id, owner, secret, params, code(now() - 1), code(now())).isEnrolled())
        .isFalse();
  }
}
