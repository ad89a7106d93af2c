package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.InMemoryAttemptLimiter;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.MfaPolicy;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.Hotp;
import dev.rootguard.mfa.totp.OtpMatch;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.Totp;
import dev.rootguard.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HardwareTokenVerifierTest {
  static final Principal ROOT = Principal.of("arn:aws:iam::123456789012:root");
  static final Principal OTHER = Principal.of("mallory");
  static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  static final Instant START = Instant.parse("2026-11-28T12:00:00Z");

  MutableClock clock;
  InMemoryTokenStore store;
  HardwareTokenVerifier verifier;
  HardwareToken totp;
  HardwareToken hotp;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(START);
    store = new InMemoryTokenStore();
    totp = HardwareToken.builder("TOTP-1", OathType.TOTP, SEED).manufacturer("Acme").build();
    hotp = HardwareToken.builder("HOTP-1", OathType.HOTP, SEED).counter(5).build();
    store.add(totp);
    store.add(hotp);
    store.assign("TOTP-1", ROOT);
    store.assign("HOTP-1", ROOT);
    verifier = HardwareTokenVerifier.builder(store).clock(clock).build();
  }

  /** The code the token shows when its clock is {@code offsetSteps} steps off ours. */
  String shown(HardwareToken t, int offsetSteps) {
    return Totp.code(
        OtpSecret.fromBytes(t.revealSecret()),
        t.parameters(),
        clock.instant().plusSeconds(offsetSteps * t.timeStep().getSeconds()));
  }

  String hotpCode(long counter) {
    return Hotp.code(OtpSecret.fromBytes(SEED), HmacAlgorithm.SHA1, 6, counter);
  }

  MfaResult verify(Principal p, String serial, String code) {
    return verifier.verify(MfaAttempt.of(p, Factor.HARDWARE_OTP, CredentialId.of(serial), code));
  }

  static Reason reason(MfaResult r) {
    assertThat(r.isAccepted()).as("expected a rejection").isFalse();
    return ((MfaResult.Rejected) r).reason();
  }

  static OtpMatch match(MfaResult r) {
    assertThat(r.isAccepted()).as("expected acceptance: %s", r).isTrue();
    return (OtpMatch) ((MfaResult.Accepted) r).detail();
  }

  @Nested
  class Totp_ {
    @Test
    void currentCode_accepted() {
      MfaResult r = verify(ROOT, "TOTP-1", shown(totp, 0));
      assertThat(match(r).drift()).isZero();
      assertThat(((MfaResult.Accepted) r).credential()).isEqualTo(CredentialId.of("TOTP-1"));
    }

    @Test
    void rfc6238Vector_acceptedThroughTheVerifier() {
      // RFC 6238 Appendix B: SHA1 seed "12345678901234567890", T = 59 s -> 94287082 (8 digits).
      HardwareToken t = HardwareToken.builder("RFC-6238", OathType.TOTP, SEED).digits(8).build();
      store.add(t);
      store.assign("RFC-6238", ROOT);
      clock.set(Instant.ofEpochSecond(59));
      assertThat(verify(ROOT, "RFC-6238", "94287082").isAccepted()).isTrue();
    }

    @Test
    void oneStepEitherSide_accepted_andMovesTheDrift() {
      assertThat(match(verify(ROOT, "TOTP-1", shown(totp, 1))).drift()).isEqualTo(1);
      assertThat(store.state("TOTP-1").orElseThrow().driftSteps()).isEqualTo(1);
      clock.advance(Duration.ofSeconds(30));
      // Now the window is centred on +1: +2 is reachable, -1 no longer is.
      assertThat(match(verify(ROOT, "TOTP-1", shown(totp, 2))).drift()).isEqualTo(2);
      clock.advance(Duration.ofSeconds(30));
      assertThat(reason(verify(ROOT, "TOTP-1", shown(totp, -1)))).isEqualTo(Reason.WRONG_CODE);
    }

    @Test
    void nearT0_stepsBeforeT0AreNotSearched() {
      clock.set(Instant.ofEpochSecond(10));
      assertThat(verify(ROOT, "TOTP-1", shown(totp, 0)).isAccepted()).isTrue();
      assertThat(reason(verifier.resync(ROOT, "TOTP-1", shown(totp, -1), shown(totp, 0))))
          .isIn(Reason.WRONG_CODE, Reason.REPLAYED);
    }

    @Test
    void slowTokenWithinWindow_learnsNegativeDrift() {
      assertThat(match(verify(ROOT, "TOTP-1", shown(totp, -1))).drift()).isEqualTo(-1);
    }

    @Test
    void twoStepsAway_wrongCode() {
      assertThat(reason(verify(ROOT, "TOTP-1", shown(totp, 2)))).isEqualTo(Reason.WRONG_CODE);
      assertThat(reason(verify(ROOT, "TOTP-1", shown(totp, -2)))).isEqualTo(Reason.WRONG_CODE);
    }

    @Test
    void vendorDriftFromPskc_isWhereTheSearchStarts() {
      HardwareToken t =
          HardwareToken.builder("TOTP-FAST", OathType.TOTP, SEED).timeDrift(4).build();
      store.add(t);
      store.assign("TOTP-FAST", ROOT);
      assertThat(match(verify(ROOT, "TOTP-FAST", shown(t, 4))).drift()).isEqualTo(4);
    }

    @Test
    void sameCodeTwice_replayed() {
      String code = shown(totp, 0);
      assertThat(verify(ROOT, "TOTP-1", code).isAccepted()).isTrue();
      assertThat(reason(verify(ROOT, "TOTP-1", code))).isEqualTo(Reason.REPLAYED);
    }

    @Test
    void olderCodeAfterNewer_replayed() {
      String older = shown(totp, -1);
      assertThat(verify(ROOT, "TOTP-1", shown(totp, 0)).isAccepted()).isTrue();
      assertThat(reason(verify(ROOT, "TOTP-1", older))).isEqualTo(Reason.REPLAYED);
    }

    @Test
    void rejection_leavesStateUnchanged() {
      TokenState before = store.state("TOTP-1").orElseThrow();
      verify(ROOT, "TOTP-1", shown(totp, 5));
      verify(ROOT, "TOTP-1", "12345x");
      verify(OTHER, "TOTP-1", shown(totp, 0));
      assertThat(store.state("TOTP-1")).contains(before);
    }
  }

  @Nested
  class Resync {
    @Test
    void twoConsecutiveCodesFiveMinutesAhead_resync() {
      assertThat(reason(verify(ROOT, "TOTP-1", shown(totp, 10)))).isEqualTo(Reason.WRONG_CODE);
      MfaResult r = verifier.resync(ROOT, "TOTP-1", shown(totp, 10), shown(totp, 11));
      assertThat(match(r).drift()).isEqualTo(11);
      assertThat(match(r).step()).isEqualTo(Math.floorDiv(START.getEpochSecond(), 30) + 11);
      clock.advance(Duration.ofSeconds(30));
      assertThat(verify(ROOT, "TOTP-1", shown(totp, 11)).isAccepted()).isTrue();
    }

    @Test
    void tenMinutesBehind_resync() {
      MfaResult r = verifier.resync(ROOT, "TOTP-1", shown(totp, -20), shown(totp, -19));
      assertThat(match(r).drift()).isEqualTo(-19);
    }

    @Test
    void beyondTenMinutes_wrongCode() {
      assertThat(reason(verifier.resync(ROOT, "TOTP-1", shown(totp, 21), shown(totp, 22))))
          .isEqualTo(Reason.WRONG_CODE);
    }

    @Test
    void notConsecutive_wrongCode() {
      assertThat(reason(verifier.resync(ROOT, "TOTP-1", shown(totp, 5), shown(totp, 7))))
          .isEqualTo(Reason.WRONG_CODE);
      assertThat(reason(verifier.resync(ROOT, "TOTP-1", shown(totp, 6), shown(totp, 5))))
          .isEqualTo(Reason.WRONG_CODE);
    }

    @Test
    void usedCodes_replayed() {
      String a = shown(totp, 0);
      String b = shown(totp, 1);
      assertThat(verifier.resync(ROOT, "TOTP-1", a, b).isAccepted()).isTrue();
      assertThat(reason(verifier.resync(ROOT, "TOTP-1", a, b))).isEqualTo(Reason.REPLAYED);
      assertThat(reason(verify(ROOT, "TOTP-1", b))).isEqualTo(Reason.REPLAYED);
    }

    @Test
    void hotpCounterFarAhead_resync() {
      assertThat(reason(verify(ROOT, "HOTP-1", hotpCode(600)))).isEqualTo(Reason.WRONG_CODE);
      MfaResult r = verifier.resync(ROOT, "HOTP-1", hotpCode(600), hotpCode(601));
      assertThat(match(r).step()).isEqualTo(601);
      assertThat(verify(ROOT, "HOTP-1", hotpCode(602)).isAccepted()).isTrue();
      assertThat(reason(verify(ROOT, "HOTP-1", hotpCode(600)))).isEqualTo(Reason.REPLAYED);
    }

    @Test
    void hotpBeyondThousand_wrongCode() {
      assertThat(reason(verifier.resync(ROOT, "HOTP-1", hotpCode(5 + 1001), hotpCode(5 + 1002))))
          .isEqualTo(Reason.WRONG_CODE);
    }

    @Test
    void repeatedFailures_lockOut() {
      HardwareTokenVerifier v =
          HardwareTokenVerifier.builder(store)
              .clock(clock)
              .attemptLimiter(
                  InMemoryAttemptLimiter.builder().clock(clock).maxConsecutiveFailures(3).build())
              .build();
      for (int i = 0; i < 3; i++) {
        assertThat(reason(v.resync(ROOT, "TOTP-1", "000000", "000000")))
            .isIn(Reason.WRONG_CODE, Reason.REPLAYED);
      }
      assertThat(reason(v.resync(ROOT, "TOTP-1", shown(totp, 0), shown(totp, 1))))
          .isEqualTo(Reason.LOCKED_OUT);
    }
  }

  @Nested
  class Hotp_ {
    @Test
    void nextCounter_accepted_thenLookAhead() {
      assertThat(match(verify(ROOT, "HOTP-1", hotpCode(5))).step()).isEqualTo(5);
      assertThat(match(verify(ROOT, "HOTP-1", hotpCode(12))).step()).isEqualTo(12);
      assertThat(reason(verify(ROOT, "HOTP-1", hotpCode(11)))).isEqualTo(Reason.REPLAYED);
      assertThat(reason(verify(ROOT, "HOTP-1", hotpCode(24)))).isEqualTo(Reason.WRONG_CODE);
    }

    @Test
    void counterBeforeThePskcStart_replayed() {
      assertThat(reason(verify(ROOT, "HOTP-1", hotpCode(4)))).isEqualTo(Reason.REPLAYED);
    }
  }

  @Nested
  class Registry {
    @Test
    void unknownSerial() {
      assertThat(reason(verify(ROOT, "NOPE", "123456"))).isEqualTo(Reason.UNKNOWN_CREDENTIAL);
    }

    @Test
    void otherPrincipal_notOwned() {
      assertThat(reason(verify(OTHER, "TOTP-1", shown(totp, 0))))
          .isEqualTo(Reason.CREDENTIAL_NOT_OWNED);
    }

    @Test
    void unassigned_notAssigned_forAnyPrincipal() {
      store.add(HardwareToken.builder("FREE", OathType.TOTP, SEED).build());
      assertThat(reason(verify(ROOT, "FREE", shown(totp, 0))))
          .isEqualTo(Reason.CREDENTIAL_NOT_ASSIGNED);
      assertThat(reason(verify(OTHER, "FREE", shown(totp, 0))))
          .isEqualTo(Reason.CREDENTIAL_NOT_ASSIGNED);
      assertThat(reason(verifier.resync(ROOT, "FREE", shown(totp, 0), shown(totp, 1))))
          .isEqualTo(Reason.CREDENTIAL_NOT_ASSIGNED);
      // Once an administrator assigns it, the same code is accepted.
      store.assign("FREE", ROOT);
      assertThat(verify(ROOT, "FREE", shown(totp, 0)).isAccepted()).isTrue();
    }

    @Test
    void unassigned_throughAuthenticator_countsAsFailure() {
      store.add(HardwareToken.builder("FREE", OathType.TOTP, SEED).build());
      InMemoryAttemptLimiter limiter =
          InMemoryAttemptLimiter.builder().clock(clock).maxConsecutiveFailures(2).build();
      MfaAuthenticator mfa =
          MfaAuthenticator.builder()
              .verifier(verifier)
              .attemptLimiter(limiter)
              .clock(clock)
              .build();
      MfaAttempt a = MfaAttempt.of(ROOT, Factor.HARDWARE_OTP, CredentialId.of("FREE"), "123456");
      assertThat(reason(mfa.authenticate(a))).isEqualTo(Reason.CREDENTIAL_NOT_ASSIGNED);
      assertThat(reason(mfa.authenticate(a))).isEqualTo(Reason.CREDENTIAL_NOT_ASSIGNED);
      assertThat(reason(mfa.authenticate(a))).isEqualTo(Reason.LOCKED_OUT);
    }

    @Test
    void disabled() {
      store.setDisabled("TOTP-1", true);
      assertThat(reason(verify(ROOT, "TOTP-1", shown(totp, 0))))
          .isEqualTo(Reason.CREDENTIAL_DISABLED);
      store.setDisabled("TOTP-1", false);
      assertThat(verify(ROOT, "TOTP-1", shown(totp, 0)).isAccepted()).isTrue();
    }

    @Test
    void expired_andNotYetValid() {
      store.add(HardwareToken.builder("OLD", OathType.TOTP, SEED).validUntil(START).build());
      store.add(
          HardwareToken.builder("NEW", OathType.TOTP, SEED)
              .validFrom(START.plusSeconds(1))
              .build());
      store.assign("OLD", ROOT);
      store.assign("NEW", ROOT);
      assertThat(reason(verify(ROOT, "OLD", shown(totp, 0)))).isEqualTo(Reason.CREDENTIAL_EXPIRED);
      assertThat(reason(verify(ROOT, "NEW", shown(totp, 0)))).isEqualTo(Reason.CREDENTIAL_EXPIRED);
      assertThat(store.expiredAt(START)).containsExactly("OLD");
      assertThat(store.expiredAt(START.minusSeconds(1))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          // " 123456" and "123456 " moved to HardwareOtpRulesTest: spaces are removed now (issue
          // 12)
          "",
          "12345",
          "1234567",
          "12345a",
          "+12345",
          "١٢٣٤٥٦",
          "12-456"
        })
    void malformedCodes(String code) {
      assertThat(reason(verify(ROOT, "TOTP-1", code))).isEqualTo(Reason.MALFORMED_INPUT);
    }

    @Test
    void noCredentialInAttempt_malformed() {
      MfaResult r =
          verifier.verify(MfaAttempt.builder(ROOT, Factor.HARDWARE_OTP).response("123456").build());
      assertThat(reason(r)).isEqualTo(Reason.MALFORMED_INPUT);
    }
  }

  @Test
  void throughAuthenticatorWithHardwareOnlyPolicy_accepted() {
    MfaAuthenticator mfa =
        MfaAuthenticator.builder()
            .verifier(verifier)
            .policy(MfaPolicy.hardwareOnly())
            .clock(clock)
            .build();
    MfaResult r =
        mfa.authenticate(
            MfaAttempt.of(ROOT, Factor.HARDWARE_OTP, CredentialId.of("TOTP-1"), shown(totp, 0)));
    assertThat(r.isAccepted()).isTrue();
  }

  @RepeatedTest(10)
  void sixteenConcurrentSubmissionsOfOneCode_acceptOnce() throws Exception {
    String code = shown(totp, 0);
    List<MfaResult> results = ConcurrentAttempts.race(16, () -> verify(ROOT, "TOTP-1", code));
    ConcurrentAttempts.assertOneAcceptedRestReplayed(results);
  }

  @RepeatedTest(3)
  void sixteenConcurrentResyncs_acceptOnce_onTheJsonFileStore(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    JsonFileTokenStore file =
        JsonFileTokenStore.open(
            dir.resolve("tokens.json"), JsonFileTokenStoreTest.sealer("lk-test-a", 1));
    file.add(HardwareToken.builder("TOTP-1", OathType.TOTP, SEED).build());
    file.assign("TOTP-1", ROOT);
    HardwareTokenVerifier v = HardwareTokenVerifier.builder(file).clock(clock).build();
    String a = shown(totp, 7);
    String b = shown(totp, 8);
    List<MfaResult> results = ConcurrentAttempts.race(16, () -> v.resync(ROOT, "TOTP-1", a, b));
    assertThat(results.stream().filter(MfaResult::isAccepted).count()).isEqualTo(1);
    assertThat(
            JsonFileTokenStore.open(
                    dir.resolve("tokens.json"), JsonFileTokenStoreTest.sealer("lk-test-a", 1))
                .state("TOTP-1")
                .orElseThrow()
                .driftSteps())
        .isEqualTo(8);
  }
}
