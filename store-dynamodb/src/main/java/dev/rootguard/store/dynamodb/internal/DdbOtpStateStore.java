package dev.rootguard.store.dynamodb.internal;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.totp.OtpState;
import dev.rootguard.mfa.totp.OtpStateStore;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link OtpStateStore} over the {@code sk = STATE} item in the credential's partition ({@code pk =
 * TOTP#<credential>}). {@code compareAndSet} is one {@code UpdateItem} conditioned on the expected
 * last step and drift, or, from {@link OtpState#NEVER_USED}, on the item being absent (or never
 * used).
 *
 * <p>{@link DdbTotpCredentialStore#find} reads the credential and its state with one {@code Query}
 * of the partition and hands the state over here ({@link #prefetched}), which saves the verifier's
 * {@code load}; a stale value only makes the compare-and-set fail and the verifier load again.
 * Thread-safe.
 */
public final class DdbOtpStateStore implements OtpStateStore {
  private static final String SET = "SET #lastStep = :next, #drift = :nextDrift";
  private static final String FROM_NEVER =
      "attribute_not_exists(#pk) OR (#lastStep = :neverStep AND #drift = :zero)";
  private static final String FROM = "#lastStep = :step AND #drift = :stepDrift";
  private static final int MAX_PREFETCHED = 10_000;

  private final Ddb ddb;
  private final ConcurrentHashMap<CredentialId, OtpState> prefetched = new ConcurrentHashMap<>();

  /**
   * Creates the store.
   *
   * @param ddb the table
   */
  public DdbOtpStateStore(Ddb ddb) {
    this.ddb = Objects.requireNonNull(ddb, "ddb");
  }

  static OtpState read(Map<String, AttributeValue> item) {
    return item == null
        ? OtpState.NEVER_USED
        : new OtpState(Ddb.num(item, "lastStep"), (int) Ddb.num(item, "drift"));
  }

  void prefetched(CredentialId id, OtpState state) {
    if (prefetched.size() >= MAX_PREFETCHED) {
      prefetched.clear();
    }
    prefetched.put(id, state);
  }

  @Override
  public OtpState load(CredentialId id) {
    Objects.requireNonNull(id, "id");
    OtpState handedOver = prefetched.remove(id);
    if (handedOver != null) {
      return handedOver;
    }
    return ddb.run("totp_state.load", () -> read(ddb.get(DdbTotpCredentialStore.pk(id), "STATE")));
  }

  @Override
  public boolean compareAndSet(CredentialId id, OtpState expected, OtpState next) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(next, "next");
    prefetched.remove(id);
    boolean first = expected.equals(OtpState.NEVER_USED);
    String condition = first ? FROM_NEVER : FROM;
    Map<String, AttributeValue> values =
        first
            ? Map.of(
                ":next", Ddb.n(next.lastStep()),
                ":nextDrift", Ddb.n(next.drift()),
                ":neverStep", Ddb.n(OtpState.NEVER_USED.lastStep()),
                ":zero", Ddb.n(0))
            : Map.of(
                ":next", Ddb.n(next.lastStep()),
                ":nextDrift", Ddb.n(next.drift()),
                ":step", Ddb.n(expected.lastStep()),
                ":stepDrift", Ddb.n(expected.drift()));
    return ddb.run(
        "totp_state.compareAndSet",
        () -> {
          try {
            ddb.client()
                .updateItem(
                    UpdateItemRequest.builder()
                        .tableName(ddb.table())
                        .key(Ddb.key(DdbTotpCredentialStore.pk(id), "STATE"))
                        .updateExpression(SET)
                        .conditionExpression(condition)
                        .expressionAttributeNames(Ddb.names(SET, condition))
                        .expressionAttributeValues(values)
                        .build());
            return true;
          } catch (ConditionalCheckFailedException e) {
            return false;
          }
        });
  }

  @Override
  public String toString() {
    return "DdbOtpStateStore";
  }
}
