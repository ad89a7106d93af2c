package dev.rootguard.store.jdbc;

import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.LockoutPolicy;
import dev.rootguard.testkit.store.AttemptLimiterContract;
import java.time.Clock;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code JdbcStores.attemptLimiter()} passes {@link AttemptLimiterContract} on a real PostgreSQL:
 * each limiter is a new {@link JdbcStores} over the same pool, built with the contract's policy and
 * clock, so every count lives in the database.
 */
class JdbcAttemptLimiterContractTest extends AttemptLimiterContract {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  @Override
  protected AttemptLimiter newLimiter(LockoutPolicy policy, Clock clock) {
    return ContractStores.open(PG, policy, clock).attemptLimiter();
  }

  @Override
  protected int rounds() {
    return ContractStores.ROUNDS;
  }
}
