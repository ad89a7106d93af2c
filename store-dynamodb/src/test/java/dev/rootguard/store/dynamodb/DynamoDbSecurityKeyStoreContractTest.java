package dev.rootguard.store.dynamodb;

import dev.rootguard.mfa.fido.SecurityKeyStore;
import dev.rootguard.testkit.store.SecurityKeyStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code DynamoDbStores.securityKeys()} passes {@link SecurityKeyStoreContract} against dynalite;
 * {@link #reopen} is a new {@link DynamoDbStores} over the same table, so round trips read the
 * items.
 */
class DynamoDbSecurityKeyStoreContractTest extends SecurityKeyStoreContract {
  @RegisterExtension static final DynaliteTable DDB = new DynaliteTable();

  @Override
  protected SecurityKeyStore newStore() {
    return DDB.open().securityKeys();
  }

  @Override
  protected SecurityKeyStore reopen(SecurityKeyStore store) {
    return DDB.open().securityKeys();
  }

  @Override
  protected int rounds() {
    return DynaliteTable.ROUNDS;
  }
}
