package dev.rootguard.mfa.totp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RFC 6238 §5.2: "The verifier MUST NOT accept the second attempt of the OTP after the successful
 * validation has been issued for the first OTP", also when two steps of one window share a code.
 * The collisions below were found with {@link OtpOracle} and checked with {@code oathtool}.
 */
@DisplayName("RFC 6238 §5.2 the same code is not accepted twice")
class SameCodeTwiceTest {
  // RFC 6238 Appendix B's SHA-256 seed.
  private static final byte[] SEED_32 =
      "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
  // RFC 4226 Appendix D's seed.
  private static final byte[] SEED_20 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  // oathtool --totp=sha256 -s 208 -N @121200357824 -w 2 <hex SEED_32>: 175991 471371 471371
  private static final long T = 121_200_357_824L;
  private static final long S = 582_694_028L; // T / 208
  private static final String TOTP_TWICE = "471371"; // steps S+1 and S+2

  // oathtool --hotp -c 910737 -w 1 <hex SEED_20>: 911617 911617
  private static final long C = 910_737L;
  private static final String HOTP_TWICE = "911617"; // counters C and C+1

  private final Principal alice = Principal.of("alice");

  private static Reason reason(MfaResult r) {
    assertThat(r).isInstanceOf(MfaResult.Rejected.class);
    return ((MfaResult.Rejected) r).reason();
  }

  @Test
  void oracle_agreesWithOathtoolOnTheCollisions() {
    assertThat(OtpOracle.code(SEED_32, "HmacSHA256", 6, S + 1)).isEqualTo(TOTP_TWICE);
    assertThat(OtpOracle.code(SEED_32, "HmacSHA256", 6, S + 2)).isEqualTo(TOTP_TWICE);
    assertThat(OtpOracle.code(SEED_32, "HmacSHA256", 6, S)).isEqualTo("175991");
    assertThat(OtpOracle.code(SEED_20, "HmacSHA1", 6, C)).isEqualTo(HOTP_TWICE);
    assertThat(OtpOracle.code(SEED_20, "HmacSHA1", 6, C + 1)).isEqualTo(HOTP_TWICE);
  }

  @Test
  void totpVerify_codeOfTwoAdjacentSteps_secondSubmissionReplayed() {
    MutableClock clock = MutableClock.at(T);
    OtpStateStore store = OtpStateStore.inMemory();
    TotpVerifier verifier = TotpVerifier.builder().clock(clock).stateStore(store).build();
    TotpCredential credential =
        TotpCredential.builder(CredentialId.of("alice-phone"), alice, OtpSecret.fromBytes(SEED_32))
            .parameters(OtpParameters.of(HmacAlgorithm.SHA256, 6, 208))
            .build();

    MfaResult first = verifier.verify(credential, TOTP_TWICE);
    assertThat(first.detail()).isEqualTo(new OtpMatch(S + 1, 1));
    OtpState afterFirst = store.load(credential.id());

    assertThat(reason(verifier.verify(credential, TOTP_TWICE))).isEqualTo(Reason.REPLAYED);
    assertThat(store.load(credential.id())).isEqualTo(afterFirst);
  }

  @Test
  void totpVerify_codeOfTwoAdjacentSteps_replayedInTheNextStepToo() {
    MutableClock clock = MutableClock.at(T);
    TotpVerifier verifier = TotpVerifier.builder().clock(clock).build();
    TotpCredential credential =
        TotpCredential.builder(CredentialId.of("alice-phone"), alice, OtpSecret.fromBytes(SEED_32))
            .parameters(OtpParameters.of(HmacAlgorithm.SHA256, 6, 208))
            .build();
    assertThat(verifier.verify(credential, TOTP_TWICE).isAccepted()).isTrue();

    clock.set(java.time.Instant.ofEpochSecond(T + 208)); // now S+1: the device shows S+2's code
    assertThat(reason(verifier.verify(credential, TOTP_TWICE))).isEqualTo(Reason.REPLAYED);
  }

  @Test
  void hotpVerify_codeOfTwoAdjacentCounters_secondSubmissionReplayed() {
    OtpStateStore store = OtpStateStore.inMemory();
    HotpVerifier verifier =
        HotpVerifier.builder().clock(MutableClock.at(T)).stateStore(store).lookAhead(0).build();
    HotpCredential fob =
        HotpCredential.builder(CredentialId.of("fob"), alice, OtpSecret.fromBytes(SEED_20))
            .initialCounter(C)
            .build();

    assertThat(verifier.verify(fob, HOTP_TWICE).detail()).isEqualTo(new OtpMatch(C, 0));

    assertThat(reason(verifier.verify(fob, HOTP_TWICE))).isEqualTo(Reason.REPLAYED);
    assertThat(store.load(fob.id())).isEqualTo(new OtpState(C, 0));
  }

  @Test
  void hotpVerify_afterCollision_nextDistinctCodeStillAccepted() {
    HotpVerifier verifier = HotpVerifier.builder().clock(MutableClock.at(T)).lookAhead(2).build();
    HotpCredential fob =
        HotpCredential.builder(CredentialId.of("fob"), alice, OtpSecret.fromBytes(SEED_20))
            .initialCounter(C)
            .build();
    assertThat(verifier.verify(fob, HOTP_TWICE).isAccepted()).isTrue();
    assertThat(reason(verifier.verify(fob, HOTP_TWICE))).isEqualTo(Reason.REPLAYED);

    String next = OtpOracle.code(SEED_20, "HmacSHA1", 6, C + 2);
    assertThat(verifier.verify(fob, next).detail()).isEqualTo(new OtpMatch(C + 2, 0));
  }
}
