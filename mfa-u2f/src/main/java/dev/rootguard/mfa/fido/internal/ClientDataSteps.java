package dev.rootguard.mfa.fido.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rootguard.mfa.MfaResult.Reason;
import java.security.MessageDigest;
import java.util.Set;

/**
 * The steps both ceremonies take in the same way: reading the {@code PublicKeyCredential} envelope
 * (WebAuthn Level 2 §7.1 step 3 / §7.2 step 3) and checking the collected client data (§7.1 steps
 * 7–10 are §7.2 steps 11–14). {@link RegistrationCeremony} and {@link AuthenticationCeremony} call
 * these under their own step numbers, so the rule lives once.
 *
 * <p>Stateless; thread-safe.
 *
 * <pre>{@code
 * JsonNode response = ClientDataSteps.envelope(Codec.parseObject(json));
 * ClientDataSteps.type(clientData, "webauthn.get");
 * }</pre>
 *
 * @see <a href="https://www.w3.org/TR/webauthn-2/#sctn-registering-a-new-credential">§7.1</a>
 * @see <a href="https://www.w3.org/TR/webauthn-2/#sctn-verifying-assertion">§7.2</a>
 */
public final class ClientDataSteps {
  private ClientDataSteps() {}

  /**
   * Reads the envelope: {@code type} is {@code public-key}, {@code id} is base64url, {@code rawId}
   * (if sent) equals {@code id}, {@code response} is an object and {@code clientExtensionResults}
   * (if sent) is an object.
   *
   * @param root the parsed response JSON
   * @return the {@code response} member
   * @throws Malformed if any of that does not hold
   */
  public static JsonNode envelope(JsonNode root) {
    if (!"public-key".equals(Codec.text(root, "type"))) {
      throw new Malformed("type: not public-key");
    }
    String id = Codec.text(root, "id");
    Codec.decode(id, "id");
    JsonNode rawId = root.get("rawId");
    if (rawId != null && !(rawId.isTextual() && rawId.textValue().equals(id))) {
      throw new Malformed("rawId: differs from id");
    }
    JsonNode response = root.get("response");
    if (response == null || !response.isObject()) {
      throw new Malformed("response: missing or not an object");
    }
    JsonNode ext = root.get("clientExtensionResults");
    if (ext != null && !ext.isObject()) {
      throw new Malformed("clientExtensionResults: not an object");
    }
    return response;
  }

  /**
   * {@code C.type} is the ceremony's: {@code webauthn.create} or {@code webauthn.get}.
   *
   * @param clientData the parsed client data
   * @param expected the type the ceremony expects
   * @throws StepFailed {@code MALFORMED_INPUT} otherwise
   */
  public static void type(JsonNode clientData, String expected) {
    if (!expected.equals(Codec.text(clientData, "type"))) {
      throw new StepFailed(Reason.MALFORMED_INPUT);
    }
  }

  /**
   * {@code C.challenge} is the pending request's challenge (compared in constant time).
   *
   * @param clientData the parsed client data
   * @param challenge the challenge the request sent
   * @throws StepFailed {@code CHALLENGE_MISMATCH} otherwise
   * @throws Malformed if the challenge is not base64url
   */
  public static void challenge(JsonNode clientData, byte[] challenge) {
    byte[] got = Codec.decode(Codec.text(clientData, "challenge"), "clientData.challenge");
    if (!MessageDigest.isEqual(got, challenge)) {
      throw new StepFailed(Reason.CHALLENGE_MISMATCH);
    }
  }

  /**
   * {@code C.origin} is one of the accepted origins, and {@code C.crossOrigin} is not true.
   *
   * @param clientData the parsed client data
   * @param origins the accepted origins
   * @throws StepFailed {@code ORIGIN_MISMATCH} otherwise
   */
  public static void origin(JsonNode clientData, Set<String> origins) {
    if (!origins.contains(Codec.text(clientData, "origin"))) {
      throw new StepFailed(Reason.ORIGIN_MISMATCH);
    }
    JsonNode cross = clientData.get("crossOrigin");
    if (cross != null && cross.isBoolean() && cross.booleanValue()) {
      throw new StepFailed(Reason.ORIGIN_MISMATCH);
    }
  }

  /**
   * {@code C.tokenBinding.status} is not {@code present}: token binding is not supported (as in
   * java-webauthn-server).
   *
   * @param clientData the parsed client data
   * @throws StepFailed {@code MALFORMED_INPUT} otherwise
   */
  public static void tokenBinding(JsonNode clientData) {
    if ("present".equals(clientData.path("tokenBinding").path("status").asText())) {
      throw new StepFailed(Reason.MALFORMED_INPUT);
    }
  }
}
