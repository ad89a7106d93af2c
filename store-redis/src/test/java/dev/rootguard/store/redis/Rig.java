package dev.rootguard.store.redis;

import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.Principal;
import dev.rootguard.testkit.process.CrossProcessFixtures;
import dev.rootguard.testkit.process.SharedStores;
import java.time.Clock;

/**
 * {@link RedisStores} as the testkit's {@link SharedStores}, so the in-JVM tests wire and enroll
 * exactly as the cross-process contract does ({@link CrossProcessFixtures}): one authenticator with
 * TOTP, OATH hardware token and Yubico OTP verifiers; one TOTP app, HOTP fob and Yubico key per
 * principal. Codes come from the fixtures' own JCA oracle.
 */
final class Rig {
  private Rig() {}

  /** The stores as the testkit sees them; closing them runs {@code closer}. */
  static SharedStores shared(RedisStores s, AutoCloseable closer) {
    return new SharedStores(
        s.attemptLimiter(),
        s.replayGuard(),
        s.totpStates(),
        s.totpCredentials(),
        s.ceremonies(),
        s.tokens(),
        s.yubicoKeys(),
        s.securityKeys(),
        closer);
  }

  static MfaAuthenticator authenticator(RedisStores stores, Clock clock) {
    return CrossProcessFixtures.authenticator(shared(stores, () -> {}), clock);
  }

  static void enroll(RedisStores stores, Principal p, String tag) {
    CrossProcessFixtures.enroll(shared(stores, () -> {}), p, tag);
  }
}
