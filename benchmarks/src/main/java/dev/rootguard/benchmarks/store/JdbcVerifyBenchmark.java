package dev.rootguard.benchmarks.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.LockoutPolicy;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.OtpStateStore;
import dev.rootguard.mfa.totp.Totp;
import dev.rootguard.mfa.totp.TotpCredential;
import dev.rootguard.mfa.totp.TotpCredentialStore;
import dev.rootguard.mfa.totp.TotpVerifier;
import dev.rootguard.seal.LocalKeySealer;
import dev.rootguard.seal.SecretSealer;
import dev.rootguard.store.jdbc.CountingDataSource;
import dev.rootguard.store.jdbc.JdbcStores;
import dev.rootguard.testsupport.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
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
 * TOTP verification through {@link MfaAuthenticator} with the PostgreSQL stores, beside the same
 * with the in-memory stores and beside the floor: the same number of bare single-row {@code UPDATE
 * ... WHERE version = ?} statements per verification, through the same pool on the same server.
 * Throughput; the thread count comes from the command line ({@code -t 1}, {@code -t 4}, {@code -t
 * 16}).
 *
 * <p><b>Fresh codes.</b> Each benchmark thread owns {@value #PER_THREAD} principals, each with one
 * TOTP credential of its own secret, and its own clock. It signs the principals in one after the
 * other; after each pass over all of them its clock moves one 30-second step, so every accepted
 * code is the first code of its (credential, step): a real sign-in, never a replay, with drift 0.
 * The code is computed in the timed loop ({@code Totp.codeAtStep}, about 0.2 µs). Rejected codes
 * are a wrong code per principal chosen at set-up (wrong in every step of a ±3 window), on a clock
 * that does not move; each counts as a failure, a principal gets one per pass, far fewer than the
 * lockout's 100 in a run, and any rejection but {@code WRONG_CODE} stops the run with an error. The
 * in-memory variant is fast enough to get there, so every 90 passes its thread starts a fresh
 * in-memory limiter (a few objects per 46,080 verifications).
 *
 * <p><b>Floor.</b> {@code floor3Updates} and {@code floor2Updates} run, per operation, 3 and 2
 * single-row {@code UPDATE bench_floor SET version = version + 1 WHERE id = ? AND version = ?}
 * statements in autocommit on the thread's next row, each on a connection taken from the pool and
 * returned, which is how the stores run each statement; an accepted code costs 3 round trips, a
 * rejected one 2. Round trips are counted once per trial, before the timed loop, with {@link
 * CountingDataSource} and printed.
 *
 * <p>The server comes from {@link BenchPostgres} (durable commits). Pool: HikariCP, 16 connections.
 *
 * <pre>{@code
 * for t in 1 4 16; do
 *   java -jar benchmarks/target/benchmarks.jar 'store.JdbcVerifyBenchmark' -t $t -f 1 -wi 2 -i 3 -w 2s -r 3s
 * done
 * }</pre>
 *
 * <p>At 16 threads on a small machine the verification path needs longer to warm up than the floor:
 * use {@code -wi 5 -w 3s} or more there.
 *
 * <p>For ratios under changing load, {@link JdbcVerifyInterleaved} runs the same operations in
 * rotating rounds in one JVM.
 *
 * <p>Thread-safe as JMH uses it: shared state is {@code Scope.Benchmark}, the rest per thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JdbcVerifyBenchmark {
  /** Principals (and credentials, and floor rows) per benchmark thread. */
  static final int PER_THREAD = 512;

  /** Threads at most; slots beyond it are refused. */
  static final int MAX_THREADS = 128;

  static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");
  static final OtpParameters PARAMS = OtpParameters.RFC6238_DEFAULT;
  static final long STEP0 = Math.floorDiv(T0.getEpochSecond(), 30);

  /** Where TOTP step {@code step} (30 s steps) starts. */
  static Instant stepStart(long step) {
    return Instant.ofEpochSecond(step * 30);
  }

  private static final String FLOOR_UPDATE =
      "UPDATE bench_floor SET version = version + 1 WHERE id = ? AND version = ?";

  /** The pool, the sealer and the run's name, for the whole trial. */
  @State(Scope.Benchmark)
  public static class Db {
    HikariDataSource pool;
    final SecretSealer sealer = LocalKeySealer.ofKey("bench", key(7));
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final AtomicInteger slots = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
      pool = BenchPostgres.pool(16);
      System.out.println("\n[bench] " + BenchPostgres.settings(pool));
      try (Connection c = pool.getConnection();
          Statement st = c.createStatement()) {
        st.execute(
            "CREATE TABLE IF NOT EXISTS bench_floor (id bigint PRIMARY KEY, version bigint NOT NULL)");
        st.execute(
            "INSERT INTO bench_floor SELECT g, 0 FROM generate_series(0, "
                + (MAX_THREADS * PER_THREAD - 1)
                + ") g ON CONFLICT (id) DO UPDATE SET version = 0");
      }
      countRoundTrips();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      pool.close();
    }

    int slot() {
      int s = slots.getAndIncrement();
      if (s >= MAX_THREADS) {
        throw new IllegalStateException("at most " + MAX_THREADS + " threads");
      }
      return s;
    }

    /** Counts round trips once, outside the timed loop, on principals of their own. */
    private void countRoundTrips() throws SQLException {
      CountingDataSource counter = new CountingDataSource(pool);
      int principals = 20;
      int n = 3 * principals; // three passes: every principal signs in (or fails) three times
      JdbcCaller a = new JdbcCaller();
      a.open(new Signer("count-a-" + run, principals), counter, sealer);
      a.enroll();
      JdbcCaller r = new JdbcCaller();
      r.open(new Signer("count-r-" + run, principals), counter, sealer);
      r.enroll();
      for (int i = 0; i < principals; i++) { // a first pass, not counted
        a.accepted();
        r.rejected();
      }
      long before = counter.count();
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        a.accepted();
      }
      long t1 = System.nanoTime();
      double accepted = (counter.count() - before) / (double) n;
      before = counter.count();
      for (int i = 0; i < n; i++) {
        r.rejected();
      }
      long t2 = System.nanoTime();
      double rejected = (counter.count() - before) / (double) n;
      FloorCaller f = new FloorCaller();
      f.rows = MAX_THREADS * PER_THREAD - PER_THREAD; // the last slot's rows; no thread gets them
      before = counter.count();
      for (int i = 0; i < n; i++) {
        f.updates(counter, 3);
      }
      double floor3 = (counter.count() - before) / (double) n;
      System.out.printf(
          Locale.ROOT,
          "[bench] round trips per verification (counted, %d each): accepted %.2f, rejected %.2f;"
              + " per floor3Updates op %.2f (one thread, untimed by JMH: %.2f ms per accepted,"
              + " %.2f ms per rejected)%n",
          n,
          accepted,
          rejected,
          floor3,
          (t1 - t0) / 1e6 / n,
          (t2 - t1) / 1e6 / n);
      counter.perStatement().forEach((sql, v) -> System.out.println("[bench]   " + v + "  " + sql));
    }
  }

  /** One thread's principals, secrets, codes and clock. Not thread-safe. */
  static final class Signer {
    final Principal[] principals;
    final CredentialId[] ids;
    final OtpSecret[] secrets;
    final String[] wrong;
    final String[] lastCode;
    final MutableClock clock = new MutableClock(T0);
    int next;
    long step = STEP0;
    int passes;

    Signer(String prefix, int n) {
      principals = new Principal[n];
      ids = new CredentialId[n];
      secrets = new OtpSecret[n];
      wrong = new String[n];
      lastCode = new String[n];
      Random rnd = new Random(prefix.hashCode());
      for (int i = 0; i < n; i++) {
        principals[i] = Principal.of(prefix + "-" + i);
        ids[i] = CredentialId.of("totp-" + prefix + "-" + i);
        byte[] raw = new byte[20];
        rnd.nextBytes(raw);
        secrets[i] = OtpSecret.fromBytes(raw);
        wrong[i] = wrongCode(secrets[i]);
      }
    }

    TotpCredential credential(int i) {
      return TotpCredential.builder(ids[i], principals[i], secrets[i]).build();
    }

    /**
     * Signs the next principal in with its right code for the current step (a new pass moves the
     * clock one step) and checks the verdict: accepted, or {@code REPLAYED} when the code happens
     * to equal the one this principal last used (one step in a million: RFC 6238 §5.2 forbids
     * accepting the same code twice, and the fast in-memory benchmark meets it every few seconds).
     */
    MfaResult signInRight(MfaAuthenticator mfa) {
      int i = next;
      if (i == 0) {
        step++;
        clock.set(stepStart(step));
      }
      next = i + 1 == principals.length ? 0 : i + 1;
      String code = Totp.codeAtStep(secrets[i], PARAMS, step);
      MfaResult r = mfa.authenticate(MfaAttempt.of(principals[i], Factor.TOTP_APP, ids[i], code));
      boolean repeat = code.equals(lastCode[i]);
      if (repeat
          ? r.isAccepted() || ((MfaResult.Rejected) r).reason() != MfaResult.Reason.REPLAYED
          : !r.isAccepted()) {
        throw new IllegalStateException(
            "bug: unexpected " + r + (repeat ? " (repeated code)" : ""));
      }
      lastCode[i] = code;
      return r;
    }

    /** The next principal's wrong code, at the fixed step {@code STEP0}. */
    MfaAttempt nextWrong() {
      int i = next;
      if (i == 0) {
        passes++;
        clock.set(stepStart(STEP0));
      }
      next = i + 1 == principals.length ? 0 : i + 1;
      return MfaAttempt.of(principals[i], Factor.TOTP_APP, ids[i], wrong[i]);
    }

    private static String wrongCode(OtpSecret secret) {
      int code = Integer.parseInt(Totp.codeAtStep(secret, PARAMS, STEP0));
      for (int w = (code + 500_000) % 1_000_000; ; w = (w + 1) % 1_000_000) {
        String candidate = String.format(Locale.ROOT, "%06d", w);
        boolean matches = false;
        for (long s = STEP0 - 3; s <= STEP0 + 3; s++) {
          matches |= candidate.equals(Totp.codeAtStep(secret, PARAMS, s));
        }
        if (!matches) {
          return candidate;
        }
      }
    }
  }

  static MfaResult expect(MfaResult r, boolean accepted) {
    if (r.isAccepted() != accepted
        || (!accepted && ((MfaResult.Rejected) r).reason() != MfaResult.Reason.WRONG_CODE)) {
      throw new IllegalStateException("bug: unexpected " + r);
    }
    return r;
  }

  /** A benchmark thread signing in through the PostgreSQL stores. */
  @State(Scope.Thread)
  public static class JdbcCaller {
    Signer signer;
    JdbcStores stores;
    MfaAuthenticator mfa;

    @Setup(Level.Trial)
    public void setUp(Db db) {
      int slot = db.slot();
      open(new Signer("bench-" + db.run + "-" + slot, PER_THREAD), db.pool, db.sealer);
      enroll();
    }

    void open(Signer s, DataSource ds, SecretSealer sealer) {
      signer = s;
      stores = JdbcStores.builder(ds, sealer).clock(s.clock).build();
      TotpVerifier totp =
          TotpVerifier.builder()
              .clock(s.clock)
              .stateStore(stores.totpStates())
              .credentialStore(stores.totpCredentials())
              .build();
      mfa =
          MfaAuthenticator.builder()
              .verifier(totp)
              .attemptLimiter(stores.attemptLimiter())
              .replayGuard(stores.replayGuard())
              .clock(s.clock)
              .build();
    }

    void enroll() {
      for (int i = 0; i < signer.principals.length; i++) {
        stores.totpCredentials().add(signer.credential(i));
      }
    }

    MfaResult accepted() {
      return signer.signInRight(mfa);
    }

    MfaResult rejected() {
      return expect(mfa.authenticate(signer.nextWrong()), false);
    }
  }

  /** A benchmark thread signing in through the in-memory stores (shared by all threads). */
  @State(Scope.Thread)
  public static class MemoryCaller {
    Signer signer;
    TotpVerifier totp;
    MfaAuthenticator mfa;

    @Setup(Level.Trial)
    public void setUp(Memory memory) {
      signer = new Signer("mem-" + memory.slots.getAndIncrement(), PER_THREAD);
      for (int i = 0; i < signer.principals.length; i++) {
        memory.credentials.add(signer.credential(i));
      }
      totp =
          TotpVerifier.builder()
              .clock(signer.clock)
              .stateStore(memory.states)
              .credentialStore(memory.credentials)
              .build();
      freshLimiter();
    }

    void freshLimiter() {
      mfa =
          MfaAuthenticator.builder()
              .verifier(totp)
              .attemptLimiter(AttemptLimiter.inMemory(LockoutPolicy.DEFAULT, signer.clock))
              .clock(signer.clock)
              .build();
    }
  }

  /** The in-memory TOTP stores every {@link MemoryCaller} shares. */
  @State(Scope.Benchmark)
  public static class Memory {
    final TotpCredentialStore credentials = TotpCredentialStore.inMemory();
    final OtpStateStore states = OtpStateStore.inMemory();
    final AtomicInteger slots = new AtomicInteger();
  }

  /** A benchmark thread running the floor on rows of its own. */
  @State(Scope.Thread)
  public static class FloorCaller {
    int rows;
    final long[] versions = new long[PER_THREAD];
    int next;
    DataSource pool;

    @Setup(Level.Trial)
    public void setUp(Db db) {
      rows = db.slot() * PER_THREAD;
      pool = db.pool;
    }

    /** {@code k} single-row conditional UPDATEs of the thread's next row, each its own commit. */
    void updates(DataSource ds, int k) {
      int i = next;
      next = i + 1 == PER_THREAD ? 0 : i + 1;
      for (int j = 0; j < k; j++) {
        try (Connection c = ds.getConnection();
            PreparedStatement ps = c.prepareStatement(FLOOR_UPDATE)) {
          ps.setLong(1, rows + i);
          ps.setLong(2, versions[i]);
          if (ps.executeUpdate() != 1) {
            throw new IllegalStateException("bug: floor row " + (rows + i) + " was changed");
          }
          versions[i]++;
        } catch (SQLException e) {
          throw new IllegalStateException("floor UPDATE failed", e);
        }
      }
    }
  }

  @Benchmark
  public MfaResult jdbcAccepted(JdbcCaller c) {
    return c.accepted();
  }

  @Benchmark
  public MfaResult jdbcRejected(JdbcCaller c) {
    return c.rejected();
  }

  @Benchmark
  public void floor3Updates(FloorCaller f) {
    f.updates(f.pool, 3);
  }

  @Benchmark
  public void floor2Updates(FloorCaller f) {
    f.updates(f.pool, 2);
  }

  @Benchmark
  public MfaResult memoryAccepted(MemoryCaller c) {
    return c.signer.signInRight(c.mfa);
  }

  @Benchmark
  public MfaResult memoryRejected(MemoryCaller c) {
    MfaAttempt a = c.signer.nextWrong();
    if (c.signer.next == 1 && c.signer.passes % 90 == 0) {
      c.freshLimiter(); // before any principal reaches 100 consecutive failures
    }
    return expect(c.mfa.authenticate(a), false);
  }

  static byte[] key(int fill) {
    byte[] k = new byte[32];
    for (int i = 0; i < k.length; i++) {
      k[i] = (byte) (fill + i);
    }
    return k;
  }
}
