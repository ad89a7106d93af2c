package dev.rootguard.mfa.hardware.internal;

import static dev.rootguard.mfa.hardware.internal.TokenFile.FORMAT;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.TokenSealing;
import dev.rootguard.mfa.hardware.TokenState;
import dev.rootguard.mfa.hardware.YubicoKey;
import dev.rootguard.mfa.hardware.internal.TokenFile.Document;
import dev.rootguard.mfa.hardware.internal.TokenFile.Entry;
import dev.rootguard.seal.SecretSealer;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sealing and the writer of {@link TokenFile}: seals entries without an envelope and renders
 * format {@code rootguard-tokens/2}. Not API. Stateless and thread-safe.
 */
final class TokenFileWriter {
  private static final String WARNING =
      "Token store. Secrets are sealed (AES-256-GCM) with the key in the seal key file; keep both"
          + " private (mode 600) and back the key up. Edit only with 'rootguard tokens'.";

  private TokenFileWriter() {}

  /**
   * Seals every entry that has no envelope yet (new, legacy or marked for resealing).
   *
   * @param d the document
   * @param sealer the sealer
   * @return a document whose every entry is sealed
   * @throws dev.rootguard.seal.SealingException if sealing fails
   */
  static Document sealAll(Document d, SecretSealer sealer) {
    TreeMap<String, Entry<HardwareToken>> tokens = d.tokens();
    for (Map.Entry<String, Entry<HardwareToken>> e : tokens.entrySet()) {
      Entry<HardwareToken> v = e.getValue();
      if (v.sealed().isEmpty()) {
        e.setValue(new Entry<>(v.secret(), TokenSealing.sealSeed(v.secret(), sealer), v.state()));
      }
    }
    TreeMap<String, Entry<YubicoKey>> keys = d.yubicoKeys();
    for (Map.Entry<String, Entry<YubicoKey>> e : keys.entrySet()) {
      Entry<YubicoKey> v = e.getValue();
      if (v.sealed().isEmpty()) {
        e.setValue(
            new Entry<>(v.secret(), TokenSealing.sealYubicoKey(v.secret(), sealer), v.state()));
      }
    }
    return new Document(2, tokens, keys);
  }

  /**
   * Renders a sealed document as format {@value #FORMAT}.
   *
   * @param d a document from {@link #sealAll}
   * @return the JSON
   * @throws IllegalStateException if an entry is not sealed
   */
  static ObjectNode write(Document d) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("format", FORMAT);
    root.put("warning", WARNING);
    ArrayNode tokens = root.putArray("tokens");
    for (Entry<HardwareToken> e : d.tokens().values()) {
      HardwareToken t = e.attributes();
      ObjectNode o = tokens.addObject();
      o.put("serial", t.serial());
      o.put("keyId", t.keyId());
      t.manufacturer().ifPresent(m -> o.put("manufacturer", m));
      t.issuer().ifPresent(m -> o.put("issuer", m));
      o.put("type", t.type().name());
      o.put("algorithm", t.algorithm().name());
      o.put("digits", t.digits());
      o.put("timeStep", t.timeStep().getSeconds());
      o.put("t0", t.t0().getEpochSecond());
      o.put("counter", t.counter());
      o.put("timeDrift", t.timeDrift());
      t.validFrom().ifPresent(v -> o.put("validFrom", v.toString()));
      t.validUntil().ifPresent(v -> o.put("validUntil", v.toString()));
      o.put("secret", e.sealed().orElseThrow(() -> new IllegalStateException("bug: not sealed")));
      writeState(o.putObject("state"), e.state());
    }
    ArrayNode keys = root.putArray("yubicoKeys");
    for (Entry<YubicoKey> e : d.yubicoKeys().values()) {
      ObjectNode o = keys.addObject();
      o.put("publicId", e.attributes().publicId());
      o.put("secrets", e.sealed().orElseThrow(() -> new IllegalStateException("bug: not sealed")));
      writeState(o.putObject("state"), e.state());
    }
    return root;
  }

  private static void writeState(ObjectNode o, TokenState s) {
    s.owner().ifPresent(p -> o.put("owner", p.id()));
    o.put("disabled", s.disabled());
    o.put("driftSteps", s.driftSteps());
    if (s.lastSequence().isPresent()) {
      o.put("lastSequence", s.lastSequence().getAsLong());
    }
    o.put("version", s.version());
  }
}
