package dev.rootguard.mfa.totp;

import dev.rootguard.mfa.CredentialId;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The in-memory {@link TotpStateStore}: a {@link ConcurrentHashMap}. Thread-safe. */
final class InMemoryTotpStateStore implements TotpStateStore {
  private final ConcurrentMap<CredentialId, TotpState> states = new ConcurrentHashMap<>();

  @Override
  public TotpState load(CredentialId id) {
    TotpState s = states.get(Objects.requireNonNull(id, "id"));
    return s != null ? s : TotpState.NEVER_USED;
  }

  @Override
  public boolean compareAndSet(CredentialId id, TotpState expected, TotpState next) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(next, "next");
    if (expected.equals(TotpState.NEVER_USED)) {
      return states.putIfAbsent(id, next) == null;
    }
    return states.replace(id, expected, next);
  }

  @Override
  public String toString() {
    return "InMemoryTotpStateStore[" + states.size() + " credentials]";
  }
}
