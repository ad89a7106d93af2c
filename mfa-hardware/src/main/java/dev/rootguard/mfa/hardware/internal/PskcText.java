package dev.rootguard.mfa.hardware.internal;

import static dev.rootguard.mfa.hardware.internal.PskcNode.PSKC;

import dev.rootguard.InvalidInputException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The small readers of PSKC element text: integers, xs:dateTime, strict base64, optional text, and
 * the shortening of quoted input in messages. Not API. Thread-safe (stateless).
 */
public final class PskcText {
  private PskcText() {}

  /**
   * Reads the unqualified integer child {@code name} of a PBKDF2-params element; missing or not an
   * integer is an InvalidInputException naming {@code path/name}.
   */
  public static long integer(PskcNode parent, String name, String path) {
    PskcNode e = parent.child("", name);
    if (e == null) {
      throw new InvalidInputException(path + "/" + name, "missing");
    }
    try {
      return Long.parseLong(e.text());
    } catch (NumberFormatException ex) {
      throw new InvalidInputException(path + "/" + name, "must be an integer");
    }
  }

  /** The message of {@code e} without its leading "field: ". */
  public static String stripField(InvalidInputException e) {
    String m = e.getMessage();
    String prefix = e.field() + ": ";
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }

  /** Parses an int attribute; not an integer is a KeyProblem naming {@code field}. */
  public static int parseInt(String s, String field) throws KeyProblem {
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      throw new KeyProblem(field, "must be an integer, was '" + shorten(s) + "'");
    }
  }

  /** The later of two instants, either of which may be null. */
  public static Instant later(Instant a, Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }

  /** The earlier of two instants, either of which may be null. */
  public static Instant earlier(Instant a, Instant b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }

  /** Reads the xs:dateTime child {@code name} (UTC when it has no offset), or null when absent. */
  public static Instant date(PskcNode parent, String name, String field) throws KeyProblem {
    if (parent == null) {
      return null;
    }
    PskcNode e = parent.child(PSKC, name);
    if (e == null) {
      return null;
    }
    String s = e.text();
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException ex) {
      try {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeException ex2) {
        throw new KeyProblem(field, "must be an xs:dateTime, was '" + shorten(s) + "'");
      }
    } catch (DateTimeException ex) {
      throw new KeyProblem(field, "out of range: '" + shorten(s) + "'");
    }
  }

  /** Decodes strict base64 text; bad base64 is a KeyProblem naming {@code field}. */
  public static byte[] base64Value(PskcNode e, String field) throws KeyProblem {
    try {
      return Base64.getMimeDecoder().decode(strictBase64(e.text()));
    } catch (IllegalArgumentException ex) {
      throw new KeyProblem(field, "must be base64");
    }
  }

  /** Decodes strict base64 text; bad base64 is an InvalidInputException naming {@code field}. */
  public static byte[] base64(PskcNode e, String field) {
    try {
      return Base64.getMimeDecoder().decode(strictBase64(e.text()));
    } catch (IllegalArgumentException ex) {
      throw new InvalidInputException(field, "must be base64");
    }
  }

  /** Drops whitespace and refuses any character outside the base64 alphabet. */
  public static String strictBase64(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        continue;
      }
      if (!(c >= 'A' && c <= 'Z'
          || c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || c == '+'
          || c == '/'
          || c == '=')) {
        throw new IllegalArgumentException("not base64");
      }
      b.append(c);
    }
    return b.toString();
  }

  /** The text of the PSKC child {@code name}, or null when absent or empty. */
  public static String optionalText(PskcNode parent, String name) {
    PskcNode e = parent.child(PSKC, name);
    if (e == null) {
      return null;
    }
    String t = e.text();
    return t.isEmpty() ? null : t;
  }

  /** Input quoted in a message: control characters blanked, at most 80 chars. */
  public static String shorten(String s) {
    if (s == null) {
      return "";
    }
    String clean = s.replaceAll("\\p{Cntrl}", " ");
    return clean.length() <= 80 ? clean : clean.substring(0, 77) + "...";
  }

  /** Zeroes {@code b} when it is not null. */
  public static void wipe(byte[] b) {
    if (b != null) {
      Arrays.fill(b, (byte) 0);
    }
  }
}
