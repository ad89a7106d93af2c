package dev.rootguard.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.MfaPolicy;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaVerifier;
import dev.rootguard.mfa.Principal;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MfaSnippetTest {
  /** A stand-in verifier: accepts "123456" for any credential. */
  static MfaVerifier hardwareTokenVerifier(Clock clock) {
    return new MfaVerifier() {
      @Override
      public Set<Factor> factors() {
        return Set.of(Factor.HARDWARE_OTP, Factor.TOTP_APP);
      }

      @Override
      public MfaResult verify(MfaAttempt a) {
        return a.response().equals("123456")
            ? new MfaResult.Accepted(
                a.principal(),
                a.credential().orElseThrow(),
                a.factor(),
                clock.instant(),
                dev.rootguard.mfa.FactorDetail.NONE)
            : MfaResult.Rejected.of(
                a.principal(), a.factor(), MfaResult.Reason.WRONG_CODE, clock.instant());
      }
    };
  }

  @Test
  void mfaSpi() {
    Clock clock = Clock.systemUTC();
    MfaVerifier verifier = hardwareTokenVerifier(clock);
    // snippet: mfa-spi
    MfaAuthenticator mfa =
        MfaAuthenticator.builder()
            .verifier(verifier) // TotpVerifier, HardwareTokenVerifier, ...
            .policy(MfaPolicy.hardwareOnly()) // root-grade: CIS Level 2
            .clock(clock)
            .build();
    MfaResult result =
        mfa.authenticate(
            MfaAttempt.of(
                Principal.of("arn:aws:iam::123456789012:root"),
                Factor.TOTP_APP,
                CredentialId.of("phone-1"),
                "123456"));
    // result is Rejected with reason FACTOR_NOT_ALLOWED: a phone app is not hardware MFA
    // end snippet
    assertThat(((MfaResult.Rejected) result).reason())
        .isEqualTo(MfaResult.Reason.FACTOR_NOT_ALLOWED);
  }
}
