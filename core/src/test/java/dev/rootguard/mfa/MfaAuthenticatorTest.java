package dev.rootguard.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.MfaResult.Rejected;
import dev.rootguard.testsupport.MutableClock;
import dev.rootguard.testsupport.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MfaAuthenticatorTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T00:00:00Z"));
  private final Principal alice = Principal.of("alice");
  private final CredentialId phone = CredentialId.of("phone-1");

  private MfaAttempt attempt(String code) {
    return MfaAttempt.of(alice, Factor.TOTP_APP, phone, code);
  }

  private static Reason reason(MfaResult r) {
    return ((Rejected) r).reason();
  }

  @Test
  void authenticate_rightCode_accepted() {
    FakeVerifier v = new FakeVerifier(clock, Factor.TOTP_APP);
    MfaAuthenticator mfa = MfaAuthenticator.builder().verifier(v).clock(clock).build();
    MfaResult r = mfa.authenticate(attempt("123456"));
    assertThat(r.isAccepted()).isTrue();
    assertThat(((MfaResult.Accepted) r).credential()).isEqualTo(phone);
  }

  @Test
  void authenticate_wrongCode_rejectedWrongCode() {
    MfaAuthenticator mfa =
        MfaAuthenticator.builder().verifier(new FakeVerifier(clock, Factor.TOTP_APP)).build();
    assertThat(reason(mfa.authenticate(attempt("999999")))).isEqualTo(Reason.WRONG_CODE);
  }

  @Test
  void authenticate_factorNotAllowed_rejectedBeforeVerifier() {
    FakeVerifier v = new FakeVerifier(clock, Factor.TOTP_APP);
    MfaAuthenticator mfa =
        MfaAuthenticator.builder().verifier(v).policy(MfaPolicy.hardwareOnly()).build();
    assertThat(reason(mfa.authenticate(attempt("123456")))).isEqualTo(Reason.FACTOR_NOT_ALLOWED);
    assertThat(v.calls).hasValue(0);
  }

  @Test
  void authenticate_sameSequenceTwice_secondIsReplayed() {
    MfaAuthenticator mfa =
        MfaAuthenticator.builder().verifier(new FakeVerifier(clock, Factor.TOTP_APP)).build();
    assertThat(mfa.authenticate(attempt("123456")).isAccepted()).isTrue();
    assertThat(reason(mfa.authenticate(attempt("123456")))).isEqualTo(Reason.REPLAYED);
    assertThat(reason(mfa.authenticate(attempt("123455")))).isEqualTo(Reason.REPLAYED);
    assertThat(mfa.authenticate(attempt("123457")).isAccepted()).isTrue();
  }

  @Test
  void authenticate_verifierGuardsReplay_authenticatorDoesNotGuardAgain() {
    FakeVerifier v = new FakeVerifier(clock, Factor.TOTP_APP);
    v.guardsReplay = true;
    MfaAuthenticator mfa = MfaAuthenticator.builder().verifier(v).build();
    assertThat(mfa.authenticate(attempt("123456")).isAccepted()).isTrue();
    assertThat(mfa.authenticate(attempt("123456")).isAccepted()).isTrue();
  }

  @Test
  void authenticate_verifierThrows_failsClosedAndCounts() {
    FakeVerifier v = new FakeVerifier(clock, Factor.TOTP_APP);
    v.failWith = new IllegalStateException("boom");
    InMemoryAttemptLimiter limiter = InMemoryAttemptLimiter.builder().clock(clock).build();
    MfaAuthenticator mfa = MfaAuthenticator.builder().verifier(v).attemptLimiter(limiter).build();
    assertThat(reason(mfa.authenticate(attempt("123456")))).isEqualTo(Reason.VERIFIER_ERROR);
    assertThat(limiter.consecutiveFailures(alice)).isEqualTo(1);
  }

  @Test
  void authenticate_acceptedForOtherCredential_refusedAsNotOwned() {
    MfaAuthenticator mfa =
        MfaAuthenticator.builder().verifier(new FakeVerifier(clock, Factor.TOTP_APP)).build();
    assertThat(reason(mfa.authenticate(attempt("199999")))).isEqualTo(Reason.CREDENTIAL_NOT_OWNED);
  }

  @Test
  void authenticate_afterMaxFailures_lockedOutUntilCooldownEnds() {
    InMemoryAttemptLimiter limiter =
        InMemoryAttemptLimiter.builder()
            .maxConsecutiveFailures(3)
            .lockout(Duration.ofMinutes(5))
            .clock(clock)
            .build();
    FakeVerifier v = new FakeVerifier(clock, Factor.TOTP_APP);
    MfaAuthenticator mfa =
        MfaAuthenticator.builder().verifier(v).attemptLimiter(limiter).clock(clock).build();
    for (int i = 0; i < 3; i++) {
      assertThat(reason(mfa.authenticate(attempt("999999")))).isEqualTo(Reason.WRONG_CODE);
    }
    MfaResult locked = mfa.authenticate(attempt("123456"));
    assertThat(reason(locked)).isEqualTo(Reason.LOCKED_OUT);
    assertThat(locked.detail())
        .isEqualTo(new FactorDetail.Lockout(Instant.parse("2026-11-28T00:05:00Z")));
    assertThat(v.calls).hasValue(3);
    clock.advance(Duration.ofMinutes(5));
    assertThat(mfa.authenticate(attempt("123456")).isAccepted()).isTrue();
  }

  @Test
  void limiter_repeatedLockouts_doubleUpToCap() {
    InMemoryAttemptLimiter limiter =
        InMemoryAttemptLimiter.builder()
            .maxConsecutiveFailures(1)
            .lockout(Duration.ofMinutes(10))
            .maxLockout(Duration.ofMinutes(30))
            .clock(clock)
            .build();
    List<Duration> lockouts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      assertThat(limiter.tryAcquire(alice)).isEmpty();
      limiter.recordFailure(alice);
      Instant until = limiter.tryAcquire(alice).orElseThrow();
      lockouts.add(Duration.between(clock.instant(), until));
      clock.set(until);
    }
    assertThat(lockouts)
        .containsExactly(
            Duration.ofMinutes(10),
            Duration.ofMinutes(20),
            Duration.ofMinutes(30),
            Duration.ofMinutes(30));
  }

  @Test
  void limiter_concurrentAttempts_neverExceedBudget() throws Exception {
    InMemoryAttemptLimiter limiter =
        InMemoryAttemptLimiter.builder().maxConsecutiveFailures(5).clock(clock).build();
    List<Boolean> fs = Race.collect(16, t -> limiter.tryAcquire(alice).isEmpty());
    int granted = 0;
    for (boolean f : fs) {
      granted += f ? 1 : 0;
    }
    assertThat(granted).isEqualTo(5);
  }

  @Test
  void authenticate_listenersSeeEveryResultAndTheirFailuresAreContained() {
    List<MfaResult> seen = new ArrayList<>();
    MfaAuthenticator mfa =
        MfaAuthenticator.builder()
            .verifier(new FakeVerifier(clock, Factor.TOTP_APP))
            .listener(
                r -> {
                  throw new IllegalStateException("listener bug");
                })
            .listener(seen::add)
            .build();
    MfaResult r1 = mfa.authenticate(attempt("123456"));
    MfaResult r2 = mfa.authenticate(attempt("abc"));
    assertThat(seen).containsExactly(r1, r2);
    assertThat(reason(r2)).isEqualTo(Reason.MALFORMED_INPUT);
  }

  @Test
  void build_withoutVerifier_failsNamingField() {
    assertThatThrownBy(() -> MfaAuthenticator.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("verifier:");
  }

  @Test
  void authenticate_factorWithoutVerifier_isMisuse() {
    MfaAuthenticator mfa =
        MfaAuthenticator.builder().verifier(new FakeVerifier(clock, Factor.TOTP_APP)).build();
    assertThatThrownBy(
            () -> mfa.authenticate(MfaAttempt.of(alice, Factor.YUBICO_OTP, phone, "123456")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("factor:");
  }

  @Test
  void attempt_toString_neverShowsResponse() {
    assertThat(attempt("654321").toString()).doesNotContain("654321").contains("redacted");
  }

  @Test
  void factor_hardwareClassification_matchesCis() {
    assertThat(Factor.TOTP_APP.isHardware()).isFalse();
    assertThat(Factor.PASSKEY.isHardware()).isFalse();
    assertThat(Factor.HARDWARE_OTP.isHardware()).isTrue();
    assertThat(Factor.YUBICO_OTP.isHardware()).isTrue();
    assertThat(Factor.SECURITY_KEY.isHardware()).isTrue();
    assertThat(MfaPolicy.hardwareOnly().allowed())
        .containsExactlyInAnyOrder(Factor.HARDWARE_OTP, Factor.YUBICO_OTP, Factor.SECURITY_KEY);
  }

  @Test
  void reason_message_hasEnglishAndJapaneseForEveryReason() {
    for (Reason r : Reason.values()) {
      assertThat(r.message(java.util.Locale.ENGLISH)).isNotEqualTo(r.name());
      assertThat(r.message(java.util.Locale.JAPANESE))
          .isNotEqualTo(r.message(java.util.Locale.ENGLISH))
          .isNotEqualTo(r.name());
    }
  }
}
