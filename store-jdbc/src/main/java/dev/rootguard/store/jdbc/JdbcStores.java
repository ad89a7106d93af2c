package dev.rootguard.store.jdbc;

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
import dev.rootguard.store.jdbc.internal.JdbcAttemptLimiter;
import dev.rootguard.store.jdbc.internal.JdbcCeremonyStore;
import dev.rootguard.store.jdbc.internal.JdbcOtpStateStore;
import dev.rootguard.store.jdbc.internal.JdbcReplayGuard;
import dev.rootguard.store.jdbc.internal.JdbcResealer;
import dev.rootguard.store.jdbc.internal.JdbcSecurityKeyStore;
import dev.rootguard.store.jdbc.internal.JdbcTokenStore;
import dev.rootguard.store.jdbc.internal.JdbcTotpCredentialStore;
import dev.rootguard.store.jdbc.internal.Migrations;
import dev.rootguard.store.jdbc.internal.Sql;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import javax.sql.DataSource;

/**
 * Every RootGuard state store over one {@link DataSource}: the attempt limiter, the replay guard,
 * TOTP state and credentials, FIDO ceremonies and security keys, OATH hardware tokens and Yubico
 * keys. Servers that share the database share the state, so a code accepted on one server is a
 * replay on every other, and failed attempts on all of them count toward one lockout.
 *
 * <p>Create the schema once with {@link #migrate(DataSource)} (the CLI's {@code rootguard store
 * init}); the stores never create tables themselves, and an operation on a missing schema throws
 * {@link StoreException} naming {@code rootguard store init}.
 *
 * <pre>{@code
 * HikariDataSource pool = new HikariDataSource(config);      // your pool, your driver
 * JdbcStores.migrate(pool);                                  // idempotent
 * JdbcStores stores = JdbcStores.builder(pool, LocalKeySealer.openOrCreate(keyFile))
 *     .clock(clock)
 *     .lockoutPolicy(LockoutPolicy.DEFAULT)
 *     .build();
 * TotpVerifier totp = TotpVerifier.builder().clock(clock)
 *     .stateStore(stores.totpStates()).credentialStore(stores.totpCredentials()).build();
 * MfaAuthenticator mfa = MfaAuthenticator.builder().verifier(totp)
 *     .attemptLimiter(stores.attemptLimiter()).replayGuard(stores.replayGuard()).clock(clock).build();
 * }</pre>
 *
 * <p><b>Consistency.</b> Every mutation is one conditional statement in autocommit ({@code INSERT
 * ... ON CONFLICT ...} or {@code UPDATE ... WHERE version = ?}), except {@code TokenStore.addAll},
 * which is one transaction. READ COMMITTED, PostgreSQL's default, suffices: a single {@code UPDATE}
 * or {@code ON CONFLICT DO UPDATE} locks the row it changes and re-checks its {@code WHERE} against
 * the newest committed version, so of concurrent compare-and-sets with the same expectation exactly
 * one changes the row and the others report zero rows. No table locks are taken. Reads may be
 * stale; a stale read only makes the following compare-and-set fail and the caller re-read.
 *
 * <p><b>Round trips</b> (with a warm pool; a pool may add its own validation query): {@code
 * tryAcquire} 1 (2 when refused), {@code recordSuccess}/{@code recordFailure}/{@code release} 1,
 * {@code ReplayGuard.tryAccept} 1, {@code TotpCredentialStore.find} 1, {@code OtpStateStore.load}
 * 1, {@code compareAndSet} 1, {@code CeremonyStore.take} 1 (2 when nothing is taken), {@code
 * TokenStore.addAll} 1 batch + commit. Two reads are folded into earlier statements: {@code
 * tryAcquire} also reads the principal's TOTP credentials and hands them to the next {@code find}
 * on the same thread until the attempt is settled, and {@code find} also reads the credential's
 * TOTP state for the verifier's next {@code load}; both are only guesses that the following
 * compare-and-set checks. So an accepted TOTP code through {@code MfaAuthenticator} costs 3 round
 * trips (reserve + read, compare-and-set, settle) and a replayed or wrong one 2.
 *
 * <p>Times written to the database come from the injected {@link Clock} of the callers, never from
 * the database server's clock. Thread-safe; share one instance.
 *
 * @since 0.2.0
 */
public final class JdbcStores {
  /** The newest schema version this library knows and needs. */
  public static final int SCHEMA_VERSION = Migrations.LATEST;

  /** Longest reservation timeout accepted. */
  public static final Duration MAX_RESERVATION_TIMEOUT = Duration.ofMinutes(10);

  /** Longest statement timeout accepted. */
  public static final Duration MAX_QUERY_TIMEOUT = Duration.ofMinutes(5);

  private final Sql sql;
  private final JdbcAttemptLimiter limiter;
  private final JdbcReplayGuard replayGuard;
  private final JdbcOtpStateStore totpStates;
  private final JdbcTotpCredentialStore totpCredentials;
  private final JdbcCeremonyStore ceremonies;
  private final JdbcTokenStore tokens;
  private final JdbcSecurityKeyStore securityKeys;
  private final SecretSealer sealer;

  private JdbcStores(Builder b) {
    this.sql = new Sql(b.dataSource, (int) b.queryTimeout.toSeconds());
    this.replayGuard = new JdbcReplayGuard(sql);
    this.totpStates = new JdbcOtpStateStore(sql);
    this.totpCredentials = new JdbcTotpCredentialStore(sql, b.sealer, totpStates);
    this.limiter =
        new JdbcAttemptLimiter(sql, b.policy, b.clock, b.reservationTimeout, totpCredentials);
    this.ceremonies = new JdbcCeremonyStore(sql);
    this.tokens = new JdbcTokenStore(sql, b.sealer);
    this.securityKeys = new JdbcSecurityKeyStore(sql);
    this.sealer = b.sealer;
  }

  /**
   * Starts a builder.
   *
   * @param dataSource the pool every store borrows one connection per operation from
   * @param sealer seals TOTP secrets, token seeds and Yubico keys before they reach a row
   * @return a builder; not thread-safe
   */
  public static Builder builder(DataSource dataSource, SecretSealer sealer) {
    return new Builder(dataSource, sealer);
  }

  /**
   * Creates or upgrades the RootGuard schema from the SQL migrations in this jar. Idempotent;
   * concurrent callers (other processes too) are serialized by a PostgreSQL advisory lock, and
   * everything happens in one transaction.
   *
   * @param dataSource the database
   * @return the schema version now in the database, {@link #SCHEMA_VERSION}
   * @throws StoreException if the database fails, or already holds a newer schema than this library
   *     knows (then nothing is changed)
   */
  public static int migrate(DataSource dataSource) {
    return Migrations.migrate(new Sql(dataSource, 60));
  }

  /**
   * Returns the RootGuard schema version in a database, without changing anything.
   *
   * @param dataSource the database
   * @return the version, or empty if there is no RootGuard schema
   * @throws StoreException if the database cannot be reached
   */
  public static OptionalInt schemaVersion(DataSource dataSource) {
    return Migrations.current(new Sql(dataSource, 30));
  }

  /**
   * Checks that the database holds exactly the schema this library needs; call it at start-up to
   * fail early.
   *
   * @throws StoreException naming {@code rootguard store init} if the schema is missing or older,
   *     or asking for a newer RootGuard if it is newer
   */
  public void checkSchema() {
    Migrations.verify(sql);
  }

  /**
   * Returns the shared attempt limiter. A reservation that is not settled within the {@linkplain
   * Builder#reservationTimeout reservation timeout} (a crashed process) stops holding budget.
   *
   * @return the limiter
   */
  public AttemptLimiter attemptLimiter() {
    return limiter;
  }

  /**
   * Returns the shared replay guard, for {@code MfaAuthenticator.Builder.replayGuard}.
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
   * store reseal}). Each row is rewritten with a compare-and-set on its old value, so a concurrent
   * change is never overwritten, and every row stays readable throughout (the old key still opens
   * what was not rewritten yet).
   *
   * <pre>{@code
   * JdbcStores.Resealed r = stores.reseal();
   * System.out.println(r.resealed() + " resealed, " + r.unchanged() + " unchanged");
   * }</pre>
   *
   * @return the counts
   * @throws dev.rootguard.seal.SealingException naming the key id if a value cannot be opened
   * @throws StoreException if the database fails
   * @since 0.2.0
   */
  public Resealed reseal() {
    JdbcResealer.Counts c = new JdbcResealer(sql, sealer).resealAll();
    return new Resealed(c.resealed(), c.unchanged());
  }

  /**
   * The counts of a {@link #reseal()}. Immutable and thread-safe.
   *
   * @param resealed rows rewritten under the sealer's current key
   * @param unchanged rows already under the current key, or changed by another process meanwhile
   * @since 0.2.0
   */
  public record Resealed(int resealed, int unchanged) {}

  @Override
  public String toString() {
    return "JdbcStores[schema=" + SCHEMA_VERSION + ", limiter=" + limiter + "]";
  }

  /**
   * Builds {@link JdbcStores}. Not thread-safe; confine to one thread.
   *
   * @since 0.2.0
   */
  public static final class Builder {
    private final DataSource dataSource;
    private final SecretSealer sealer;
    private Clock clock = Clock.systemUTC();
    private LockoutPolicy policy = LockoutPolicy.DEFAULT;
    private Duration reservationTimeout = Duration.ofSeconds(30);
    private Duration queryTimeout = Duration.ofSeconds(5);

    private Builder(DataSource dataSource, SecretSealer sealer) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      this.sealer = Objects.requireNonNull(sealer, "sealer");
    }

    /**
     * Sets the clock the attempt limiter reads. Default: {@link Clock#systemUTC()}. Other stores
     * take their times from their callers.
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
     * Sets how long an unsettled attempt reservation holds budget, so that a process that crashed
     * between {@code tryAcquire} and its settlement cannot lock a principal out forever. Set it
     * well above the slowest verification: while a reservation is held longer than this, the limit
     * can be exceeded by that many attempts. Default: 30 seconds. Minimum: 1 second. Maximum: 10
     * minutes.
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
     * Sets the timeout of every statement ({@link java.sql.Statement#setQueryTimeout}, whole
     * seconds); a statement that takes longer fails with a {@link StoreException}, so a stuck
     * database rejects attempts instead of hanging them. Default: 5 seconds. Minimum: 1 second.
     * Maximum: 5 minutes.
     *
     * @param timeout the timeout, whole seconds
     * @return this builder
     * @throws IllegalArgumentException if out of range or not whole seconds
     */
    public Builder queryTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "queryTimeout");
      if (timeout.compareTo(Duration.ofSeconds(1)) < 0
          || timeout.compareTo(MAX_QUERY_TIMEOUT) > 0
          || timeout.getNano() != 0) {
        throw new IllegalArgumentException(
            "queryTimeout: must be whole seconds, 1 s..5 min, was " + timeout);
      }
      this.queryTimeout = timeout;
      return this;
    }

    /**
     * Builds the stores. Does not touch the database; call {@link JdbcStores#checkSchema()} to
     * check it.
     *
     * @return the stores
     */
    public JdbcStores build() {
      return new JdbcStores(this);
    }
  }
}
