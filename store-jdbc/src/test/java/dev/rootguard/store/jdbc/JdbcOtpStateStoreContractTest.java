package dev.rootguard.store.jdbc;

import dev.rootguard.mfa.totp.OtpStateStore;
import dev.rootguard.testkit.store.OtpStateStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code JdbcStores.totpStates()} passes {@link OtpStateStoreContract} on a real PostgreSQL; {@link
 * #reopen} is a new {@link JdbcStores} over the same pool, so round trips read the rows.
 */
class JdbcOtpStateStoreContractTest extends OtpStateStoreContract {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  @Override
  protected OtpStateStore newStore() {
    return ContractStores.open(PG).totpStates();
  }

  @Override
  protected OtpStateStore reopen(OtpStateStore store) {
    return ContractStores.open(PG).totpStates();
  }

  @Override
  protected int rounds() {
    return ContractStores.ROUNDS;
  }
}
