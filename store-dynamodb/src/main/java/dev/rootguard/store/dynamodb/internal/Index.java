package dev.rootguard.store.dynamodb.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** Listing helpers: index items in a partition, batch reads, prefix scans. Stateless. */
final class Index {
  private static final int BATCH = 100;

  private Index() {}

  /**
   * Lists the sort keys under a prefix in one partition (consistent reads, every page), with the
   * prefix cut off.
   */
  static List<String> list(Ddb ddb, String pk, String skPrefix) {
    List<String> out = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest.Builder b =
          QueryRequest.builder()
              .tableName(ddb.table())
              .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
              .expressionAttributeNames(Ddb.names("#pk", "#sk"))
              .expressionAttributeValues(Map.of(":pk", Ddb.s(pk), ":prefix", Ddb.s(skPrefix)))
              .projectionExpression("#sk")
              .consistentRead(true);
      if (start != null) {
        b.exclusiveStartKey(start);
      }
      QueryResponse r = ddb.client().query(b.build());
      for (Map<String, AttributeValue> item : r.items()) {
        out.add(Ddb.str(item, Ddb.SK).substring(skPrefix.length()));
      }
      start =
          r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
    } while (start != null);
    return out;
  }

  /** Reads items by key with consistent reads, 100 keys per request, retrying unprocessed keys. */
  static List<Map<String, AttributeValue>> getAll(
      Ddb ddb, List<Map<String, AttributeValue>> keys, String projection) {
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i += BATCH) {
      List<Map<String, AttributeValue>> chunk = keys.subList(i, Math.min(keys.size(), i + BATCH));
      KeysAndAttributes.Builder ka = KeysAndAttributes.builder().keys(chunk).consistentRead(true);
      if (projection != null) {
        ka.projectionExpression(projection).expressionAttributeNames(Ddb.names(projection));
      }
      Map<String, KeysAndAttributes> request = new HashMap<>(Map.of(ddb.table(), ka.build()));
      int rounds = 0;
      while (!request.isEmpty()) {
        if (rounds++ > 0) {
          backoff(rounds);
        }
        BatchGetItemResponse r =
            ddb.client().batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
        out.addAll(r.responses().getOrDefault(ddb.table(), List.of()));
        request = r.hasUnprocessedKeys() ? new HashMap<>(r.unprocessedKeys()) : Map.of();
        request.values().removeIf(k -> k.keys().isEmpty());
      }
    }
    return out;
  }

  /** Scans the whole table (consistent, every page) for items whose pk starts with a prefix. */
  static List<Map<String, AttributeValue>> scan(
      Ddb ddb, String pkPrefix, String extraFilter, Map<String, AttributeValue> extraValues) {
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    String filter =
        "begins_with(#pk, :pkPrefix)" + (extraFilter == null ? "" : " AND " + extraFilter);
    Map<String, AttributeValue> values = new HashMap<>(extraValues);
    values.put(":pkPrefix", Ddb.s(pkPrefix));
    Map<String, AttributeValue> start = null;
    do {
      ScanRequest.Builder b =
          ScanRequest.builder()
              .tableName(ddb.table())
              .filterExpression(filter)
              .expressionAttributeNames(Ddb.names(filter))
              .expressionAttributeValues(values)
              .consistentRead(true);
      if (start != null) {
        b.exclusiveStartKey(start);
      }
      ScanResponse r = ddb.client().scan(b.build());
      out.addAll(r.items());
      start =
          r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
    } while (start != null);
    return out;
  }

  static void backoff(int round) {
    try {
      Thread.sleep(Math.min(200, 5L << Math.min(round, 6)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
