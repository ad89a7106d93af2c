package dev.rootguard.store.redis.internal;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.SecurityKeyCredential;
import dev.rootguard.mfa.fido.SecurityKeyStore;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@link SecurityKeyStore} over the registry: one hash per FIDO credential ({@code {r}:fido:<id>},
 * public data only, nothing sealed), a set of credential ids per principal, and the user handles
 * ({@code {r}:uh:<principal>} and its reverse {@code {r}:uh-rev:<handle>}). The signature counter
 * moves by a script comparing the stored value; a user handle is created by a script that keeps an
 * existing one, so a principal gets exactly one. Thread-safe.
 */
public final class RedisSecurityKeyStore implements SecurityKeyStore {
  private final Redis redis;

  /**
   * Creates the store.
   *
   * @param redis the runner
   */
  public RedisSecurityKeyStore(Redis redis) {
    this.redis = Objects.requireNonNull(redis, "redis");
  }

  private String key(String id) {
    return redis.registry("fido:" + id);
  }

  private String principalSet(String principal) {
    return redis.registry("fido-owner:" + principal);
  }

  @Override
  public boolean add(SecurityKeyCredential k) {
    Objects.requireNonNull(k, "credential");
    for (String t : k.transports()) {
      if (t.isEmpty() || t.indexOf(',') >= 0) {
        throw new InvalidInputException("transports", "must be non-empty names without ','");
      }
    }
    Codec.checked("registeredAt", k.registeredAt());
    List<String> args = new ArrayList<>();
    args.add(k.id().value());
    put(args, "principal", k.principal().id());
    put(args, "uh", k.userHandle());
    put(args, "pk", k.publicKey());
    put(args, "cnt", Long.toString(k.signatureCount()));
    put(args, "aaguid", k.aaguid() == null ? null : k.aaguid().toString());
    put(args, "name", k.authenticatorName());
    put(args, "fmt", k.attestationFormat());
    put(args, "trusted", k.attestationTrusted() ? "1" : "0");
    put(args, "be", k.backupEligible() ? "1" : "0");
    put(args, "bu", k.backedUp() ? "1" : "0");
    put(args, "hw", k.hardware() ? "1" : "0");
    put(args, "tr", String.join(",", new TreeSet<>(k.transports())));
    put(args, "legacy", k.legacyU2f() ? "1" : "0");
    put(args, "reg", Codec.instant(k.registeredAt()));
    String key = key(k.id().value());
    Long r =
        redis.eval(
            "security_keys.add",
            Lua.FIDO_ADD,
            ScriptOutputType.INTEGER,
            new String[] {redis.markerFor(key), key, principalSet(k.principal().id())},
            args.toArray(String[]::new));
    return r == 1L;
  }

  private static void put(List<String> args, String field, String value) {
    if (value != null) {
      args.add(field);
      args.add(value);
    }
  }

  @Override
  public Optional<SecurityKeyCredential> find(CredentialId id) {
    Objects.requireNonNull(id, "id");
    String key = key(id.value());
    List<Object> flat =
        redis.eval(
            "security_keys.find",
            Lua.HGETALL,
            ScriptOutputType.MULTI,
            new String[] {redis.markerFor(key), key});
    return flat.isEmpty() ? Optional.empty() : Optional.of(read(id.value(), flat));
  }

  @Override
  public List<SecurityKeyCredential> findByPrincipal(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    String set = principalSet(principal.id());
    List<Object> r =
        redis.eval(
            "security_keys.findByPrincipal",
            Lua.FIDO_BY_PRINCIPAL,
            ScriptOutputType.MULTI,
            new String[] {redis.markerFor(set), set},
            redis.registryPrefix() + "fido:");
    List<SecurityKeyCredential> out = new ArrayList<>();
    for (int i = 0; i + 1 < r.size(); i += 2) {
      @SuppressWarnings("unchecked")
      List<Object> flat = (List<Object>) r.get(i + 1);
      out.add(read((String) r.get(i), flat));
    }
    out.sort(
        Comparator.comparing(SecurityKeyCredential::registeredAt)
            .thenComparing(c -> c.id().value()));
    return List.copyOf(out);
  }

  private static SecurityKeyCredential read(String id, List<Object> flat) {
    Map<String, String> h = new HashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      h.put((String) flat.get(i), (String) flat.get(i + 1));
    }
    String tr = h.getOrDefault("tr", "");
    Set<String> transports = tr.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(tr.split(",")));
    String aaguid = h.get("aaguid");
    return new SecurityKeyCredential(
        Principal.of(h.get("principal")),
        CredentialId.of(id),
        h.get("uh"),
        h.get("pk"),
        Long.parseLong(h.get("cnt")),
        aaguid == null ? null : UUID.fromString(aaguid),
        h.get("name"),
        h.get("fmt"),
        "1".equals(h.get("trusted")),
        "1".equals(h.get("be")),
        "1".equals(h.get("bu")),
        "1".equals(h.get("hw")),
        transports,
        "1".equals(h.get("legacy")),
        Codec.instant(h.get("reg")));
  }

  @Override
  public String userHandle(Principal principal, Supplier<String> ifAbsent) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(ifAbsent, "ifAbsent");
    String k = redis.registry("uh:" + principal.id());
    String have =
        redis.eval(
            "security_keys.userHandle",
            Lua.GET,
            ScriptOutputType.VALUE,
            new String[] {redis.markerFor(k), k});
    if (have != null) {
      return have;
    }
    String fresh = Objects.requireNonNull(ifAbsent.get(), "ifAbsent.get()");
    return redis.eval(
        "security_keys.userHandle",
        Lua.USER_HANDLE,
        ScriptOutputType.VALUE,
        new String[] {redis.markerFor(k), k, redis.registry("uh-rev:" + fresh)},
        principal.id(),
        fresh);
  }

  @Override
  public Optional<Principal> findPrincipalByUserHandle(String userHandle) {
    Objects.requireNonNull(userHandle, "userHandle");
    String k = redis.registry("uh-rev:" + userHandle);
    String p =
        redis.eval(
            "security_keys.findPrincipalByUserHandle",
            Lua.GET,
            ScriptOutputType.VALUE,
            new String[] {redis.markerFor(k), k});
    return Optional.ofNullable(p).map(Principal::of);
  }

  @Override
  public boolean updateSignatureCount(CredentialId id, long expected, long next) {
    Objects.requireNonNull(id, "id");
    if (next < 0 || next > 0xffffffffL) {
      throw new InvalidInputException("signatureCount", "must be 0..2^32-1, was " + next);
    }
    String k = key(id.value());
    Long r =
        redis.eval(
            "security_keys.updateSignatureCount",
            Lua.FIDO_COUNT,
            ScriptOutputType.INTEGER,
            new String[] {redis.markerFor(k), k},
            Long.toString(expected),
            Long.toString(next));
    return r == 1L;
  }

  @Override
  public boolean remove(CredentialId id) {
    Objects.requireNonNull(id, "id");
    String k = key(id.value());
    Long r =
        redis.eval(
            "security_keys.remove",
            Lua.FIDO_REMOVE,
            ScriptOutputType.INTEGER,
            new String[] {redis.markerFor(k), k},
            id.value(),
            redis.registryPrefix() + "fido-owner:");
    return r == 1L;
  }

  @Override
  public String toString() {
    return "RedisSecurityKeyStore";
  }
}
