package dev.rootguard.store.redis.internal;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.OathType;
import dev.rootguard.mfa.hardware.TokenSealing;
import dev.rootguard.mfa.hardware.TokenState;
import dev.rootguard.mfa.hardware.TokenStore;
import dev.rootguard.mfa.hardware.YubicoKey;
import dev.rootguard.mfa.hardware.YubicoKeyStore;
import dev.rootguard.seal.SecretSealer;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link TokenStore} and {@link YubicoKeyStore} over the registry: one hash per OATH token ({@code
 * {r}:token:<serial>}) and per Yubico key ({@code {r}:yubico:<publicId>}), each holding its
 * metadata, its sealed secret and its state with a {@code ver} field; and one set of all serials,
 * one of all public ids. Seeds are sealed for {@code "token:<serial>"}; a Yubico key's private id
 * and AES key together for {@code "yubico:<publicId>"}. A state change is one script comparing
 * {@code ver} and incrementing it ({@code HINCRBY}); {@code addAll} is one script that checks every
 * serial first and writes all or nothing. Thread-safe.
 */
public final class RedisTokenStore implements TokenStore, YubicoKeyStore {
  /** The per-token values {@link Lua#TOKENS_ADD} takes after the serial, in order. */
  static final int TOKEN_FIELDS = 15;

  private final Redis redis;
  private final SecretSealer sealer;

  /**
   * Creates the store.
   *
   * @param redis the runner
   * @param sealer seals seeds and keys
   */
  public RedisTokenStore(Redis redis, SecretSealer sealer) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.sealer = Objects.requireNonNull(sealer, "sealer");
  }

  private String tokenKey(String serial) {
    return redis.registry("token:" + serial);
  }

  private String yubicoName(String publicId) {
    return redis.registry("yubico:" + publicId);
  }

  // ---- OATH tokens ----

  @Override
  public void add(HardwareToken token) {
    Objects.requireNonNull(token, "token");
    String dup = insertAll(List.of(token), null);
    if (dup != null) {
      throw new InvalidInputException("serial", token.serial() + " is already registered");
    }
  }

  @Override
  public void addAll(Collection<HardwareToken> tokens) {
    addAllChecked(tokens, null);
  }

  /** Adds and assigns in the same script: all or nothing. */
  @Override
  public void addAll(Collection<HardwareToken> tokens, Principal owner) {
    addAllChecked(tokens, Objects.requireNonNull(owner, "owner"));
  }

  private void addAllChecked(Collection<HardwareToken> tokens, Principal owner) {
    List<HardwareToken> batch = new ArrayList<>(TokenStore.checkedBatch(tokens).values());
    if (batch.isEmpty()) {
      return;
    }
    String dup = insertAll(batch, owner);
    if (dup != null) {
      throw new InvalidInputException("serial", dup + " is already registered; nothing was added");
    }
  }

  private String insertAll(List<HardwareToken> batch, Principal owner) {
    // Seal everything before touching Redis: a sealing failure writes nothing.
    List<String> args = new ArrayList<>(3 + batch.size() * TOKEN_FIELDS);
    args.add(redis.registryPrefix() + "token:");
    args.add(owner == null ? "" : owner.id());
    args.add(Integer.toString(TOKEN_FIELDS));
    for (HardwareToken t : batch) {
      args.add(t.serial());
      args.add(t.keyId());
      args.add(t.manufacturer().orElse(""));
      args.add(t.issuer().orElse(""));
      args.add(t.type().name());
      args.add(t.algorithm().name());
      args.add(Integer.toString(t.digits()));
      args.add(t.timeStep().toString());
      args.add(Codec.instant(t.t0()));
      args.add(Long.toString(t.counter()));
      args.add(Integer.toString(t.timeDrift()));
      args.add(t.validFrom().map(Codec::instant).orElse(""));
      args.add(t.validUntil().map(Codec::instant).orElse(""));
      args.add(sealSeed(t));
      args.add(Long.toString(t.timeDrift()));
    }
    String set = redis.registry("tokens");
    String dup =
        redis.eval(
            "tokens.addAll",
            Lua.TOKENS_ADD,
            ScriptOutputType.VALUE,
            new String[] {redis.markerFor(set), set},
            args.toArray(String[]::new));
    return dup == null || dup.isEmpty() ? null : dup;
  }

  private String sealSeed(HardwareToken t) {
    return TokenSealing.sealSeed(t, sealer);
  }

  private Map<String, String> hash(String operation, String key) {
    List<Object> flat =
        redis.eval(
            operation,
            Lua.HGETALL,
            ScriptOutputType.MULTI,
            new String[] {redis.markerFor(key), key});
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      m.put((String) flat.get(i), (String) flat.get(i + 1));
    }
    return m;
  }

  @Override
  public Optional<HardwareToken> token(String serial) {
    Objects.requireNonNull(serial, "serial");
    Map<String, String> h = hash("tokens.token", tokenKey(serial));
    if (h.isEmpty()) {
      return Optional.empty();
    }
    byte[] seed = TokenSealing.openSeed(serial, h.get("sealed"), sealer);
    try {
      HardwareToken.Builder b =
          HardwareToken.builder(serial, OathType.valueOf(h.get("type")), seed)
              .keyId(h.get("kid"))
              .algorithm(h.get("alg"))
              .digits(Integer.parseInt(h.get("dig")))
              .timeStep(Duration.parse(h.get("step")))
              .t0(Codec.instant(h.get("t0")))
              .counter(Long.parseLong(h.get("ctr")))
              .timeDrift(Integer.parseInt(h.get("tdrift")));
      if (h.containsKey("man")) {
        b.manufacturer(h.get("man"));
      }
      if (h.containsKey("iss")) {
        b.issuer(h.get("iss"));
      }
      if (h.containsKey("vf")) {
        b.validFrom(Codec.instant(h.get("vf")));
      }
      if (h.containsKey("vu")) {
        b.validUntil(Codec.instant(h.get("vu")));
      }
      return Optional.of(b.build());
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  @Override
  public Optional<TokenState> state(String serial) {
    Objects.requireNonNull(serial, "serial");
    return readState("tokens.state", tokenKey(serial));
  }

  @Override
  public boolean compareAndSet(String serial, TokenState expected, TokenState updated) {
    Objects.requireNonNull(serial, "serial");
    return cas("tokens.compareAndSet", tokenKey(serial), expected, updated);
  }

  @Override
  public boolean remove(String serial) {
    Objects.requireNonNull(serial, "serial");
    return removeIndexed("tokens.remove", tokenKey(serial), redis.registry("tokens"), serial);
  }

  @Override
  public List<String> serials() {
    return members("tokens.serials", redis.registry("tokens"));
  }

  // ---- Yubico keys ----

  @Override
  public void addYubicoKey(YubicoKey key) {
    insertYubicoKey(key, null);
  }

  /** Adds and assigns in one script. */
  @Override
  public void addYubicoKey(YubicoKey key, Principal owner) {
    insertYubicoKey(key, Objects.requireNonNull(owner, "owner"));
  }

  private void insertYubicoKey(YubicoKey key, Principal owner) {
    Objects.requireNonNull(key, "key");
    String sealed = TokenSealing.sealYubicoKey(key, sealer);
    String k = yubicoName(key.publicId());
    Long r =
        redis.eval(
            "yubico_keys.add",
            Lua.YUBICO_ADD,
            ScriptOutputType.INTEGER,
            new String[] {redis.markerFor(k), k, redis.registry("yubicos")},
            key.publicId(),
            sealed,
            owner == null ? "" : owner.id());
    if (r != 1L) {
      throw new InvalidInputException("publicId", key.publicId() + " is already registered");
    }
  }

  @Override
  public Optional<YubicoKey> yubicoKey(String publicId) {
    Objects.requireNonNull(publicId, "publicId");
    String k = yubicoName(publicId);
    String sealed =
        redis.eval(
            "yubico_keys.yubicoKey",
            Lua.HGET,
            ScriptOutputType.VALUE,
            new String[] {redis.markerFor(k), k},
            "sealed");
    if (sealed == null) {
      return Optional.empty();
    }
    return Optional.of(TokenSealing.openYubicoKey(publicId, sealed, sealer));
  }

  @Override
  public Optional<TokenState> yubicoKeyState(String publicId) {
    Objects.requireNonNull(publicId, "publicId");
    return readState("yubico_keys.state", yubicoName(publicId));
  }

  @Override
  public boolean compareAndSetYubicoKey(String publicId, TokenState expected, TokenState updated) {
    Objects.requireNonNull(publicId, "publicId");
    return cas("yubico_keys.compareAndSet", yubicoName(publicId), expected, updated);
  }

  @Override
  public boolean removeYubicoKey(String publicId) {
    Objects.requireNonNull(publicId, "publicId");
    return removeIndexed(
        "yubico_keys.remove", yubicoName(publicId), redis.registry("yubicos"), publicId);
  }

  @Override
  public List<String> yubicoPublicIds() {
    return members("yubico_keys.publicIds", redis.registry("yubicos"));
  }

  // ---- shared ----

  private Optional<TokenState> readState(String operation, String key) {
    Map<String, String> h = hash(operation, key);
    if (h.isEmpty()) {
      return Optional.empty();
    }
    String last = h.get("last");
    return Optional.of(
        TokenState.of(
            Optional.ofNullable(h.get("owner")).map(Principal::of),
            "1".equals(h.get("dis")),
            Long.parseLong(h.getOrDefault("drift", "0")),
            last == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(last)),
            Long.parseLong(h.get("ver"))));
  }

  private boolean cas(String operation, String key, TokenState expected, TokenState updated) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(updated, "updated");
    Long r =
        redis.eval(
            operation,
            Lua.STATE_CAS,
            ScriptOutputType.INTEGER,
            new String[] {redis.markerFor(key), key},
            Long.toString(expected.version()),
            updated.owner().map(Principal::id).orElse(""),
            updated.disabled() ? "1" : "0",
            Long.toString(updated.driftSteps()),
            updated.lastSequence().isPresent()
                ? Long.toString(updated.lastSequence().getAsLong())
                : "");
    return r == 1L;
  }

  private boolean removeIndexed(String operation, String key, String set, String id) {
    Long r =
        redis.eval(
            operation,
            Lua.REMOVE_INDEXED,
            ScriptOutputType.INTEGER,
            new String[] {redis.markerFor(key), key, set},
            id);
    return r == 1L;
  }

  private List<String> members(String operation, String set) {
    List<Object> m =
        redis.eval(
            operation,
            Lua.SMEMBERS,
            ScriptOutputType.MULTI,
            new String[] {redis.markerFor(set), set});
    List<String> out = new ArrayList<>(m.size());
    for (Object o : m) {
      out.add((String) o);
    }
    out.sort(null);
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "RedisTokenStore";
  }
}
