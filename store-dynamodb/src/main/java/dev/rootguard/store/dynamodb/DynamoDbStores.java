package dev.rootguard.store.dynamodb;

import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.LockoutPolicy;
import dev.rootguard.mfa.ReplayGuard;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.mfa.fido.SecurityKeyStore;
import dev.rootguard.mfa.hardware.TokenStore;
import dev.rootguard.mfa.hardware.YubicoKeyStore;
import dev.rootguard.mfa.totp.OtpStateStore;
import dev.rootguard.mfa.totp.TotpCredentialStore;
import dev.rootguard.seal.SecretSealer;
import dev.rootguard.store.dynamodb.internal.Ddb;
import dev.rootguard.store.dynamodb.internal.DdbAttemptLimiter;
import dev.rootguard.store.dynamodb.internal.DdbCeremonyStore;
import dev.rootguard.store.dynamodb.internal.DdbOtpStateStore;
import dev.rootguard.store.dynamodb.internal.DdbReplayGuard;
import dev.rootguard.store.dynamodb.internal.DdbResealer;
import dev.rootguard.store.dynamodb.internal.DdbSecurityKeyStore;
import dev.rootguard.store.dynamodb.internal.DdbTokenStore;
import dev.rootguard.store.dynamodb.internal.DdbTotpCredentialStore;
import dev.rootguard.store.dynamodb.internal.Table;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every RootGuard state store in one DynamoDB table: the attempt limiter, the replay guard, TOTP
 * state and credentials, FIDO ceremonies and security keys, OATH hardware tokens and Yubico keys.
 * Servers that share the table share the state, so a code accepted on one server is a replay on
 * every other, and failed attempts on all of them count toward one lockout.
 *
 * <p>Create the table once with {@link #createTable(DynamoDbClient, String)} (the CLI's {@code
 * rootguard store init}) or from the shipped {@code table.json}; the stores never create it, and an
 * operation on a missing table throws {@link StoreException} naming {@code rootguard store init}.
 * The least-privilege IAM policy ships as {@code minimal-iam-policy.json} next to {@code
 * table.json} in this jar (package {@code dev/rootguard/store/dynamodb}).
 *
 * <pre>{@code
 * DynamoDbClient ddb = DynamoDbClient.builder()
 *     .region(Region.EU_WEST_1)
 *     .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(2)))  // fail closed fast
 *     .build();
 * DynamoDbStores.createTable(ddb, "rootguard");            // idempotent
 * DynamoDbStores stores = DynamoDbStores.builder(ddb, "rootguard", kmsSealer)
 *     .clock(clock)
 *     .lockoutPolicy(LockoutPolicy.DEFAULT)
 *     .build();
 * stores.check();                                          // fail early at start-up
 * TotpVerifier totp = TotpVerifier.builder().clock(clock)
 *     .stateStore(stores.totpStates()).credentialStore(stores.totpCredentials()).build();
 * MfaAuthenticator mfa = MfaAuthenticator.builder().verifier(totp)
 *     .attemptLimiter(stores.attemptLimiter()).replayGuard(stores.replayGuard()).clock(clock).build();
 * }</pre>
 *
 * <p><b>Consistency.</b> Every read that decides is strongly consistent ({@code ConsistentRead});
 * every change is one conditional write (a condition expression on a version, a counter or the
 * item's absence), so of concurrent compare-and-sets with the same expectation exactly one meets
 * its condition. No operation needs a transaction: two-item changes are ordered so that a crash in
 * between leaves nothing visible, and {@code TokenStore.addAll} commits through a batch record (see
 * the module README). Failures of DynamoDB, after the SDK's own retries, throw {@link
 * StoreException}, which {@code MfaAuthenticator} turns into {@code STORE_UNAVAILABLE}: never an
 * acceptance. Times come from the injected {@link Clock} of the callers and of this builder, never
 * from DynamoDB; expired items (TTL deletion is lazy) read as absent.
 *
 * <p>Thread-safe; share one instance (it shares the client, which you close).
 *
 * @since 0.2.0
 */
public final class DynamoDbStores {
  /** Longest reservation timeout accepted. */
  public static final Duration MAX_RESERVATION_TIMEOUT = Duration.ofMinutes(10);

  private final Ddb ddb;
  private final DdbAttemptLimiter limiter;
  private final DdbReplayGuard replayGuard;
  private final DdbOtpStateStore totpStates;
  private final DdbTotpCredentialStore totpCredentials;
  private final DdbCeremonyStore ceremonies;
  private final DdbTokenStore tokens;
  private final DdbSecurityKeyStore securityKeys;
  private final SecretSealer sealer;

  private DynamoDbStores(Builder b) {
    this.ddb = new Ddb(b.client, b.table);
    this.limiter = new DdbAttemptLimiter(ddb, b.policy, b.clock, b.reservationTimeout);
    this.replayGuard = new DdbReplayGuard(ddb);
    this.totpStates = new DdbOtpStateStore(ddb);
    this.totpCredentials = new DdbTotpCredentialStore(ddb, b.sealer, totpStates);
    this.ceremonies = new DdbCeremonyStore(ddb);
    this.tokens = new DdbTokenStore(ddb, b.sealer, b.clock, b.reservationTimeout);
    this.securityKeys = new DdbSecurityKeyStore(ddb);
    this.sealer = b.sealer;
  }

  /**
   * Starts a builder.
   *
   * @param client the SDK client every store calls; configure its timeouts and retries there
   * @param tableName the table, created by {@link #createTable(DynamoDbClient, String)}
   * @param sealer seals TOTP secrets, token seeds and Yubico keys before they reach an item
   * @return a builder; not thread-safe
   */
  public static Builder builder(DynamoDbClient client, String tableName, SecretSealer sealer) {
    return new Builder(client, tableName, sealer);
  }

  /**
   * Creates the table ({@code pk} S HASH, {@code sk} S RANGE, on-demand billing) unless it exists,
   * waits until it is ACTIVE (at most 5 minutes), and enables TTL on the {@code ttl} attribute.
   * Idempotent. An endpoint without TTL support (dynalite) is logged and tolerated: nothing depends
   * on TTL deletion.
   *
   * @param client the client
   * @param tableName the table
   * @return true if the table was created now, false if it existed
   * @throws StoreException if DynamoDB fails, or the existing table has another key schema
   */
  public static boolean createTable(DynamoDbClient client, String tableName) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(tableName, "tableName");
    return Table.create(client, tableName, Duration.ofMinutes(5)).created();
  }

  /**
   * Checks that the table exists, is ACTIVE and has the key schema these stores need; call it at
   * start-up to fail early. One {@code DescribeTable}.
   *
   * @throws StoreException naming {@code rootguard store init} if the table is missing or another
   */
  public void check() {
    Table.check(ddb.client(), ddb.table());
  }

  /**
   * Returns the shared attempt limiter.
   *
   * @return the limiter
   */
  public AttemptLimiter attemptLimiter() {
    return limiter;
  }

  /**
   * Returns the shared replay guard.
   *
   * @return the guard
   */
  public ReplayGuard replayGuard() {
    return replayGuard;
  }

  /**
   * Returns the TOTP and HOTP state store.
   *
   * @return the store
   */
  public OtpStateStore totpStates() {
    return totpStates;
  }

  /**
   * Returns the TOTP credential store (secrets sealed for {@code "totp:<credential id>"}).
   *
   * @return the store
   */
  public TotpCredentialStore totpCredentials() {
    return totpCredentials;
  }

  /**
   * Returns the ceremony store for FIDO pending requests.
   *
   * @return the store
   */
  public CeremonyStore ceremonies() {
    return ceremonies;
  }

  /**
   * Returns the OATH hardware token store (seeds sealed for {@code "token:<serial>"}).
   *
   * @return the store
   */
  public TokenStore tokens() {
    return tokens;
  }

  /**
   * Returns the Yubico OTP key store (private id and AES key sealed for {@code
   * "yubico:<publicId>"}); the same object as {@link #tokens()}.
   *
   * @return the store
   */
  public YubicoKeyStore yubicoKeys() {
    return tokens;
  }

  /**
   * Returns the FIDO security key store.
   *
   * @return the store
   */
  public SecurityKeyStore securityKeys() {
    return securityKeys;
  }

  /**
   * Seals every secret again under the sealer's current key, after a key rotation ({@code rootguard
   * store reseal}): TOTP secrets, token seeds and Yubico keys. One paginated, strongly consistent
   * {@code Scan} finds them; each item is rewritten with a conditional {@code UpdateItem} on its
   * old value, so a concurrent change is never overwritten (it counts as unchanged), and every item
   * stays readable throughout (the rotated sealer still opens what was not rewritten yet). Costs
   * the read capacity of a full table scan plus one write per resealed item; run it off-peak on a
   * large table. Safe to run again: a second run rewrites nothing.
   *
   * <pre>{@code
   * DynamoDbStores.Resealed r = stores.reseal();
   * System.out.println(r.resealed() + " resealed, " + r.unchanged() + " unchanged");
   * }</pre>
   *
   * @return the counts
   * @throws dev.rootguard.seal.SealingException naming the key id if a value cannot be opened (no
   *     further item is written)
   * @throws StoreException if DynamoDB fails
   * @since 0.2.0
   */
  public Resealed reseal() {
    DdbResealer.Counts c = new DdbResealer(ddb, sealer).resealAll();
    return new Resealed(c.resealed(), c.unchanged());
  }

  /**
   * The counts of a {@link #reseal()}. Immutable and thread-safe.
   *
   * @param resealed items rewritten under the sealer's current key
   * @param unchanged items already under the current key, or changed by another process meanwhile
   * @since 0.2.0
   */
  public record Resealed(int resealed, int unchanged) {}

  @Override
  public String toString() {
    return "DynamoDbStores[table=" + ddb.table() + ", limiter=" + limiter + "]";
  }

  /**
   * Builds {@link DynamoDbStores}. Not thread-safe; confine to one thread.
   *
   * @since 0.2.0
   */
  public static final class Builder {
    private final DynamoDbClient client;
    private final String table;
    private final SecretSealer sealer;
    private Clock clock = Clock.systemUTC();
    private LockoutPolicy policy = LockoutPolicy.DEFAULT;
    private Duration reservationTimeout = Duration.ofSeconds(30);

    private Builder(DynamoDbClient client, String table, SecretSealer sealer) {
      this.client = Objects.requireNonNull(client, "client");
      this.table = Objects.requireNonNull(table, "tableName");
      this.sealer = Objects.requireNonNull(sealer, "sealer");
      if (table.length() < 3 || table.length() > 255 || !table.matches("[A-Za-z0-9_.-]+")) {
        throw new IllegalArgumentException(
            "tableName: must be 3..255 characters of [A-Za-z0-9_.-]");
      }
    }

    /**
     * Sets the clock the attempt limiter and {@code addAll}'s batch deadlines read. Default: {@link
     * Clock#systemUTC()}. Other stores take their times from their callers.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets when the attempt limiter locks out. Default: {@link LockoutPolicy#DEFAULT}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder lockoutPolicy(LockoutPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "lockoutPolicy");
      return this;
    }

    /**
     * Sets how long an unsettled attempt reservation holds budget (so a crashed process cannot lock
     * a principal out forever), and how long an unfinished {@code TokenStore.addAll} may hold its
     * serials before another writer may abort it. Default: 30 seconds. Minimum: 1 second. Maximum:
     * 10 minutes.
     *
     * @param timeout the timeout
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder reservationTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "reservationTimeout");
      if (timeout.compareTo(Duration.ofSeconds(1)) < 0
          || timeout.compareTo(MAX_RESERVATION_TIMEOUT) > 0) {
        throw new IllegalArgumentException(
            "reservationTimeout: must be 1 s..10 min, was " + timeout);
      }
      this.reservationTimeout = timeout;
      return this;
    }

    /**
     * Builds the stores. Does not call DynamoDB; call {@link DynamoDbStores#check()} to check the
     * table.
     *
     * @return the stores
     */
    public DynamoDbStores build() {
      return new DynamoDbStores(this);
    }
  }
}
