package dev.rootguard.store.dynamodb;

import dev.rootguard.mfa.totp.OtpStateStore;
import dev.rootguard.testkit.store.OtpStateStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code DynamoDbStores.totpStates()} passes {@link OtpStateStoreContract} against dynalite; {@link
 * #reopen} is a new {@link DynamoDbStores} over the same table, so round trips read the items.
 */
class DynamoDbOtpStateStoreContractTest extends OtpStateStoreContract {
  @RegisterExtension static final DynaliteTable DDB = new DynaliteTable();

  @Override
  protected OtpStateStore newStore() {
    return DDB.open().totpStates();
  }

  @Override
  protected OtpStateStore reopen(OtpStateStore store) {
    return DDB.open().totpStates();
  }

  @Override
  protected int rounds() {
    return DynaliteTable.ROUNDS;
  }
}
