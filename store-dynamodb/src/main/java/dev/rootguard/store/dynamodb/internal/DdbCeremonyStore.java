package dev.rootguard.store.dynamodb.internal;

import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.Principal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link CeremonyStore} over one item per ceremony ({@code pk = CEREMONY#<id>, sk = C}) with a TTL
 * at its expiry. {@code take} is one {@code UpdateItem SET used = true} conditioned on the kind, on
 * {@code used = false} and on {@code expiresAt > now} (the caller's {@code now}, so an item that
 * TTL has not deleted yet is still refused once expired): of concurrent takes exactly one meets the
 * condition. A take that fails learns why from the item the failure returns (or, where the server
 * does not return it, one consistent read). The taken item stays as the tombstone until TTL or
 * {@link #purgeExpired} deletes it. Thread-safe.
 */
public final class DdbCeremonyStore implements CeremonyStore {
  private static final String TAKE = "#kind = :kind AND #used = :false AND #expiresAt > :now";
  private static final String SET_USED = "SET #used = :true";

  private final Ddb ddb;

  /**
   * Creates the store.
   *
   * @param ddb the table
   */
  public DdbCeremonyStore(Ddb ddb) {
    this.ddb = Objects.requireNonNull(ddb, "ddb");
  }

  static String pk(String id) {
    return "CEREMONY#" + id;
  }

  @Override
  public boolean put(String id, Ceremony ceremony) {
    CeremonyStore.requireValidId(id);
    Objects.requireNonNull(ceremony, "ceremony");
    long expires = Ddb.nanos("expiresAt", ceremony.expiresAt());
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(Ddb.PK, Ddb.s(pk(id)));
    item.put(Ddb.SK, Ddb.s("C"));
    item.put("kind", Ddb.s(ceremony.kind()));
    item.put("principal", Ddb.s(ceremony.principal().id()));
    item.put("expiresAt", Ddb.n(expires));
    item.put("payload", Ddb.s(ceremony.payload()));
    item.put("used", Ddb.bool(false));
    item.put(Ddb.TTL, Ddb.n(Ddb.ttlSeconds(expires)));
    return ddb.run(
        "ceremonies.put",
        () -> {
          try {
            ddb.client()
                .putItem(
                    PutItemRequest.builder()
                        .tableName(ddb.table())
                        .item(item)
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Ddb.names("#pk"))
                        .build());
            return true;
          } catch (ConditionalCheckFailedException e) {
            return false;
          }
        });
  }

  @Override
  public Taken take(String id, String kind, Instant now) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    long at = Ddb.nanos("now", now);
    return ddb.run(
        "ceremonies.take",
        () -> {
          Map<String, AttributeValue> stored;
          try {
            Map<String, AttributeValue> item =
                ddb.client()
                    .updateItem(
                        UpdateItemRequest.builder()
                            .tableName(ddb.table())
                            .key(Ddb.key(pk(id), "C"))
                            .updateExpression(SET_USED)
                            .conditionExpression(TAKE)
                            .expressionAttributeNames(Ddb.names(SET_USED, TAKE))
                            .expressionAttributeValues(
                                Map.of(
                                    ":kind", Ddb.s(kind),
                                    ":false", Ddb.bool(false),
                                    ":true", Ddb.bool(true),
                                    ":now", Ddb.n(at)))
                            .returnValues(ReturnValue.ALL_NEW)
                            .returnValuesOnConditionCheckFailure(
                                ReturnValuesOnConditionCheckFailure.ALL_OLD)
                            .build())
                    .attributes();
            return Taken.taken(
                new Ceremony(
                    kind,
                    Principal.of(Ddb.str(item, "principal")),
                    Ddb.instant(Ddb.num(item, "expiresAt")),
                    Ddb.str(item, "payload")));
          } catch (ConditionalCheckFailedException e) {
            stored = ddb.storedAfterFailure(e, pk(id), "C");
          }
          if (stored == null || !kind.equals(Ddb.str(stored, "kind"))) {
            return Taken.notTaken(Status.UNKNOWN);
          }
          boolean used = Ddb.bool(stored, "used");
          if (Ddb.num(stored, "expiresAt") <= at) {
            return Taken.notTaken(used ? Status.UNKNOWN : Status.EXPIRED);
          }
          return Taken.notTaken(used ? Status.USED : Status.UNKNOWN);
        });
  }

  @Override
  public int purgeExpired(Instant now) {
    long at = Ddb.nanos("now", now);
    return ddb.run(
        "ceremonies.purgeExpired",
        () -> {
          List<Map<String, AttributeValue>> expired =
              Index.scan(ddb, "CEREMONY#", "#expiresAt <= :now", Map.of(":now", Ddb.n(at)));
          int deleted = 0;
          for (Map<String, AttributeValue> item : expired) {
            try {
              ddb.client()
                  .deleteItem(
                      DeleteItemRequest.builder()
                          .tableName(ddb.table())
                          .key(Ddb.key(Ddb.str(item, Ddb.PK), Ddb.str(item, Ddb.SK)))
                          .conditionExpression("#expiresAt <= :now")
                          .expressionAttributeNames(Ddb.names("#expiresAt"))
                          .expressionAttributeValues(Map.of(":now", Ddb.n(at)))
                          .build());
              deleted++;
            } catch (ConditionalCheckFailedException gone) {
              // deleted meanwhile (TTL or another purge)
            }
          }
          return deleted;
        });
  }

  @Override
  public String toString() {
    return "DdbCeremonyStore";
  }
}
