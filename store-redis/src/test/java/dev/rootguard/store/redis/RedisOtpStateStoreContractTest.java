package dev.rootguard.store.redis;

import dev.rootguard.mfa.totp.OtpStateStore;
import dev.rootguard.testkit.store.OtpStateStoreContract;
import org.junit.jupiter.api.AfterEach;

/**
 * {@code RedisStores.totpStates()} passes {@link OtpStateStoreContract} on a real Redis: each store
 * has a fresh key prefix, and {@link #reopen} is a new {@link RedisStores} (own connection) over
 * the same prefix, so round trips read what Redis holds.
 */
class RedisOtpStateStoreContractTest extends OtpStateStoreContract {
  private final ContractStores stores = new ContractStores();

  @Override
  protected OtpStateStore newStore() {
    RedisStores s = stores.fresh();
    return stores.track(s.totpStates(), s);
  }

  @Override
  protected OtpStateStore reopen(OtpStateStore store) {
    return stores.reopen(store).totpStates();
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
