package dev.rootguard.store.redis;

import dev.rootguard.mfa.ReplayGuard;
import dev.rootguard.testkit.store.ReplayGuardContract;
import org.junit.jupiter.api.AfterEach;

/**
 * {@code RedisStores.replayGuard()} passes {@link ReplayGuardContract} on a real Redis: each store
 * has a fresh key prefix, and {@link #reopen} is a new {@link RedisStores} (own connection) over
 * the same prefix, so round trips read what Redis holds.
 */
class RedisReplayGuardContractTest extends ReplayGuardContract {
  private final ContractStores stores = new ContractStores();

  @Override
  protected ReplayGuard newGuard() {
    RedisStores s = stores.fresh();
    return stores.track(s.replayGuard(), s);
  }

  @Override
  protected ReplayGuard reopen(ReplayGuard store) {
    return stores.reopen(store).replayGuard();
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
