package dev.rootguard.mfa.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.FactorDetail;
import dev.rootguard.mfa.InMemoryAttemptLimiter;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.testsupport.MutableClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TotpVerifierTest {
  private static final long T = 2_000_000_000L; // 2033-05-18T03:33:20Z, step 66666666 at 30 s

  private final MutableClock clock = MutableClock.at(T);
  private final OtpSecret secret = OtpSecret.generate();
  private final Principal alice = Principal.of("alice");
  private final TotpCredential credential =
      TotpCredential.builder(CredentialId.of("alice-phone"), alice, secret).build();
  private final OtpStateStore store = OtpStateStore.inMemory();
  private final TotpVerifier verifier =
      TotpVerifier.builder()
          .clock(clock)
          .stateStore(store)
          .credentials(
              id -> id.equals(credential.id()) ? Optional.of(credential) : Optional.empty())
          .build();

  private long now() {
    return OtpParameters.RFC6238_DEFAULT.stepAt(clock.instant());
  }

  private String codeAt(long step) {
    return Totp.codeAtStep(secret, OtpParameters.RFC6238_DEFAULT, step);
  }

  private static Reason reason(MfaResult r) {
    assertThat(r).isInstanceOf(MfaResult.Rejected.class);
    return ((MfaResult.Rejected) r).reason();
  }

  @Test
  void verify_currentCode_acceptedWithStepAndDrift() {
    MfaResult r = verifier.verify(credential, codeAt(now()));

    assertThat(r)
        .isInstanceOfSatisfying(
            MfaResult.Accepted.class,
            a -> {
              assertThat(a.credential()).isEqualTo(credential.id());
              assertThat(a.principal()).isEqualTo(alice);
              assertThat(a.factor()).isEqualTo(Factor.TOTP_APP);
              assertThat(a.at()).isEqualTo(clock.instant());
              assertThat(a.detail()).isEqualTo(new OtpMatch(now(), 0));
              assertThat(a.detail().sequence()).hasValue(now());
            });
    assertThat(store.load(credential.id())).isEqualTo(new OtpState(now(), 0));
  }

  @Test
  void verify_codeFromPreviousStep_acceptedWithinWindow() {
    MfaResult r = verifier.verify(credential, codeAt(now() - 1));
    assertThat(r.isAccepted()).isTrue();
    assertThat(((OtpMatch) r.detail()).drift()).isEqualTo(-1);
  }

  @Test
  void verify_codeFromNextStep_acceptedWithinWindow() {
    assertThat(verifier.verify(credential, codeAt(now() + 1)).isAccepted()).isTrue();
  }

  @Test
  void verify_codeTwoStepsOff_wrongCodeAndNothingStored() {
    assertThat(reason(verifier.verify(credential, codeAt(now() - 2)))).isEqualTo(Reason.WRONG_CODE);
    assertThat(reason(verifier.verify(credential, codeAt(now() + 2)))).isEqualTo(Reason.WRONG_CODE);
    assertThat(store.load(credential.id())).isEqualTo(OtpState.NEVER_USED);
  }

  @Test
  void verify_windowZero_onlyCurrentStep() {
    TotpVerifier strict = TotpVerifier.builder().clock(clock).window(0).build();
    assertThat(reason(strict.verify(credential, codeAt(now() - 1)))).isEqualTo(Reason.WRONG_CODE);
    assertThat(strict.verify(credential, codeAt(now())).isAccepted()).isTrue();
  }

  @Test
  void verify_sameCodeTwice_secondIsReplayed() {
    String code = codeAt(now());
    assertThat(verifier.verify(credential, code).isAccepted()).isTrue();
    assertThat(reason(verifier.verify(credential, code))).isEqualTo(Reason.REPLAYED);
  }

  @Test
  void verify_olderStepAfterNewerAccepted_replayedEvenIfNeverUsed() {
    assertThat(verifier.verify(credential, codeAt(now())).isAccepted()).isTrue();
    assertThat(reason(verifier.verify(credential, codeAt(now() - 1)))).isEqualTo(Reason.REPLAYED);
    assertThat(store.load(credential.id()).lastStep()).isEqualTo(now());
  }

  @Test
  void verify_nextStepAfterAccepted_accepted() {
    assertThat(verifier.verify(credential, codeAt(now())).isAccepted()).isTrue();
    clock.advance(Duration.ofSeconds(30));
    assertThat(verifier.verify(credential, codeAt(now())).isAccepted()).isTrue();
  }

  @Test
  void verify_failure_changesNoState() {
    verifier.verify(credential, codeAt(now()));
    OtpState before = store.load(credential.id());
    verifier.verify(credential, "000000".equals(codeAt(now())) ? "111111" : "000000");
    verifier.verify(credential, "12a456");
    verifier.verify(credential, codeAt(now()));
    assertThat(store.load(credential.id())).isSameAs(before);
  }

  @Test
  void verify_spacesInsideCode_normalizedAndAccepted() {
    String c = codeAt(now());
    assertThat(
            verifier
                .verify(credential, " " + c.substring(0, 3) + " " + c.substring(3) + " ")
                .isAccepted())
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "12345",
        "1234567",
        "12345a",
        "abcdef",
        "+12345",
        "-12345",
        "123\t456",
        "123-456",
        "１２３４５６",
        "١٢٣٤٥٦",
        "12345\u0000",
        "123456789012345678901234567890123456" + "7890123456789012345678901234567890"
      })
  void verify_nonCanonicalCode_malformed(String code) {
    assertThat(reason(verifier.verify(credential, code))).isEqualTo(Reason.MALFORMED_INPUT);
    assertThat(store.load(credential.id())).isEqualTo(OtpState.NEVER_USED);
  }

  @Test
  void verify_eightDigitCredential_needsEightDigits() {
    TotpCredential eight =
        TotpCredential.builder(CredentialId.of("c8"), alice, secret)
            .parameters(OtpParameters.of(HmacAlgorithm.SHA512, 8, 60))
            .build();
    String code = Totp.code(secret, eight.parameters(), clock.instant());
    assertThat(reason(verifier.verify(eight, code.substring(2)))).isEqualTo(Reason.MALFORMED_INPUT);
    assertThat(verifier.verify(eight, code).isAccepted()).isTrue();
  }

  @Test
  void verify_driftLearned_windowRecentersOnDevice() {
    // the device runs 2 steps behind; at first only 1 step is within the window
    assertThat(verifier.verify(credential, codeAt(now() - 1)).isAccepted()).isTrue();
    assertThat(store.load(credential.id()).drift()).isEqualTo(-1);
    clock.advance(Duration.ofSeconds(60));
    // window is now centered on now-1: now-2 is reachable
    MfaResult r = verifier.verify(credential, codeAt(now() - 2));
    assertThat(r.isAccepted()).isTrue();
    assertThat(((OtpMatch) r.detail()).drift()).isEqualTo(-2);
  }

  @Test
  void verify_driftBeyondBound_clamped() {
    TotpVerifier v = TotpVerifier.builder().clock(clock).stateStore(store).maxDrift(1).build();
    assertThat(v.verify(credential, codeAt(now() - 1)).isAccepted()).isTrue();
    clock.advance(Duration.ofSeconds(60));
    MfaResult r = v.verify(credential, codeAt(now() - 2));
    assertThat(r.isAccepted()).isTrue();
    assertThat(((OtpMatch) r.detail()).drift()).isEqualTo(-1);
    clock.advance(Duration.ofSeconds(60));
    assertThat(reason(v.verify(credential, codeAt(now() - 3)))).isEqualTo(Reason.WRONG_CODE);
  }

  @Test
  void verify_enrolledStep_cannotBeReplayed() {
    TotpCredential enrolled =
        TotpCredential.builder(CredentialId.of("e"), alice, secret).enrolledStep(now()).build();
    assertThat(reason(verifier.verify(enrolled, codeAt(now())))).isEqualTo(Reason.REPLAYED);
    assertThat(verifier.verify(enrolled, codeAt(now() + 1)).isAccepted()).isTrue();
  }

  @Test
  void spi_unknownOrMissingCredential_unknown() {
    MfaAttempt noId = MfaAttempt.builder(alice, Factor.TOTP_APP).response("123456").build();
    assertThat(reason(verifier.verify(noId))).isEqualTo(Reason.UNKNOWN_CREDENTIAL);
    MfaAttempt other = MfaAttempt.of(alice, Factor.TOTP_APP, CredentialId.of("x"), "123456");
    assertThat(reason(verifier.verify(other))).isEqualTo(Reason.UNKNOWN_CREDENTIAL);
  }

  @Test
  void spi_credentialOfAnotherPrincipal_notOwned() {
    MfaAttempt mallory =
        MfaAttempt.of(Principal.of("mallory"), Factor.TOTP_APP, credential.id(), codeAt(now()));
    assertThat(reason(verifier.verify(mallory))).isEqualTo(Reason.CREDENTIAL_NOT_OWNED);
    assertThat(store.load(credential.id())).isEqualTo(OtpState.NEVER_USED);
  }

  @Test
  void spi_wrongFactor_throws() {
    MfaAttempt key = MfaAttempt.of(alice, Factor.SECURITY_KEY, credential.id(), "{}");
    assertThatThrownBy(() -> verifier.verify(key)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void spi_throughAuthenticator_acceptedOnceThenReplayed() {
    MfaAuthenticator mfa = MfaAuthenticator.builder().verifier(verifier).clock(clock).build();
    MfaAttempt a = MfaAttempt.of(alice, Factor.TOTP_APP, credential.id(), codeAt(now()));
    assertThat(verifier.guardsReplay()).isTrue();
    assertThat(verifier.factors()).containsExactly(Factor.TOTP_APP);
    assertThat(mfa.authenticate(a).isAccepted()).isTrue();
    assertThat(reason(mfa.authenticate(a))).isEqualTo(Reason.REPLAYED);
  }

  @Test
  void factor_hardwareOtp_servedAndNamedInResults() {
    TotpVerifier hw =
        TotpVerifier.builder()
            .clock(clock)
            .factor(Factor.HARDWARE_OTP)
            .credentials(id -> Optional.of(credential))
            .build();
    assertThat(hw.factors()).containsExactly(Factor.HARDWARE_OTP);
    MfaResult r =
        hw.verify(MfaAttempt.of(alice, Factor.HARDWARE_OTP, credential.id(), codeAt(now())));
    assertThat(r.isAccepted()).isTrue();
    assertThat(r.factor()).isEqualTo(Factor.HARDWARE_OTP);
    assertThatThrownBy(
            () -> hw.verify(MfaAttempt.of(alice, Factor.TOTP_APP, credential.id(), "123456")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verify_withAttemptLimiter_locksOutAfterFailures() {
    InMemoryAttemptLimiter limiter =
        InMemoryAttemptLimiter.builder().clock(clock).maxConsecutiveFailures(3).build();
    TotpVerifier limited = TotpVerifier.builder().clock(clock).attemptLimiter(limiter).build();
    String wrong =
        "000000".equals(codeAt(now()))
                || "000000".equals(codeAt(now() - 1))
                || "000000".equals(codeAt(now() + 1))
            ? "999999"
            : "000000";
    for (int i = 0; i < 3; i++) {
      assertThat(reason(limited.verify(credential, wrong))).isEqualTo(Reason.WRONG_CODE);
    }
    MfaResult locked = limited.verify(credential, codeAt(now()));
    assertThat(reason(locked)).isEqualTo(Reason.LOCKED_OUT);
    assertThat(locked.detail()).isInstanceOf(FactorDetail.Lockout.class);
  }

  @Test
  void builder_outOfRange_namesField() {
    assertThatThrownBy(() -> TotpVerifier.builder().window(11))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("window"));
    assertThatThrownBy(() -> TotpVerifier.builder().window(-1))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> TotpVerifier.builder().maxDrift(21))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("maxDrift"));
    assertThatThrownBy(() -> TotpVerifier.builder().build())
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("clock"));
  }

  @Test
  void verify_destroyedSecret_throwsMisuse() {
    OtpSecret s = OtpSecret.generate();
    TotpCredential c = TotpCredential.builder(CredentialId.of("d"), alice, s).build();
    s.destroy();
    assertThatThrownBy(() -> verifier.verify(c, "123456"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void toString_neverRevealsSecret() {
    String b32 = secret.revealBase32();
    assertThat(credential.toString()).doesNotContain(b32).contains("redacted");
    assertThat(verifier.toString()).doesNotContain(b32);
  }
}
