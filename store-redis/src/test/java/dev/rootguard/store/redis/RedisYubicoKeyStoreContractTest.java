package dev.rootguard.store.redis;

import dev.rootguard.mfa.hardware.YubicoKeyStore;
import dev.rootguard.testkit.store.YubicoKeyStoreContract;
import org.junit.jupiter.api.AfterEach;

/**
 * {@code RedisStores.yubicoKeys()} passes {@link YubicoKeyStoreContract} on a real Redis: each
 * store has a fresh key prefix, and {@link #reopen} is a new {@link RedisStores} (own connection)
 * over the same prefix, so round trips read what Redis holds.
 */
class RedisYubicoKeyStoreContractTest extends YubicoKeyStoreContract {
  private final ContractStores stores = new ContractStores();

  @Override
  protected YubicoKeyStore newStore() {
    RedisStores s = stores.fresh();
    return stores.track(s.yubicoKeys(), s);
  }

  @Override
  protected YubicoKeyStore reopen(YubicoKeyStore store) {
    return stores.reopen(store).yubicoKeys();
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
