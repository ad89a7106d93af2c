package dev.rootguard.store.dynamodb;

import dev.rootguard.testkit.process.FidoCrossProcessContract;
import dev.rootguard.testkit.process.SharedStoresFactory;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link FidoCrossProcessContract} over one dynalite table: two child JVMs x 16 threads, each
 * opening its own {@link DynamoDbStores} (its own SDK client) through {@link
 * DynamoDbSharedStoresFactory}.
 */
class DynamoDbFidoCrossProcessTest extends FidoCrossProcessContract {
  @RegisterExtension static final DynaliteTable DDB = new DynaliteTable();

  @Override
  protected Class<? extends SharedStoresFactory> factory() {
    return DynamoDbSharedStoresFactory.class;
  }

  @Override
  protected List<String> factoryArguments() {
    return List.of(DDB.endpoint().toString(), DDB.table());
  }
}
