package dev.rootguard.mfa.fido.internal;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Shared, pre-configured JSON and CBOR codecs and small helpers. One mapper per JVM instead of one
 * per call is most of the speed-up over parsing with a fresh mapper. Thread-safe.
 */
public final class Codec {
  /** Largest accepted WebAuthn response JSON, in characters (64 KiB). */
  public static final int MAX_RESPONSE_CHARS = 64 * 1024;

  private static final ObjectMapper JSON = newJsonMapper();
  private static final CBORMapper CBOR = new CBORMapper(CBORFactory.builder().build());
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

  private Codec() {}

  private static ObjectMapper newJsonMapper() {
    ObjectMapper m = new ObjectMapper();
    m.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxStringLength(MAX_RESPONSE_CHARS)
                .build());
    return m;
  }

  /**
   * Returns the shared JSON mapper.
   *
   * @return the mapper
   */
  public static ObjectMapper json() {
    return JSON;
  }

  /**
   * Parses a JSON object.
   *
   * @param text the JSON
   * @return the object node
   * @throws Malformed if it is not a JSON object
   */
  public static JsonNode parseObject(String text) {
    try {
      JsonNode n = JSON.readTree(text);
      if (n == null || !n.isObject()) {
        throw new Malformed("not a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new Malformed("not valid JSON");
    }
  }

  /**
   * Parses a JSON object from UTF-8 bytes.
   *
   * @param utf8 the JSON
   * @return the object node
   * @throws Malformed if it is not a JSON object
   */
  public static JsonNode parseObject(byte[] utf8) {
    try {
      JsonNode n = JSON.readTree(utf8);
      if (n == null || !n.isObject()) {
        throw new Malformed("not a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new Malformed("not valid JSON");
    }
  }

  /**
   * Parses a CBOR item.
   *
   * @param cbor the bytes
   * @return the tree
   * @throws Malformed if the bytes are not CBOR
   */
  public static JsonNode parseCbor(byte[] cbor) {
    try {
      JsonNode n = CBOR.readTree(cbor);
      if (n == null) {
        throw new Malformed("empty CBOR");
      }
      return n;
    } catch (IOException e) {
      throw new Malformed("not valid CBOR");
    }
  }

  /**
   * Returns a required string member.
   *
   * @param n the object
   * @param field the member name
   * @return the string
   * @throws Malformed if missing or not a string
   */
  public static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new Malformed(field + ": missing or not a string");
    }
    return v.textValue();
  }

  /**
   * Decodes a required base64url member.
   *
   * @param n the object
   * @param field the member name
   * @return the bytes
   * @throws Malformed if missing or not base64url
   */
  public static byte[] bytes(JsonNode n, String field) {
    return decode(text(n, field), field);
  }

  /**
   * Decodes base64url (padding tolerated).
   *
   * @param s the text
   * @param field the name for the error
   * @return the bytes
   * @throws Malformed if not base64url
   */
  public static byte[] decode(String s, String field) {
    try {
      return B64URL_DECODER.decode(s);
    } catch (IllegalArgumentException e) {
      throw new Malformed(field + ": not base64url");
    }
  }

  /**
   * Encodes base64url without padding.
   *
   * @param b the bytes
   * @return the text
   */
  public static String encode(byte[] b) {
    return B64URL.encodeToString(b);
  }

  /**
   * Returns SHA-256 of a string's UTF-8 bytes.
   *
   * @param s the string
   * @return the hash
   */
  public static byte[] sha256(String s) {
    return sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns SHA-256 of bytes.
   *
   * @param b the bytes
   * @return the hash
   */
  public static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
