package dev.rootguard.store.dynamodb;

import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.LockoutPolicy;
import dev.rootguard.testkit.store.AttemptLimiterContract;
import java.time.Clock;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code DynamoDbStores.attemptLimiter()} passes {@link AttemptLimiterContract} against dynalite:
 * each limiter is a new {@link DynamoDbStores} over the same table, built with the contract's
 * policy and clock, so every count lives in the table.
 */
class DynamoDbAttemptLimiterContractTest extends AttemptLimiterContract {
  @RegisterExtension static final DynaliteTable DDB = new DynaliteTable();

  @Override
  protected AttemptLimiter newLimiter(LockoutPolicy policy, Clock clock) {
    return DDB.open(policy, clock).attemptLimiter();
  }

  @Override
  protected int rounds() {
    return DynaliteTable.ROUNDS;
  }
}
