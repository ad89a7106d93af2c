package dev.rootguard.mfa.hardware.internal;

import static dev.rootguard.mfa.hardware.internal.TokenFile.FORMAT;
import static dev.rootguard.mfa.hardware.internal.TokenFile.FORMAT_V1;
import static dev.rootguard.mfa.hardware.internal.TokenFile.tokenContext;
import static dev.rootguard.mfa.hardware.internal.TokenFile.yubicoContext;
import static dev.rootguard.mfa.hardware.internal.TokenFileJson.array;
import static dev.rootguard.mfa.hardware.internal.TokenFileJson.bad;
import static dev.rootguard.mfa.hardware.internal.TokenFileJson.hex;
import static dev.rootguard.mfa.hardware.internal.TokenFileJson.instant;
import static dev.rootguard.mfa.hardware.internal.TokenFileJson.instantSeconds;
import static dev.rootguard.mfa.hardware.internal.TokenFileJson.integer;
import static dev.rootguard.mfa.hardware.internal.TokenFileJson.mustBe;
import static dev.rootguard.mfa.hardware.internal.TokenFileJson.object;
import static dev.rootguard.mfa.hardware.internal.TokenFileJson.onlyFields;
import static dev.rootguard.mfa.hardware.internal.TokenFileJson.optionalText;
import static dev.rootguard.mfa.hardware.internal.TokenFileJson.reason;
import static dev.rootguard.mfa.hardware.internal.TokenFileJson.text;
import static dev.rootguard.mfa.hardware.internal.TokenFileJson.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.OathType;
import dev.rootguard.mfa.hardware.TokenSealing;
import dev.rootguard.mfa.hardware.TokenState;
import dev.rootguard.mfa.hardware.YubicoKey;
import dev.rootguard.mfa.hardware.internal.TokenFile.Document;
import dev.rootguard.mfa.hardware.internal.TokenFile.Entry;
import dev.rootguard.seal.Envelope;
import dev.rootguard.seal.SecretSealer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The strict reader of {@link TokenFile}: formats {@code rootguard-tokens/1} and {@code /2}, token
 * seeds opened lazily (one per key id at once), Yubico keys opened now. Not API. Stateless and
 * thread-safe.
 */
final class TokenFileReader {
  private static final Set<String> TOP = Set.of("format", "warning", "tokens", "yubicoKeys");
  private static final Set<String> TOKEN =
      Set.of(
          "serial",
          "keyId",
          "manufacturer",
          "issuer",
          "type",
          "algorithm",
          "digits",
          "timeStep",
          "t0",
          "counter",
          "timeDrift",
          "validFrom",
          "validUntil",
          "secret",
          "state");
  private static final Set<String> YUBICO_V1 = Set.of("publicId", "privateId", "aesKey", "state");
  private static final Set<String> YUBICO_V2 = Set.of("publicId", "secrets", "state");
  private static final Set<String> STATE =
      Set.of("owner", "disabled", "driftSteps", "lastSequence", "version");

  private TokenFileReader() {}

  /**
   * Reads a document strictly. Yubico keys are opened now; token seeds are opened when first used,
   * except one per key id, opened now, so a wrong key fails here naming the key id.
   *
   * @param root the JSON, or empty if there is no file
   * @param sealer opens sealed secrets
   * @param known a document read or written before; an entry whose envelope is unchanged is not
   *     opened again (its secret is taken from there)
   * @param where the file, for messages
   * @return the document
   * @throws InvalidInputException naming the JSON path of the first problem
   * @throws dev.rootguard.seal.SealingException if a sealed secret does not open
   */
  static Document read(
      Optional<ObjectNode> root, SecretSealer sealer, Document known, String where) {
    if (root.isEmpty()) {
      return Document.EMPTY;
    }
    ObjectNode o = root.get();
    onlyFields(o, TOP, "", where);
    String format = text(o, "format", "", where);
    int version;
    if (FORMAT.equals(format)) {
      version = 2;
    } else if (FORMAT_V1.equals(format)) {
      version = 1;
    } else {
      throw bad(
          "format", "unknown format version; this RootGuard reads " + FORMAT_V1 + " and /2", where);
    }
    if (o.has("warning") && !o.get("warning").isTextual()) {
      throw bad("warning", mustBe("a string", o.get("warning")), where);
    }
    Document k = known == null ? Document.EMPTY : known;
    TreeMap<String, Entry<HardwareToken>> tokens = new TreeMap<>();
    Map<String, Integer> firstAt = new HashMap<>();
    Set<String> keyIdsChecked = new java.util.HashSet<>();
    int i = 0;
    for (JsonNode n : array(o, "tokens", where)) {
      String at = "tokens[" + i + "]";
      ObjectNode t = object(n, at, where);
      Entry<HardwareToken> e = readToken(t, at, version, sealer, k, keyIdsChecked, where);
      Integer before = firstAt.putIfAbsent(e.attributes().serial(), i);
      if (before != null) {
        throw bad(at + ".serial", "duplicate of tokens[" + before + "]", where);
      }
      tokens.put(e.attributes().serial(), e);
      i++;
    }
    TreeMap<String, Entry<YubicoKey>> keys = new TreeMap<>();
    firstAt.clear();
    i = 0;
    for (JsonNode n : array(o, "yubicoKeys", where)) {
      String at = "yubicoKeys[" + i + "]";
      ObjectNode y = object(n, at, where);
      Entry<YubicoKey> e = readYubico(y, at, version, sealer, k, where);
      Integer before = firstAt.putIfAbsent(e.attributes().publicId(), i);
      if (before != null) {
        throw bad(at + ".publicId", "duplicate of yubicoKeys[" + before + "]", where);
      }
      keys.put(e.attributes().publicId(), e);
      i++;
    }
    return new Document(version, tokens, keys);
  }

  /** Stands in for a seed not opened yet; only ever in {@link Entry#attributes()}. */
  private static final byte[] PLACEHOLDER = new byte[20];

  private static Entry<HardwareToken> readToken(
      ObjectNode o,
      String at,
      int version,
      SecretSealer sealer,
      Document known,
      Set<String> keyIdsChecked,
      String where) {
    onlyFields(o, TOKEN, at + ".", where);
    String serial = text(o, "serial", at + ".", where);
    String typeName = text(o, "type", at + ".", where);
    OathType type;
    try {
      type = OathType.valueOf(typeName);
    } catch (IllegalArgumentException e) {
      throw bad(at + ".type", "must be HOTP or TOTP", where);
    }
    String secretText = text(o, "secret", at + ".", where);
    TokenState state = readState(o, at, where);
    if (version == 1) {
      byte[] secret;
      try {
        secret = Base64.getDecoder().decode(secretText);
      } catch (IllegalArgumentException e) {
        throw bad(at + ".secret", "must be Base64 in " + FORMAT_V1, where);
      }
      return new Entry<>(token(o, serial, type, secret, at, where), null, state);
    }
    if (!Envelope.isEnvelope(secretText)) {
      throw bad(at + ".secret", "must be a sealed value (" + Envelope.PREFIX + "…)", where);
    }
    String sealed = secretText;
    String keyId;
    try {
      keyId = Envelope.parse(sealed).keyId();
    } catch (InvalidInputException e) {
      throw bad(at + ".secret", "malformed sealed value", where);
    }
    Entry<HardwareToken> before = known.token(serial);
    if (before != null
        && before.isOpened()
        && before.sealed().isPresent()
        && before.sealed().get().equals(sealed)) {
      byte[] secret = reveal(before);
      if (secret != null) {
        keyIdsChecked.add(keyId); // this key opened it before: the key file is right
        return new Entry<>(token(o, serial, type, secret, at, where), sealed, state);
      }
    }
    // Validate the attributes now; open the seed when it is first needed.
    HardwareToken attributes = token(o, serial, type, PLACEHOLDER.clone(), at, where);
    String context = tokenContext(serial);
    Entry<HardwareToken> e =
        Entry.opening(
            attributes,
            sealed,
            state,
            () -> {
              byte[] secret = open(sealer, sealed, context, at + ".secret", where);
              try {
                return withSecret(attributes, secret);
              } finally {
                Arrays.fill(secret, (byte) 0);
              }
            });
    if (keyIdsChecked.add(keyId)) {
      e.secret(); // one value per key id is opened now: a wrong key file fails here
    }
    return e;
  }

  /** A destroyed secret yields null (then the envelope is opened again). */
  private static byte[] reveal(Entry<HardwareToken> e) {
    try {
      return e.secret().revealSecret();
    } catch (IllegalStateException destroyed) {
      return null;
    }
  }

  private static byte[] open(
      SecretSealer sealer, String sealed, String context, String field, String where) {
    try {
      return sealer.open(sealed, context);
    } catch (InvalidInputException e) {
      throw bad(field, "malformed sealed value", where);
    }
  }

  /** Builds a token from its JSON attributes and a secret (zeroed here after copying). */
  private static HardwareToken token(
      ObjectNode o, String serial, OathType type, byte[] secret, String at, String where) {
    try {
      HardwareToken.Builder b;
      try {
        b = HardwareToken.builder(serial, type, secret);
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
      b.keyId(text(o, "keyId", at + ".", where))
          .algorithm(text(o, "algorithm", at + ".", where))
          .digits((int) integer(o, "digits", at, Integer.MIN_VALUE, Integer.MAX_VALUE, where))
          .timeStep(Duration.ofSeconds(integer(o, "timeStep", at, 1, 3600, where)))
          .t0(instantSeconds(o, "t0", at, where))
          .counter(integer(o, "counter", at, 0, Long.MAX_VALUE, where))
          .timeDrift((int) integer(o, "timeDrift", at, -10_000, 10_000, where));
      optionalText(o, "manufacturer", at, where).ifPresent(b::manufacturer);
      optionalText(o, "issuer", at, where).ifPresent(b::issuer);
      optionalText(o, "validFrom", at, where).ifPresent(v -> b.validFrom(instant(v, at, where)));
      optionalText(o, "validUntil", at, where).ifPresent(v -> b.validUntil(instant(v, at, where)));
      return b.build();
    } catch (InvalidInputException e) {
      throw within(e, at, where);
    }
  }

  /** The same token with its real secret. */
  private static HardwareToken withSecret(HardwareToken a, byte[] secret) {
    HardwareToken.Builder b =
        HardwareToken.builder(a.serial(), a.type(), secret)
            .keyId(a.keyId())
            .algorithm(a.algorithm())
            .digits(a.digits())
            .timeStep(a.timeStep())
            .t0(a.t0())
            .counter(a.counter())
            .timeDrift(a.timeDrift());
    a.manufacturer().ifPresent(b::manufacturer);
    a.issuer().ifPresent(b::issuer);
    a.validFrom().ifPresent(b::validFrom);
    a.validUntil().ifPresent(b::validUntil);
    return b.build();
  }

  private static Entry<YubicoKey> readYubico(
      ObjectNode o, String at, int version, SecretSealer sealer, Document known, String where) {
    onlyFields(o, version == 1 ? YUBICO_V1 : YUBICO_V2, at + ".", where);
    String publicId = text(o, "publicId", at + ".", where);
    byte[] privateId;
    byte[] aesKey;
    String sealed = null;
    if (version == 1) {
      privateId = hex(o, "privateId", at, where);
      aesKey = hex(o, "aesKey", at, where);
    } else {
      String text = text(o, "secrets", at + ".", where);
      if (!Envelope.isEnvelope(text)) {
        throw bad(at + ".secrets", "must be a sealed value (" + Envelope.PREFIX + "…)", where);
      }
      sealed = text;
      byte[] both =
          reuseOrOpen(
              known.yubicoKey(publicId), sealed, sealer, yubicoContext(publicId), at, where);
      try {
        if (both.length != 22) {
          throw bad(at + ".secrets", "must hold 6 + 16 bytes, holds " + both.length, where);
        }
        privateId = Arrays.copyOfRange(both, 0, 6);
        aesKey = Arrays.copyOfRange(both, 6, 22);
      } finally {
        Arrays.fill(both, (byte) 0);
      }
    }
    try {
      YubicoKey key = YubicoKey.of(publicId, privateId, aesKey);
      if (!key.publicId().equals(publicId)) {
        throw bad(at + ".publicId", "must be lower-case modhex", where);
      }
      return new Entry<>(key, sealed, readState(o, at, where));
    } catch (InvalidInputException e) {
      throw within(e, at, where);
    } finally {
      Arrays.fill(privateId, (byte) 0);
      Arrays.fill(aesKey, (byte) 0);
    }
  }

  /** The secrets of an unchanged envelope from {@code known}, else the envelope opened. */
  private static byte[] reuseOrOpen(
      Entry<YubicoKey> known,
      String sealed,
      SecretSealer sealer,
      String context,
      String at,
      String where) {
    if (known != null && known.sealed().isPresent() && known.sealed().get().equals(sealed)) {
      try {
        return TokenSealing.joined(known.secret());
      } catch (IllegalStateException destroyed) {
        // a caller destroyed the object it was given: open the envelope again
      }
    }
    return open(sealer, sealed, context, at + ".secrets", where);
  }

  private static TokenState readState(ObjectNode parent, String at, String where) {
    String sa = at + ".state";
    JsonNode n = parent.get("state");
    if (n == null) {
      throw bad(sa, "missing", where);
    }
    ObjectNode s = object(n, sa, where);
    onlyFields(s, STATE, sa + ".", where);
    Optional<String> owner = optionalText(s, "owner", sa, where);
    JsonNode disabled = s.get("disabled");
    if (disabled == null) {
      throw bad(sa + ".disabled", "missing", where);
    }
    if (!disabled.isBoolean()) {
      throw bad(sa + ".disabled", mustBe("true or false", disabled), where);
    }
    long drift = integer(s, "driftSteps", sa, Long.MIN_VALUE, Long.MAX_VALUE, where);
    OptionalLong last =
        s.has("lastSequence")
            ? OptionalLong.of(integer(s, "lastSequence", sa, 0, Long.MAX_VALUE, where))
            : OptionalLong.empty();
    long version = integer(s, "version", sa, 0, Long.MAX_VALUE, where);
    try {
      return TokenState.of(owner.map(Principal::of), disabled.booleanValue(), drift, last, version);
    } catch (InvalidInputException e) {
      throw bad(sa + ".owner", reason(e), where);
    }
  }
}
