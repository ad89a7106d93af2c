package dev.rootguard.store.redis;

import dev.rootguard.mfa.hardware.TokenStore;
import dev.rootguard.testkit.store.TokenStoreContract;
import org.junit.jupiter.api.AfterEach;

/**
 * {@code RedisStores.tokens()} passes {@link TokenStoreContract} on a real Redis: each store has a
 * fresh key prefix, and {@link #reopen} is a new {@link RedisStores} (own connection) over the same
 * prefix, so round trips read what Redis holds.
 */
class RedisTokenStoreContractTest extends TokenStoreContract {
  private final ContractStores stores = new ContractStores();

  @Override
  protected TokenStore newStore() {
    RedisStores s = stores.fresh();
    return stores.track(s.tokens(), s);
  }

  @Override
  protected TokenStore reopen(TokenStore store) {
    return stores.reopen(store).tokens();
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
