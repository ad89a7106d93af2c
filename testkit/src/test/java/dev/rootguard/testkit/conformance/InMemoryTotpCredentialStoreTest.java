package dev.rootguard.testkit.conformance;

import dev.rootguard.mfa.totp.TotpCredentialStore;
import dev.rootguard.testkit.store.TotpCredentialStoreContract;

/** {@link TotpCredentialStore#inMemory()} passes the TOTP credential store contract. */
class InMemoryTotpCredentialStoreTest extends TotpCredentialStoreContract {
  @Override
  protected TotpCredentialStore newStore() {
    return TotpCredentialStore.inMemory();
  }
}
