package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.OtpMatch;
import dev.rootguard.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 6238 §5.2 for hardware tokens: a code shared by two steps (or counters) of one window is
 * accepted once. The collisions were found with {@link OtpOracle} and checked with {@code
 * oathtool}.
 */
@DisplayName("RFC 6238 §5.2 a hardware token's code is not accepted twice")
class SameCodeTwiceTest {
  static final Principal ROOT = Principal.of("root");
  static final byte[] SEED_32 =
      "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
  static final byte[] SEED_20 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  // oathtool --totp=sha256 -s 208 -N @121200357824 -w 2 <hex SEED_32>: 175991 471371 471371
  static final long T = 121_200_357_824L;
  static final long S = 582_694_028L;
  static final String TOTP_TWICE = "471371"; // steps S+1 and S+2
  // oathtool --hotp -c 910737 -w 1 <hex SEED_20>: 911617 911617
  static final long C = 910_737L;
  static final String HOTP_TWICE = "911617"; // counters C and C+1

  final InMemoryTokenStore store = new InMemoryTokenStore();

  MfaResult verify(HardwareTokenVerifier v, String serial, String code) {
    return v.verify(MfaAttempt.of(ROOT, Factor.HARDWARE_OTP, CredentialId.of(serial), code));
  }

  static Reason reason(MfaResult r) {
    assertThat(r.isAccepted()).as("expected a rejection: %s", r).isFalse();
    return ((MfaResult.Rejected) r).reason();
  }

  @Test
  void oracle_agreesWithOathtool() {
    assertThat(OtpOracle.code(OtpOracle.mac(SEED_32, HmacAlgorithm.SHA256), S + 1))
        .isEqualTo(TOTP_TWICE);
    assertThat(OtpOracle.code(OtpOracle.mac(SEED_32, HmacAlgorithm.SHA256), S + 2))
        .isEqualTo(TOTP_TWICE);
    assertThat(OtpOracle.code(OtpOracle.mac(SEED_20, HmacAlgorithm.SHA1), C)).isEqualTo(HOTP_TWICE);
    assertThat(OtpOracle.code(OtpOracle.mac(SEED_20, HmacAlgorithm.SHA1), C + 1))
        .isEqualTo(HOTP_TWICE);
  }

  @Test
  void totp_codeOfTwoAdjacentSteps_secondSubmissionReplayed() {
    store.add(
        HardwareToken.builder("TOTP-208", OathType.TOTP, SEED_32)
            .algorithm(HmacAlgorithm.SHA256)
            .timeStep(Duration.ofSeconds(208))
            .build());
    store.assign("TOTP-208", ROOT);
    HardwareTokenVerifier v =
        HardwareTokenVerifier.builder(store).clock(MutableClock.at(T)).build();

    MfaResult first = verify(v, "TOTP-208", TOTP_TWICE);
    assertThat(first.detail()).isEqualTo(new OtpMatch(S + 1, 1));
    TokenState afterFirst = store.state("TOTP-208").orElseThrow();

    assertThat(reason(verify(v, "TOTP-208", TOTP_TWICE))).isEqualTo(Reason.REPLAYED);
    assertThat(store.state("TOTP-208")).contains(afterFirst);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 10})
  void hotp_codeOfTwoAdjacentCounters_secondSubmissionReplayed(int lookAhead) {
    store.add(HardwareToken.builder("HOTP-1", OathType.HOTP, SEED_20).counter(C).build());
    store.assign("HOTP-1", ROOT);
    HardwareTokenVerifier v =
        HardwareTokenVerifier.builder(store)
            .clock(MutableClock.at(T))
            .hotpLookAhead(lookAhead)
            .build();

    assertThat(verify(v, "HOTP-1", HOTP_TWICE).detail()).isEqualTo(new OtpMatch(C, 0));

    assertThat(reason(verify(v, "HOTP-1", HOTP_TWICE))).isEqualTo(Reason.REPLAYED);
    assertThat(store.state("HOTP-1").orElseThrow().lastSequence()).hasValue(C);
  }

  @Test
  void hotp_afterCollision_nextDistinctCodeStillAccepted() {
    store.add(HardwareToken.builder("HOTP-1", OathType.HOTP, SEED_20).counter(C).build());
    store.assign("HOTP-1", ROOT);
    HardwareTokenVerifier v =
        HardwareTokenVerifier.builder(store).clock(MutableClock.at(T)).hotpLookAhead(2).build();
    assertThat(verify(v, "HOTP-1", HOTP_TWICE).isAccepted()).isTrue();
    assertThat(reason(verify(v, "HOTP-1", HOTP_TWICE))).isEqualTo(Reason.REPLAYED);

    String next = OtpOracle.code(OtpOracle.mac(SEED_20, HmacAlgorithm.SHA1), C + 2);
    assertThat(verify(v, "HOTP-1", next).detail()).isEqualTo(new OtpMatch(C + 2, 0));
  }
}
