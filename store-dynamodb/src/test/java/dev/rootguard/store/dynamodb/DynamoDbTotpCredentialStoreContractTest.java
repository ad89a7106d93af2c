package dev.rootguard.store.dynamodb;

import dev.rootguard.mfa.totp.TotpCredentialStore;
import dev.rootguard.testkit.store.TotpCredentialStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code DynamoDbStores.totpCredentials()} passes {@link TotpCredentialStoreContract} against
 * dynalite; {@link #reopen} is a new {@link DynamoDbStores} over the same table, so round trips
 * read the items.
 */
class DynamoDbTotpCredentialStoreContractTest extends TotpCredentialStoreContract {
  @RegisterExtension static final DynaliteTable DDB = new DynaliteTable();

  @Override
  protected TotpCredentialStore newStore() {
    return DDB.open().totpCredentials();
  }

  @Override
  protected TotpCredentialStore reopen(TotpCredentialStore store) {
    return DDB.open().totpCredentials();
  }

  @Override
  protected int rounds() {
    return DynaliteTable.ROUNDS;
  }
}
