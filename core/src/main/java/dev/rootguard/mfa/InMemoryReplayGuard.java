package dev.rootguard.mfa;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link ReplayGuard}: a concurrent map from credential to the highest accepted
 * sequence, updated with {@link ConcurrentHashMap#compute}, so for concurrent submissions of one
 * code exactly one call wins. State lives only in this JVM.
 *
 * <pre>{@code
 * ReplayGuard guard = new InMemoryReplayGuard();
 * guard.tryAccept(CredentialId.of("phone-1"), 58_000_123L); // true
 * guard.tryAccept(CredentialId.of("phone-1"), 58_000_123L); // false: replay
 * }</pre>
 *
 * <p>Thread-safe; share one instance.
 *
 * @since 0.1.0
 */
public final class InMemoryReplayGuard implements ReplayGuard {
  private final ConcurrentHashMap<CredentialId, Long> last = new ConcurrentHashMap<>();

  /** Creates an empty guard. */
  public InMemoryReplayGuard() {}

  @Override
  public boolean tryAccept(CredentialId credential, long sequence) {
    Objects.requireNonNull(credential, "credential");
    boolean[] accepted = new boolean[1];
    last.compute(
        credential,
        (c, prev) -> {
          if (prev == null || sequence > prev) {
            accepted[0] = true;
            return sequence;
          }
          return prev;
        });
    return accepted[0];
  }

  @Override
  public OptionalLong lastAccepted(CredentialId credential) {
    Long v = last.get(Objects.requireNonNull(credential, "credential"));
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  @Override
  public String toString() {
    return "InMemoryReplayGuard[" + last.size() + " credentials]";
  }
}
