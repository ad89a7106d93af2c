package dev.rootguard.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rootguard.mfa.StoreException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * {@code createTable} creates exactly the shipped {@code table.json}, is idempotent, and {@code
 * check()} refuses a missing table or one with another key schema, naming {@code rootguard store
 * init}.
 */
class DynamoDbTableTest {
  @RegisterExtension static final DynaliteTable DDB = new DynaliteTable();

  static JsonNode tableJson() throws Exception {
    try (InputStream in = DynamoDbStores.class.getResourceAsStream("table.json")) {
      assertThat(in).as("table.json on the class path").isNotNull();
      return new ObjectMapper().readTree(in);
    }
  }

  /** "name:type" pairs as the JSON and DescribeTable each list them, sorted. */
  private static List<String> pairs(JsonNode array, String a, String b) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get(a).asText() + ":" + n.get(b).asText()));
    out.sort(null);
    return out;
  }

  @Test
  void createTable_createsExactlyTableJson() throws Exception {
    JsonNode json = tableJson();
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("TableName", "AttributeDefinitions", "KeySchema", "BillingMode");
    String name = "rootguard-def-" + UUID.randomUUID();

    assertThat(DynamoDbStores.createTable(DDB.client(), name)).isTrue();

    TableDescription d = DDB.client().describeTable(r -> r.tableName(name)).table();
    List<String> attrs = new ArrayList<>();
    for (AttributeDefinition a : d.attributeDefinitions()) {
      attrs.add(a.attributeName() + ":" + a.attributeTypeAsString());
    }
    attrs.sort(null);
    List<String> keys = new ArrayList<>();
    for (KeySchemaElement k : d.keySchema()) {
      keys.add(k.attributeName() + ":" + k.keyTypeAsString());
    }
    keys.sort(null);
    assertThat(attrs)
        .isEqualTo(pairs(json.get("AttributeDefinitions"), "AttributeName", "AttributeType"));
    assertThat(keys).isEqualTo(pairs(json.get("KeySchema"), "AttributeName", "KeyType"));
    assertThat(d.billingModeSummary().billingModeAsString())
        .isEqualTo(json.get("BillingMode").asText());
    assertThat(d.globalSecondaryIndexes()).isEmpty();
    assertThat(d.localSecondaryIndexes()).isEmpty();
    assertThat(d.tableStatusAsString()).isEqualTo("ACTIVE");
  }

  @Test
  void createTable_twice_secondIsNoOp() {
    String name = "rootguard-twice-" + UUID.randomUUID();
    assertThat(DynamoDbStores.createTable(DDB.client(), name)).isTrue();
    assertThat(DynamoDbStores.createTable(DDB.client(), name)).isFalse();
    DynamoDbStores.builder(DDB.client(), name, DynaliteTable.sealer()).build().check();
  }

  @Test
  void check_missingTable_namesStoreInit() {
    DynamoDbStores stores =
        DynamoDbStores.builder(
                DDB.client(), "rootguard-missing-" + UUID.randomUUID(), DynaliteTable.sealer())
            .build();
    StoreException e = catchThrowableOfType(StoreException.class, stores::check);
    assertThat(e)
        .hasMessageContaining("rootguard store init")
        .hasMessageContaining("does not exist");

    StoreException op =
        catchThrowableOfType(
            StoreException.class,
            () -> stores.replayGuard().tryAccept(dev.rootguard.mfa.CredentialId.of("c1"), 5));
    assertThat(op).hasMessageContaining("rootguard store init");
  }

  @Test
  void check_otherKeySchema_refused() {
    String name = "rootguard-other-" + UUID.randomUUID();
    DDB.client()
        .createTable(
            CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("id")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(
                    KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .billingMode("PAY_PER_REQUEST")
                .build());
    DynamoDbStores stores =
        DynamoDbStores.builder(DDB.client(), name, DynaliteTable.sealer()).build();

    StoreException e = catchThrowableOfType(StoreException.class, stores::check);
    assertThat(e).hasMessageContaining("rootguard store init").hasMessageContaining("key schema");
    StoreException again =
        catchThrowableOfType(
            StoreException.class, () -> DynamoDbStores.createTable(DDB.client(), name));
    assertThat(again).hasMessageContaining("key schema");
  }
}
