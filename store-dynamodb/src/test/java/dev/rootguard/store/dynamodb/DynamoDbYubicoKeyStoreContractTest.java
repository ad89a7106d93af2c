package dev.rootguard.store.dynamodb;

import dev.rootguard.mfa.hardware.YubicoKeyStore;
import dev.rootguard.testkit.store.YubicoKeyStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code DynamoDbStores.yubicoKeys()} passes {@link YubicoKeyStoreContract} against dynalite;
 * {@link #reopen} is a new {@link DynamoDbStores} over the same table, so round trips read the
 * items.
 */
class DynamoDbYubicoKeyStoreContractTest extends YubicoKeyStoreContract {
  @RegisterExtension static final DynaliteTable DDB = new DynaliteTable();

  @Override
  protected YubicoKeyStore newStore() {
    return DDB.open().yubicoKeys();
  }

  @Override
  protected YubicoKeyStore reopen(YubicoKeyStore store) {
    return DDB.open().yubicoKeys();
  }

  @Override
  protected int rounds() {
    return DynaliteTable.ROUNDS;
  }
}
