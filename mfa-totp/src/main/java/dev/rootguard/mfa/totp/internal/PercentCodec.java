package dev.rootguard.mfa.totp.internal;

import dev.rootguard.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** RFC 3986 percent-encoding with UTF-8, for otpauth URI labels and parameters. Thread-safe. */
public final class PercentCodec {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentCodec() {}

  /**
   * Encodes everything except RFC 3986 unreserved characters and {@code @}.
   *
   * @param s the text
   * @return the encoded text
   */
  public static String encode(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '@') {
        b.append((char) c);
      } else {
        b.append('%').append(HEX[c >>> 4]).append(HEX[c & 15]);
      }
    }
    return b.toString();
  }

  /**
   * Decodes percent-escapes as UTF-8.
   *
   * @param field the field to name in errors
   * @param s the encoded text
   * @param plusIsSpace whether {@code +} means a space (query strings)
   * @return the decoded text
   * @throws InvalidInputException naming the field for a broken escape or invalid UTF-8
   */
  public static String decode(String field, String s, boolean plusIsSpace) {
    ByteBuffer bytes = ByteBuffer.allocate(s.length() * 4);
    int i = 0;
    while (i < s.length()) {
      int c = s.codePointAt(i);
      if (c == '%') {
        int hi = i + 1 < s.length() ? hex(s.charAt(i + 1)) : -1;
        int lo = i + 2 < s.length() ? hex(s.charAt(i + 2)) : -1;
        if (hi < 0 || lo < 0) {
          throw new InvalidInputException(
              field, "broken percent-escape at character " + (i + 1) + " (expected %XX)");
        }
        bytes.put((byte) (hi << 4 | lo));
        i += 3;
        continue;
      }
      if (c == '+' && plusIsSpace) {
        bytes.put((byte) ' ');
      } else if (c < 0x80) {
        bytes.put((byte) c);
      } else if (Character.isSurrogate((char) c)) {
        throw new InvalidInputException(field, "has an unpaired surrogate at character " + (i + 1));
      } else {
        bytes.put(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
      }
      i += Character.charCount(c);
    }
    bytes.flip();
    try {
      CharBuffer out =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(bytes);
      return out.toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(field, "percent-escapes are not valid UTF-8");
    }
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }
}
