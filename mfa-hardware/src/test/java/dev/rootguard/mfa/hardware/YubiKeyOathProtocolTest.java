package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.Hotp;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.Totp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * YKOATH details from Yubico's protocol description
 * (https://developers.yubico.com/OATH/YKOATH_Protocol.html): the SELECT answer (version tag 0x79,
 * challenge tag 0x74 when a password is set), LIST entries (tag 0x72: one byte type 0x10 HOTP /
 * 0x20 TOTP OR algorithm 0x01 SHA1 / 0x02 SHA256 / 0x03 SHA512, then the name), names up to 64
 * bytes, 6 to 8 digits, the initial moving factor (tag 0x7a, 4 bytes) for HOTP only, and HMAC key
 * handling (keys longer than the hash block are hashed first, as HMAC does). Runs against {@link
 * VirtualOathCard} directly (no PC/SC) or against canned card answers.
 */
class YubiKeyOathProtocolTest {
  static final byte[] OK = {(byte) 0x90, 0x00};

  final VirtualOathCard card = new VirtualOathCard(0);
  final List<byte[]> sent = new ArrayList<>();

  /** A connection to the virtual card that records every APDU and may replace answers. */
  YubiKeyOathTest.Direct connection(UnaryOperator<byte[]> answerFor) {
    return new YubiKeyOathTest.Direct(card) {
      @Override
      public byte[] sendAndReceive(byte[] apdu) {
        sent.add(apdu.clone());
        byte[] canned = answerFor.apply(apdu);
        return canned != null ? canned : card.transmit(apdu);
      }
    };
  }

  YubiKeyOath open() {
    return YubiKeyOath.open(connection(a -> null));
  }

  static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] tlv(int tag, byte[] value) {
    return concat(new byte[] {(byte) tag, (byte) value.length}, value);
  }

  static boolean isSelect(byte[] apdu) {
    return (apdu[1] & 0xff) == 0xa4;
  }

  static boolean isIns(byte[] apdu, int ins) {
    return (apdu[1] & 0xff) == ins;
  }

  // ---- SELECT ----

  @Test
  void select_versionFromTag79_shownByToString() {
    YubiKeyOath oath = open();
    assertThat(oath.version()).isEqualTo("5.4.3");
    assertThat(oath.toString()).contains("5.4.3");
  }

  @Test
  void select_versionBytesAreUnsigned() {
    YubiKeyOath oath =
        YubiKeyOath.open(
            connection(
                a ->
                    isSelect(a)
                        ? concat(tlv(0x79, new byte[] {(byte) 200, (byte) 129, 7}), OK)
                        : null));
    assertThat(oath.version()).isEqualTo("200.129.7");
  }

  @Test
  void select_shortOrMissingVersion_unknown() {
    assertThat(
            YubiKeyOath.open(
                    connection(a -> isSelect(a) ? concat(tlv(0x79, new byte[] {5, 4}), OK) : null))
                .version())
        .isEqualTo("unknown");
    assertThat(
            YubiKeyOath.open(
                    connection(a -> isSelect(a) ? concat(tlv(0x71, new byte[] {1, 2}), OK) : null))
                .version())
        .isEqualTo("unknown");
  }

  @Test
  void select_passwordProtected_refused() {
    assertThatThrownBy(
            () ->
                YubiKeyOath.open(
                    connection(
                        a ->
                            isSelect(a)
                                ? concat(
                                    tlv(0x79, new byte[] {5, 4, 3}), tlv(0x74, new byte[8]), OK)
                                : null)))
        .isInstanceOf(YubiKeyException.class)
        .hasMessageContaining("password-protected");
  }

  // ---- LIST ----

  @Test
  void list_typeAlgorithmNameAndPeriod_decoded() {
    byte[] answer =
        concat(
            tlv(0x72, concat(new byte[] {0x21}, "totp-sha1".getBytes())),
            tlv(0x72, concat(new byte[] {0x12}, "hotp-sha256".getBytes())),
            tlv(0x72, concat(new byte[] {0x23}, "60/totp-sha512".getBytes())),
            tlv(0x72, new byte[0]), // empty entry: skipped
            tlv(0x71, "not-a-list-entry".getBytes()), // other tag: skipped
            OK);
    YubiKeyOath oath = YubiKeyOath.open(connection(a -> isIns(a, 0xa1) ? answer : null));
    List<OathCredential> list = oath.listCredentials();
    assertThat(list).hasSize(3);
    assertThat(list.get(0))
        .isEqualTo(
            new OathCredential(
                "totp-sha1", OathType.TOTP, HmacAlgorithm.SHA1, Duration.ofSeconds(30)));
    assertThat(list.get(1).name()).isEqualTo("hotp-sha256");
    assertThat(list.get(1).type()).isEqualTo(OathType.HOTP);
    assertThat(list.get(1).algorithm()).isEqualTo(HmacAlgorithm.SHA256);
    assertThat(list.get(2).name()).isEqualTo("60/totp-sha512");
    assertThat(list.get(2).type()).isEqualTo(OathType.TOTP);
    assertThat(list.get(2).algorithm()).isEqualTo(HmacAlgorithm.SHA512);
    assertThat(list.get(2).period()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void list_unknownAlgorithm_malformed() {
    byte[] answer = concat(tlv(0x72, concat(new byte[] {0x24}, "x".getBytes())), OK);
    YubiKeyOath oath = YubiKeyOath.open(connection(a -> isIns(a, 0xa1) ? answer : null));
    assertThatThrownBy(oath::listCredentials)
        .isInstanceOf(YubiKeyException.class)
        .hasMessageContaining("malformed LIST");
  }

  @Test
  void list_afterPut_everyTypeAndAlgorithm_roundTrips() {
    YubiKeyOath oath = open();
    OtpSecret s = OtpSecret.generate();
    oath.putCredential("a", OathType.TOTP, HmacAlgorithm.SHA1, 6, s, 0);
    oath.putCredential("b", OathType.HOTP, HmacAlgorithm.SHA256, 7, s, 0);
    oath.putCredential("c", OathType.TOTP, HmacAlgorithm.SHA512, 8, s, 0);
    assertThat(oath.listCredentials())
        .extracting(c -> c.name() + " " + c.type() + " " + c.algorithm())
        .containsExactly("a TOTP SHA1", "b HOTP SHA256", "c TOTP SHA512");
  }

  // ---- names and periods ----

  @Test
  void period_fromThePrefix_oneToThreeThousandSixHundredSeconds_elseThirty() {
    assertThat(YubiKeyOath.periodOf("1/x", OathType.TOTP)).isEqualTo(Duration.ofSeconds(1));
    assertThat(YubiKeyOath.periodOf("3600/x", OathType.TOTP)).isEqualTo(Duration.ofHours(1));
    assertThat(YubiKeyOath.periodOf("15/Issuer:acct", OathType.TOTP))
        .isEqualTo(Duration.ofSeconds(15));
    for (String name : List.of("0/x", "3601/x", "/x", "ab/x", "-5/x", "x", "Issuer:a/b")) {
      assertThat(YubiKeyOath.periodOf(name, OathType.TOTP))
          .as(name)
          .isEqualTo(Duration.ofSeconds(30));
    }
    // HOTP credentials have no period; the prefix is just part of the name
    assertThat(YubiKeyOath.periodOf("60/x", OathType.HOTP)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void names_oneTo64Utf8Bytes() {
    YubiKeyOath oath = open();
    OtpSecret s = OtpSecret.generate();
    String oneByte = "a";
    String sixtyFour = "é".repeat(32); // 64 UTF-8 bytes, 32 chars
    oath.putCredential(oneByte, OathType.TOTP, HmacAlgorithm.SHA1, 6, s, 0);
    oath.putCredential(sixtyFour, OathType.TOTP, HmacAlgorithm.SHA1, 6, s, 0);
    Instant at = Instant.ofEpochSecond(1_800_000_000L);
    String expected = Totp.code(s, OtpParameters.of(HmacAlgorithm.SHA1, 6, 30), at);
    assertThat(oath.calculateTotp(oneByte, at)).isEqualTo(expected);
    assertThat(oath.calculateTotp(sixtyFour, at)).isEqualTo(expected);
    assertThatThrownBy(
            () -> oath.putCredential("é".repeat(33), OathType.TOTP, HmacAlgorithm.SHA1, 6, s, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("name")
        .hasMessageContaining("66");
    assertThatThrownBy(() -> oath.calculateTotp("", at))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("name");
    assertThat(YubiKeyOath.MAX_NAME_BYTES).isEqualTo(64);
  }

  // ---- PUT ----

  @Test
  void digits_sixToEight() {
    YubiKeyOath oath = open();
    OtpSecret s = OtpSecret.generate();
    oath.putCredential("six", OathType.HOTP, HmacAlgorithm.SHA1, 6, s, 0);
    oath.putCredential("eight", OathType.HOTP, HmacAlgorithm.SHA1, 8, s, 0);
    assertThat(oath.calculateHotp("six")).isEqualTo(Hotp.code(s, HmacAlgorithm.SHA1, 6, 0));
    assertThat(oath.calculateHotp("eight")).isEqualTo(Hotp.code(s, HmacAlgorithm.SHA1, 8, 0));
    for (int bad : new int[] {5, 9}) {
      assertThatThrownBy(
              () -> oath.putCredential("x", OathType.HOTP, HmacAlgorithm.SHA1, bad, s, 0))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("digits")
          .hasMessageContaining(String.valueOf(bad));
    }
  }

  /** Returns the value of {@code tag} in a PUT's data, or null. */
  static byte[] putField(byte[] apdu, int tag) {
    int lc = apdu[4] & 0xff;
    int i = 5;
    while (i < 5 + lc) {
      int t = apdu[i] & 0xff;
      int len = apdu[i + 1] & 0xff;
      if (t == tag) {
        return java.util.Arrays.copyOfRange(apdu, i + 2, i + 2 + len);
      }
      i += 2 + len;
    }
    return null;
  }

  byte[] lastPut() {
    for (int i = sent.size() - 1; i >= 0; i--) {
      if (isIns(sent.get(i), 0x01)) {
        return sent.get(i);
      }
    }
    throw new AssertionError("no PUT sent");
  }

  @Test
  void hotpCounter_sentAsImf_upTo32Bits_totpNeverCarriesOne() {
    YubiKeyOath oath = open();
    OtpSecret s = OtpSecret.generate();
    oath.putCredential("h", OathType.HOTP, HmacAlgorithm.SHA1, 6, s, 0xffffffffL);
    assertThat(putField(lastPut(), 0x7a)).containsExactly(0xff, 0xff, 0xff, 0xff);
    oath.putCredential("h1", OathType.HOTP, HmacAlgorithm.SHA1, 6, s, 1);
    assertThat(putField(lastPut(), 0x7a)).containsExactly(0, 0, 0, 1);
    assertThat(oath.calculateHotp("h1")).isEqualTo(Hotp.code(s, HmacAlgorithm.SHA1, 6, 1));
    oath.putCredential("h0", OathType.HOTP, HmacAlgorithm.SHA1, 6, s, 0);
    assertThat(putField(lastPut(), 0x7a)).isNull();
    oath.putCredential("t", OathType.TOTP, HmacAlgorithm.SHA1, 6, s, 5);
    assertThat(putField(lastPut(), 0x7a)).isNull();
    assertThatThrownBy(
            () -> oath.putCredential("h2", OathType.HOTP, HmacAlgorithm.SHA1, 6, s, 1L << 32))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("counter");
  }

  @Test
  void putKey_typeAlgorithmDigitsThenKey() {
    YubiKeyOath oath = open();
    OtpSecret s =
        OtpSecret.fromBytes(HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f1011"));
    oath.putCredential("k", OathType.TOTP, HmacAlgorithm.SHA256, 7, s, 0);
    byte[] key = putField(lastPut(), 0x73);
    assertThat(key[0]).isEqualTo((byte) 0x22);
    assertThat(key[1]).isEqualTo((byte) 7);
    assertThat(java.util.Arrays.copyOfRange(key, 2, key.length)).isEqualTo(s.revealBytes());
    oath.putCredential("k2", OathType.HOTP, HmacAlgorithm.SHA512, 6, s, 0);
    assertThat(putField(lastPut(), 0x73)[0]).isEqualTo((byte) 0x13);
  }

  @Test
  void keysLongerThanTheHashBlock_hashedFirst_exactlyABlock_not() {
    YubiKeyOath oath = open();
    Instant at = Instant.ofEpochSecond(1_700_000_000L);
    Object[][] cases = {
      {HmacAlgorithm.SHA1, 64}, {HmacAlgorithm.SHA1, 65},
      {HmacAlgorithm.SHA256, 64}, {HmacAlgorithm.SHA256, 65},
      {HmacAlgorithm.SHA512, 128}, {HmacAlgorithm.SHA512, 129}
    };
    for (Object[] c : cases) {
      HmacAlgorithm alg = (HmacAlgorithm) c[0];
      byte[] seed = new byte[(int) c[1]];
      for (int i = 0; i < seed.length; i++) {
        seed[i] = (byte) (i * 7 + 1);
      }
      OtpSecret s = OtpSecret.fromBytes(seed);
      String name = alg + "-" + seed.length;
      oath.putCredential(name, OathType.TOTP, alg, 8, s, 0);
      assertThat(oath.calculateTotp(name, at))
          .as(name)
          .isEqualTo(Totp.code(s, OtpParameters.of(alg, 8, 30), at));
    }
  }

  // ---- CALCULATE answers ----

  @Test
  void calculate_truncatedAnswer_digitsOutside6To8OrWrongLength_malformed() {
    for (byte[] v :
        new byte[][] {
          {5, 0, 0, 0, 1}, {9, 0, 0, 0, 1}, {6, 0, 0, 0}, {6, 0, 0, 0, 1, 2},
        }) {
      YubiKeyOath oath =
          YubiKeyOath.open(connection(a -> isIns(a, 0xa2) ? concat(tlv(0x76, v), OK) : null));
      assertThatThrownBy(() -> oath.calculateHotp("x"))
          .as(HexFormat.of().formatHex(v))
          .isInstanceOf(YubiKeyException.class)
          .hasMessageContaining("malformed CALCULATE");
    }
    YubiKeyOath ok =
        YubiKeyOath.open(
            connection(
                a -> isIns(a, 0xa2) ? concat(tlv(0x76, new byte[] {8, 0, 0, 0, 42}), OK) : null));
    assertThat(ok.calculateHotp("x")).isEqualTo("00000042");
    YubiKeyOath six =
        YubiKeyOath.open(
            connection(
                a ->
                    isIns(a, 0xa2)
                        ? concat(tlv(0x76, new byte[] {6, (byte) 0xff, 1, 2, 3}), OK)
                        : null));
    // the top bit is masked (RFC 4226 §5.3): 0x7f010203 mod 10^6
    assertThat(six.calculateHotp("x")).isEqualTo(String.format("%06d", 0x7f010203L % 1_000_000));
  }

  @Test
  void statusWords_named() {
    int[][] cases = {{0x6982, 0}, {0x6a84, 1}, {0x6a80, 2}};
    String[] meanings = {"touch or password required", "no space left", "wrong data"};
    for (int i = 0; i < cases.length; i++) {
      int sw = cases[i][0];
      YubiKeyOath oath =
          YubiKeyOath.open(
              connection(a -> isIns(a, 0x01) ? new byte[] {(byte) (sw >> 8), (byte) sw} : null));
      assertThatThrownBy(
              () ->
                  oath.putCredential(
                      "x", OathType.TOTP, HmacAlgorithm.SHA1, 6, OtpSecret.generate(), 0))
          .isInstanceOf(YubiKeyException.class)
          .hasMessageContaining("PUT")
          .hasMessageContaining(String.format("%04X", sw))
          .hasMessageContaining(meanings[i]);
    }
  }
}
