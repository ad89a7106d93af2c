package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.Totp;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class HardwareProperties {
  static final Principal ROOT = Principal.of("root");

  @Provide
  Arbitrary<String> pskcLike() {
    Arbitrary<String> fragments =
        Arbitraries.of(
            "<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\">",
            "</KeyContainer>",
            "<KeyPackage>",
            "</KeyPackage>",
            "<Key Id=\"x\" Algorithm=\"urn:ietf:params:xml:ns:keyprov:pskc:totp\">",
            "</Key>",
            "<Data>",
            "</Data>",
            "<Secret>",
            "</Secret>",
            "<PlainValue>",
            "</PlainValue>",
            "MTIzNA==",
            "<EncryptedValue>",
            "</EncryptedValue>",
            "<Counter>",
            "</Counter>",
            "12",
            "-1",
            "&amp;",
            "<!--c-->",
            "<TimeInterval>",
            "</TimeInterval>",
            "<ResponseFormat Length=\"x\"/>",
            "<Policy><ExpiryDate>",
            "</ExpiryDate></Policy>");
    return fragments.list().ofMaxSize(30).map(l -> String.join("", l));
  }

  @Property(tries = 300)
  void pskcParser_onlyEverThrowsInvalidInput(@ForAll("pskcLike") String xml) {
    try {
      PskcImport r =
          Pskc.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), PskcKey.none());
      assertThat(r.tokens().size() + r.errors().size()).isPositive();
    } catch (InvalidInputException expected) {
      assertThat(expected.field()).isNotEmpty();
    }
  }

  @Property(tries = 200)
  void pskcParser_randomBytes_onlyInvalidInput(@ForAll @Size(max = 300) byte[] junk) {
    try {
      Pskc.read(new ByteArrayInputStream(junk), PskcKey.none());
    } catch (InvalidInputException expected) {
      assertThat(expected.field()).isNotEmpty();
    }
  }

  @Property(tries = 300)
  void modhexTable_decodesLikeYubiKit(@ForAll @Size(max = 40) byte[] raw, @ForAll boolean upper) {
    String m = com.yubico.yubikit.core.otp.Modhex.encode(raw);
    if (upper) {
      m = m.toUpperCase(java.util.Locale.ROOT);
    }
    assertThat(dev.rootguard.mfa.hardware.internal.ModhexTable.isModhex(m, 0, m.length())).isTrue();
    assertThat(dev.rootguard.mfa.hardware.internal.ModhexTable.decode(m, 0, m.length()))
        .isEqualTo(com.yubico.yubikit.core.otp.Modhex.decode(m));
  }

  @Property(tries = 300)
  void modhexTable_rejectsWhatYubiKitRejects(@ForAll @Size(min = 2, max = 10) String s) {
    String even = s.length() % 2 == 0 ? s : s.substring(1);
    boolean yubikitOk;
    try {
      com.yubico.yubikit.core.otp.Modhex.decode(even);
      yubikitOk = true;
    } catch (IllegalArgumentException e) {
      yubikitOk = false;
    }
    // YubiKit lower-cases with the default locale first; ours accepts ASCII upper case only.
    boolean asciiOnly = even.chars().allMatch(c -> c < 128);
    if (asciiOnly) {
      assertThat(dev.rootguard.mfa.hardware.internal.ModhexTable.isModhex(even, 0, even.length()))
          .isEqualTo(yubikitOk);
    }
  }

  /** One rule everywhere (issue 11 §3.1): 10 to 128 bytes, refused naming only the length. */
  @Property(tries = 300)
  void tokenBuilder_acceptsExactly10To128ByteSeeds(
      @ForAll @Size(max = 160) byte[] seed, @ForAll OathType type) {
    boolean usable = seed.length >= 10 && seed.length <= 128;
    try {
      HardwareToken t = HardwareToken.builder("S", type, seed).build();
      assertThat(usable).as("accepted a %d-byte seed", seed.length).isTrue();
      // Every token that can be built can also compute codes.
      assertThat(OtpSecret.fromBytes(t.revealSecret()).length()).isEqualTo(seed.length);
    } catch (InvalidInputException e) {
      assertThat(usable).as("refused a %d-byte seed", seed.length).isFalse();
      assertThat(e.field()).isEqualTo("secret");
      assertThat(e.getMessage())
          .contains("was " + seed.length + " bytes")
          .contains("10 to 128 bytes");
      if (seed.length >= 4) {
        assertThat(e.getMessage())
            .doesNotContain(HexFormat.of().formatHex(seed))
            .doesNotContain(Base64.getEncoder().encodeToString(seed));
      }
    }
  }

  @Property(tries = 200)
  void tokenToString_neverRevealsTheSecret(@ForAll @Size(min = 10, max = 64) byte[] seed) {
    HardwareToken t = HardwareToken.builder("S", OathType.TOTP, seed).build();
    String s = t.toString();
    assertThat(s)
        .doesNotContain(HexFormat.of().formatHex(seed))
        .doesNotContain(Base64.getEncoder().encodeToString(seed));
  }

  @Property(tries = 300)
  void yubicoVerifier_neverThrows_onAnyString(@ForAll @Size(max = 80) String otp) {
    InMemoryTokenStore store = new InMemoryTokenStore();
    YubicoKey k =
        YubicoKey.fromHex("vvcccccbhlnc", "8792ebfe26cc", "ecde18dbe76fbd0c33330f1c354871db");
    store.addYubicoKey(k);
    store.assignYubicoKey(k.publicId(), ROOT);
    MfaResult r =
        YubicoOtpVerifier.builder(store)
            .build()
            .verify(MfaAttempt.builder(ROOT, Factor.YUBICO_OTP).response(otp).build());
    assertThat(r.isAccepted()).isFalse();
  }

  @Property(tries = 200)
  void yubicoOtp_freshAccepted_replayRejected(
      @ForAll @IntRange(min = 0, max = 0x7fff) int counter,
      @ForAll @IntRange(min = 0, max = 255) int use,
      @ForAll @IntRange(min = 0, max = 0xffffff) int ts,
      @ForAll @IntRange(min = 0, max = 0xffff) int rnd) {
    InMemoryTokenStore store = new InMemoryTokenStore();
    YubicoKey k =
        YubicoKey.fromHex("vvcccccbhlnc", "8792ebfe26cc", "ecde18dbe76fbd0c33330f1c354871db");
    store.addYubicoKey(k);
    store.assignYubicoKey(k.publicId(), ROOT);
    YubicoOtpVerifier v = YubicoOtpVerifier.builder(store).build();
    String otp = YubicoOtps.otp(k, counter, ts, use, rnd);
    assertThat(
            v.verify(MfaAttempt.builder(ROOT, Factor.YUBICO_OTP).response(otp).build())
                .isAccepted())
        .isTrue();
    MfaResult again = v.verify(MfaAttempt.builder(ROOT, Factor.YUBICO_OTP).response(otp).build());
    assertThat(((MfaResult.Rejected) again).reason()).isEqualTo(MfaResult.Reason.REPLAYED);
  }

  @Property(tries = 150)
  void totpCodeWithinOneStepOfTheDrift_accepted(
      @ForAll @Size(min = 16, max = 32) byte[] seed,
      @ForAll @LongRange(min = 1_000, max = 32_503_680_000L) long epochSecond,
      @ForAll @IntRange(min = -15, max = 15) int drift,
      @ForAll @IntRange(min = -1, max = 1) int jitter) {
    InMemoryTokenStore store = new InMemoryTokenStore();
    HardwareToken t = HardwareToken.builder("T", OathType.TOTP, seed).timeDrift(drift).build();
    store.add(t);
    store.assign("T", ROOT);
    Instant now = Instant.ofEpochSecond(epochSecond);
    HardwareTokenVerifier v =
        HardwareTokenVerifier.builder(store).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    String code =
        Totp.code(
            OtpSecret.fromBytes(seed), t.parameters(), now.plusSeconds(30L * (drift + jitter)));
    MfaResult r = v.verify(MfaAttempt.of(ROOT, Factor.HARDWARE_OTP, CredentialId.of("T"), code));
    assertThat(r.isAccepted()).isTrue();
  }

  @Provide
  Arbitrary<String> nonCanonicalCodes() {
    return Arbitraries.oneOf(
        Arbitraries.strings().numeric().ofLength(6).map(s -> "+" + s.substring(1)),
        Arbitraries.strings()
            .numeric()
            .ofLength(6)
            .map(s -> s.substring(0, 3) + " " + s.substring(4)),
        Arbitraries.strings().withCharRange('٠', '٩').ofLength(6),
        Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(5),
        Arbitraries.strings().numeric().ofMinLength(7).ofMaxLength(12),
        Arbitraries.strings().alpha().ofLength(6));
  }

  @Property(tries = 200)
  void nonCanonicalCode_isMalformed(@ForAll("nonCanonicalCodes") String code) {
    InMemoryTokenStore store = new InMemoryTokenStore();
    store.add(HardwareToken.builder("T", OathType.TOTP, new byte[20]).build());
    store.assign("T", ROOT);
    MfaResult r =
        HardwareTokenVerifier.builder(store)
            .build()
            .verify(MfaAttempt.of(ROOT, Factor.HARDWARE_OTP, CredentialId.of("T"), code));
    assertThat(((MfaResult.Rejected) r).reason()).isEqualTo(MfaResult.Reason.MALFORMED_INPUT);
  }
}
