package dev.rootguard.store.jdbc;

import dev.rootguard.mfa.fido.SecurityKeyStore;
import dev.rootguard.testkit.store.SecurityKeyStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code JdbcStores.securityKeys()} passes {@link SecurityKeyStoreContract} on a real PostgreSQL;
 * {@link #reopen} is a new {@link JdbcStores} over the same pool, so round trips read the rows.
 */
class JdbcSecurityKeyStoreContractTest extends SecurityKeyStoreContract {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  @Override
  protected SecurityKeyStore newStore() {
    return ContractStores.open(PG).securityKeys();
  }

  @Override
  protected SecurityKeyStore reopen(SecurityKeyStore store) {
    return ContractStores.open(PG).securityKeys();
  }

  @Override
  protected int rounds() {
    return ContractStores.ROUNDS;
  }
}
