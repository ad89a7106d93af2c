package dev.rootguard.store.dynamodb.internal;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.OathType;
import dev.rootguard.mfa.hardware.TokenSealing;
import dev.rootguard.mfa.hardware.TokenState;
import dev.rootguard.mfa.hardware.TokenStore;
import dev.rootguard.mfa.hardware.YubicoKey;
import dev.rootguard.mfa.hardware.YubicoKeyStore;
import dev.rootguard.seal.SecretSealer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link TokenStore} and {@link YubicoKeyStore}: one item per token ({@code pk = TOKEN#<serial>, sk
 * = T}, seed sealed for {@code "token:<serial>"}) and per Yubico key ({@code pk =
 * YUBICO#<publicId>, sk = Y}, private id and AES key sealed together for {@code
 * "yubico:<publicId>"}), each holding its {@link TokenState} and a version that every
 * compare-and-set conditions on ({@code #v = :v}) and increments.
 *
 * <p><b>{@code addAll}, all or nothing without transactions.</b> DynamoDB's {@code
 * TransactWriteItems} caps a transaction at 100 items and dynalite (the test server) has none, so a
 * batch commits through a record of its own, {@code pk = BATCH#<uuid>}: (1) the record is written
 * {@code PENDING} with a deadline ({@code reservationTimeout} from now by the injected clock); (2)
 * each token is written, in serial order, on condition that its key is free, carrying {@code batch
 * = <uuid>}; (3) one conditional update flips the record to {@code COMMITTED} — the commit point;
 * (4) the {@code batch} attributes and the record are removed. A token carrying {@code batch} is
 * visible only once its record says {@code COMMITTED}, so readers never see part of a batch. A
 * duplicate serial aborts the batch (its tokens are deleted); a writer that meets another batch's
 * live claim waits for it to commit or abort (claims are taken in serial order, so waits cannot
 * form a cycle), and a claim whose batch passed its deadline uncommitted is aborted by a
 * conditional update (so it and the late commit cannot both win) and deleted. A crash leaves at
 * worst claims that read as absent and are cleared by the next writer of that serial. Thread-safe.
 */
public final class DdbTokenStore implements TokenStore, YubicoKeyStore {
  private static final String BATCH = "batch";

  private final Ddb ddb;
  private final SecretSealer sealer;
  private final Clock clock;
  private final Duration batchTimeout;

  private enum BatchStatus {
    COMMITTED,
    LIVE,
    DEAD
  }

  /**
   * Creates the store.
   *
   * @param ddb the table
   * @param sealer seals seeds and keys
   * @param clock the clock batch deadlines are set and checked by
   * @param batchTimeout how long an {@code addAll} may take before other writers may abort it
   */
  public DdbTokenStore(Ddb ddb, SecretSealer sealer, Clock clock, Duration batchTimeout) {
    this.ddb = Objects.requireNonNull(ddb, "ddb");
    this.sealer = Objects.requireNonNull(sealer, "sealer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.batchTimeout = Objects.requireNonNull(batchTimeout, "batchTimeout");
  }

  static String tokenPk(String serial) {
    return "TOKEN#" + serial;
  }

  static String yubicoPk(String publicId) {
    return "YUBICO#" + publicId;
  }

  // ---- OATH tokens ----

  @Override
  public void add(HardwareToken token) {
    Objects.requireNonNull(token, "token");
    Map<String, AttributeValue> item = tokenItem(token, sealSeed(token), null);
    boolean added = ddb.run("tokens.add", () -> claim(item));
    if (!added) {
      throw new InvalidInputException("serial", token.serial() + " is already registered");
    }
  }

  @Override
  public void addAll(Collection<HardwareToken> tokens) {
    insertAll(tokens, null);
  }

  /** Adds and assigns in the same writes: all or nothing. */
  @Override
  public void addAll(Collection<HardwareToken> tokens, Principal owner) {
    insertAll(tokens, Objects.requireNonNull(owner, "owner"));
  }

  private void insertAll(Collection<HardwareToken> tokens, Principal owner) {
    List<HardwareToken> batch = new ArrayList<>(TokenStore.checkedBatch(tokens).values());
    if (batch.isEmpty()) {
      return;
    }
    batch.sort(Comparator.comparing(HardwareToken::serial));
    // Seal everything before touching the table: a sealing failure writes nothing.
    List<Map<String, AttributeValue>> items = new ArrayList<>(batch.size());
    for (HardwareToken t : batch) {
      items.add(tokenItem(t, sealSeed(t), owner));
    }
    if (items.size() == 1) {
      if (!ddb.run("tokens.addAll", () -> claim(items.get(0)))) {
        throw new InvalidInputException(
            "serial", batch.get(0).serial() + " is already registered; nothing was added");
      }
      return;
    }
    String duplicate = ddb.run("tokens.addAll", () -> commitBatch(items));
    if (duplicate != null) {
      throw new InvalidInputException(
          "serial", duplicate + " is already registered; nothing was added");
    }
  }

  /** Runs the batch protocol; returns the first duplicate serial, or null when committed. */
  private String commitBatch(List<Map<String, AttributeValue>> items) {
    String id = UUID.randomUUID().toString();
    String recordPk = "BATCH#" + id;
    long deadline = Ddb.nanos("now", clock.instant().plus(batchTimeout));
    ddb.client()
        .putItem(
            PutItemRequest.builder()
                .tableName(ddb.table())
                .item(
                    Map.of(
                        Ddb.PK,
                        Ddb.s(recordPk),
                        Ddb.SK,
                        Ddb.s("B"),
                        "status",
                        Ddb.s("PENDING"),
                        "deadline",
                        Ddb.n(deadline),
                        Ddb.TTL,
                        Ddb.n(Ddb.ttlSeconds(deadline) + 86_400)))
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Ddb.names("#pk"))
                .build());
    List<Map<String, AttributeValue>> claimed = new ArrayList<>();
    String duplicate = null;
    for (Map<String, AttributeValue> item : items) {
      Map<String, AttributeValue> tagged = new HashMap<>(item);
      tagged.put(BATCH, Ddb.s(id));
      if (!claim(tagged)) {
        duplicate = Ddb.str(item, Ddb.PK).substring("TOKEN#".length());
        break;
      }
      claimed.add(tagged);
    }
    if (duplicate == null) {
      try {
        String commit = "SET #status = :committed REMOVE #ttl";
        String pending = "#status = :pending";
        ddb.client()
            .updateItem(
                UpdateItemRequest.builder()
                    .tableName(ddb.table())
                    .key(Ddb.key(recordPk, "B"))
                    .updateExpression(commit)
                    .conditionExpression(pending)
                    .expressionAttributeNames(Ddb.names(commit, pending))
                    .expressionAttributeValues(
                        Map.of(":committed", Ddb.s("COMMITTED"), ":pending", Ddb.s("PENDING")))
                    .build());
      } catch (ConditionalCheckFailedException aborted) {
        discard(id, recordPk, claimed);
        throw new StoreException(
            "tokens.addAll",
            "the batch outlived its deadline and another writer aborted it; nothing was added",
            aborted);
      }
      for (Map<String, AttributeValue> item : claimed) {
        clearBatch(Ddb.str(item, Ddb.PK), Ddb.str(item, Ddb.SK), id);
      }
      delete(recordPk, "B");
      return null;
    }
    abort(recordPk);
    discard(id, recordPk, claimed);
    return duplicate;
  }

  private boolean abort(String recordPk) {
    String set = "SET #status = :aborted";
    String pending = "#status = :pending";
    try {
      ddb.client()
          .updateItem(
              UpdateItemRequest.builder()
                  .tableName(ddb.table())
                  .key(Ddb.key(recordPk, "B"))
                  .updateExpression(set)
                  .conditionExpression(pending)
                  .expressionAttributeNames(Ddb.names(set, pending))
                  .expressionAttributeValues(
                      Map.of(":aborted", Ddb.s("ABORTED"), ":pending", Ddb.s("PENDING")))
                  .build());
      return true;
    } catch (ConditionalCheckFailedException notPending) {
      return false;
    }
  }

  private void discard(String id, String recordPk, List<Map<String, AttributeValue>> claimed) {
    for (Map<String, AttributeValue> item : claimed) {
      deleteClaim(Ddb.str(item, Ddb.PK), Ddb.str(item, Ddb.SK), id);
    }
    delete(recordPk, "B");
  }

  private void deleteClaim(String pk, String sk, String batchId) {
    try {
      ddb.client()
          .deleteItem(
              DeleteItemRequest.builder()
                  .tableName(ddb.table())
                  .key(Ddb.key(pk, sk))
                  .conditionExpression("#batch = :id")
                  .expressionAttributeNames(Ddb.names("#batch"))
                  .expressionAttributeValues(Map.of(":id", Ddb.s(batchId)))
                  .build());
    } catch (ConditionalCheckFailedException gone) {
      // deleted by another writer that found the claim dead
    }
  }

  private void clearBatch(String pk, String sk, String batchId) {
    try {
      ddb.client()
          .updateItem(
              UpdateItemRequest.builder()
                  .tableName(ddb.table())
                  .key(Ddb.key(pk, sk))
                  .updateExpression("REMOVE #batch")
                  .conditionExpression("#batch = :id")
                  .expressionAttributeNames(Ddb.names("#batch"))
                  .expressionAttributeValues(Map.of(":id", Ddb.s(batchId)))
                  .build());
    } catch (ConditionalCheckFailedException done) {
      // cleared by a reader already
    }
  }

  private void delete(String pk, String sk) {
    ddb.client()
        .deleteItem(
            DeleteItemRequest.builder().tableName(ddb.table()).key(Ddb.key(pk, sk)).build());
  }

  /**
   * Writes an item on condition that no visible item has its key, clearing dead claims and waiting
   * for live ones.
   *
   * @return true if written; false if a visible item holds the key
   */
  private boolean claim(Map<String, AttributeValue> item) {
    String pk = Ddb.str(item, Ddb.PK);
    String sk = Ddb.str(item, Ddb.SK);
    long waitUntil = System.nanoTime() + batchTimeout.toNanos() + 5_000_000_000L;
    int round = 0;
    while (true) {
      Ddb.Cas put = ddb.putIfVersion(item, null);
      if (put.written()) {
        return true;
      }
      Map<String, AttributeValue> existing = put.current();
      if (existing == null) {
        continue; // deleted meanwhile
      }
      String other = Ddb.str(existing, BATCH);
      if (other == null) {
        return false;
      }
      switch (status(other)) {
        case COMMITTED:
          return false;
        case DEAD:
          deleteClaim(pk, sk, other);
          break;
        case LIVE:
          if (System.nanoTime() - waitUntil > 0) {
            throw new StoreException(
                "tokens.addAll",
                "another batch has held " + pk.substring(pk.indexOf('#') + 1) + " too long",
                null);
          }
          Index.backoff(++round);
          break;
        default:
          throw new IllegalStateException();
      }
    }
  }

  private BatchStatus status(String batchId) {
    String recordPk = "BATCH#" + batchId;
    for (int i = 0; i < 3; i++) {
      Map<String, AttributeValue> record = ddb.get(recordPk, "B");
      if (record == null) {
        return BatchStatus.DEAD; // removed after an abort (a commit clears its claims first)
      }
      String s = Ddb.str(record, "status");
      if ("COMMITTED".equals(s)) {
        return BatchStatus.COMMITTED;
      }
      if ("ABORTED".equals(s)) {
        return BatchStatus.DEAD;
      }
      if (Ddb.num(record, "deadline") > Ddb.nanos("now", clock.instant())) {
        return BatchStatus.LIVE;
      }
      if (abort(recordPk)) {
        return BatchStatus.DEAD;
      }
      // it committed or was aborted just now: read again
    }
    return BatchStatus.LIVE;
  }

  /** Returns the item if it is visible (no batch, or a committed one, then cleared), else null. */
  private Map<String, AttributeValue> visible(Map<String, AttributeValue> item) {
    if (item == null) {
      return null;
    }
    String b = Ddb.str(item, BATCH);
    if (b == null) {
      return item;
    }
    if (status(b) != BatchStatus.COMMITTED) {
      return null;
    }
    clearBatch(Ddb.str(item, Ddb.PK), Ddb.str(item, Ddb.SK), b);
    Map<String, AttributeValue> copy = new HashMap<>(item);
    copy.remove(BATCH);
    return copy;
  }

  private String sealSeed(HardwareToken t) {
    return TokenSealing.sealSeed(t, sealer);
  }

  private static Map<String, AttributeValue> tokenItem(
      HardwareToken t, String sealed, Principal owner) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(Ddb.PK, Ddb.s(tokenPk(t.serial())));
    item.put(Ddb.SK, Ddb.s("T"));
    item.put("keyId", Ddb.s(t.keyId()));
    t.manufacturer().filter(m -> !m.isEmpty()).ifPresent(m -> item.put("manufacturer", Ddb.s(m)));
    t.issuer().filter(i -> !i.isEmpty()).ifPresent(i -> item.put("issuer", Ddb.s(i)));
    item.put("type", Ddb.s(t.type().name()));
    item.put("algorithm", Ddb.s(t.algorithm().name()));
    item.put("digits", Ddb.n(t.digits()));
    item.put("timeStepS", Ddb.n(t.timeStep().getSeconds()));
    item.put("t0S", Ddb.n(t.t0().getEpochSecond()));
    item.put("counter", Ddb.n(t.counter()));
    item.put("timeDrift", Ddb.n(t.timeDrift()));
    t.validFrom().ifPresent(v -> item.put("validFrom", Ddb.n(Ddb.nanos("validFrom", v))));
    t.validUntil().ifPresent(v -> item.put("validUntil", Ddb.n(Ddb.nanos("validUntil", v))));
    item.put("secret", Ddb.s(sealed));
    if (owner != null) {
      item.put("owner", Ddb.s(owner.id()));
    }
    item.put("disabled", Ddb.bool(false));
    item.put("driftSteps", Ddb.n(t.timeDrift()));
    item.put(Ddb.VERSION, Ddb.n(0));
    return item;
  }

  @Override
  public Optional<HardwareToken> token(String serial) {
    Objects.requireNonNull(serial, "serial");
    return ddb.run(
        "tokens.token",
        () -> {
          Map<String, AttributeValue> item = visible(ddb.get(tokenPk(serial), "T"));
          if (item == null) {
            return Optional.<HardwareToken>empty();
          }
          byte[] seed = TokenSealing.openSeed(serial, Ddb.str(item, "secret"), sealer);
          try {
            HardwareToken.Builder b =
                HardwareToken.builder(serial, OathType.valueOf(Ddb.str(item, "type")), seed)
                    .keyId(Ddb.str(item, "keyId"))
                    .algorithm(Ddb.str(item, "algorithm"))
                    .digits((int) Ddb.num(item, "digits"))
                    .timeStep(Duration.ofSeconds(Ddb.num(item, "timeStepS")))
                    .t0(Instant.ofEpochSecond(Ddb.num(item, "t0S")))
                    .counter(Ddb.num(item, "counter"))
                    .timeDrift((int) Ddb.num(item, "timeDrift"));
            String manufacturer = Ddb.str(item, "manufacturer");
            if (manufacturer != null) {
              b.manufacturer(manufacturer);
            }
            String issuer = Ddb.str(item, "issuer");
            if (issuer != null) {
              b.issuer(issuer);
            }
            if (item.containsKey("validFrom")) {
              b.validFrom(Ddb.instant(Ddb.num(item, "validFrom")));
            }
            if (item.containsKey("validUntil")) {
              b.validUntil(Ddb.instant(Ddb.num(item, "validUntil")));
            }
            return Optional.of(b.build());
          } finally {
            Arrays.fill(seed, (byte) 0);
          }
        });
  }

  @Override
  public Optional<TokenState> state(String serial) {
    Objects.requireNonNull(serial, "serial");
    return ddb.run(
        "tokens.state",
        () ->
            Optional.ofNullable(visible(ddb.get(tokenPk(serial), "T"))).map(DdbTokenStore::state));
  }

  private static TokenState state(Map<String, AttributeValue> item) {
    String owner = Ddb.str(item, "owner");
    return TokenState.of(
        Optional.ofNullable(owner).map(Principal::of),
        Ddb.bool(item, "disabled"),
        Ddb.num(item, "driftSteps", 0),
        item.containsKey("lastSequence")
            ? OptionalLong.of(Ddb.num(item, "lastSequence"))
            : OptionalLong.empty(),
        Ddb.num(item, Ddb.VERSION));
  }

  @Override
  public boolean compareAndSet(String serial, TokenState expected, TokenState updated) {
    Objects.requireNonNull(serial, "serial");
    return cas("tokens.compareAndSet", tokenPk(serial), "T", expected, updated);
  }

  @Override
  public boolean remove(String serial) {
    Objects.requireNonNull(serial, "serial");
    return removeItem("tokens.remove", tokenPk(serial), "T");
  }

  @Override
  public List<String> serials() {
    return ids("tokens.serials", "TOKEN#");
  }

  // ---- Yubico keys ----

  @Override
  public void addYubicoKey(YubicoKey key) {
    insertYubicoKey(key, null);
  }

  /** Adds and assigns in one write. */
  @Override
  public void addYubicoKey(YubicoKey key, Principal owner) {
    insertYubicoKey(key, Objects.requireNonNull(owner, "owner"));
  }

  private void insertYubicoKey(YubicoKey key, Principal owner) {
    Objects.requireNonNull(key, "key");
    String sealed = TokenSealing.sealYubicoKey(key, sealer);
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(Ddb.PK, Ddb.s(yubicoPk(key.publicId())));
    item.put(Ddb.SK, Ddb.s("Y"));
    item.put("secret", Ddb.s(sealed));
    if (owner != null) {
      item.put("owner", Ddb.s(owner.id()));
    }
    item.put("disabled", Ddb.bool(false));
    item.put("driftSteps", Ddb.n(0));
    item.put(Ddb.VERSION, Ddb.n(0));
    boolean added = ddb.run("yubico_keys.add", () -> claim(item));
    if (!added) {
      throw new InvalidInputException("publicId", key.publicId() + " is already registered");
    }
  }

  @Override
  public Optional<YubicoKey> yubicoKey(String publicId) {
    Objects.requireNonNull(publicId, "publicId");
    return ddb.run(
        "yubico_keys.yubicoKey",
        () -> {
          Map<String, AttributeValue> item = visible(ddb.get(yubicoPk(publicId), "Y"));
          if (item == null) {
            return Optional.<YubicoKey>empty();
          }
          return Optional.of(TokenSealing.openYubicoKey(publicId, Ddb.str(item, "secret"), sealer));
        });
  }

  @Override
  public Optional<TokenState> yubicoKeyState(String publicId) {
    Objects.requireNonNull(publicId, "publicId");
    return ddb.run(
        "yubico_keys.state",
        () ->
            Optional.ofNullable(visible(ddb.get(yubicoPk(publicId), "Y")))
                .map(DdbTokenStore::state));
  }

  @Override
  public boolean compareAndSetYubicoKey(String publicId, TokenState expected, TokenState updated) {
    Objects.requireNonNull(publicId, "publicId");
    return cas("yubico_keys.compareAndSet", yubicoPk(publicId), "Y", expected, updated);
  }

  @Override
  public boolean removeYubicoKey(String publicId) {
    Objects.requireNonNull(publicId, "publicId");
    return removeItem("yubico_keys.remove", yubicoPk(publicId), "Y");
  }

  @Override
  public List<String> yubicoPublicIds() {
    return ids("yubico_keys.publicIds", "YUBICO#");
  }

  // ---- shared ----

  private boolean cas(
      String operation, String pk, String sk, TokenState expected, TokenState updated) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(updated, "updated");
    StringBuilder set =
        new StringBuilder("SET #disabled = :disabled, #driftSteps = :drift, #v = :next");
    List<String> remove = new ArrayList<>();
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":disabled", Ddb.bool(updated.disabled()));
    values.put(":drift", Ddb.n(updated.driftSteps()));
    values.put(":next", Ddb.n(expected.version() + 1));
    values.put(":expected", Ddb.n(expected.version()));
    if (updated.owner().isPresent()) {
      set.append(", #owner = :owner");
      values.put(":owner", Ddb.s(updated.owner().get().id()));
    } else {
      remove.add("#owner");
    }
    if (updated.lastSequence().isPresent()) {
      set.append(", #lastSequence = :seq");
      values.put(":seq", Ddb.n(updated.lastSequence().getAsLong()));
    } else {
      remove.add("#lastSequence");
    }
    String update = set + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
    String condition = "#v = :expected AND attribute_not_exists(#batch)";
    return ddb.run(
        operation,
        () -> {
          try {
            ddb.client()
                .updateItem(
                    UpdateItemRequest.builder()
                        .tableName(ddb.table())
                        .key(Ddb.key(pk, sk))
                        .updateExpression(update)
                        .conditionExpression(condition)
                        .expressionAttributeNames(Ddb.names(update, condition))
                        .expressionAttributeValues(values)
                        .build());
            return true;
          } catch (ConditionalCheckFailedException e) {
            return false;
          }
        });
  }

  private boolean removeItem(String operation, String pk, String sk) {
    String condition = "attribute_exists(#pk) AND attribute_not_exists(#batch)";
    return ddb.run(
        operation,
        () -> {
          for (int i = 0; i < 2; i++) {
            try {
              ddb.client()
                  .deleteItem(
                      DeleteItemRequest.builder()
                          .tableName(ddb.table())
                          .key(Ddb.key(pk, sk))
                          .conditionExpression(condition)
                          .expressionAttributeNames(Ddb.names(condition))
                          .returnValues(ReturnValue.ALL_OLD)
                          .build());
              return true;
            } catch (ConditionalCheckFailedException e) {
              // absent, or still carrying a batch: visible() clears a committed one
              if (visible(ddb.get(pk, sk)) == null) {
                return false;
              }
            }
          }
          return false;
        });
  }

  private List<String> ids(String operation, String prefix) {
    return ddb.run(
        operation,
        () -> {
          List<String> out = new ArrayList<>();
          for (Map<String, AttributeValue> item : Index.scan(ddb, prefix, null, Map.of())) {
            if (visible(item) != null) {
              out.add(Ddb.str(item, Ddb.PK).substring(prefix.length()));
            }
          }
          out.sort(null);
          return List.copyOf(out);
        });
  }

  @Override
  public String toString() {
    return "DdbTokenStore";
  }
}
