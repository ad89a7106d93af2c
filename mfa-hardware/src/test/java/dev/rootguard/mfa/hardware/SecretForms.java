package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Asserts that a text (a toString, a message) shows a secret in none of the forms it is usually
 * written in: hex (both cases), Base32 (RFC 4648, as in otpauth URIs), Base64 (padded and unpadded,
 * standard and URL alphabets), and the bytes as text.
 */
final class SecretForms {
  private SecretForms() {}

  static void assertHidesAll(String text, byte[]... secrets) {
    for (byte[] s : secrets) {
      assertHides(text, s);
    }
  }

  static void assertHides(String text, byte[] secret) {
    String hex = HexFormat.of().formatHex(secret);
    String b64 = Base64.getEncoder().encodeToString(secret);
    String b64url = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    String b32 = base32(secret);
    String lower = text.toLowerCase(Locale.ROOT);
    assertThat(lower).as("hex of a secret in %s", text).doesNotContain(hex);
    assertThat(text).as("base64 of a secret").doesNotContain(b64.replace("=", ""));
    assertThat(text).as("base64url of a secret").doesNotContain(b64url);
    assertThat(text.toUpperCase(Locale.ROOT)).as("base32 of a secret").doesNotContain(b32);
    assertThat(text)
        .as("a secret as text")
        .doesNotContain(new String(secret, java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  /** RFC 4648 §6 Base32 without padding; an independent encoder (not the one under test). */
  static String base32(byte[] data) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder sb = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        sb.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(alphabet.charAt((buffer << (5 - bits)) & 31));
    }
    return sb.toString();
  }
}
