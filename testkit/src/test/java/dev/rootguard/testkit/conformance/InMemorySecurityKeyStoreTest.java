package dev.rootguard.testkit.conformance;

import dev.rootguard.mfa.fido.SecurityKeyStore;
import dev.rootguard.testkit.store.SecurityKeyStoreContract;

/** {@link SecurityKeyStore#inMemory()} passes the security key store contract. */
class InMemorySecurityKeyStoreTest extends SecurityKeyStoreContract {
  @Override
  protected SecurityKeyStore newStore() {
    return SecurityKeyStore.inMemory();
  }
}
