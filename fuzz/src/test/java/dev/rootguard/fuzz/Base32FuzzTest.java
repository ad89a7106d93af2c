package dev.rootguard.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.totp.OtpSecret;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * {@link OtpSecret#fromBase32}, checked against an oracle written here from RFC 4648 §6 and the
 * method's documented leniency (case, missing padding, spaces, hyphens, unused trailing bits): it
 * accepts exactly what the oracle decodes to 10..1024 bytes, with the same bytes, and refuses
 * everything else with an {@link InvalidInputException} on field {@code secret} that never contains
 * the input.
 */
class Base32FuzzTest {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  @FuzzTest(maxDuration = "10s")
  void fromBase32(byte[] input) {
    String text = new String(input, UTF_8);
    byte[] expected = oracle(text);
    long t0 = System.nanoTime();
    OtpSecret secret;
    try {
      secret = OtpSecret.fromBase32(text);
    } catch (InvalidInputException e) {
      Contract.wellFormed(e);
      if (!e.field().equals("secret")) {
        throw new AssertionError("refusal names " + e.field() + ", not secret", e);
      }
      Contract.doesNotLeak(e, text.strip(), "input");
      if (expected != null) {
        throw new AssertionError(
            "refused text the oracle decodes to " + expected.length + " bytes", e);
      }
      return;
    }
    Contract.notHung(t0, "OtpSecret.fromBase32");
    if (expected == null) {
      throw new AssertionError("accepted text the oracle refuses (" + text.length() + " chars)");
    }
    byte[] got = secret.revealBytes();
    if (!Arrays.equals(got, expected)) {
      throw new AssertionError("decoded bytes differ from the oracle's");
    }
    String again = secret.revealBase32();
    if (!Arrays.equals(oracle(again), expected)) {
      throw new AssertionError("revealBase32() does not decode back to the secret");
    }
    if (!OtpSecret.fromBase32(again).sameSecretAs(secret)) {
      throw new AssertionError("fromBase32(revealBase32()) differs");
    }
  }

  /**
   * Decodes per RFC 4648 §6 with the documented leniency, one bit at a time; null when the text is
   * refused. Accepted sizes are 10..1024 bytes and at most 4096 characters of input.
   */
  static byte[] oracle(String text) {
    if (text.length() > 4096) {
      return null;
    }
    StringBuilder symbols = new StringBuilder();
    int padding = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '-') {
        continue;
      }
      if (c == '=') {
        padding++;
        continue;
      }
      int v = ALPHABET.indexOf(Character.toUpperCase(c));
      if (c > 127 || v < 0 || padding > 0) {
        return null;
      }
      symbols.append(c);
    }
    int n = symbols.length();
    if (n == 0) {
      return null;
    }
    // Lengths no whole number of bytes encodes to: 8n+1, 8n+3, 8n+6 characters.
    int rem = n % 8;
    if (rem == 1 || rem == 3 || rem == 6) {
      return null;
    }
    if (padding > 0 && (padding > 7 || (n + padding) % 8 != 0)) {
      return null;
    }
    StringBuilder bits = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int v = ALPHABET.indexOf(Character.toUpperCase(symbols.charAt(i)));
      for (int b = 4; b >= 0; b--) {
        bits.append((v >> b) & 1);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i + 8 <= bits.length(); i += 8) {
      out.write(Integer.parseInt(bits.substring(i, i + 8), 2));
    }
    byte[] b = out.toByteArray();
    return b.length >= 10 && b.length <= 1024 ? b : null;
  }
}
