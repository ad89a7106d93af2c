package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class YubicoOtpVerifierTest {
  static final Principal ALICE = Principal.of("alice");
  static final Principal BOB = Principal.of("bob");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

  InMemoryTokenStore store;
  YubicoKey key;
  YubicoOtpVerifier verifier;

  @BeforeEach
  void setUp() {
    store = new InMemoryTokenStore();
    key = YubicoKey.fromHex("vvcccccbhlnc", "8792ebfe26cc", "ecde18dbe76fbd0c33330f1c354871db");
    store.addYubicoKey(key);
    store.assignYubicoKey(key.publicId(), ALICE);
    verifier = YubicoOtpVerifier.builder(store).clock(CLOCK).build();
  }

  MfaResult verify(Principal p, String otp) {
    return verifier.verify(MfaAttempt.builder(p, Factor.YUBICO_OTP).response(otp).build());
  }

  static Reason reason(MfaResult r) {
    assertThat(r.isAccepted()).as("rejected").isFalse();
    return ((MfaResult.Rejected) r).reason();
  }

  @Test
  void verify_freshOtp_acceptedWithCounters() {
    MfaResult r = verify(ALICE, YubicoOtps.otp(key, 5, 0x123456, 3, 0xbeef));
    assertThat(r.isAccepted()).isTrue();
    MfaResult.Accepted a = (MfaResult.Accepted) r;
    assertThat(a.credential()).isEqualTo(CredentialId.of("vvcccccbhlnc"));
    assertThat(a.detail()).isEqualTo(new YubicoOtpMatch(5, 3, 0x123456));
    assertThat(a.detail().sequence()).hasValue(5 * 256 + 3);
  }

  @Test
  void verify_upperCaseOtp_accepted() {
    assertThat(verify(ALICE, YubicoOtps.otp(key, 1, 0, 0, 1).toUpperCase()).isAccepted()).isTrue();
  }

  @Test
  void verify_sameOtpTwice_replayed() {
    String otp = YubicoOtps.otp(key, 5, 1, 3, 7);
    assertThat(verify(ALICE, otp).isAccepted()).isTrue();
    assertThat(reason(verify(ALICE, otp))).isEqualTo(Reason.REPLAYED);
  }

  @Test
  void verify_olderOtp_replayed() {
    String older = YubicoOtps.otp(key, 5, 1, 3, 7);
    String newer = YubicoOtps.otp(key, 5, 2, 4, 7);
    String newSession = YubicoOtps.otp(key, 6, 2, 0, 7);
    assertThat(verify(ALICE, newer).isAccepted()).isTrue();
    assertThat(reason(verify(ALICE, older))).isEqualTo(Reason.REPLAYED);
    assertThat(verify(ALICE, newSession).isAccepted()).isTrue();
    assertThat(reason(verify(ALICE, YubicoOtps.otp(key, 5, 9, 255, 1)))).isEqualTo(Reason.REPLAYED);
  }

  @Test
  void verify_capsLockBit_ignoredInCounter() {
    assertThat(verify(ALICE, YubicoOtps.otp(key, 0x8000 | 9, 1, 0, 7)).isAccepted()).isTrue();
    assertThat(reason(verify(ALICE, YubicoOtps.otp(key, 9, 1, 0, 8)))).isEqualTo(Reason.REPLAYED);
  }

  @Test
  void verify_wrongPrivateId_wrongCode() {
    YubicoKey impostor =
        YubicoKey.fromHex("vvcccccbhlnc", "000000000000", "ecde18dbe76fbd0c33330f1c354871db");
    assertThat(reason(verify(ALICE, YubicoOtps.otp(impostor, 1, 1, 1, 1))))
        .isEqualTo(Reason.WRONG_CODE);
  }

  @Test
  void verify_wrongAesKey_wrongCode() {
    YubicoKey impostor =
        YubicoKey.fromHex("vvcccccbhlnc", "8792ebfe26cc", "00de18dbe76fbd0c33330f1c354871db");
    assertThat(reason(verify(ALICE, YubicoOtps.otp(impostor, 1, 1, 1, 1))))
        .isEqualTo(Reason.WRONG_CODE);
  }

  @Test
  void verify_rejectedOtp_doesNotChangeState() {
    TokenState before = store.yubicoKeyState(key.publicId()).orElseThrow();
    String otp = YubicoOtps.otp(key, 1, 1, 1, 1);
    String tampered =
        otp.substring(0, 20) + (otp.charAt(20) == 'c' ? 'b' : 'c') + otp.substring(21);
    assertThat(reason(verify(ALICE, tampered))).isEqualTo(Reason.WRONG_CODE);
    assertThat(store.yubicoKeyState(key.publicId())).contains(before);
  }

  @Test
  void verify_malformed() {
    assertThat(reason(verify(ALICE, ""))).isEqualTo(Reason.MALFORMED_INPUT);
    assertThat(reason(verify(ALICE, "vvcccccbhlnc"))).isEqualTo(Reason.MALFORMED_INPUT);
    String otp = YubicoOtps.otp(key, 1, 1, 1, 1);
    assertThat(reason(verify(ALICE, otp.substring(1)))).isEqualTo(Reason.MALFORMED_INPUT);
    assertThat(reason(verify(ALICE, otp.replace('c', 'a')))).isEqualTo(Reason.MALFORMED_INPUT);
    assertThat(reason(verify(ALICE, otp + "\n"))).isEqualTo(Reason.MALFORMED_INPUT);
    assertThat(reason(verify(ALICE, "x".repeat(100_000)))).isEqualTo(Reason.MALFORMED_INPUT);
  }

  @Test
  void verify_unknownPublicId_unknownCredential() {
    YubicoKey other =
        YubicoKey.fromHex("cccccccccccb", "8792ebfe26cc", "ecde18dbe76fbd0c33330f1c354871db");
    assertThat(reason(verify(ALICE, YubicoOtps.otp(other, 1, 1, 1, 1))))
        .isEqualTo(Reason.UNKNOWN_CREDENTIAL);
  }

  @Test
  void verify_otherOwner_notOwned() {
    assertThat(reason(verify(BOB, YubicoOtps.otp(key, 1, 1, 1, 1))))
        .isEqualTo(Reason.CREDENTIAL_NOT_OWNED);
  }

  @Test
  void verify_unassignedKey_notAssigned() {
    YubicoKey free =
        YubicoKey.fromHex("cccccccccccd", "8792ebfe26cc", "ecde18dbe76fbd0c33330f1c354871db");
    store.addYubicoKey(free);
    assertThat(reason(verify(ALICE, YubicoOtps.otp(free, 1, 1, 1, 1))))
        .isEqualTo(Reason.CREDENTIAL_NOT_ASSIGNED);
    assertThat(reason(verify(BOB, YubicoOtps.otp(free, 1, 1, 1, 1))))
        .isEqualTo(Reason.CREDENTIAL_NOT_ASSIGNED);
    store.assignYubicoKey(free.publicId(), ALICE);
    assertThat(verify(ALICE, YubicoOtps.otp(free, 1, 1, 1, 1)).isAccepted()).isTrue();
  }

  @Test
  void verify_attemptNamesOtherCredential_notOwned() {
    MfaAttempt a =
        MfaAttempt.of(
            ALICE,
            Factor.YUBICO_OTP,
            CredentialId.of("cccccccccccb"),
            YubicoOtps.otp(key, 1, 1, 1, 1));
    assertThat(reason(verifier.verify(a))).isEqualTo(Reason.CREDENTIAL_NOT_OWNED);
  }

  @Test
  void verify_disabled() {
    store.updateYubicoKey(key.publicId(), s -> s.withDisabled(true));
    assertThat(reason(verify(ALICE, YubicoOtps.otp(key, 1, 1, 1, 1))))
        .isEqualTo(Reason.CREDENTIAL_DISABLED);
  }

  @Test
  void verify_throughAuthenticator_accepted() {
    MfaAuthenticator mfa = MfaAuthenticator.builder().verifier(verifier).clock(CLOCK).build();
    MfaResult r =
        mfa.authenticate(
            MfaAttempt.builder(ALICE, Factor.YUBICO_OTP)
                .response(YubicoOtps.otp(key, 2, 2, 2, 2))
                .build());
    assertThat(r.isAccepted()).isTrue();
  }

  @RepeatedTest(5)
  void verify_16ConcurrentSubmissionsOfOneOtp_acceptOnce() throws Exception {
    String otp = YubicoOtps.otp(key, 100, 1, 1, 1);
    List<MfaResult> results = ConcurrentAttempts.race(16, () -> verify(ALICE, otp));
    ConcurrentAttempts.assertOneAcceptedRestReplayed(results);
  }

  @Test
  void key_toString_redacted_andValidated() {
    assertThat(key.toString())
        .contains("vvcccccbhlnc")
        .doesNotContain("ecde18")
        .doesNotContain("8792eb");
    assertThatThrownBy(
            () ->
                YubicoKey.fromHex("vvcccccbhlnc", "8792ebfe26", "ecde18dbe76fbd0c33330f1c354871db"))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("privateId");
    assertThatThrownBy(
            () -> YubicoKey.fromHex("abc", "8792ebfe26cc", "ecde18dbe76fbd0c33330f1c354871db"))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("publicId");
    assertThatThrownBy(() -> YubicoKey.fromHex("vvcccccbhlnc", "8792ebfe26cc", "zz"))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("aesKey");
  }
}
