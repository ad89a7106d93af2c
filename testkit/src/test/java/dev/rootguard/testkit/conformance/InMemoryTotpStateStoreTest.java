package dev.rootguard.testkit.conformance;

import dev.rootguard.mfa.totp.TotpStateStore;
import dev.rootguard.testkit.store.TotpStateStoreContract;

/** {@link TotpStateStore#inMemory()} passes the TOTP state store contract. */
class InMemoryTotpStateStoreTest extends TotpStateStoreContract {
  @Override
  protected TotpStateStore newStore() {
    return TotpStateStore.inMemory();
  }
}
