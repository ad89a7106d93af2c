package dev.rootguard.store.dynamodb.internal;

import dev.rootguard.mfa.StoreException;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * Creates and checks the table: {@code pk} (S, HASH) and {@code sk} (S, RANGE), on-demand billing,
 * TTL on {@code ttl}. The same definition ships as {@code table.json} for {@code aws dynamodb
 * create-table}. Stateless.
 */
public final class Table {
  private static final Logger LOG = LoggerFactory.getLogger(Table.class);

  private Table() {}

  /** The outcome of {@link #create}. */
  public record Created(boolean created, boolean ttlEnabled) {}

  /**
   * Builds the create-table request (the same definition as {@code table.json}).
   *
   * @param table the table name
   * @return the request
   */
  public static CreateTableRequest request(String table) {
    return CreateTableRequest.builder()
        .tableName(table)
        .attributeDefinitions(
            AttributeDefinition.builder()
                .attributeName(Ddb.PK)
                .attributeType(ScalarAttributeType.S)
                .build(),
            AttributeDefinition.builder()
                .attributeName(Ddb.SK)
                .attributeType(ScalarAttributeType.S)
                .build())
        .keySchema(
            KeySchemaElement.builder().attributeName(Ddb.PK).keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName(Ddb.SK).keyType(KeyType.RANGE).build())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .build();
  }

  /**
   * Creates the table unless it exists, waits until it is ACTIVE, and enables TTL on {@code ttl}
   * unless enabled. Idempotent.
   *
   * @param client the client
   * @param table the name
   * @param wait the longest wait for ACTIVE
   * @return what was done
   * @throws StoreException if DynamoDB fails, or an existing table has another key schema
   */
  public static Created create(DynamoDbClient client, String table, Duration wait) {
    String op = "table.create";
    try {
      boolean created;
      try {
        client.createTable(request(table));
        created = true;
      } catch (ResourceInUseException exists) {
        created = false;
      }
      client
          .waiter()
          .waitUntilTableExists(
              DescribeTableRequest.builder().tableName(table).build(),
              WaiterOverrideConfiguration.builder().waitTimeout(wait).build());
      check(client, table);
      boolean ttl = enableTtl(client, table);
      return new Created(created, ttl);
    } catch (SdkException e) {
      throw Ddb.failure(op, table, e);
    }
  }

  private static boolean enableTtl(DynamoDbClient client, String table) {
    var d =
        client
            .describeTimeToLive(DescribeTimeToLiveRequest.builder().tableName(table).build())
            .timeToLiveDescription();
    if (d != null
        && (d.timeToLiveStatus() == TimeToLiveStatus.ENABLED
            || d.timeToLiveStatus() == TimeToLiveStatus.ENABLING)
        && Ddb.TTL.equals(d.attributeName())) {
      return true;
    }
    try {
      client.updateTimeToLive(
          UpdateTimeToLiveRequest.builder()
              .tableName(table)
              .timeToLiveSpecification(
                  TimeToLiveSpecification.builder().attributeName(Ddb.TTL).enabled(true).build())
              .build());
      return true;
    } catch (DynamoDbException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      if (!"UnknownOperationException".equals(code)) {
        throw e;
      }
      // dynalite: no TTL at all. Nothing depends on deletion; expired items read as absent.
      LOG.warn(
          "DynamoDB endpoint does not support UpdateTimeToLive; table {} keeps expired items"
              + " (they read as absent; purge ceremonies with purgeExpired)",
          table);
      return false;
    }
  }

  /**
   * Checks that the table exists, is ACTIVE and has the expected key schema.
   *
   * @param client the client
   * @param table the name
   * @throws StoreException naming {@code rootguard store init} otherwise
   */
  public static void check(DynamoDbClient client, String table) {
    TableDescription d;
    try {
      d = client.describeTable(DescribeTableRequest.builder().tableName(table).build()).table();
    } catch (SdkException e) {
      throw Ddb.failure("table.check", table, e);
    }
    Map<String, String> keys =
        d.keySchema().stream()
            .collect(Collectors.toMap(KeySchemaElement::attributeName, k -> k.keyTypeAsString()));
    Map<String, String> types =
        d.attributeDefinitions().stream()
            .collect(
                Collectors.toMap(
                    AttributeDefinition::attributeName, a -> a.attributeTypeAsString()));
    boolean ok =
        keys.equals(Map.of(Ddb.PK, "HASH", Ddb.SK, "RANGE"))
            && "S".equals(types.get(Ddb.PK))
            && "S".equals(types.get(Ddb.SK));
    if (!ok) {
      throw new StoreException(
          "table.check",
          "the DynamoDB table "
              + table
              + " has key schema "
              + keys
              + ", not pk (S, HASH) + sk (S, RANGE); point RootGuard at a table of its own and "
              + Ddb.INIT_HINT,
          null);
    }
    if (d.tableStatus() != TableStatus.ACTIVE && d.tableStatus() != TableStatus.UPDATING) {
      throw new StoreException(
          "table.check", "the DynamoDB table " + table + " is " + d.tableStatusAsString(), null);
    }
  }
}
