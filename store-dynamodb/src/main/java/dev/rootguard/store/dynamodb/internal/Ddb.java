package dev.rootguard.store.dynamodb.internal;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.StoreException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The table every store shares: its client and name, the key and attribute helpers, and the one
 * place where an SDK failure becomes a {@link StoreException} (by exception type and error code,
 * never by message text, which can quote request values). Thread-safe.
 */
public final class Ddb {
  /** The partition key attribute. */
  public static final String PK = "pk";

  /** The sort key attribute. */
  public static final String SK = "sk";

  /** The compare-and-set version attribute (a number). */
  public static final String VERSION = "v";

  /** The TTL attribute: epoch seconds after which DynamoDB may delete the item. */
  public static final String TTL = "ttl";

  /** What every message about a missing table says to run. */
  public static final String INIT_HINT =
      "run `rootguard store init` (or DynamoDbStores.createTable(client, table)) to create it";

  private static final Pattern NAME = Pattern.compile("#([A-Za-z][A-Za-z0-9]*)");

  private final DynamoDbClient client;
  private final String table;

  /**
   * Creates the helper.
   *
   * @param client the client
   * @param table the table name
   */
  public Ddb(DynamoDbClient client, String table) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = Objects.requireNonNull(table, "table");
  }

  /**
   * Returns the client.
   *
   * @return the client
   */
  public DynamoDbClient client() {
    return client;
  }

  /**
   * Returns the table name.
   *
   * @return the name
   */
  public String table() {
    return table;
  }

  /**
   * Runs one store operation, turning every SDK failure into a {@link StoreException}.
   *
   * @param operation the operation name, e.g. {@code "totp_state.compareAndSet"}
   * @param work the calls
   * @param <T> the result
   * @return the result
   * @throws StoreException if DynamoDB fails or cannot be reached
   */
  public <T> T run(String operation, Supplier<T> work) {
    try {
      return work.get();
    } catch (SdkException e) {
      throw failure(operation, table, e);
    }
  }

  /**
   * Classifies an SDK failure.
   *
   * @param operation the operation
   * @param table the table
   * @param e the failure
   * @return the exception to throw
   */
  public static StoreException failure(String operation, String table, SdkException e) {
    String why;
    if (e instanceof ResourceNotFoundException) {
      why = "the DynamoDB table " + table + " does not exist; " + INIT_HINT;
    } else if (e instanceof ProvisionedThroughputExceededException
        || e instanceof RequestLimitExceededException
        || (e instanceof DynamoDbException d && "ThrottlingException".equals(code(d)))) {
      why = "throttled by DynamoDB after the SDK's retries (" + code((DynamoDbException) e) + ")";
    } else if (e instanceof ApiCallTimeoutException
        || e instanceof ApiCallAttemptTimeoutException) {
      why = "the call timed out (" + e.getClass().getSimpleName() + ")";
    } else if (e instanceof ConditionalCheckFailedException) {
      why = "unexpected conditional check failure";
    } else if (e instanceof DynamoDbException d) {
      why =
          (d.statusCode() >= 500 ? "DynamoDB server error" : "DynamoDB refused the request")
              + " (HTTP "
              + d.statusCode()
              + ", "
              + code(d)
              + ")";
    } else if (e instanceof SdkClientException) {
      why = "cannot reach DynamoDB (" + rootCause(e) + ")";
    } else {
      why = "SDK failure (" + e.getClass().getSimpleName() + ")";
    }
    return new StoreException(operation, why, e);
  }

  private static String code(DynamoDbException d) {
    return d.awsErrorDetails() == null || d.awsErrorDetails().errorCode() == null
        ? "no error code"
        : d.awsErrorDetails().errorCode();
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName();
  }

  /**
   * Returns an item key.
   *
   * @param pk the partition key
   * @param sk the sort key
   * @return the key map
   */
  public static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(PK, s(pk), SK, s(sk));
  }

  /**
   * Reads one item with a strongly consistent read.
   *
   * @param pk the partition key
   * @param sk the sort key
   * @return the item, or null if absent
   */
  public Map<String, AttributeValue> get(String pk, String sk) {
    Map<String, AttributeValue> item =
        client
            .getItem(
                GetItemRequest.builder()
                    .tableName(table)
                    .key(key(pk, sk))
                    .consistentRead(true)
                    .build())
            .item();
    return item == null || item.isEmpty() ? null : item;
  }

  /**
   * The outcome of {@link #putIfVersion}: whether the put happened, and if not the item now stored.
   *
   * @param written true if the item was written
   * @param current when not written, the stored item (null if there is none)
   */
  public record Cas(boolean written, Map<String, AttributeValue> current) {}

  /**
   * Writes a whole item if the stored one still has {@code expectedVersion}, or if there is none
   * when {@code expectedVersion} is null. On a lost compare-and-set the stored item comes back with
   * the failure ({@code ReturnValuesOnConditionCheckFailure = ALL_OLD}), which saves a read; a
   * server that does not return it (dynalite) costs one consistent read instead.
   *
   * @param item the new item, key included, with its new {@link #VERSION}
   * @param expectedVersion the version the caller read, or null for "absent"
   * @return the outcome
   */
  public Cas putIfVersion(Map<String, AttributeValue> item, Long expectedVersion) {
    String condition =
        expectedVersion == null ? "attribute_not_exists(#pk)" : "#v = :expectedVersion";
    PutItemRequest.Builder b =
        PutItemRequest.builder()
            .tableName(table)
            .item(item)
            .conditionExpression(condition)
            .expressionAttributeNames(names(condition))
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    if (expectedVersion != null) {
      b.expressionAttributeValues(Map.of(":expectedVersion", n(expectedVersion)));
    }
    try {
      client.putItem(b.build());
      return new Cas(true, null);
    } catch (ConditionalCheckFailedException e) {
      return new Cas(false, storedAfterFailure(e, str(item, PK), str(item, SK)));
    }
  }

  /**
   * Pauses a writer that lost a compare-and-set race for the {@code lost}-th time in a row: a
   * random time ("full jitter") below 0.25 ms doubled per loss, at most 16 ms. Without it, n
   * writers on one item retry at once and make about n²/2 writes, every failed one a full request
   * to the service; with it, the losers spread out and most retries win.
   *
   * @param lost how many races in a row this writer lost, from 1
   */
  public static void afterLostRace(int lost) {
    long cap = Math.min(16_000_000L, 250_000L << Math.min(Math.max(lost - 1, 0), 6));
    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(cap));
    if (Thread.currentThread().isInterrupted()) {
      throw new IllegalStateException("interrupted while retrying a lost race");
    }
  }

  /**
   * Returns the item a failed condition found: from the failure when the server sent it, else by a
   * consistent read.
   *
   * @param e the failure
   * @param pk the partition key
   * @param sk the sort key
   * @return the stored item, or null if there is none
   */
  public Map<String, AttributeValue> storedAfterFailure(
      ConditionalCheckFailedException e, String pk, String sk) {
    if (e.hasItem() && !e.item().isEmpty()) {
      return e.item();
    }
    return get(pk, sk);
  }

  /**
   * Maps every {@code #name} in the expressions to {@code name}, so that no attribute name can
   * collide with a DynamoDB reserved word.
   *
   * @param expressions the expressions
   * @return the expression attribute names
   */
  public static Map<String, String> names(String... expressions) {
    Map<String, String> out = new HashMap<>();
    for (String x : expressions) {
      if (x == null) {
        continue;
      }
      Matcher m = NAME.matcher(x);
      while (m.find()) {
        out.put(m.group(), m.group(1));
      }
    }
    return out;
  }

  /**
   * A string value.
   *
   * @param v the string
   * @return the value
   */
  public static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  /**
   * A number value.
   *
   * @param v the number
   * @return the value
   */
  public static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }

  /**
   * A boolean value.
   *
   * @param v the boolean
   * @return the value
   */
  public static AttributeValue bool(boolean v) {
    return AttributeValue.fromBool(v);
  }

  /**
   * A string set or list value; an empty list becomes an empty list (sets cannot be empty).
   *
   * @param v the strings
   * @return the value
   */
  public static AttributeValue list(List<String> v) {
    return AttributeValue.fromL(v.stream().map(AttributeValue::fromS).toList());
  }

  /**
   * Reads a string attribute.
   *
   * @param item the item
   * @param name the attribute
   * @return the string, or null if absent
   */
  public static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.s() == null ? null : v.s();
  }

  /**
   * Reads a number attribute.
   *
   * @param item the item
   * @param name the attribute
   * @param absent the value if absent
   * @return the number
   */
  public static long num(Map<String, AttributeValue> item, String name, long absent) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? absent : Long.parseLong(v.n());
  }

  /**
   * Reads a number attribute that must be there.
   *
   * @param item the item
   * @param name the attribute
   * @return the number
   * @throws IllegalStateException if absent (a damaged item)
   */
  public static long num(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    if (v == null || v.n() == null) {
      throw new IllegalStateException("item lacks attribute " + name);
    }
    return Long.parseLong(v.n());
  }

  /**
   * Reads a boolean attribute.
   *
   * @param item the item
   * @param name the attribute
   * @return the boolean; false if absent
   */
  public static boolean bool(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v != null && Boolean.TRUE.equals(v.bool());
  }

  /**
   * Converts an instant to nanoseconds since the epoch, the table's time format.
   *
   * @param field the field, for the error
   * @param at the instant
   * @return the nanoseconds
   * @throws InvalidInputException if the instant is outside 1677..2262
   */
  public static long nanos(String field, Instant at) {
    Objects.requireNonNull(at, field);
    try {
      return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    } catch (ArithmeticException e) {
      throw new InvalidInputException(field, "must be between 1677 and 2262, was " + at);
    }
  }

  /**
   * Converts nanoseconds since the epoch back to an instant.
   *
   * @param nanos the nanoseconds
   * @return the instant
   */
  public static Instant instant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  /**
   * Returns the TTL value (epoch seconds, rounded up) for an item that stops mattering at {@code
   * nanos}: DynamoDB deletes it some time after, never before.
   *
   * @param nanos the nanoseconds since the epoch
   * @return the epoch seconds
   */
  public static long ttlSeconds(long nanos) {
    return Math.floorDiv(nanos, 1_000_000_000L)
        + (Math.floorMod(nanos, 1_000_000_000L) == 0 ? 0 : 1);
  }
}
