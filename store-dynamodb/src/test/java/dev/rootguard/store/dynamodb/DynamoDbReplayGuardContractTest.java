package dev.rootguard.store.dynamodb;

import dev.rootguard.mfa.ReplayGuard;
import dev.rootguard.testkit.store.ReplayGuardContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code DynamoDbStores.replayGuard()} passes {@link ReplayGuardContract} against dynalite; {@link
 * #reopen} is a new {@link DynamoDbStores} over the same table.
 */
class DynamoDbReplayGuardContractTest extends ReplayGuardContract {
  @RegisterExtension static final DynaliteTable DDB = new DynaliteTable();

  @Override
  protected ReplayGuard newGuard() {
    return DDB.open().replayGuard();
  }

  @Override
  protected ReplayGuard reopen(ReplayGuard guard) {
    return DDB.open().replayGuard();
  }

  @Override
  protected int rounds() {
    return DynaliteTable.ROUNDS;
  }
}
