package dev.rootguard.testkit.conformance;

import dev.rootguard.mfa.totp.OtpStateStore;
import dev.rootguard.testkit.store.OtpStateStoreContract;

/** {@link OtpStateStore#inMemory()} passes the TOTP state store contract. */
class InMemoryOtpStateStoreTest extends OtpStateStoreContract {
  @Override
  protected OtpStateStore newStore() {
    return OtpStateStore.inMemory();
  }
}
