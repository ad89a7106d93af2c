package dev.rootguard.store.jdbc;

import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.testkit.store.CeremonyStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code JdbcStores.ceremonies()} passes {@link CeremonyStoreContract} on a real PostgreSQL; {@link
 * #reopen} is a new {@link JdbcStores} over the same pool, so round trips read the rows.
 */
class JdbcCeremonyStoreContractTest extends CeremonyStoreContract {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  @Override
  protected CeremonyStore newStore() {
    return ContractStores.open(PG).ceremonies();
  }

  @Override
  protected CeremonyStore reopen(CeremonyStore store) {
    return ContractStores.open(PG).ceremonies();
  }

  @Override
  protected int rounds() {
    return ContractStores.ROUNDS;
  }
}
