package dev.rootguard.store.dynamodb.internal;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.ReplayGuard;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link ReplayGuard} over one item per credential ({@code pk = REPLAY#<credential>, sk = R}):
 * {@code tryAccept} is one {@code UpdateItem} whose condition lets it write only when the item is
 * absent or holds a lower sequence, so the condition's verdict is the guard's. The item has no TTL:
 * a sequence accepted once must stay refused for good (an HOTP or Yubico counter does not age out).
 * Thread-safe.
 */
public final class DdbReplayGuard implements ReplayGuard {
  private static final String CONDITION = "attribute_not_exists(#pk) OR #seq < :seq";
  private static final String UPDATE = "SET #seq = :seq";

  private final Ddb ddb;

  /**
   * Creates the guard.
   *
   * @param ddb the table
   */
  public DdbReplayGuard(Ddb ddb) {
    this.ddb = Objects.requireNonNull(ddb, "ddb");
  }

  static String pk(CredentialId id) {
    return "REPLAY#" + id.value();
  }

  @Override
  public boolean tryAccept(CredentialId credential, long sequence) {
    Objects.requireNonNull(credential, "credential");
    return ddb.run(
        "replay.tryAccept",
        () -> {
          try {
            ddb.client()
                .updateItem(
                    UpdateItemRequest.builder()
                        .tableName(ddb.table())
                        .key(Ddb.key(pk(credential), "R"))
                        .updateExpression(UPDATE)
                        .conditionExpression(CONDITION)
                        .expressionAttributeNames(Ddb.names(UPDATE, CONDITION))
                        .expressionAttributeValues(Map.of(":seq", Ddb.n(sequence)))
                        .build());
            return true;
          } catch (ConditionalCheckFailedException e) {
            return false;
          }
        });
  }

  @Override
  public OptionalLong lastAccepted(CredentialId credential) {
    Objects.requireNonNull(credential, "credential");
    return ddb.run(
        "replay.lastAccepted",
        () -> {
          Map<String, AttributeValue> item = ddb.get(pk(credential), "R");
          return item == null ? OptionalLong.empty() : OptionalLong.of(Ddb.num(item, "seq"));
        });
  }

  @Override
  public String toString() {
    return "DdbReplayGuard";
  }
}
