package dev.rootguard.mfa.hardware.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootguard.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * The strict JSON helpers of {@link TokenFile}'s reader (and the byte concatenation its sealing
 * shares): each refusal is an {@link InvalidInputException} whose field is the JSON path. Not API.
 * Stateless and thread-safe.
 */
final class TokenFileJson {
  private TokenFileJson() {}

  static void onlyFields(ObjectNode o, Set<String> allowed, String prefix, String where) {
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        // a member named "" is shown quoted, so the refusal still names something
        throw bad(prefix + (name.isEmpty() ? "\"\"" : name), "unknown field", where);
      }
    }
  }

  static Iterable<JsonNode> array(ObjectNode o, String name, String where) {
    JsonNode n = o.get(name);
    if (n == null) {
      return java.util.List.of();
    }
    if (!n.isArray()) {
      throw bad(name, mustBe("an array", n), where);
    }
    return n;
  }

  static ObjectNode object(JsonNode n, String at, String where) {
    if (!(n instanceof ObjectNode o)) {
      throw bad(at, mustBe("an object", n), where);
    }
    return o;
  }

  static String text(ObjectNode o, String name, String prefix, String where) {
    JsonNode n = o.get(name);
    if (n == null) {
      throw bad(prefix + name, "missing", where);
    }
    if (!n.isTextual()) {
      throw bad(prefix + name, mustBe("a string", n), where);
    }
    return n.textValue();
  }

  static Optional<String> optionalText(ObjectNode o, String name, String at, String where) {
    return o.has(name) ? Optional.of(text(o, name, at + ".", where)) : Optional.empty();
  }

  static long integer(ObjectNode o, String name, String at, long min, long max, String where) {
    String field = at + "." + name;
    JsonNode n = o.get(name);
    if (n == null) {
      throw bad(field, "missing", where);
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw bad(field, mustBe("a whole number", n), where);
    }
    long v = n.longValue();
    if (v < min || v > max) {
      throw bad(field, "must be " + min + ".." + max + ", was " + v, where);
    }
    return v;
  }

  static Instant instantSeconds(ObjectNode o, String name, String at, String where) {
    return Instant.ofEpochSecond(
        integer(o, name, at, -31_557_014_167_219_200L, 31_556_889_864_403_199L, where));
  }

  static Instant instant(String text, String at, String where) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw bad(at, "validity dates must be ISO-8601 instants such as 2030-01-01T00:00:00Z", where);
    }
  }

  static byte[] hex(ObjectNode o, String name, String at, String where) {
    try {
      return HexFormat.of().parseHex(text(o, name, at + ".", where));
    } catch (IllegalArgumentException e) {
      throw bad(at + "." + name, "must be hexadecimal", where);
    }
  }

  static String mustBe(String expected, JsonNode actual) {
    return "must be " + expected + ", was " + kind(actual);
  }

  static String kind(JsonNode n) {
    if (n.isTextual()) {
      return "a string";
    } else if (n.isBoolean()) {
      return "a boolean";
    } else if (n.isIntegralNumber()) {
      return n.canConvertToLong() ? "a whole number" : "a number out of range";
    } else if (n.isNumber()) {
      return "a fractional number";
    } else if (n.isArray()) {
      return "an array";
    } else if (n.isObject()) {
      return "an object";
    }
    return "null";
  }

  /** Re-roots a builder's error (field {@code digits}) at the entry ({@code tokens[3].digits}). */
  static InvalidInputException within(InvalidInputException e, String at, String where) {
    if (e.field().startsWith(at)) {
      return e;
    }
    return bad(at + "." + e.field(), reason(e), where);
  }

  static String reason(InvalidInputException e) {
    String m = e.getMessage();
    String prefix = e.field() + ": ";
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }

  static InvalidInputException bad(String field, String reason, String where) {
    return new InvalidInputException(field, reason + " (in " + where + ")");
  }
}
