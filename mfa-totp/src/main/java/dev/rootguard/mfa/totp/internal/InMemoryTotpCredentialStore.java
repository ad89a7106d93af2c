package dev.rootguard.mfa.totp.internal;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.TotpCredential;
import dev.rootguard.mfa.totp.TotpCredentialStore;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory {@link TotpCredentialStore}. Thread-safe; {@code add} is a {@code putIfAbsent}. */
public final class InMemoryTotpCredentialStore implements TotpCredentialStore {
  private final ConcurrentHashMap<CredentialId, TotpCredential> byId = new ConcurrentHashMap<>();

  @Override
  public boolean add(TotpCredential credential) {
    Objects.requireNonNull(credential, "credential");
    return byId.putIfAbsent(credential.id(), credential) == null;
  }

  @Override
  public Optional<TotpCredential> find(CredentialId id) {
    return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
  }

  @Override
  public List<CredentialId> findByOwner(Principal owner) {
    Objects.requireNonNull(owner, "owner");
    return byId.values().stream()
        .filter(c -> c.owner().equals(owner))
        .map(TotpCredential::id)
        .sorted(Comparator.comparing(CredentialId::value))
        .toList();
  }

  @Override
  public boolean remove(CredentialId id) {
    return byId.remove(Objects.requireNonNull(id, "id")) != null;
  }

  @Override
  public String toString() {
    return "TotpCredentialStore.inMemory[" + byId.size() + " credentials]";
  }
}
