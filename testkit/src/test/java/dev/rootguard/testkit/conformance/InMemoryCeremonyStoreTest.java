package dev.rootguard.testkit.conformance;

import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.testkit.store.CeremonyStoreContract;

/** {@link CeremonyStore#inMemory(int)} passes the ceremony store contract. */
class InMemoryCeremonyStoreTest extends CeremonyStoreContract {
  @Override
  protected CeremonyStore newStore() {
    return CeremonyStore.inMemory(10_000);
  }
}
