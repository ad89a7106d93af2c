package dev.rootguard.store.jdbc;

import dev.rootguard.mfa.totp.TotpCredentialStore;
import dev.rootguard.testkit.store.TotpCredentialStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code JdbcStores.totpCredentials()} passes {@link TotpCredentialStoreContract} on a real
 * PostgreSQL; {@link #reopen} is a new {@link JdbcStores} over the same pool, so round trips read
 * the rows.
 */
class JdbcTotpCredentialStoreContractTest extends TotpCredentialStoreContract {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  @Override
  protected TotpCredentialStore newStore() {
    return ContractStores.open(PG).totpCredentials();
  }

  @Override
  protected TotpCredentialStore reopen(TotpCredentialStore store) {
    return ContractStores.open(PG).totpCredentials();
  }

  @Override
  protected int rounds() {
    return ContractStores.ROUNDS;
  }
}
