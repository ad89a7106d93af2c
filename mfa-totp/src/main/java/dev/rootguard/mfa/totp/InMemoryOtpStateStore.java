package dev.rootguard.mfa.totp;

import dev.rootguard.mfa.CredentialId;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The in-memory {@link OtpStateStore}: a {@link ConcurrentHashMap}. Thread-safe. */
final class InMemoryOtpStateStore implements OtpStateStore {
  private final ConcurrentMap<CredentialId, OtpState> states = new ConcurrentHashMap<>();

  @Override
  public OtpState load(CredentialId id) {
    OtpState s = states.get(Objects.requireNonNull(id, "id"));
    return s != null ? s : OtpState.NEVER_USED;
  }

  @Override
  public boolean compareAndSet(CredentialId id, OtpState expected, OtpState next) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(next, "next");
    if (expected.equals(OtpState.NEVER_USED)) {
      return states.putIfAbsent(id, next) == null;
    }
    return states.replace(id, expected, next);
  }

  @Override
  public String toString() {
    return "InMemoryOtpStateStore[" + states.size() + " credentials]";
  }
}
