package dev.rootguard.store.redis;

import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.testkit.store.CeremonyStoreContract;
import org.junit.jupiter.api.AfterEach;

/**
 * {@code RedisStores.ceremonies()} passes {@link CeremonyStoreContract} on a real Redis: each store
 * has a fresh key prefix, and {@link #reopen} is a new {@link RedisStores} (own connection) over
 * the same prefix, so round trips read what Redis holds.
 */
class RedisCeremonyStoreContractTest extends CeremonyStoreContract {
  private final ContractStores stores = new ContractStores();

  @Override
  protected CeremonyStore newStore() {
    RedisStores s = stores.fresh();
    return stores.track(s.ceremonies(), s);
  }

  @Override
  protected CeremonyStore reopen(CeremonyStore store) {
    return stores.reopen(store).ceremonies();
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
