package dev.rootguard.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The KMS part of {@link LocalAwsEndpoint}: enough of the KMS JSON 1.1 protocol ({@code
 * X-Amz-Target: TrentService.GenerateDataKey} and {@code TrentService.Decrypt}) for the real SDK
 * {@code KmsClient}. Each key has its own random AES-256 master key that never leaves this class; a
 * wrapped data key ({@code CiphertextBlob}) is this fake's own format, AES-GCM under the master key
 * with the key ARN and the canonical encryption context as associated data, so, as real KMS does,
 * {@code Decrypt} refuses another encryption context ({@code InvalidCiphertextException}), another
 * {@code KeyId} ({@code IncorrectKeyException}), a disabled key ({@code DisabledException}) and any
 * altered blob.
 *
 * <p>It is written from the KMS API reference, not from {@link KmsSecretSealer}: tests use it as an
 * independent oracle. Thread-safe.
 */
public final class FakeKms {
  private static final byte[] MAGIC = "fk1".getBytes(StandardCharsets.US_ASCII);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A reply for the endpoint to send: a body, or an error code (then {@code body} is a message).
   */
  record Reply(int status, String errorCode, String body) {}

  private final String account;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, String> arnByName = new ConcurrentHashMap<>();
  private final Map<String, SecretKeySpec> masterByArn = new ConcurrentHashMap<>();
  private final Set<String> disabled = ConcurrentHashMap.newKeySet();
  private final List<Map<String, String>> contexts =
      Collections.synchronizedList(new ArrayList<>());
  private final List<byte[]> issued = Collections.synchronizedList(new ArrayList<>());

  FakeKms(String account) {
    this.account = account;
  }

  /**
   * Creates a KMS key with its aliases ({@code "rootguard"} for {@code alias/rootguard}).
   *
   * @return the key ARN; the bare key id, the aliases and the alias ARNs name it too
   */
  public String createKey(String... aliases) {
    String id = UUID.randomUUID().toString();
    String arn = "arn:aws:kms:us-east-1:" + account + ":key/" + id;
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    masterByArn.put(arn, new SecretKeySpec(raw, "AES"));
    arnByName.put(arn, arn);
    arnByName.put(id, arn);
    for (String a : aliases) {
      arnByName.put("alias/" + a, arn);
      arnByName.put("arn:aws:kms:us-east-1:" + account + ":alias/" + a, arn);
    }
    return arn;
  }

  /** Disables a key: both operations then fail with DisabledException. */
  public void disable(String arn) {
    disabled.add(arn);
  }

  /** The encryption context of every GenerateDataKey and Decrypt request, in order. */
  public List<Map<String, String>> contexts() {
    synchronized (contexts) {
      return List.copyOf(contexts);
    }
  }

  /** Every plaintext data key GenerateDataKey handed out (copies). */
  public List<byte[]> issuedDataKeys() {
    synchronized (issued) {
      return issued.stream().map(byte[]::clone).toList();
    }
  }

  Reply handle(String action, byte[] requestBody) throws IOException {
    JsonNode req = JSON.readTree(requestBody);
    Map<String, String> ctx = new TreeMap<>();
    JsonNode c = req.path("EncryptionContext");
    for (Map.Entry<String, JsonNode> e : c.properties()) {
      ctx.put(e.getKey(), e.getValue().asText());
    }
    contexts.add(Map.copyOf(ctx));
    return switch (action) {
      case "kms:GenerateDataKey" -> generateDataKey(req, ctx);
      case "kms:Decrypt" -> decrypt(req, ctx);
      default -> new Reply(400, "UnsupportedOperationException", action);
    };
  }

  private Reply generateDataKey(JsonNode req, Map<String, String> ctx) {
    String arn = arnByName.get(req.path("KeyId").asText(""));
    if (arn == null) {
      return new Reply(
          400, "NotFoundException", "Key '" + req.path("KeyId").asText() + "' does not exist");
    }
    if (disabled.contains(arn)) {
      return new Reply(400, "DisabledException", arn + " is disabled.");
    }
    int bytes;
    if (req.has("KeySpec")) {
      bytes =
          switch (req.get("KeySpec").asText()) {
            case "AES_256" -> 32;
            case "AES_128" -> 16;
            default -> -1;
          };
    } else {
      bytes = req.path("NumberOfBytes").asInt(-1);
    }
    if (bytes < 1 || bytes > 1024) {
      return new Reply(400, "ValidationException", "KeySpec or NumberOfBytes is required");
    }
    byte[] dataKey = new byte[bytes];
    random.nextBytes(dataKey);
    issued.add(dataKey.clone());
    byte[] arnBytes = arn.getBytes(StandardCharsets.UTF_8);
    byte[] iv = new byte[12];
    random.nextBytes(iv);
    byte[] sealed;
    try {
      Cipher g = Cipher.getInstance("AES/GCM/NoPadding");
      g.init(Cipher.ENCRYPT_MODE, masterByArn.get(arn), new GCMParameterSpec(128, iv));
      g.updateAAD(aad(arn, ctx));
      sealed = g.doFinal(dataKey);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    ByteBuffer blob = ByteBuffer.allocate(MAGIC.length + 1 + arnBytes.length + 12 + sealed.length);
    blob.put(MAGIC).put((byte) arnBytes.length).put(arnBytes).put(iv).put(sealed);
    ObjectNode out = JSON.createObjectNode();
    out.put("CiphertextBlob", Base64.getEncoder().encodeToString(blob.array()));
    out.put("Plaintext", Base64.getEncoder().encodeToString(dataKey));
    out.put("KeyId", arn);
    return new Reply(200, null, out.toString());
  }

  private Reply decrypt(JsonNode req, Map<String, String> ctx) {
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(req.path("CiphertextBlob").asText(""));
    } catch (IllegalArgumentException e) {
      return new Reply(400, "ValidationException", "CiphertextBlob is not base64");
    }
    int arnLen = blob.length > MAGIC.length ? blob[MAGIC.length] & 0xff : -1;
    int ivAt = MAGIC.length + 1 + arnLen;
    if (arnLen < 1
        || blob.length < ivAt + 12 + 16
        || !ByteBuffer.wrap(blob, 0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
      return new Reply(400, "InvalidCiphertextException", null);
    }
    String arn = new String(blob, MAGIC.length + 1, arnLen, StandardCharsets.UTF_8);
    SecretKeySpec master = masterByArn.get(arn);
    if (master == null) {
      return new Reply(400, "InvalidCiphertextException", null);
    }
    if (req.has("KeyId")) {
      String asked = arnByName.get(req.get("KeyId").asText());
      if (asked == null) {
        return new Reply(
            400, "NotFoundException", "Key '" + req.get("KeyId").asText() + "' does not exist");
      }
      if (!asked.equals(arn)) {
        return new Reply(
            400,
            "IncorrectKeyException",
            "The key ID in the request does not identify a CMK that can perform this operation.");
      }
    }
    if (disabled.contains(arn)) {
      return new Reply(400, "DisabledException", arn + " is disabled.");
    }
    byte[] dataKey;
    try {
      Cipher g = Cipher.getInstance("AES/GCM/NoPadding");
      g.init(Cipher.DECRYPT_MODE, master, new GCMParameterSpec(128, blob, ivAt, 12));
      g.updateAAD(aad(arn, ctx));
      dataKey = g.doFinal(blob, ivAt + 12, blob.length - ivAt - 12);
    } catch (GeneralSecurityException e) {
      return new Reply(400, "InvalidCiphertextException", null);
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("KeyId", arn);
    out.put("Plaintext", Base64.getEncoder().encodeToString(dataKey));
    out.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
    return new Reply(200, null, out.toString());
  }

  /** The ARN and the encryption context sorted by key, as unambiguous JSON. */
  private static byte[] aad(String arn, Map<String, String> ctx) {
    ObjectNode n = JSON.createObjectNode();
    n.put("arn", arn);
    ObjectNode c = n.putObject("context");
    new TreeMap<>(ctx).forEach(c::put);
    return n.toString().getBytes(StandardCharsets.UTF_8);
  }
}
