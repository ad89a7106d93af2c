package dev.rootguard.mfa.totp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.totp.HmacAlgorithm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The one OTP rule set ({@link OtpEngine}'s Javadoc) against an oracle written from that text and
 * the JDK's {@code Mac}, sharing no code with the engine. Short codes (1 or 2 digits) make several
 * matches in one range common, so the match choice and the replay rule are exercised.
 */
class OtpEngineProperties {

  /** HOTP(seed, counter) mod 10^digits, zero-padded, from the JDK's Mac (RFC 4226 §5.3). */
  static byte[] oracleCode(Mac mac, int digits, long counter) {
    byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
    int o = h[h.length - 1] & 0xf;
    int bin =
        (h[o] & 0x7f) << 24 | (h[o + 1] & 0xff) << 16 | (h[o + 2] & 0xff) << 8 | (h[o + 3] & 0xff);
    int mod = 1;
    for (int i = 0; i < digits; i++) {
      mod *= 10;
    }
    String s = String.format("%0" + digits + "d", bin % mod);
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static Mac mac(byte[] seed) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(seed, "HmacSHA1"));
    return mac;
  }

  /**
   * The rule set as the Javadoc states it: a match below firstFresh anywhere in range is a replay
   * (the highest such is returned); otherwise the fresh match nearest to target, the earlier on a
   * tie; otherwise none.
   */
  static long oracle(
      Mac mac, int digits, byte[] a, byte[] b, long lo, long hi, long firstFresh, long target) {
    Long used = null;
    Long best = null;
    for (long c = lo; c <= hi; c++) {
      boolean match = java.util.Arrays.equals(oracleCode(mac, digits, c), a);
      if (b != null) {
        match &= java.util.Arrays.equals(oracleCode(mac, digits, c + 1), b);
      }
      if (!match) {
        continue;
      }
      if (c < firstFresh) {
        used = c;
      } else if (best == null || Math.abs(c - target) < Math.abs(best - target)) {
        best = c;
      }
    }
    if (used != null) {
      return used;
    }
    return best != null ? best : OtpEngine.NONE;
  }

  @Provide
  Arbitrary<Integer> shortDigits() {
    return Arbitraries.integers().between(1, 2);
  }

  @Property(tries = 400)
  void find_followsTheRuleSet(
      @ForAll @Size(min = 10, max = 40) byte[] seed,
      @ForAll @IntRange(min = 0, max = 1_000_000) int lo,
      @ForAll @IntRange(min = 0, max = 40) int span,
      @ForAll @IntRange(min = -3, max = 43) int freshOffset,
      @ForAll @IntRange(min = -3, max = 43) int targetOffset,
      @ForAll @IntRange(min = -2, max = 42) int codeOffset,
      @ForAll("shortDigits") int digits)
      throws Exception {
    Mac mac = mac(seed);
    long hi = lo + span;
    byte[] given = oracleCode(mac, digits, lo + codeOffset).clone();
    OtpKey key = OtpKey.of(HmacAlgorithm.SHA1, seed);
    OtpKey.Scratch s = OtpKey.scratch();
    java.util.Arrays.fill(s.window(), 0); // other tests on this thread may leave values there
    java.util.Arrays.fill(s.expected(digits), (byte) 0);
    long got = OtpEngine.find(key, digits, given, lo, hi, lo + freshOffset, lo + targetOffset, s);
    assertThat(got)
        .isEqualTo(oracle(mac, digits, given, null, lo, hi, lo + freshOffset, lo + targetOffset));
    assertThat(OtpEngine.isReplay(got, lo + freshOffset))
        .isEqualTo(got != OtpEngine.NONE && got < lo + freshOffset);
    // Rule 5: the engine's own buffers are wiped.
    assertThat(s.expected(digits)).containsOnly((byte) 0);
    assertThat(java.util.Arrays.stream(s.window()).allMatch(v -> v == 0)).isTrue();
  }

  @Property(tries = 300)
  void findPair_followsTheRuleSet(
      @ForAll @Size(min = 10, max = 40) byte[] seed,
      @ForAll @IntRange(min = 0, max = 1_000_000) int lo,
      @ForAll @IntRange(min = 0, max = 40) int span,
      @ForAll @IntRange(min = -3, max = 43) int freshOffset,
      @ForAll @IntRange(min = -3, max = 43) int targetOffset,
      @ForAll @IntRange(min = -2, max = 42) int codeOffset)
      throws Exception {
    int digits = 1;
    Mac mac = mac(seed);
    long hi = lo + span;
    byte[] first = oracleCode(mac, digits, lo + codeOffset).clone();
    byte[] second = oracleCode(mac, digits, lo + codeOffset + 1).clone();
    OtpKey key = OtpKey.of(HmacAlgorithm.SHA1, seed);
    OtpKey.Scratch s = OtpKey.scratch();
    long got =
        OtpEngine.findPair(
            key, digits, first, second, lo, hi, lo + freshOffset, lo + targetOffset, s);
    assertThat(got)
        .isEqualTo(oracle(mac, digits, first, second, lo, hi, lo + freshOffset, lo + targetOffset));
    assertThat(s.expected(digits)).containsOnly((byte) 0);
  }

  @Property(tries = 300)
  void normalize_removesAsciiSpacesOnly_thenWantsExactlyTheDigits(
      @ForAll @Size(max = 70) String text, @ForAll @IntRange(min = 6, max = 8) int digits) {
    byte[] out = new byte[digits];
    String stripped = text.replace(" ", "");
    boolean expected =
        text.length() <= OtpEngine.MAX_INPUT_LENGTH
            && stripped.length() == digits
            && stripped.chars().allMatch(c -> c >= '0' && c <= '9');
    assertThat(OtpEngine.normalize(text, out)).isEqualTo(expected);
    if (expected) {
      assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo(stripped);
    }
  }

  @Example
  void normalize_spacedForms() {
    byte[] out = new byte[6];
    for (String ok : new String[] {"123456", " 123456", "123456 ", "123 456", " 1 2 3 4 5 6 "}) {
      assertThat(OtpEngine.normalize(ok, out)).as(ok).isTrue();
      assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo("123456");
    }
    for (String bad : new String[] {"12345", "1234567", "\t123456", "123\u00a0456", "+12345"}) {
      assertThat(OtpEngine.normalize(bad, out)).as(bad).isFalse();
    }
  }

  @Example
  void emptyRange_findsNothing() {
    OtpKey key = OtpKey.of(HmacAlgorithm.SHA1, new byte[20]);
    byte[] given = "1".getBytes(StandardCharsets.US_ASCII);
    assertThat(OtpEngine.find(key, 1, given, 5, 4, 0, 5, OtpKey.scratch()))
        .isEqualTo(OtpEngine.NONE);
  }
}
