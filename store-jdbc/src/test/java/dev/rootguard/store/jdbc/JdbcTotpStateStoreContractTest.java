package dev.rootguard.store.jdbc;

import dev.rootguard.mfa.totp.TotpStateStore;
import dev.rootguard.testkit.store.TotpStateStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code JdbcStores.totpStates()} passes {@link TotpStateStoreContract} on a real PostgreSQL;
 * {@link #reopen} is a new {@link JdbcStores} over the same pool, so round trips read the rows.
 */
class JdbcTotpStateStoreContractTest extends TotpStateStoreContract {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  @Override
  protected TotpStateStore newStore() {
    return ContractStores.open(PG).totpStates();
  }

  @Override
  protected TotpStateStore reopen(TotpStateStore store) {
    return ContractStores.open(PG).totpStates();
  }

  @Override
  protected int rounds() {
    return ContractStores.ROUNDS;
  }
}
