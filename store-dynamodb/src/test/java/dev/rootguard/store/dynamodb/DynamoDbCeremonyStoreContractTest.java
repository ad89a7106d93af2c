package dev.rootguard.store.dynamodb;

import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.testkit.store.CeremonyStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code DynamoDbStores.ceremonies()} passes {@link CeremonyStoreContract} against dynalite; {@link
 * #reopen} is a new {@link DynamoDbStores} over the same table, so round trips read the items.
 */
class DynamoDbCeremonyStoreContractTest extends CeremonyStoreContract {
  @RegisterExtension static final DynaliteTable DDB = new DynaliteTable();

  @Override
  protected CeremonyStore newStore() {
    return DDB.open().ceremonies();
  }

  @Override
  protected CeremonyStore reopen(CeremonyStore store) {
    return DDB.open().ceremonies();
  }

  @Override
  protected int rounds() {
    return DynaliteTable.ROUNDS;
  }
}
