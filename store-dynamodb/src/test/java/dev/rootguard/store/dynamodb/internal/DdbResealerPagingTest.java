package dev.rootguard.store.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.OathType;
import dev.rootguard.seal.LocalKeySealer;
import dev.rootguard.store.dynamodb.DynaliteTable;
import dev.rootguard.store.dynamodb.DynamoDbStores;
import dev.rootguard.testsupport.DynaliteServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The resealer follows every {@code Scan} page: with one item per page (and items without secrets
 * in between) it still reseals every token, and a second run finds them all current.
 */
class DdbResealerPagingTest {
  @Test
  void resealAll_onePerPage_visitsEveryPage() {
    try (DynamoDbClient client = DynaliteTable.client(DynaliteServer.shared().endpoint())) {
      String table = "rootguard-reseal-paging-" + UUID.randomUUID();
      DynamoDbStores.createTable(client, table);
      LocalKeySealer sealer = LocalKeySealer.ofKey("old-key", new byte[32]);
      DynamoDbStores stores = DynamoDbStores.builder(client, table, sealer).build();
      for (int i = 0; i < 7; i++) {
        stores
            .tokens()
            .add(HardwareToken.builder("PG" + i + "0000000", OathType.HOTP, new byte[20]).build());
        stores
            .ceremonies()
            .put(
                "c" + i + UUID.randomUUID(),
                new CeremonyStore.Ceremony(
                    "authentication",
                    Principal.of("p"),
                    Instant.parse("2030-01-01T00:00:00Z"),
                    "{}"));
      }
      String newKey = sealer.rotate();
      Ddb ddb = new Ddb(client, table);

      assertThat(new DdbResealer(ddb, sealer, 1).resealAll())
          .isEqualTo(new DdbResealer.Counts(7, 0));
      List<String> secrets = new ArrayList<>();
      for (Map<String, AttributeValue> item :
          client.scan(b -> b.tableName(table).consistentRead(true)).items()) {
        if (item.containsKey("secret")) {
          secrets.add(item.get("secret").s());
        }
      }
      assertThat(secrets)
          .hasSize(7)
          .allSatisfy(v -> assertThat(v).startsWith("rgs1." + newKey + "."));
      assertThat(new DdbResealer(ddb, sealer, 2).resealAll())
          .isEqualTo(new DdbResealer.Counts(0, 7));
    }
  }
}
