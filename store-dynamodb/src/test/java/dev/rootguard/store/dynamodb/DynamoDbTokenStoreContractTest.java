package dev.rootguard.store.dynamodb;

import dev.rootguard.mfa.hardware.TokenStore;
import dev.rootguard.testkit.store.TokenStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code DynamoDbStores.tokens()} passes {@link TokenStoreContract} against dynalite; {@link
 * #reopen} is a new {@link DynamoDbStores} over the same table, so round trips read the items.
 */
class DynamoDbTokenStoreContractTest extends TokenStoreContract {
  @RegisterExtension static final DynaliteTable DDB = new DynaliteTable();

  @Override
  protected TokenStore newStore() {
    return DDB.open().tokens();
  }

  @Override
  protected TokenStore reopen(TokenStore store) {
    return DDB.open().tokens();
  }

  @Override
  protected int rounds() {
    return DynaliteTable.ROUNDS;
  }
}
