package dev.rootguard.testkit.conformance;

import dev.rootguard.mfa.hardware.YubicoKeyStore;
import dev.rootguard.testkit.store.YubicoKeyStoreContract;

/** {@link YubicoKeyStore#inMemory()} passes the Yubico key store contract. */
class InMemoryYubicoKeyStoreTest extends YubicoKeyStoreContract {
  @Override
  protected YubicoKeyStore newStore() {
    return YubicoKeyStore.inMemory();
  }
}
