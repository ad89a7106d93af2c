package dev.rootguard.testkit.fido.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;
import java.util.Objects;

/**
 * The JSON side of a ceremony: reads the options a relying party passes to {@code
 * navigator.credentials}, builds the client data (WebAuthn Level 3 §5.8.1, {@code
 * CollectedClientData}) and writes the credential as {@code PublicKeyCredential.toJSON()} gives it.
 * Stateless and thread-safe.
 *
 * <pre>{@code
 * JsonNode options = WebAuthnJson.options(json, "requestOptionsJson");
 * byte[] clientData = WebAuthnJson.clientData("webauthn.get", challenge, "https://example.com");
 * }</pre>
 */
public final class WebAuthnJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

  private WebAuthnJson() {}

  /**
   * Parses options JSON, either the {@code publicKey} object or wrapped as {@code {"publicKey":
   * {...}}}.
   *
   * @param json the JSON
   * @param field the parameter name, for messages
   * @return the {@code publicKey} object
   * @throws IllegalArgumentException if it is not a JSON object
   */
  public static JsonNode options(String json, String field) {
    Objects.requireNonNull(json, field);
    JsonNode n;
    try {
      n = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(field + ": not valid JSON", e);
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(field + ": not a JSON object");
    }
    return n.has("publicKey") ? n.get("publicKey") : n;
  }

  /**
   * Returns a text member, or a default when it is absent or not text.
   *
   * @param n the object
   * @param field the member name
   * @param dflt the default
   * @return the text or the default
   */
  public static String text(JsonNode n, String field, String dflt) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? v.asText() : dflt;
  }

  /**
   * Decodes base64url.
   *
   * @param s the text, may be null
   * @param field the member name, for messages
   * @return the bytes
   * @throws IllegalArgumentException if it is missing or not base64url
   */
  public static byte[] decode(String s, String field) {
    if (s == null) {
      throw new IllegalArgumentException(field + ": missing");
    }
    try {
      return B64URL_DECODER.decode(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": not base64url", e);
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
   * Returns an empty JSON object to fill.
   *
   * @return a new object node
   */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /**
   * Encodes the client data JSON a browser would send.
   *
   * @param type {@code webauthn.create} or {@code webauthn.get}
   * @param challenge the challenge, base64url
   * @param origin the origin
   * @return the UTF-8 JSON bytes
   */
  public static byte[] clientData(String type, String challenge, String origin) {
    ObjectNode cd = JSON.createObjectNode();
    cd.put("type", type);
    cd.put("challenge", challenge);
    cd.put("origin", origin);
    cd.put("crossOrigin", false);
    try {
      return JSON.writeValueAsBytes(cd);
    } catch (IOException e) {
      throw new IllegalStateException("bug: cannot write JSON", e);
    }
  }

  /**
   * Writes a cross-platform public-key credential.
   *
   * @param id the credential id, base64url (also written as {@code rawId})
   * @param response the {@code response} member
   * @param extensions the client extension results
   * @return the JSON text
   */
  public static String credential(String id, ObjectNode response, ObjectNode extensions) {
    ObjectNode cred = JSON.createObjectNode();
    cred.put("id", id);
    cred.put("rawId", id);
    cred.put("type", "public-key");
    cred.set("response", response);
    cred.put("authenticatorAttachment", "cross-platform");
    cred.set("clientExtensionResults", extensions);
    try {
      return JSON.writeValueAsString(cred);
    } catch (IOException e) {
      throw new IllegalStateException("bug: cannot write JSON", e);
    }
  }
}
