package dev.rootguard.store.redis;

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
import dev.rootguard.store.redis.internal.Admin;
import dev.rootguard.store.redis.internal.Redis;
import dev.rootguard.store.redis.internal.RedisAttemptLimiter;
import dev.rootguard.store.redis.internal.RedisCeremonyStore;
import dev.rootguard.store.redis.internal.RedisOtpStateStore;
import dev.rootguard.store.redis.internal.RedisReplayGuard;
import dev.rootguard.store.redis.internal.RedisSecurityKeyStore;
import dev.rootguard.store.redis.internal.RedisTokenStore;
import dev.rootguard.store.redis.internal.RedisTotpCredentialStore;
import io.lettuce.core.RedisURI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Every RootGuard state store on Redis (standalone, Sentinel or Cluster; Valkey and ElastiCache
 * alike) through one Lettuce connection: the attempt limiter, the replay guard, TOTP state and
 * credentials, FIDO ceremonies and security keys, OATH hardware tokens and Yubico keys. Servers
 * sharing the Redis share the state, so a code accepted on one server is a replay on every other.
 *
 * <p>Every operation is one Lua script ({@code EVALSHA}, {@code EVAL} after a {@code NOSCRIPT}),
 * which Redis runs atomically. Every script first checks the store marker that {@link #init()} (the
 * CLI's {@code rootguard store init}) writes, and fails closed with a {@link StoreException} naming
 * {@code rootguard store init} when it is gone: a server that lost its data (restart without AOF,
 * failover to an empty replica, {@code FLUSHALL}) is refused until an operator re-initializes it. A
 * re-initialized marker carries a floor, the time of the {@code init}: for the {@linkplain
 * Builder#recoveryWindow recovery window} after it, no OTP time step that starts before the floor
 * is accepted, so a code accepted before the loss is never accepted again.
 *
 * <pre>{@code
 * RedisStores stores = RedisStores.builder("redis://cache.internal:6379/0", sealer)
 *     .clock(clock)
 *     .build();
 * stores.init();                      // = `rootguard store init`; idempotent
 * stores.check();                     // fail at start-up, not at sign-in
 * TotpVerifier totp = TotpVerifier.builder().clock(clock)
 *     .stateStore(stores.totpStates()).credentialStore(stores.totpCredentials()).build();
 * MfaAuthenticator mfa = MfaAuthenticator.builder().verifier(totp)
 *     .attemptLimiter(stores.attemptLimiter()).replayGuard(stores.replayGuard()).clock(clock).build();
 * }</pre>
 *
 * <p><b>Connection strings</b>: {@code redis://[password@]host[:port][/db]}, {@code rediss://...}
 * (TLS), {@code redis-sentinel://host1:26379,host2:26379/db#mymaster}; for a Redis Cluster, give
 * one or more seed nodes and {@link Builder#cluster(boolean) cluster(true)}. Keys live under a
 * {@linkplain Builder#prefix prefix} (default {@code rootguard:}) with hash tags, so every script
 * touches keys of one slot.
 *
 * <p><b>Round trips</b> on one server (standalone or Sentinel): an accepted TOTP code through
 * {@code MfaAuthenticator} costs 2 (the reservation also reads the principal's TOTP credentials and
 * their states; the compare-and-set that accepts the code also settles the attempt); a wrong or
 * replayed one 2. On a cluster the keys of one attempt live in different slots, so nothing is
 * folded: 5.
 *
 * <p>Times come from the injected {@link Clock}, never from the server. Thread-safe; share one
 * instance, and {@link #close()} it at shutdown.
 *
 * @since 0.2.0
 */
public final class RedisStores implements AutoCloseable {
  /** The default key prefix. */
  public static final String DEFAULT_PREFIX = "rootguard:";

  /** Longest reservation timeout accepted. */
  public static final Duration MAX_RESERVATION_TIMEOUT = Duration.ofMinutes(10);

  /** Longest command timeout accepted. */
  public static final Duration MAX_COMMAND_TIMEOUT = Duration.ofMinutes(5);

  private final Redis redis;
  private final SecretSealer sealer;
  private final Admin admin;
  private final RedisAttemptLimiter limiter;
  private final RedisReplayGuard replayGuard;
  private final RedisOtpStateStore totpStates;
  private final RedisTotpCredentialStore totpCredentials;
  private final RedisCeremonyStore ceremonies;
  private final RedisTokenStore tokens;
  private final RedisSecurityKeyStore securityKeys;

  private RedisStores(Builder b) {
    this.redis = new Redis(b.uri, b.cluster, b.prefix, b.commandTimeout);
    this.sealer = b.sealer;
    this.admin = new Admin(redis, b.clock);
    this.replayGuard = new RedisReplayGuard(redis, b.clock, b.recoveryWindow);
    this.totpStates =
        new RedisOtpStateStore(redis, b.clock, b.recoveryWindow, b.reservationTimeout);
    this.totpCredentials =
        new RedisTotpCredentialStore(redis, b.sealer, totpStates, b.clock, b.recoveryWindow);
    this.limiter =
        new RedisAttemptLimiter(
            redis, b.policy, b.clock, b.reservationTimeout, b.recoveryWindow, totpCredentials);
    this.ceremonies = new RedisCeremonyStore(redis, b.clock);
    this.tokens = new RedisTokenStore(redis, b.sealer);
    this.securityKeys = new RedisSecurityKeyStore(redis);
  }

  /**
   * Starts a builder from a connection string.
   *
   * @param uri {@code redis://}, {@code rediss://} or {@code redis-sentinel://} (see the class
   *     documentation), or a cluster seed with {@link Builder#cluster(boolean) cluster(true)}
   * @param sealer seals TOTP secrets, token seeds and Yubico keys before they reach Redis
   * @return a builder; not thread-safe
   * @throws dev.rootguard.InvalidInputException naming {@code uri} if it cannot be parsed
   */
  public static Builder builder(String uri, SecretSealer sealer) {
    Objects.requireNonNull(uri, "uri");
    RedisURI parsed;
    try {
      parsed = RedisURI.create(uri);
    } catch (RuntimeException e) {
      throw new dev.rootguard.InvalidInputException(
          "uri", "not a redis://, rediss:// or redis-sentinel:// URI");
    }
    return new Builder(parsed, sealer);
  }

  /**
   * Starts a builder from a Lettuce {@link RedisURI} (for options a string cannot carry, such as
   * credentials providers). The builder takes ownership: it sets the URI's timeout.
   *
   * @param uri the server, Sentinel set or cluster seed
   * @param sealer seals secrets before they reach Redis
   * @return a builder; not thread-safe
   */
  public static Builder builder(RedisURI uri, SecretSealer sealer) {
    return new Builder(Objects.requireNonNull(uri, "uri"), sealer);
  }

  /**
   * Writes the store marker where it is missing ({@code rootguard store init}); idempotent. On a
   * server that has a marker it changes nothing. On a server without one (new, or one that lost its
   * data) it writes a new marker with a fresh epoch id and the floor {@code clock.instant()}; for
   * the recovery window after that, no OTP time step starting before the floor is accepted. On a
   * cluster every slot gets its marker.
   *
   * @return what the server holds now
   * @throws StoreException if Redis cannot be reached
   */
  public Marker init() {
    Admin.Marker m = admin.init();
    return new Marker(m.created(), m.epoch(), m.floor());
  }

  /**
   * Checks that the store marker is present; call it at start-up to fail early.
   *
   * @throws StoreException naming {@code rootguard store init} if it is missing (the server lost
   *     its data or was never initialized), or if Redis cannot be reached
   */
  public void check() {
    admin.check();
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
   * Returns the Yubico OTP key store (sealed for {@code "yubico:<publicId>"}); the same object as
   * {@link #tokens()}.
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
   * Seals every secret again under the sealer's current key, after a key rotation. Each value is
   * rewritten with a compare-and-set on its old envelope, so a concurrent change is never
   * overwritten.
   *
   * <pre>{@code
   * RedisStores.Resealed r = stores.reseal();
   * }</pre>
   *
   * @return the counts
   * @throws dev.rootguard.seal.SealingException naming the key id if a value cannot be opened
   * @throws StoreException if Redis fails
   */
  public Resealed reseal() {
    Admin.Counts c = admin.reseal(sealer);
    return new Resealed(c.resealed(), c.unchanged());
  }

  /** Closes the connection and the client's threads. Idempotent. */
  @Override
  public void close() {
    redis.close();
  }

  /**
   * The counts of a {@link #reseal()}. Immutable and thread-safe.
   *
   * @param resealed values rewritten under the sealer's current key
   * @param unchanged values already under the current key, or changed by another process meanwhile
   */
  public record Resealed(int resealed, int unchanged) {}

  /**
   * The store marker after {@link #init()}. Immutable and thread-safe.
   *
   * @param created whether this {@code init} wrote it (a new server, or one that lost its data)
   * @param epoch the marker's random id; a new one after every loss
   * @param floor during the recovery window, no OTP time step starting before it is accepted
   */
  public record Marker(boolean created, String epoch, Instant floor) {}

  @Override
  public String toString() {
    return "RedisStores[prefix=" + redis.prefix() + ", cluster=" + redis.cluster() + "]";
  }

  /**
   * Builds {@link RedisStores}. Not thread-safe; confine to one thread.
   *
   * @since 0.2.0
   */
  public static final class Builder {
    private final RedisURI uri;
    private final SecretSealer sealer;
    private boolean cluster;
    private String prefix = DEFAULT_PREFIX;
    private Clock clock = Clock.systemUTC();
    private LockoutPolicy policy = LockoutPolicy.DEFAULT;
    private Duration reservationTimeout = Duration.ofSeconds(30);
    private Duration commandTimeout = Duration.ofSeconds(2);
    private Duration recoveryWindow = Duration.ofMinutes(30);

    private Builder(RedisURI uri, SecretSealer sealer) {
      this.uri = uri;
      this.sealer = Objects.requireNonNull(sealer, "sealer");
    }

    /**
     * Treats the URI as a seed of a Redis Cluster (Lettuce's cluster client, topology discovered
     * from the seed). Default: false.
     *
     * @param cluster true for a cluster
     * @return this builder
     */
    public Builder cluster(boolean cluster) {
      this.cluster = cluster;
      return this;
    }

    /**
     * Sets the prefix of every key, to keep several installations in one Redis. Default: {@value
     * #DEFAULT_PREFIX}.
     *
     * @param prefix 1 to 64 characters, without <code>{</code> or <code>}</code> (they would break
     *     the hash tags)
     * @return this builder
     * @throws dev.rootguard.InvalidInputException naming {@code prefix} otherwise
     */
    public Builder prefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (prefix.isEmpty() || prefix.length() > 64) {
        throw new dev.rootguard.InvalidInputException("prefix", "must be 1..64 characters");
      }
      if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
        throw new dev.rootguard.InvalidInputException(
            "prefix", "must not contain '{' or '}' (hash tags)");
      }
      this.prefix = prefix;
      return this;
    }

    /**
     * Sets the clock every store reads (the limiter's times, the recovery window, ceremony TTLs,
     * the marker's floor). Default: {@link Clock#systemUTC()}.
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
     * Sets how long an unsettled attempt reservation holds budget (a process that crashed between
     * {@code tryAcquire} and its settlement). Default: 30 seconds; 1 second to 10 minutes.
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
     * Sets the timeout of every Redis command; a command that takes longer fails with a {@link
     * StoreException} (its effect unknown: a compare-and-set that still ran only consumed the code,
     * never accepted it twice). Default: 2 seconds; 10 ms to 5 minutes.
     *
     * @param timeout the timeout
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder commandTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "commandTimeout");
      if (timeout.compareTo(Duration.ofMillis(10)) < 0
          || timeout.compareTo(MAX_COMMAND_TIMEOUT) > 0) {
        throw new IllegalArgumentException("commandTimeout: must be 10 ms..5 min, was " + timeout);
      }
      this.commandTimeout = timeout;
      return this;
    }

    /**
     * Sets how long after a re-initialization ({@link #init()} on a server that lost its data) OTP
     * time steps starting before the marker's floor are refused. Set it above the widest window
     * your verifiers search (TOTP: (window + max drift) x period; 30 x 30 s at the maximum). During
     * it, HOTP counters and other non-time sequences through these stores are refused too (fail
     * closed). Default: 30 minutes; 1 minute to 1 day.
     *
     * @param window the window
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder recoveryWindow(Duration window) {
      Objects.requireNonNull(window, "recoveryWindow");
      if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("recoveryWindow: must be 1 min..1 day, was " + window);
      }
      this.recoveryWindow = window;
      return this;
    }

    /**
     * Builds the stores. Does not touch Redis (the connection opens on first use); call {@link
     * RedisStores#check()} to check it.
     *
     * @return the stores
     */
    public RedisStores build() {
      return new RedisStores(this);
    }
  }
}
