package dev.rootguard.testkit.conformance;

import dev.rootguard.mfa.hardware.TokenStore;
import dev.rootguard.testkit.store.TokenStoreContract;

/** {@link TokenStore#inMemory()} passes the token store contract. */
class InMemoryTokenStoreTest extends TokenStoreContract {
  @Override
  protected TokenStore newStore() {
    return TokenStore.inMemory();
  }
}
