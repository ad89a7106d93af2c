package dev.rootguard.mfa.fido.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.SecurityKeyCredential;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads and writes the JSON file store's document (format version 1). Thread-safe. */
public final class StoreJson {
  /** The format version written. */
  public static final int VERSION = 1;

  private StoreJson() {}

  /**
   * The store's content.
   *
   * @param credentials credentials by id, in insertion order
   * @param userHandles user handles by principal
   */
  public record Document(
      Map<CredentialId, SecurityKeyCredential> credentials, Map<Principal, String> userHandles) {}

  /**
   * Writes a document.
   *
   * @param d the document
   * @return UTF-8 JSON
   */
  public static byte[] write(Document d) {
    ObjectNode root = Codec.json().createObjectNode();
    root.put("version", VERSION);
    ObjectNode handles = root.putObject("userHandles");
    d.userHandles().forEach((p, h) -> handles.put(p.id(), h));
    ArrayNode creds = root.putArray("credentials");
    for (SecurityKeyCredential c : d.credentials().values()) {
      ObjectNode n = creds.addObject();
      n.put("principal", c.principal().id());
      n.put("id", c.id().value());
      n.put("userHandle", c.userHandle());
      n.put("publicKey", c.publicKey());
      n.put("signatureCount", c.signatureCount());
      n.put("aaguid", c.aaguid().toString());
      n.put("authenticatorName", c.authenticatorName());
      n.put("attestationFormat", c.attestationFormat());
      n.put("attestationTrusted", c.attestationTrusted());
      n.put("backupEligible", c.backupEligible());
      n.put("backedUp", c.backedUp());
      n.put("hardware", c.hardware());
      ArrayNode t = n.putArray("transports");
      c.transports().stream().sorted().forEach(t::add);
      n.put("legacyU2f", c.legacyU2f());
      n.put("registeredAt", c.registeredAt().toString());
    }
    try {
      return Codec.json().writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("bug: cannot write JSON", e);
    }
  }

  /**
   * Reads a document.
   *
   * @param json UTF-8 JSON
   * @return the document
   * @throws IllegalArgumentException naming the bad member
   */
  public static Document read(byte[] json) {
    JsonNode root;
    try {
      root = Codec.parseObject(json);
    } catch (Malformed e) {
      throw new IllegalArgumentException("not a JSON object");
    }
    if (root.path("version").asInt(-1) != VERSION) {
      throw new IllegalArgumentException("version: expected " + VERSION);
    }
    Map<Principal, String> handles = new LinkedHashMap<>();
    root.path("userHandles")
        .properties()
        .forEach(e -> handles.put(Principal.of(e.getKey()), e.getValue().asText()));
    Map<CredentialId, SecurityKeyCredential> creds = new LinkedHashMap<>();
    int i = 0;
    for (JsonNode n : root.path("credentials")) {
      try {
        Set<String> transports = new LinkedHashSet<>();
        n.path("transports").forEach(t -> transports.add(t.asText()));
        SecurityKeyCredential c =
            new SecurityKeyCredential(
                Principal.of(Codec.text(n, "principal")),
                CredentialId.of(Codec.text(n, "id")),
                Codec.text(n, "userHandle"),
                Codec.text(n, "publicKey"),
                n.path("signatureCount").asLong(),
                UUID.fromString(Codec.text(n, "aaguid")),
                n.path("authenticatorName").asText(""),
                Codec.text(n, "attestationFormat"),
                n.path("attestationTrusted").asBoolean(),
                n.path("backupEligible").asBoolean(),
                n.path("backedUp").asBoolean(),
                n.path("hardware").asBoolean(),
                transports,
                n.path("legacyU2f").asBoolean(),
                Instant.parse(Codec.text(n, "registeredAt")));
        creds.put(c.id(), c);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("credentials[" + i + "]: " + e.getMessage());
      }
      i++;
    }
    return new Document(creds, handles);
  }
}
