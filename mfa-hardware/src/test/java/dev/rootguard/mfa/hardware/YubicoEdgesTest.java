package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Yubico OTP edges: public ids of 2 to 32 modhex characters (even in number, either case), OTPs of
 * 34 to 64 characters, the 15-bit session counter, and a key removed or disabled while an OTP is
 * being checked.
 */
class YubicoEdgesTest {
  static final Principal ALICE = Principal.of("alice");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
  static final String PRIVATE_ID = "8792ebfe26cc";
  static final String AES = "ecde18dbe76fbd0c33330f1c354871db";

  static YubicoKey key(String publicId) {
    return YubicoKey.fromHex(publicId, PRIVATE_ID, AES);
  }

  // ---- YubicoKey public ids ----

  @Test
  void publicId_twoAnd32Modhex_accepted_upperCaseLowered() {
    assertThat(key("cb").publicId()).isEqualTo("cb");
    String max = "cbdefghijklnrtuv".repeat(2);
    assertThat(key(max).publicId()).isEqualTo(max);
    assertThat(key("VVCCCCCBHLNC").publicId()).isEqualTo("vvcccccbhlnc");
    assertThat(key("vvcccccbhlnc").publicIdBytes())
        .isEqualTo(java.util.HexFormat.of().parseHex("ff0000016ab0"));
  }

  @Test
  void publicId_emptyOddTooLongOrNotModhex_refusedNamingPublicId() {
    for (String bad :
        List.of(
            "",
            "c",
            "ccc",
            "vvcccccbhln",
            "cbdefghijklnrtuv".repeat(2) + "cb",
            "vvcccccbhlna",
            "vvcccccbhln0",
            "vvcccccbhlnç")) {
      assertThatThrownBy(() -> key(bad))
          .as("'%s'", bad)
          .isInstanceOfSatisfying(
              InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("publicId"));
    }
  }

  @Test
  void privateIdAndAesKey_exactLengths() {
    assertThatThrownBy(() -> YubicoKey.fromHex("cb", "8792ebfe26", AES))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("privateId"));
    assertThatThrownBy(() -> YubicoKey.fromHex("cb", PRIVATE_ID, AES + "00"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("aesKey"));
    assertThatThrownBy(() -> YubicoKey.fromHex("cb", "zz92ebfe26cc", AES))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("privateId"));
  }

  // ---- OTP lengths ----

  MfaResult verify(YubicoKeyStore store, String otp) {
    return YubicoOtpVerifier.builder(store)
        .clock(CLOCK)
        .build()
        .verify(MfaAttempt.builder(ALICE, Factor.YUBICO_OTP).response(otp).build());
  }

  static Reason reason(MfaResult r) {
    assertThat(r.isAccepted()).as("rejected: %s", r).isFalse();
    return ((MfaResult.Rejected) r).reason();
  }

  @Test
  void otp_shortestAndLongestPublicIds_accepted() {
    InMemoryTokenStore store = new InMemoryTokenStore();
    YubicoKey shortest = key("cb");
    YubicoKey longest = key("cbdefghijklnrtuv".repeat(2));
    store.addYubicoKey(shortest, ALICE);
    store.addYubicoKey(longest, ALICE);
    String a = YubicoOtps.otp(shortest, 1, 1, 0, 1);
    String b = YubicoOtps.otp(longest, 1, 1, 0, 1);
    assertThat(a).hasSize(34);
    assertThat(b).hasSize(64);
    assertThat(verify(store, a).isAccepted()).isTrue();
    assertThat(verify(store, b).isAccepted()).isTrue();
  }

  @Test
  void otp_mixedCasePublicId_foundLowerCase() {
    InMemoryTokenStore store = new InMemoryTokenStore();
    YubicoKey k = key("vvcccccbhlnc");
    store.addYubicoKey(k, ALICE);
    String otp = YubicoOtps.otp(k, 1, 1, 0, 1);
    String mixed = "VvCcCccbhlnc" + otp.substring(12);
    assertThat(verify(store, mixed).isAccepted()).isTrue();
  }

  @Test
  void otp_outside34To64OrOdd_malformed() {
    InMemoryTokenStore store = new InMemoryTokenStore();
    YubicoKey k = key("vvcccccbhlnc");
    store.addYubicoKey(k, ALICE);
    String otp = YubicoOtps.otp(k, 1, 1, 0, 1);
    String token = otp.substring(12);
    for (String bad :
        List.of(
            token, // 32: no public id
            "c" + token, // 33
            "cbdefghijklnrtuv".repeat(2) + "cc" + token, // 66
            "cbdefghijklnrtuv".repeat(2) + "c" + token, // 65
            "vvcccccbhln" + token)) { // odd
      assertThat(reason(verify(store, bad)))
          .as("%d chars", bad.length())
          .isEqualTo(Reason.MALFORMED_INPUT);
    }
  }

  @Test
  void sessionCounter_bothBytes_capsLockBitMasked() {
    InMemoryTokenStore store = new InMemoryTokenStore();
    YubicoKey k = key("vvcccccbhlnc");
    store.addYubicoKey(k, ALICE);
    MfaResult r = verify(store, YubicoOtps.otp(k, 0x1234, 7, 2, 1));
    assertThat(((MfaResult.Accepted) r).detail()).isEqualTo(new YubicoOtpMatch(0x1234, 2, 7));
    MfaResult caps = verify(store, YubicoOtps.otp(k, 0x8000 | 0x1301, 7, 0, 1));
    assertThat(((MfaResult.Accepted) caps).detail()).isEqualTo(new YubicoOtpMatch(0x1301, 0, 7));
  }

  @Test
  void guardsReplay_bothVerifiers() {
    InMemoryTokenStore store = new InMemoryTokenStore();
    assertThat(YubicoOtpVerifier.builder(store).build().guardsReplay()).isTrue();
    assertThat(HardwareTokenVerifier.builder(store).build().guardsReplay()).isTrue();
  }

  // ---- losing the compare-and-set race ----

  @Test
  void keyRemovedWhileVerifying_unknown() {
    RacingKeys s = new RacingKeys(d -> d.removeYubicoKey("vvcccccbhlnc"));
    assertThat(reason(verify(s, YubicoOtps.otp(s.key, 1, 1, 0, 1))))
        .isEqualTo(Reason.UNKNOWN_CREDENTIAL);
  }

  @Test
  void keyDisabledWhileVerifying_disabled() {
    RacingKeys s =
        new RacingKeys(d -> d.updateYubicoKey("vvcccccbhlnc", st -> st.withDisabled(true)));
    assertThat(reason(verify(s, YubicoOtps.otp(s.key, 1, 1, 0, 1))))
        .isEqualTo(Reason.CREDENTIAL_DISABLED);
  }

  @Test
  void sameOtpAcceptedMeanwhile_replayed() {
    RacingKeys s =
        new RacingKeys(
            d -> {
              TokenState st = d.yubicoKeyState("vvcccccbhlnc").orElseThrow();
              d.compareAndSetYubicoKey("vvcccccbhlnc", st, st.withAccepted(256 + 0, 0));
            });
    assertThat(reason(verify(s, YubicoOtps.otp(s.key, 1, 1, 0, 1)))).isEqualTo(Reason.REPLAYED);
  }

  /** Holds one key (owned by alice); another writer acts just before the first compare-and-set. */
  static final class RacingKeys implements YubicoKeyStore {
    final InMemoryTokenStore d = new InMemoryTokenStore();
    final YubicoKey key = key("vvcccccbhlnc");
    final Consumer<InMemoryTokenStore> meanwhile;
    boolean raced;

    RacingKeys(Consumer<InMemoryTokenStore> meanwhile) {
      this.meanwhile = meanwhile;
      d.addYubicoKey(key, ALICE);
    }

    @Override
    public void addYubicoKey(YubicoKey k) {
      d.addYubicoKey(k);
    }

    @Override
    public Optional<YubicoKey> yubicoKey(String publicId) {
      return d.yubicoKey(publicId);
    }

    @Override
    public Optional<TokenState> yubicoKeyState(String publicId) {
      return d.yubicoKeyState(publicId);
    }

    @Override
    public boolean compareAndSetYubicoKey(
        String publicId, TokenState expected, TokenState updated) {
      if (!raced) {
        raced = true;
        meanwhile.accept(d);
      }
      return d.compareAndSetYubicoKey(publicId, expected, updated);
    }

    @Override
    public boolean removeYubicoKey(String publicId) {
      return d.removeYubicoKey(publicId);
    }

    @Override
    public List<String> yubicoPublicIds() {
      return d.yubicoPublicIds();
    }
  }
}
