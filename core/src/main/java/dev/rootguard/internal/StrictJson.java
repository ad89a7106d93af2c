package dev.rootguard.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rootguard.InvalidInputException;
import dev.rootguard.RootGuardException;
import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * The one strict reader for the JSON the AWS CLI prints ({@code get-account-password-policy},
 * {@code get-account-summary}, {@code list-virtual-mfa-devices}): a duplicate key, trailing text
 * after the value, a string where a number belongs, a fraction where a whole number belongs or a
 * number out of range is an {@link InvalidInputException} naming the field. Values are described by
 * their JSON kind, never echoed beyond a short number.
 *
 * <p>Stateless and thread-safe.
 */
public final class StrictJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private StrictJson() {}

  /**
   * Parses JSON text; one leading byte order mark is skipped.
   *
   * @param json the text
   * @param field the name errors carry (the document's top-level element)
   * @return the tree, never null
   * @throws InvalidInputException when the text is not one JSON value
   */
  public static JsonNode read(String json, String field) {
    try {
      JsonNode n = MAPPER.readTree(json.startsWith("\uFEFF") ? json.substring(1) : json);
      return n == null ? MAPPER.missingNode() : n;
    } catch (JsonProcessingException e) {
      throw notJson(e, field);
    }
  }

  /**
   * Parses UTF-8 (or UTF-16/32 as Jackson detects) JSON bytes.
   *
   * @param json the bytes
   * @param field the name errors carry
   * @return the tree, never null
   * @throws InvalidInputException when the bytes are not one JSON value
   */
  public static JsonNode read(byte[] json, String field) {
    return read(new ByteArrayInputStream(json), field);
  }

  /**
   * Parses JSON from a stream (not closed).
   *
   * @param json the stream
   * @param field the name errors carry
   * @return the tree, never null
   * @throws InvalidInputException when the content is not one JSON value
   * @throws RootGuardException when the stream cannot be read
   */
  public static JsonNode read(InputStream json, String field) {
    try {
      JsonNode n = MAPPER.readTree(json);
      return n == null ? MAPPER.missingNode() : n;
    } catch (JsonProcessingException e) {
      throw notJson(e, field);
    } catch (CharConversionException e) {
      // bytes that do not decode in the encoding Jackson detected (e.g. leading NULs read as
      // UTF-32): the content is wrong, not the stream
      throw new InvalidInputException(field, "not valid JSON: not decodable text", e);
    } catch (IOException e) {
      throw new RootGuardException("cannot read the " + field + " JSON", e);
    }
  }

  private static InvalidInputException notJson(JsonProcessingException e, String field) {
    String where =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    return new InvalidInputException(field, "not valid JSON" + where, e);
  }

  /**
   * Returns {@code n} if it is an object.
   *
   * @param n the node (may be null or missing)
   * @param field the name errors carry
   * @param expected what the caller expected, e.g. {@code {"SummaryMap": {...}}}
   * @return the object
   * @throws InvalidInputException otherwise
   */
  public static JsonNode object(JsonNode n, String field, String expected) {
    if (n == null || !n.isObject()) {
      throw new InvalidInputException(field, "expected " + expected + ", was " + kind(n));
    }
    return n;
  }

  /**
   * Reads a whole number in {@code [min, max]}.
   *
   * @param n the node, not null
   * @param field the name errors carry
   * @param min the least value
   * @param max the greatest value
   * @return the value
   * @throws InvalidInputException for a string, fraction, other kind or a number out of range
   */
  public static int wholeNumber(JsonNode n, String field, int min, int max) {
    if (!n.isIntegralNumber()) {
      throw new InvalidInputException(field, "must be a whole number, was " + kind(n));
    }
    if (!n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
      throw new InvalidInputException(
          field, "must be " + min + ".." + max + ", was " + shortNumber(n));
    }
    return n.intValue();
  }

  /**
   * Reads a boolean.
   *
   * @param n the node, not null
   * @param field the name errors carry
   * @return the value
   * @throws InvalidInputException for any other kind (including the strings "true"/"false")
   */
  public static boolean bool(JsonNode n, String field) {
    if (!n.isBoolean()) {
      throw new InvalidInputException(field, "must be true or false, was " + kind(n));
    }
    return n.booleanValue();
  }

  /**
   * Reads a non-empty string.
   *
   * @param n the node (may be null)
   * @param field the name errors carry
   * @return the text
   * @throws InvalidInputException when absent, empty or not a string
   */
  public static String text(JsonNode n, String field) {
    if (n == null || n.isMissingNode()) {
      throw new InvalidInputException(field, "missing");
    }
    if (!n.isTextual()) {
      throw new InvalidInputException(field, "must be a string, was " + kind(n));
    }
    if (n.textValue().isEmpty()) {
      throw new InvalidInputException(field, "must not be empty");
    }
    return n.textValue();
  }

  /**
   * Describes a node's kind for an error message, without its content (numbers shortened).
   *
   * @param n the node (may be null)
   * @return e.g. {@code a string}, {@code the number 24.9}, {@code an array}
   */
  public static String kind(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "empty input";
    }
    if (n.isTextual()) {
      return "a string";
    }
    if (n.isNumber()) {
      return "the number " + shortNumber(n);
    }
    if (n.isBoolean()) {
      return n.asText();
    }
    if (n.isArray()) {
      return "an array";
    }
    if (n.isObject()) {
      return "an object";
    }
    return n.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  /** The number as Jackson read it (never a wrapped int), cut at 24 characters. */
  private static String shortNumber(JsonNode n) {
    String s = n.asText();
    return s.length() > 24 ? s.substring(0, 21) + "..." : s;
  }
}
