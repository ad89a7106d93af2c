package dev.rootguard.store.redis.internal;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import java.util.Map;

/**
 * What one thread's attempt carries between the stores, from {@code tryAcquire} to its settlement:
 * the principal, the TOTP credentials the reservation read for it (handed to {@code find}), and
 * whether the OTP compare-and-set already settled the attempt as a success in the same script (then
 * {@code recordSuccess} has nothing left to send). Thread-confined.
 */
final class AttemptContext {
  private static final ThreadLocal<AttemptContext> CURRENT = new ThreadLocal<>();

  final Principal principal;
  final Map<CredentialId, RedisTotpCredentialStore.Row> handed;

  /** Credentials of this principal that {@code find} handed out during the attempt. */
  final java.util.Set<CredentialId> owned = new java.util.HashSet<>();

  boolean settledAsSuccess;

  private AttemptContext(Principal principal, Map<CredentialId, RedisTotpCredentialStore.Row> h) {
    this.principal = principal;
    this.handed = h;
  }

  static void begin(Principal principal, Map<CredentialId, RedisTotpCredentialStore.Row> rows) {
    CURRENT.set(new AttemptContext(principal, rows));
  }

  static AttemptContext current() {
    return CURRENT.get();
  }

  static AttemptContext end() {
    AttemptContext c = CURRENT.get();
    CURRENT.remove();
    return c;
  }
}
