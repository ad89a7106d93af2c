package dev.rootguard.store.redis;

import dev.rootguard.mfa.fido.SecurityKeyStore;
import dev.rootguard.testkit.store.SecurityKeyStoreContract;
import org.junit.jupiter.api.AfterEach;

/**
 * {@code RedisStores.securityKeys()} passes {@link SecurityKeyStoreContract} on a real Redis: each
 * store has a fresh key prefix, and {@link #reopen} is a new {@link RedisStores} (own connection)
 * over the same prefix, so round trips read what Redis holds.
 */
class RedisSecurityKeyStoreContractTest extends SecurityKeyStoreContract {
  private final ContractStores stores = new ContractStores();

  @Override
  protected SecurityKeyStore newStore() {
    RedisStores s = stores.fresh();
    return stores.track(s.securityKeys(), s);
  }

  @Override
  protected SecurityKeyStore reopen(SecurityKeyStore store) {
    return stores.reopen(store).securityKeys();
  }

  @Override
  protected int rounds() {
    return ContractStores.ROUNDS;
  }

  @AfterEach
  void closeStores() {
    stores.close();
  }
}
