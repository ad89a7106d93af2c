package dev.rootguard.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.MfaResult.Rejected;
import dev.rootguard.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The documented defaults and small contracts of the MFA API: factory methods, default methods,
 * identifier bounds and the descriptions that must not reveal a response.
 */
class MfaDefaultsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T00:00:00Z"));
  private final Principal alice = Principal.of("alice");
  private final CredentialId phone = CredentialId.of("phone-1");

  /** A verifier that accepts every attempt with sequence 7 and keeps only the default methods. */
  private MfaVerifier acceptingWithSequence7() {
    return new MfaVerifier() {
      @Override
      public Set<Factor> factors() {
        return Set.of(Factor.TOTP_APP);
      }

      @Override
      public MfaResult verify(MfaAttempt a) {
        return new MfaResult.Accepted(
            a.principal(), phone, a.factor(), clock.instant(), new FakeVerifier.Seq(7));
      }
    };
  }

  @Test
  void verifierWithoutOwnReplayGuard_authenticatorRejectsTheReplay() {
    MfaAuthenticator mfa =
        MfaAuthenticator.builder().verifier(acceptingWithSequence7()).clock(clock).build();
    MfaAttempt a = MfaAttempt.of(alice, Factor.TOTP_APP, phone, "123456");

    assertThat(mfa.authenticate(a).isAccepted()).isTrue();
    MfaResult again = mfa.authenticate(a);

    assertThat(again)
        .isInstanceOfSatisfying(
            Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.REPLAYED));
  }

  @Test
  void verifierReturningNull_isVerifierError() {
    MfaVerifier broken =
        new MfaVerifier() {
          @Override
          public Set<Factor> factors() {
            return Set.of(Factor.TOTP_APP);
          }

          @Override
          public MfaResult verify(MfaAttempt a) {
            return null;
          }
        };
    MfaAuthenticator mfa = MfaAuthenticator.builder().verifier(broken).clock(clock).build();

    MfaResult r = mfa.authenticate(MfaAttempt.of(alice, Factor.TOTP_APP, phone, "123456"));

    assertThat(r)
        .isInstanceOfSatisfying(
            Rejected.class, x -> assertThat(x.reason()).isEqualTo(Reason.VERIFIER_ERROR));
  }

  @Test
  void builderVerifier_sameVerifierTwice_allowed_anotherForTheSameFactor_refused() {
    FakeVerifier v = new FakeVerifier(clock, Factor.TOTP_APP, Factor.HARDWARE_OTP);
    MfaAuthenticator.Builder b = MfaAuthenticator.builder().verifier(v).verifier(v);

    assertThatThrownBy(() -> b.verifier(new FakeVerifier(clock, Factor.HARDWARE_OTP)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("verifier:");
    MfaAuthenticator mfa = b.clock(clock).build();
    assertThat(mfa.toString()).contains("TOTP_APP", "HARDWARE_OTP");
    assertThat(
            mfa.authenticate(MfaAttempt.of(alice, Factor.HARDWARE_OTP, phone, "123456"))
                .isAccepted())
        .isTrue();
  }

  @Test
  void attempt_requestId_isKeptAndDescribed_responseIsNot() {
    MfaAttempt with =
        MfaAttempt.builder(alice, Factor.SECURITY_KEY)
            .response("{\"signature\":\"c2VjcmV0\"}")
            .requestId("req-123")
            .build();
    MfaAttempt without = MfaAttempt.of(alice, Factor.TOTP_APP, phone, "987654");

    assertThat(with.requestId()).contains("req-123");
    assertThat(with.toString()).contains("requestId=req-123").doesNotContain("c2VjcmV0");
    assertThat(without.requestId()).isEmpty();
    assertThat(without.toString()).doesNotContain("requestId").doesNotContain("987654");
  }

  @Test
  void policyAllowing_allowsExactlyTheNamedFactors() {
    MfaPolicy p = MfaPolicy.allowing(Factor.SECURITY_KEY, Factor.PASSKEY);

    assertThat(p.allowed()).containsExactlyInAnyOrder(Factor.SECURITY_KEY, Factor.PASSKEY);
    assertThat(p.allows(Factor.PASSKEY)).isTrue();
    assertThat(p.allows(Factor.TOTP_APP)).isFalse();
  }

  @Test
  void factor_phishingResistant_exactlyTheFidoFactors() {
    assertThat(EnumSet.allOf(Factor.class))
        .filteredOn(Factor::isPhishingResistant)
        .containsExactlyInAnyOrder(Factor.SECURITY_KEY, Factor.PASSKEY);
  }

  @Test
  void identifiers_maxLengthIsInclusive() {
    assertThat(Principal.of("p".repeat(Principal.MAX_LENGTH)).id()).hasSize(512);
    assertThat(CredentialId.of("c".repeat(CredentialId.MAX_LENGTH)).value()).hasSize(1024);
    assertThatThrownBy(() -> Principal.of("p".repeat(Principal.MAX_LENGTH + 1)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("principal"));
    assertThatThrownBy(() -> CredentialId.of("c".repeat(CredentialId.MAX_LENGTH + 1)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("credentialId"));
  }

  @Test
  void identifiers_toStringIsTheIdentifier() {
    assertThat(alice.toString()).isEqualTo("alice");
    assertThat(phone.toString()).isEqualTo("phone-1");
  }

  @Test
  void attemptLimiterInMemory_followsThePolicyAndClock() {
    AttemptLimiter l =
        AttemptLimiter.inMemory(
            new LockoutPolicy(2, Duration.ofMinutes(3), Duration.ofMinutes(30)), clock);

    for (int i = 0; i < 2; i++) {
      assertThat(l.tryAcquire(alice)).isEmpty();
      l.recordFailure(alice);
    }

    assertThat(l.tryAcquire(alice)).contains(clock.instant().plus(Duration.ofMinutes(3)));
  }

  @Test
  void attemptLimiterInMemory_default_grantsAFirstAttempt() {
    AttemptLimiter l = AttemptLimiter.inMemory();

    assertThat(l.tryAcquire(alice)).isEmpty();
  }

  @Test
  void replayGuardInMemory_acceptsEachSequenceOnce() {
    ReplayGuard g = ReplayGuard.inMemory();

    assertThat(g.tryAccept(phone, 5)).isTrue();
    assertThat(g.tryAccept(phone, 5)).isFalse();
    assertThat(g.lastAccepted(phone)).hasValue(5);
  }

  @Test
  void factorDetail_none_hasNoSequence() {
    assertThat(FactorDetail.NONE.sequence()).isEmpty();
    assertThat(new FactorDetail.Lockout(clock.instant()).sequence()).isEmpty();
    assertThat(FactorDetail.NONE.toString()).isEqualTo("none");
  }
}
