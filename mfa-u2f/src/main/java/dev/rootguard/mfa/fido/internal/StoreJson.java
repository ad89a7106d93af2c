package dev.rootguard.mfa.fido.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.SecurityKeyCredential;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads and writes the JSON file store's document (format version 1), strictly: a member of the
 * wrong type, a missing or unknown member, a duplicate credential id or user handle, or another
 * format version fails with {@link InvalidInputException} naming the member (for example {@code
 * credentials[2].signatureCount}), never a silent default. Thread-safe.
 */
public final class StoreJson {
  /** The format version written and read. */
  public static final int VERSION = 1;

  private static final Set<String> TOP = Set.of("version", "userHandles", "credentials");
  private static final Set<String> CREDENTIAL =
      Set.of(
          "principal",
          "id",
          "userHandle",
          "publicKey",
          "signatureCount",
          "aaguid",
          "authenticatorName",
          "attestationFormat",
          "attestationTrusted",
          "backupEligible",
          "backedUp",
          "hardware",
          "transports",
          "legacyU2f",
          "registeredAt");

  private StoreJson() {}

  /**
   * The store's content; immutable.
   *
   * @param credentials credentials by id, in insertion order
   * @param userHandles user handles by principal, in insertion order
   */
  public record Document(
      Map<CredentialId, SecurityKeyCredential> credentials, Map<Principal, String> userHandles) {
    /** The empty store. */
    public static final Document EMPTY = new Document(Map.of(), Map.of());

    /** Copies the maps, keeping their order. */
    public Document {
      credentials = Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
      userHandles = Collections.unmodifiableMap(new LinkedHashMap<>(userHandles));
    }

    /**
     * Returns a copy with a credential added or replaced.
     *
     * @param c the credential
     * @return the copy
     */
    public Document with(SecurityKeyCredential c) {
      Map<CredentialId, SecurityKeyCredential> m = new LinkedHashMap<>(credentials);
      m.put(c.id(), c);
      return new Document(m, userHandles);
    }

    /**
     * Returns a copy without a credential.
     *
     * @param id the credential id
     * @return the copy
     */
    public Document without(CredentialId id) {
      Map<CredentialId, SecurityKeyCredential> m = new LinkedHashMap<>(credentials);
      m.remove(id);
      return new Document(m, userHandles);
    }

    /**
     * Returns a copy with a user handle added.
     *
     * @param p the principal
     * @param handle the handle
     * @return the copy
     */
    public Document withHandle(Principal p, String handle) {
      Map<Principal, String> m = new LinkedHashMap<>(userHandles);
      m.put(p, handle);
      return new Document(credentials, m);
    }
  }

  /**
   * Writes a document.
   *
   * @param d the document
   * @return the JSON object
   */
  public static ObjectNode write(Document d) {
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
    return root;
  }

  /**
   * Checks that a credential can be written and read back, so that a store never writes a file it
   * cannot read.
   *
   * @param c the credential
   * @throws InvalidInputException naming the bad member as {@code credential.<member>}
   */
  public static void check(SecurityKeyCredential c) {
    ObjectNode one = write(new Document(Map.of(c.id(), c), Map.of()));
    credential(one.get("credentials").get(0), "credential");
  }

  /**
   * Checks that a user handle is one the reader accepts: non-empty base64url.
   *
   * @param handle the handle
   * @param field the field to name
   * @throws InvalidInputException naming the field
   */
  public static void checkHandle(String handle, String field) {
    handle(Codec.json().getNodeFactory().textNode(handle), field);
  }

  /**
   * Reads a document; no file is the empty store.
   *
   * @param root the file's JSON object, or empty if there is no file
   * @return the document
   * @throws InvalidInputException naming the first bad member
   */
  public static Document read(Optional<ObjectNode> root) {
    if (root.isEmpty()) {
      return Document.EMPTY;
    }
    ObjectNode r = root.get();
    onlyKnownMembers(r, TOP, "");
    JsonNode version = r.get("version");
    if (version == null || !version.isIntegralNumber()) {
      throw new InvalidInputException("version", "must be the integer " + VERSION);
    }
    if (!version.canConvertToInt() || version.intValue() != VERSION) {
      throw new InvalidInputException(
          "version",
          "format version "
              + version.asText()
              + " is not one this RootGuard reads (it reads "
              + VERSION
              + ")");
    }
    Map<Principal, String> handles = new LinkedHashMap<>();
    Map<String, Principal> owners = new HashMap<>();
    JsonNode hs = required(r, "userHandles", "userHandles");
    if (!hs.isObject()) {
      throw new InvalidInputException("userHandles", "must be an object");
    }
    for (Map.Entry<String, JsonNode> e : hs.properties()) {
      String field = "userHandles." + e.getKey();
      Principal p = principal(e.getKey(), field);
      String h = handle(e.getValue(), field);
      Principal other = owners.putIfAbsent(h, p);
      if (other != null) {
        throw new InvalidInputException(field, "the same handle as userHandles." + other.id());
      }
      handles.put(p, h);
    }
    JsonNode cs = required(r, "credentials", "credentials");
    if (!cs.isArray()) {
      throw new InvalidInputException("credentials", "must be an array");
    }
    Map<CredentialId, SecurityKeyCredential> creds = new LinkedHashMap<>();
    Map<CredentialId, Integer> firstAt = new HashMap<>();
    for (int i = 0; i < cs.size(); i++) {
      SecurityKeyCredential c = credential(cs.get(i), "credentials[" + i + "]");
      Integer earlier = firstAt.putIfAbsent(c.id(), i);
      if (earlier != null) {
        throw new InvalidInputException(
            "credentials[" + i + "].id", "the same credential id as credentials[" + earlier + "]");
      }
      creds.put(c.id(), c);
    }
    return new Document(creds, handles);
  }

  private static SecurityKeyCredential credential(JsonNode n, String at) {
    if (!n.isObject()) {
      throw new InvalidInputException(at, "must be an object");
    }
    onlyKnownMembers(n, CREDENTIAL, at + ".");
    long count = integer(n, "signatureCount", at);
    if (count < 0 || count > 0xffffffffL) {
      throw new InvalidInputException(at + ".signatureCount", "must be 0..2^32-1, was " + count);
    }
    UUID aaguid;
    try {
      aaguid = UUID.fromString(text(n, "aaguid", at));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(at + ".aaguid", "not a UUID");
    }
    Instant registeredAt;
    try {
      registeredAt = Instant.parse(text(n, "registeredAt", at));
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(at + ".registeredAt", "not an ISO-8601 instant");
    }
    JsonNode ts = required(n, "transports", at + ".transports");
    if (!ts.isArray()) {
      throw new InvalidInputException(at + ".transports", "must be an array of strings");
    }
    Set<String> transports = new LinkedHashSet<>();
    for (int j = 0; j < ts.size(); j++) {
      if (!ts.get(j).isTextual()) {
        throw new InvalidInputException(at + ".transports[" + j + "]", "must be a string");
      }
      transports.add(ts.get(j).textValue());
    }
    String id = text(n, "id", at);
    CredentialId credentialId;
    try {
      Codec.decode(id, "id");
      credentialId = CredentialId.of(id);
    } catch (RuntimeException e) {
      throw new InvalidInputException(at + ".id", "not a base64url credential id");
    }
    String publicKey = text(n, "publicKey", at);
    try {
      Codec.decode(publicKey, "publicKey");
    } catch (RuntimeException e) {
      throw new InvalidInputException(at + ".publicKey", "not base64url");
    }
    return new SecurityKeyCredential(
        principal(text(n, "principal", at), at + ".principal"),
        credentialId,
        handle(required(n, "userHandle", at + ".userHandle"), at + ".userHandle"),
        publicKey,
        count,
        aaguid,
        text(n, "authenticatorName", at),
        text(n, "attestationFormat", at),
        bool(n, "attestationTrusted", at),
        bool(n, "backupEligible", at),
        bool(n, "backedUp", at),
        bool(n, "hardware", at),
        transports,
        bool(n, "legacyU2f", at),
        registeredAt);
  }

  private static void onlyKnownMembers(JsonNode n, Set<String> known, String prefix) {
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      String name = e.getKey();
      if (!known.contains(name)) {
        // a blank or unprintable member name is shown quoted and escaped, so the refusal still
        // names something visible (a member named " " was found by fuzzing)
        String cut = name.length() > 64 ? name.substring(0, 61) + "..." : name;
        String escaped = dev.rootguard.Printable.escape(cut);
        String shown =
            cut.isBlank() || !escaped.equals(cut) || !cut.equals(name)
                ? "\"" + escaped + "\""
                : name;
        throw new InvalidInputException(
            prefix + shown, "not a member of format version " + VERSION);
      }
    }
  }

  private static JsonNode required(JsonNode n, String member, String field) {
    JsonNode v = n.get(member);
    if (v == null || v.isNull()) {
      throw new InvalidInputException(field, "missing");
    }
    return v;
  }

  private static String text(JsonNode n, String member, String at) {
    JsonNode v = required(n, member, at + "." + member);
    if (!v.isTextual()) {
      throw new InvalidInputException(at + "." + member, "must be a string");
    }
    return v.textValue();
  }

  private static boolean bool(JsonNode n, String member, String at) {
    JsonNode v = required(n, member, at + "." + member);
    if (!v.isBoolean()) {
      throw new InvalidInputException(at + "." + member, "must be true or false");
    }
    return v.booleanValue();
  }

  private static long integer(JsonNode n, String member, String at) {
    JsonNode v = required(n, member, at + "." + member);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new InvalidInputException(at + "." + member, "must be an integer");
    }
    return v.longValue();
  }

  private static Principal principal(String id, String field) {
    try {
      return Principal.of(id);
    } catch (RuntimeException e) {
      throw new InvalidInputException(field, "not a valid principal id");
    }
  }

  private static String handle(JsonNode v, String field) {
    if (!v.isTextual() || v.textValue().isEmpty()) {
      throw new InvalidInputException(field, "must be a non-empty base64url string");
    }
    try {
      Codec.decode(v.textValue(), field);
    } catch (RuntimeException e) {
      throw new InvalidInputException(field, "not base64url");
    }
    return v.textValue();
  }
}
