package dev.rootguard.mfa.hardware.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.OathType;
import dev.rootguard.mfa.hardware.TokenState;
import dev.rootguard.mfa.hardware.YubicoKey;
import dev.rootguard.seal.Envelope;
import dev.rootguard.seal.SecretSealer;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON document of {@code JsonFileTokenStore}: a strict reader for formats {@code
 * rootguard-tokens/1} (plain Base64/hex secrets) and {@code rootguard-tokens/2} (sealed secrets),
 * and a writer for {@code /2}. Not API.
 *
 * <p>Reading is strict: a missing field, a value of the wrong JSON type, an unknown field, a
 * duplicate serial or public id, or an unknown format version is an {@link InvalidInputException}
 * whose field is the JSON path, such as {@code tokens[3].state.disabled}. Messages never quote a
 * secret.
 *
 * <pre>{@code
 * Document d = TokenFile.read(root, sealer, previous, path.toString());
 * ObjectNode next = TokenFile.write(TokenFile.sealAll(changed, sealer));
 * }</pre>
 *
 * <p>It passes 600 lines because the reader of both formats and the writer of one must change
 * together; the strict JSON helpers at the end serve only them.
 *
 * <p>Stateless and thread-safe; documents are immutable.
 */
public final class TokenFile {
  /** The format this version writes: secrets sealed. */
  public static final String FORMAT = "rootguard-tokens/2";

  /** The legacy format: secrets in plain Base64 (seeds) and hex (Yubico keys). */
  public static final String FORMAT_V1 = "rootguard-tokens/1";

  private static final String WARNING =
      "Token store. Secrets are sealed (AES-256-GCM) with the key in the seal key file; keep both"
          + " private (mode 600) and back the key up. Edit only with 'rootguard tokens'.";

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

  private TokenFile() {}

  /** The sealing context (AEAD associated data) of a token's seed. */
  public static String tokenContext(String serial) {
    return "token:" + serial;
  }

  /** The sealing context of a Yubico key's private id and AES key (sealed together). */
  public static String yubicoContext(String publicId) {
    return "yubico:" + publicId;
  }

  /**
   * A registered secret with its state, and its sealed form as stored (none until sealed: a new
   * entry, a legacy plain one, or one marked for resealing).
   *
   * <pre>{@code
   * Entry<HardwareToken> e = new Entry<>(token, null, TokenState.NEW);  // sealed on write
   * }</pre>
   *
   * <p>Immutable and thread-safe; {@code toString} shows no secret.
   *
   * @param <S> {@link HardwareToken} or {@link YubicoKey}
   */
  public static final class Entry<S> {
    private final S attributes;
    private final String sealed;
    private final TokenState state;
    private final Lazy<S> lazy;

    /** An entry whose secret is at hand. */
    public Entry(S secret, String sealed, TokenState state) {
      this(secret, sealed, state, null);
    }

    private Entry(S attributes, String sealed, TokenState state, Lazy<S> lazy) {
      this.attributes = Objects.requireNonNull(attributes, "attributes");
      this.sealed = sealed;
      this.state = Objects.requireNonNull(state, "state");
      this.lazy = lazy;
    }

    /**
     * The secret, opened now if it was not yet.
     *
     * @throws dev.rootguard.seal.SealingException if the envelope does not open
     */
    public S secret() {
      return lazy == null ? attributes : lazy.get();
    }

    /**
     * The non-secret attributes (serial, type, parameters…): the secret itself, or for an entry not
     * opened yet a stand-in whose secret is a placeholder. Never use its secret.
     */
    public S attributes() {
      return attributes;
    }

    boolean isOpened() {
      return lazy == null || lazy.value != null;
    }

    /** The envelope as stored, or empty if the entry is not sealed yet. */
    public Optional<String> sealed() {
      return Optional.ofNullable(sealed);
    }

    public TokenState state() {
      return state;
    }

    public Entry<S> withState(TokenState s) {
      return new Entry<>(attributes, sealed, s, lazy);
    }

    /** The same entry, to be sealed again under the current key on the next write (opens it). */
    public Entry<S> unsealed() {
      return new Entry<>(secret(), null, state);
    }

    @Override
    public String toString() {
      return "Entry[" + attributes + ", " + state + "]";
    }
  }

  /** A secret opened on first use, then kept; shared by the copies of one entry. */
  private static final class Lazy<S> {
    private final java.util.function.Supplier<S> open;
    private volatile S value;

    Lazy(java.util.function.Supplier<S> open) {
      this.open = open;
    }

    S get() {
      S v = value;
      if (v == null) {
        synchronized (this) {
          v = value;
          if (v == null) {
            v = open.get();
            value = v;
          }
        }
      }
      return v;
    }
  }

  /**
   * The whole store: the format read ({@code 0} for no file), tokens by serial and Yubico keys by
   * public id, both sorted.
   *
   * <pre>{@code
   * TreeMap<String, Entry<HardwareToken>> tokens = doc.tokens();  // a copy to change
   * }</pre>
   *
   * <p>Immutable and thread-safe.
   */
  public static final class Document {
    public static final Document EMPTY = new Document(0, new TreeMap<>(), new TreeMap<>());

    private final int format;
    private final TreeMap<String, Entry<HardwareToken>> tokens;
    private final TreeMap<String, Entry<YubicoKey>> yubicoKeys;

    public Document(
        int format,
        TreeMap<String, Entry<HardwareToken>> tokens,
        TreeMap<String, Entry<YubicoKey>> yubicoKeys) {
      this.format = format;
      this.tokens = tokens;
      this.yubicoKeys = yubicoKeys;
    }

    public int format() {
      return format;
    }

    /** A copy of the tokens, to change. */
    public TreeMap<String, Entry<HardwareToken>> tokens() {
      return new TreeMap<>(tokens);
    }

    public TreeMap<String, Entry<YubicoKey>> yubicoKeys() {
      return new TreeMap<>(yubicoKeys);
    }

    public Entry<HardwareToken> token(String serial) {
      return tokens.get(serial);
    }

    public Entry<YubicoKey> yubicoKey(String publicId) {
      return yubicoKeys.get(publicId);
    }

    public java.util.List<String> serials() {
      return java.util.List.copyOf(tokens.keySet());
    }

    public java.util.List<String> publicIds() {
      return java.util.List.copyOf(yubicoKeys.keySet());
    }
  }

  // ---- reading ----

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
  public static Document read(
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
        new Entry<>(
            attributes,
            sealed,
            state,
            new Lazy<>(
                () -> {
                  byte[] secret = open(sealer, sealed, context, at + ".secret", where);
                  try {
                    return withSecret(attributes, secret);
                  } finally {
                    Arrays.fill(secret, (byte) 0);
                  }
                }));
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
        return concat(known.secret().revealPrivateId(), known.secret().revealAesKey());
      } catch (IllegalStateException destroyed) {
        // a caller destroyed the object it was given: open the envelope again
      }
    }
    return open(sealer, sealed, context, at + ".secrets", where);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    Arrays.fill(a, (byte) 0);
    Arrays.fill(b, (byte) 0);
    return out;
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

  // ---- writing ----

  /**
   * Seals every entry that has no envelope yet (new, legacy or marked for resealing).
   *
   * @param d the document
   * @param sealer the sealer
   * @return a document whose every entry is sealed
   * @throws dev.rootguard.seal.SealingException if sealing fails
   */
  public static Document sealAll(Document d, SecretSealer sealer) {
    TreeMap<String, Entry<HardwareToken>> tokens = d.tokens();
    for (Map.Entry<String, Entry<HardwareToken>> e : tokens.entrySet()) {
      Entry<HardwareToken> v = e.getValue();
      if (v.sealed().isEmpty()) {
        byte[] s = v.secret().revealSecret();
        try {
          e.setValue(new Entry<>(v.secret(), sealer.seal(s, tokenContext(e.getKey())), v.state()));
        } finally {
          Arrays.fill(s, (byte) 0);
        }
      }
    }
    TreeMap<String, Entry<YubicoKey>> keys = d.yubicoKeys();
    for (Map.Entry<String, Entry<YubicoKey>> e : keys.entrySet()) {
      Entry<YubicoKey> v = e.getValue();
      if (v.sealed().isEmpty()) {
        byte[] s = concat(v.secret().revealPrivateId(), v.secret().revealAesKey());
        try {
          e.setValue(new Entry<>(v.secret(), sealer.seal(s, yubicoContext(e.getKey())), v.state()));
        } finally {
          Arrays.fill(s, (byte) 0);
        }
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
  public static ObjectNode write(Document d) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("format", FORMAT);
    root.put("warning", WARNING);
    ArrayNode tokens = root.putArray("tokens");
    for (Entry<HardwareToken> e : d.tokens.values()) {
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
    for (Entry<YubicoKey> e : d.yubicoKeys.values()) {
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

  // ---- strict JSON helpers ----

  private static void onlyFields(ObjectNode o, Set<String> allowed, String prefix, String where) {
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        // a member named "" is shown quoted, so the refusal still names something
        throw bad(prefix + (name.isEmpty() ? "\"\"" : name), "unknown field", where);
      }
    }
  }

  private static Iterable<JsonNode> array(ObjectNode o, String name, String where) {
    JsonNode n = o.get(name);
    if (n == null) {
      return java.util.List.of();
    }
    if (!n.isArray()) {
      throw bad(name, mustBe("an array", n), where);
    }
    return n;
  }

  private static ObjectNode object(JsonNode n, String at, String where) {
    if (!(n instanceof ObjectNode o)) {
      throw bad(at, mustBe("an object", n), where);
    }
    return o;
  }

  private static String text(ObjectNode o, String name, String prefix, String where) {
    JsonNode n = o.get(name);
    if (n == null) {
      throw bad(prefix + name, "missing", where);
    }
    if (!n.isTextual()) {
      throw bad(prefix + name, mustBe("a string", n), where);
    }
    return n.textValue();
  }

  private static Optional<String> optionalText(ObjectNode o, String name, String at, String where) {
    return o.has(name) ? Optional.of(text(o, name, at + ".", where)) : Optional.empty();
  }

  private static long integer(
      ObjectNode o, String name, String at, long min, long max, String where) {
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

  private static Instant instantSeconds(ObjectNode o, String name, String at, String where) {
    return Instant.ofEpochSecond(
        integer(o, name, at, -31_557_014_167_219_200L, 31_556_889_864_403_199L, where));
  }

  private static Instant instant(String text, String at, String where) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw bad(at, "validity dates must be ISO-8601 instants such as 2030-01-01T00:00:00Z", where);
    }
  }

  private static byte[] hex(ObjectNode o, String name, String at, String where) {
    try {
      return HexFormat.of().parseHex(text(o, name, at + ".", where));
    } catch (IllegalArgumentException e) {
      throw bad(at + "." + name, "must be hexadecimal", where);
    }
  }

  private static String mustBe(String expected, JsonNode actual) {
    return "must be " + expected + ", was " + kind(actual);
  }

  private static String kind(JsonNode n) {
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
  private static InvalidInputException within(InvalidInputException e, String at, String where) {
    if (e.field().startsWith(at)) {
      return e;
    }
    return bad(at + "." + e.field(), reason(e), where);
  }

  private static String reason(InvalidInputException e) {
    String m = e.getMessage();
    String prefix = e.field() + ": ";
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }

  private static InvalidInputException bad(String field, String reason, String where) {
    return new InvalidInputException(field, reason + " (in " + where + ")");
  }
}
