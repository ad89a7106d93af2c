package dev.rootguard.store.dynamodb.internal;

import dev.rootguard.seal.SecretSealer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Seals every secret in the table again under the sealer's current key (after a key rotation): TOTP
 * credentials ({@code TOTP#<id>}/{@code CRED}, context {@code "totp:<id>"}), OATH tokens ({@code
 * TOKEN#<serial>}/{@code T}, {@code "token:<serial>"}) and Yubico keys ({@code
 * YUBICO#<publicId>}/{@code Y}, {@code "yubico:<publicId>"}), all in the {@code secret} attribute.
 *
 * <p>One paginated, strongly consistent {@code Scan} (projecting only the keys and the sealed
 * value) finds them; each value under an old key is opened with its context, sealed again and
 * written back by an {@code UpdateItem} conditioned on the attribute still holding the old
 * envelope, so an item another process changed or removed meanwhile is left alone (counted as
 * unchanged) and never recreated. Only {@code secret} changes: versions and token state stay as
 * they are, so concurrent compare-and-sets are unaffected. A value no key of the sealer opens stops
 * the run with the sealer's {@link dev.rootguard.seal.SealingException} naming its key id; the
 * items already resealed stay valid (the rotated sealer opens both keys). Thread-safe.
 */
public final class DdbResealer {
  /** The attribute that holds a sealed secret. */
  static final String SECRET = "secret";

  /** One kind of item with a sealed secret: pk prefix, sort key, context prefix. */
  private record Kind(String pkPrefix, String sk, String contextPrefix) {}

  private static final List<Kind> KINDS =
      List.of(
          new Kind("TOTP#", "CRED", "totp:"),
          new Kind("TOKEN#", "T", "token:"),
          new Kind("YUBICO#", "Y", "yubico:"));

  private static final String FILTER =
      "attribute_exists(#secret) AND ((begins_with(#pk, :p0) AND #sk = :s0)"
          + " OR (begins_with(#pk, :p1) AND #sk = :s1)"
          + " OR (begins_with(#pk, :p2) AND #sk = :s2))";

  private static final String UPDATE = "SET #secret = :fresh";
  private static final String CONDITION = "#secret = :old";

  /**
   * Counts of a run.
   *
   * @param resealed items rewritten under the current key
   * @param unchanged items already under the current key, or changed by another process meanwhile
   */
  public record Counts(int resealed, int unchanged) {}

  private final Ddb ddb;
  private final SecretSealer sealer;
  private final int pageLimit;

  /**
   * Creates the resealer.
   *
   * @param ddb the table
   * @param sealer the sealer whose current key seals and whose keys open
   */
  public DdbResealer(Ddb ddb, SecretSealer sealer) {
    this(ddb, sealer, 0);
  }

  /**
   * Creates the resealer with a cap on the items each {@code Scan} page evaluates (tests use it to
   * force many pages).
   *
   * @param ddb the table
   * @param sealer the sealer whose current key seals and whose keys open
   * @param pageLimit the {@code Limit} of each scan request; 0 for none (pages of 1 MB)
   */
  public DdbResealer(Ddb ddb, SecretSealer sealer, int pageLimit) {
    this.ddb = Objects.requireNonNull(ddb, "ddb");
    this.sealer = Objects.requireNonNull(sealer, "sealer");
    if (pageLimit < 0) {
      throw new IllegalArgumentException("pageLimit: must be >= 0");
    }
    this.pageLimit = pageLimit;
  }

  /**
   * Reseals every sealed item of the table.
   *
   * @return the counts
   * @throws dev.rootguard.seal.SealingException naming the key id if a value cannot be opened
   * @throws dev.rootguard.mfa.StoreException if DynamoDB fails
   */
  public Counts resealAll() {
    int resealed = 0;
    int unchanged = 0;
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      ScanResponse page = ddb.run("reseal.scan", () -> ddb.client().scan(scan(from)));
      for (Map<String, AttributeValue> item : page.items()) {
        if (resealOne(item)) {
          resealed++;
        } else {
          unchanged++;
        }
      }
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
    return new Counts(resealed, unchanged);
  }

  private ScanRequest scan(Map<String, AttributeValue> start) {
    Map<String, AttributeValue> values = new HashMap<>();
    for (int i = 0; i < KINDS.size(); i++) {
      values.put(":p" + i, Ddb.s(KINDS.get(i).pkPrefix()));
      values.put(":s" + i, Ddb.s(KINDS.get(i).sk()));
    }
    String projection = "#pk, #sk, #secret";
    ScanRequest.Builder b =
        ScanRequest.builder()
            .tableName(ddb.table())
            .filterExpression(FILTER)
            .projectionExpression(projection)
            .expressionAttributeNames(Ddb.names(FILTER, projection))
            .expressionAttributeValues(values)
            .consistentRead(true);
    if (start != null) {
      b.exclusiveStartKey(start);
    }
    if (pageLimit > 0) {
      b.limit(pageLimit);
    }
    return b.build();
  }

  /** Returns true if the item was rewritten, false if it was current or changed meanwhile. */
  private boolean resealOne(Map<String, AttributeValue> item) {
    String pk = Ddb.str(item, Ddb.PK);
    String sk = Ddb.str(item, Ddb.SK);
    String old = Ddb.str(item, SECRET);
    Kind kind = kindOf(pk, sk);
    if (kind == null || old == null || !sealer.needsReseal(old)) {
      return false;
    }
    String context = kind.contextPrefix() + pk.substring(kind.pkPrefix().length());
    byte[] plain = sealer.open(old, context);
    String fresh;
    try {
      fresh = sealer.seal(plain, context);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
    return ddb.run(
        "reseal.write",
        () -> {
          try {
            ddb.client()
                .updateItem(
                    UpdateItemRequest.builder()
                        .tableName(ddb.table())
                        .key(Ddb.key(pk, sk))
                        .updateExpression(UPDATE)
                        .conditionExpression(CONDITION)
                        .expressionAttributeNames(Ddb.names(UPDATE, CONDITION))
                        .expressionAttributeValues(
                            Map.of(":fresh", Ddb.s(fresh), ":old", Ddb.s(old)))
                        .build());
            return true;
          } catch (ConditionalCheckFailedException e) {
            return false; // changed or removed by another process: theirs wins
          }
        });
  }

  private static Kind kindOf(String pk, String sk) {
    for (Kind k : KINDS) {
      if (pk.startsWith(k.pkPrefix()) && k.sk().equals(sk)) {
        return k;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "DdbResealer";
  }
}
