package dev.rootguard.benchmarks.store;

import dev.rootguard.benchmarks.store.JdbcVerifyBenchmark.Signer;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.totp.TotpVerifier;
import dev.rootguard.seal.LocalKeySealer;
import dev.rootguard.seal.SecretSealer;
import dev.rootguard.store.redis.RedisStores;
import dev.rootguard.testsupport.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * TOTP verification through {@link MfaAuthenticator} with the Redis stores, beside the floor: the
 * same number of bare single-key compare-and-set scripts ({@code EVALSHA}) per verification, on one
 * shared Lettuce connection to the same server. Throughput; the thread count comes from the command
 * line ({@code -t 1}, {@code -t 4}, {@code -t 16}).
 *
 * <p>Fresh codes, wrong codes and principals exactly as {@link JdbcVerifyBenchmark} (its {@code
 * Signer}): every accepted code is the first of its (credential, step); every rejected one is
 * {@code WRONG_CODE}. All threads share one {@link RedisStores} (one connection, as an application
 * would), whose clock reads the calling thread's signer clock.
 *
 * <p><b>Floor.</b> {@code floor2Scripts} runs, per operation, 2 {@code EVALSHA} of a minimal
 * compare-and-set script ({@code GET}, compare, {@code SET}) on the thread's next key, on a
 * connection of its own from the same client library to the same server: an accepted code costs 2
 * round trips, a rejected one 2. Round trips are counted once per trial, before the timed loop,
 * from the server's {@code INFO commandstats} (calls of {@code EVALSHA} and {@code EVAL}, the only
 * commands the stores send) and printed.
 *
 * <p>The server is {@code ROOTGUARD_TEST_REDIS_URL} or a private {@code redis-server} on loopback
 * without AOF (test-support's {@code RedisServer}).
 *
 * <pre>{@code
 * for t in 1 4 16; do
 *   java -jar benchmarks/target/benchmarks.jar 'store.RedisVerifyBenchmark' -t $t -f 1 -wi 3 -i 3 -w 2s -r 2s
 * done
 * }</pre>
 *
 * <p>Thread-safe as JMH uses it: shared state is {@code Scope.Benchmark}, the rest per thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisVerifyBenchmark {
  private static final String FLOOR_CAS =
      "if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end"
          + " redis.call('SET', KEYS[1], ARGV[2]) return 1";

  /** Every store's clock: the calling benchmark thread's signer clock. */
  static final class ThreadClock extends Clock {
    static final ThreadLocal<Clock> CURRENT = new ThreadLocal<>();

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      Clock c = CURRENT.get();
      return c == null ? Instant.now() : c.instant();
    }
  }

  /** The server, the shared stores and the floor connection, for the whole trial. */
  @State(Scope.Benchmark)
  public static class Server {
    final SecretSealer sealer = LocalKeySealer.ofKey("bench", JdbcVerifyBenchmark.key(7));
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final AtomicInteger slots = new AtomicInteger();
    String uri;
    RedisStores stores;
    RedisClient floorClient;
    StatefulRedisConnection<String, String> floor;
    String floorSha;

    @Setup(Level.Trial)
    public void setUp() {
      uri = RedisServer.shared().uri();
      String prefix = "bench-" + run + ":";
      // The marker's floor at the epoch: the signers' clocks start in the past (2026-12-04).
      try (RedisStores init =
          RedisStores.builder(uri, sealer)
              .prefix(prefix)
              .clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
              .build()) {
        init.init();
      }
      stores = RedisStores.builder(uri, sealer).prefix(prefix).clock(new ThreadClock()).build();
      floorClient = RedisClient.create(uri);
      floor = floorClient.connect();
      floorSha = floor.sync().scriptLoad(FLOOR_CAS);
      System.out.println("\n[bench] Redis " + uri + ", " + info("persistence", "aof_enabled"));
      countRoundTrips();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      stores.close();
      floor.close();
      floorClient.shutdown();
    }

    int slot() {
      return slots.getAndIncrement();
    }

    private String info(String section, String field) {
      for (String l : floor.sync().info(section).split("\r?\n")) {
        if (l.startsWith(field + ":")) {
          return l.trim();
        }
      }
      return field + ":?";
    }

    /** Calls of EVALSHA and EVAL so far, from INFO commandstats. */
    long scripts() {
      long n = 0;
      for (String l : floor.sync().info("commandstats").split("\r?\n")) {
        if (l.startsWith("cmdstat_evalsha:") || l.startsWith("cmdstat_eval:")) {
          int a = l.indexOf("calls=") + 6;
          n += Long.parseLong(l.substring(a, l.indexOf(',', a)));
        }
      }
      return n;
    }

    private void countRoundTrips() {
      int principals = 20;
      int n = 3 * principals;
      RedisCaller a = new RedisCaller();
      a.open(new Signer("count-a-" + run, principals), this);
      RedisCaller r = new RedisCaller();
      r.open(new Signer("count-r-" + run, principals), this);
      for (int i = 0; i < principals; i++) { // a first pass, not counted (scripts load)
        a.accepted();
        r.rejected();
      }
      long before = scripts();
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        a.accepted();
      }
      long t1 = System.nanoTime();
      double accepted = (scripts() - before) / (double) n;
      before = scripts();
      for (int i = 0; i < n; i++) {
        r.rejected();
      }
      long t2 = System.nanoTime();
      double rejected = (scripts() - before) / (double) n;
      FloorCaller f = new FloorCaller();
      f.open(this, "count");
      before = scripts();
      for (int i = 0; i < n; i++) {
        f.scripts(2);
      }
      double floor2 = (scripts() - before) / (double) n;
      System.out.printf(
          Locale.ROOT,
          "[bench] round trips per verification (counted, %d each): accepted %.2f, rejected %.2f;"
              + " per floor2Scripts op %.2f (one thread: %.3f ms per accepted, %.3f ms per"
              + " rejected)%n",
          n,
          accepted,
          rejected,
          floor2,
          (t1 - t0) / 1e6 / n,
          (t2 - t1) / 1e6 / n);
    }
  }

  /** A benchmark thread signing in through the shared Redis stores. */
  @State(Scope.Thread)
  public static class RedisCaller {
    Signer signer;
    MfaAuthenticator mfa;

    @Setup(Level.Trial)
    public void setUp(Server s) {
      open(new Signer("bench-" + s.run + "-" + s.slot(), JdbcVerifyBenchmark.PER_THREAD), s);
    }

    void open(Signer sg, Server s) {
      signer = sg;
      ThreadClock.CURRENT.set(sg.clock);
      for (int i = 0; i < sg.principals.length; i++) {
        s.stores.totpCredentials().add(sg.credential(i));
      }
      TotpVerifier totp =
          TotpVerifier.builder()
              .clock(sg.clock)
              .stateStore(s.stores.totpStates())
              .credentialStore(s.stores.totpCredentials())
              .build();
      mfa =
          MfaAuthenticator.builder()
              .verifier(totp)
              .attemptLimiter(s.stores.attemptLimiter())
              .replayGuard(s.stores.replayGuard())
              .clock(sg.clock)
              .build();
    }

    MfaResult accepted() {
      ThreadClock.CURRENT.set(signer.clock);
      return signer.signInRight(mfa);
    }

    MfaResult rejected() {
      ThreadClock.CURRENT.set(signer.clock);
      return JdbcVerifyBenchmark.expect(mfa.authenticate(signer.nextWrong()), false);
    }
  }

  /** A benchmark thread running the floor on keys of its own. */
  @State(Scope.Thread)
  public static class FloorCaller {
    RedisCommands<String, String> redis;
    String sha;
    String[] keys;
    final long[] versions = new long[JdbcVerifyBenchmark.PER_THREAD];
    int next;

    @Setup(Level.Trial)
    public void setUp(Server s) {
      open(s, "t" + s.slot());
    }

    void open(Server s, String name) {
      redis = s.floor.sync();
      sha = s.floorSha;
      keys = new String[versions.length];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = "bench-" + s.run + ":floor:{" + name + "-" + i + "}";
      }
    }

    /** {@code k} compare-and-set scripts on the thread's next key. */
    void scripts(int k) {
      int i = next;
      next = i + 1 == keys.length ? 0 : i + 1;
      for (int j = 0; j < k; j++) {
        Long ok =
            redis.evalsha(
                sha,
                ScriptOutputType.INTEGER,
                new String[] {keys[i]},
                Long.toString(versions[i]),
                Long.toString(versions[i] + 1));
        if (ok != 1L) {
          throw new IllegalStateException("bug: floor key " + keys[i] + " was changed");
        }
        versions[i]++;
      }
    }
  }

  @Benchmark
  public MfaResult redisAccepted(RedisCaller c) {
    return c.accepted();
  }

  @Benchmark
  public MfaResult redisRejected(RedisCaller c) {
    return c.rejected();
  }

  @Benchmark
  public void floor2Scripts(FloorCaller f) {
    f.scripts(2);
  }
}
