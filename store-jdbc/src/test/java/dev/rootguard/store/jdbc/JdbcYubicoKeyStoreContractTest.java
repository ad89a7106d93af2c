package dev.rootguard.store.jdbc;

import dev.rootguard.mfa.hardware.YubicoKeyStore;
import dev.rootguard.testkit.store.YubicoKeyStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code JdbcStores.yubicoKeys()} passes {@link YubicoKeyStoreContract} on a real PostgreSQL;
 * {@link #reopen} is a new {@link JdbcStores} over the same pool, so round trips read the rows.
 */
class JdbcYubicoKeyStoreContractTest extends YubicoKeyStoreContract {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  @Override
  protected YubicoKeyStore newStore() {
    return ContractStores.open(PG).yubicoKeys();
  }

  @Override
  protected YubicoKeyStore reopen(YubicoKeyStore store) {
    return ContractStores.open(PG).yubicoKeys();
  }

  @Override
  protected int rounds() {
    return ContractStores.ROUNDS;
  }
}
