package dev.rootguard.mfa.fido;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A {@link SecurityKeyStore} in memory: the default, for tests and single-node demos. Credentials
 * are lost when the JVM stops, and other processes do not see them; use {@link
 * JsonFileSecurityKeyStore} (one host) or a database store (several servers) for more. Obtain one
 * with {@link SecurityKeyStore#inMemory()}, the one way defaults are offered.
 *
 * <pre>{@code
 * SecurityKeyStore store = SecurityKeyStore.inMemory();
 * }</pre>
 *
 * <p>Thread-safe; share one instance. Counter updates are atomic ({@code
 * ConcurrentHashMap.compute}).
 *
 * @since 0.1.0
 */
public final class InMemorySecurityKeyStore implements SecurityKeyStore {
  private final ConcurrentHashMap<CredentialId, SecurityKeyCredential> credentials =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Principal, String> handles = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Principal> principals = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemorySecurityKeyStore() {}

  @Override
  public boolean add(SecurityKeyCredential credential) {
    Objects.requireNonNull(credential, "credential");
    return credentials.putIfAbsent(credential.id(), credential) == null;
  }

  @Override
  public Optional<SecurityKeyCredential> find(CredentialId id) {
    return Optional.ofNullable(credentials.get(Objects.requireNonNull(id, "id")));
  }

  @Override
  public List<SecurityKeyCredential> findByPrincipal(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    return credentials.values().stream()
        .filter(c -> c.principal().equals(principal))
        .sorted(Comparator.comparing(SecurityKeyCredential::registeredAt))
        .toList();
  }

  @Override
  public String userHandle(Principal principal, Supplier<String> ifAbsent) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(ifAbsent, "ifAbsent");
    return handles.computeIfAbsent(
        principal,
        p -> {
          String h = Objects.requireNonNull(ifAbsent.get(), "ifAbsent.get()");
          principals.put(h, p);
          return h;
        });
  }

  @Override
  public Optional<Principal> findPrincipalByUserHandle(String userHandle) {
    return Optional.ofNullable(principals.get(Objects.requireNonNull(userHandle, "userHandle")));
  }

  @Override
  public boolean updateSignatureCount(CredentialId id, long expected, long next) {
    Objects.requireNonNull(id, "id");
    boolean[] done = {false};
    credentials.computeIfPresent(
        id,
        (k, c) -> {
          if (c.signatureCount() != expected) {
            return c;
          }
          done[0] = true;
          return c.withSignatureCount(next);
        });
    return done[0];
  }

  @Override
  public boolean remove(CredentialId id) {
    return credentials.remove(Objects.requireNonNull(id, "id")) != null;
  }

  @Override
  public String toString() {
    return "InMemorySecurityKeyStore[" + credentials.size() + " credentials]";
  }
}
