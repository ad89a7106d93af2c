package dev.rootguard.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.EnrollmentResult;
import dev.rootguard.mfa.totp.OtpAuthUri;
import dev.rootguard.mfa.totp.OtpMatch;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.QrCode;
import dev.rootguard.mfa.totp.Totp;
import dev.rootguard.mfa.totp.TotpCredential;
import dev.rootguard.mfa.totp.TotpEnrollment;
import dev.rootguard.mfa.totp.TotpVerifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TotpSnippetTest {

  /** What the user's authenticator app would show at a time step. */
  static String app(OtpSecret secret, long step) {
    return Totp.codeAtStep(secret, OtpParameters.RFC6238_DEFAULT, step);
  }

  @Test
  void totpEnrollAndVerify() {
    Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:10Z"), ZoneOffset.UTC);
    long step = OtpParameters.RFC6238_DEFAULT.stepAt(clock.instant());
    // snippet: totp-setup
    OtpSecret secret = OtpSecret.generate(); // 160 random bits
    OtpAuthUri uri =
        OtpAuthUri.totp(
            "Amazon Web Services", "root@123456789012", secret, OtpParameters.RFC6238_DEFAULT);
    byte[] png = QrCode.of(uri).png(300); // the user scans this
    // end snippet
    String code1 = app(secret, step - 1); // what the app shows
    String code2 = app(secret, step);
    String code = app(secret, step + 1);
    // snippet: totp-verify
    EnrollmentResult enrolled =
        TotpEnrollment.builder()
            .clock(clock)
            .build()
            .complete(
                CredentialId.of("root-phone"),
                Principal.of("root"),
                secret,
                OtpParameters.RFC6238_DEFAULT,
                code1,
                code2); // two consecutive codes, as AWS asks
    TotpCredential phone = ((EnrollmentResult.Enrolled) enrolled).credential();

    TotpVerifier verifier = TotpVerifier.builder().clock(clock).window(1).build();
    MfaResult first = verifier.verify(phone, code); // Accepted, OtpMatch(step, drift)
    MfaResult again = verifier.verify(phone, code); // Rejected: REPLAYED
    MfaResult enrollmentCode = verifier.verify(phone, code2); // Rejected: REPLAYED
    // end snippet
    assertThat(png).isNotEmpty();
    assertThat(first.detail()).isEqualTo(new OtpMatch(step + 1, 1));
    assertThat(((MfaResult.Rejected) again).reason()).isEqualTo(MfaResult.Reason.REPLAYED);
    assertThat(((MfaResult.Rejected) enrollmentCode).reason()).isEqualTo(MfaResult.Reason.REPLAYED);
  }
}
