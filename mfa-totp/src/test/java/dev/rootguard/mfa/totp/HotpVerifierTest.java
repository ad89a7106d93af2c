package dev.rootguard.mfa.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HotpVerifierTest {
  // RFC 4226 Appendix D: 755224 287082 359152 969429 338314 254676 287922 162583 399871 520489
  private final OtpSecret secret =
      OtpSecret.fromBytes("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
  private final Principal root = Principal.of("root");
  private final HotpCredential fob =
      HotpCredential.builder(CredentialId.of("fob-1"), root, secret).build();
  private final OtpStateStore store = OtpStateStore.inMemory();
  private final MutableClock clock = MutableClock.at(1_700_000_000L);
  private final HotpVerifier verifier =
      HotpVerifier.builder()
          .clock(clock)
          .stateStore(store)
          .lookAhead(3)
          .resyncWindow(50)
          .credentials(id -> id.equals(fob.id()) ? Optional.of(fob) : Optional.empty())
          .build();

  private static Reason reason(MfaResult r) {
    return ((MfaResult.Rejected) r).reason();
  }

  @Test
  void verify_codesInOrder_acceptedAndCounterAdvances() {
    assertThat(verifier.verify(fob, "755224").detail()).isEqualTo(new OtpMatch(0, 0));
    assertThat(verifier.verify(fob, "287082").detail()).isEqualTo(new OtpMatch(1, 0));
    assertThat(store.load(fob.id()).lastStep()).isEqualTo(1);
  }

  @Test
  void verify_withinLookAhead_acceptedAndSkippedCountersBurned() {
    assertThat(verifier.verify(fob, "969429").detail()).isEqualTo(new OtpMatch(3, 0));
    assertThat(reason(verifier.verify(fob, "359152"))).isEqualTo(Reason.WRONG_CODE);
    assertThat(verifier.verify(fob, "338314").isAccepted()).isTrue();
  }

  @Test
  void verify_beyondLookAhead_wrongCodeAndNothingStored() {
    assertThat(reason(verifier.verify(fob, "338314"))).isEqualTo(Reason.WRONG_CODE); // counter 4
    assertThat(store.load(fob.id())).isEqualTo(OtpState.NEVER_USED);
  }

  @Test
  void verify_lastCodeAgain_replayed() {
    assertThat(verifier.verify(fob, "755224").isAccepted()).isTrue();
    assertThat(reason(verifier.verify(fob, "755224"))).isEqualTo(Reason.REPLAYED);
  }

  @Test
  void verify_malformed_rejected() {
    assertThat(reason(verifier.verify(fob, "75522"))).isEqualTo(Reason.MALFORMED_INPUT);
    assertThat(reason(verifier.verify(fob, "75522x"))).isEqualTo(Reason.MALFORMED_INPUT);
  }

  @Test
  void resync_twoConsecutiveCodesFarAhead_counterMovesPastSecond() {
    assertThat(reason(verifier.verify(fob, "162583"))).isEqualTo(Reason.WRONG_CODE); // counter 7
    MfaResult r = verifier.resync(fob, "162583", "399871");
    assertThat(r.detail()).isEqualTo(new OtpMatch(8, 0));
    assertThat(verifier.verify(fob, "520489").detail()).isEqualTo(new OtpMatch(9, 0));
    assertThat(reason(verifier.verify(fob, "520489"))).isEqualTo(Reason.REPLAYED);
  }

  @Test
  void resync_codesFarAheadGeneratedFromSecret_found() {
    long c = 40;
    String a = Hotp.code(secret, HmacAlgorithm.SHA1, 6, c);
    String b = Hotp.code(secret, HmacAlgorithm.SHA1, 6, c + 1);
    assertThat(verifier.resync(fob, a, b).detail()).isEqualTo(new OtpMatch(c + 1, 0));
  }

  @Test
  void resync_nonConsecutiveOrBeyondWindow_wrongAndNothingStored() {
    assertThat(reason(verifier.resync(fob, "399871", "162583"))).isEqualTo(Reason.WRONG_CODE);
    assertThat(reason(verifier.resync(fob, "755224", "359152"))).isEqualTo(Reason.WRONG_CODE);
    String a = Hotp.code(secret, HmacAlgorithm.SHA1, 6, 80);
    String b = Hotp.code(secret, HmacAlgorithm.SHA1, 6, 81);
    assertThat(reason(verifier.resync(fob, a, b))).isEqualTo(Reason.WRONG_CODE);
    assertThat(store.load(fob.id())).isEqualTo(OtpState.NEVER_USED);
  }

  @Test
  void initialCounter_lowerCountersRefused() {
    HotpCredential later =
        HotpCredential.builder(CredentialId.of("fob-2"), root, secret).initialCounter(5).build();
    assertThat(reason(verifier.verify(later, "338314"))).isEqualTo(Reason.WRONG_CODE);
    assertThat(verifier.verify(later, "254676").detail()).isEqualTo(new OtpMatch(5, 0));
  }

  @Test
  void spi_notOwnedAndUnknown() {
    MfaAttempt other = MfaAttempt.of(Principal.of("eve"), Factor.HARDWARE_OTP, fob.id(), "755224");
    assertThat(reason(verifier.verify(other))).isEqualTo(Reason.CREDENTIAL_NOT_OWNED);
    MfaAttempt unknown = MfaAttempt.of(root, Factor.HARDWARE_OTP, CredentialId.of("x"), "755224");
    assertThat(reason(verifier.verify(unknown))).isEqualTo(Reason.UNKNOWN_CREDENTIAL);
    MfaAttempt good = MfaAttempt.of(root, Factor.HARDWARE_OTP, fob.id(), "755224");
    assertThat(verifier.verify(good).isAccepted()).isTrue();
    assertThat(verifier.factors()).containsExactly(Factor.HARDWARE_OTP);
    assertThatThrownBy(() -> verifier.verify(MfaAttempt.of(root, Factor.TOTP_APP, fob.id(), "1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builder_outOfRange_namesField() {
    assertThatThrownBy(() -> HotpVerifier.builder().lookAhead(101))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("lookAhead"));
    assertThatThrownBy(() -> HotpVerifier.builder().resyncWindow(0))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("resyncWindow"));
    assertThatThrownBy(() -> HotpCredential.builder(fob.id(), root, secret).initialCounter(-1))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("counter"));
    assertThatThrownBy(() -> HotpCredential.builder(fob.id(), root, secret).digits(9))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("digits"));
  }
}
