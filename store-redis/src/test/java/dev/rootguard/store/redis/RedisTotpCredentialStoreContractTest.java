package dev.rootguard.store.redis;

import dev.rootguard.mfa.totp.TotpCredentialStore;
import dev.rootguard.testkit.store.TotpCredentialStoreContract;
import org.junit.jupiter.api.AfterEach;

/**
 * {@code RedisStores.totpCredentials()} passes {@link TotpCredentialStoreContract} on a real Redis:
 * each store has a fresh key prefix, and {@link #reopen} is a new {@link RedisStores} (own
 * connection) over the same prefix, so round trips read what Redis holds.
 */
class RedisTotpCredentialStoreContractTest extends TotpCredentialStoreContract {
  private final ContractStores stores = new ContractStores();

  @Override
  protected TotpCredentialStore newStore() {
    RedisStores s = stores.fresh();
    return stores.track(s.totpCredentials(), s);
  }

  @Override
  protected TotpCredentialStore reopen(TotpCredentialStore store) {
    return stores.reopen(store).totpCredentials();
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
