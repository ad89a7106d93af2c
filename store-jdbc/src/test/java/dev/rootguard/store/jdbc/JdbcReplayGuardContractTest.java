package dev.rootguard.store.jdbc;

import dev.rootguard.mfa.ReplayGuard;
import dev.rootguard.testkit.store.ReplayGuardContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code JdbcStores.replayGuard()} passes {@link ReplayGuardContract} on a real PostgreSQL; {@link
 * #reopen} is a new {@link JdbcStores} over the same pool, so round trips read the rows.
 */
class JdbcReplayGuardContractTest extends ReplayGuardContract {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  @Override
  protected ReplayGuard newGuard() {
    return ContractStores.open(PG).replayGuard();
  }

  @Override
  protected ReplayGuard reopen(ReplayGuard store) {
    return ContractStores.open(PG).replayGuard();
  }

  @Override
  protected int rounds() {
    return ContractStores.ROUNDS;
  }
}
