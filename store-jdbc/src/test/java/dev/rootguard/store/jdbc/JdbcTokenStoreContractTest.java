package dev.rootguard.store.jdbc;

import dev.rootguard.mfa.hardware.TokenStore;
import dev.rootguard.testkit.store.TokenStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code JdbcStores.tokens()} passes {@link TokenStoreContract} on a real PostgreSQL; {@link
 * #reopen} is a new {@link JdbcStores} over the same pool, so round trips read the rows.
 */
class JdbcTokenStoreContractTest extends TokenStoreContract {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  @Override
  protected TokenStore newStore() {
    return ContractStores.open(PG).tokens();
  }

  @Override
  protected TokenStore reopen(TokenStore store) {
    return ContractStores.open(PG).tokens();
  }

  @Override
  protected int rounds() {
    return ContractStores.ROUNDS;
  }
}
