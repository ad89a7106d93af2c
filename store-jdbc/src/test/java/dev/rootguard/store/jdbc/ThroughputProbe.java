package dev.rootguard.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.Principal;
import dev.rootguard.testkit.process.CrossProcessFixtures;
import dev.rootguard.testsupport.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A rough one-shot throughput probe (not a test, not JMH): accepted TOTP verifications per second
 * through {@code MfaAuthenticator} with the JDBC stores at 1, 4 and 16 threads, beside the floor of
 * bare single-row {@code UPDATE ... WHERE version = ?} statements through the same pool. Each
 * thread has its own principal and credential and submits a fresh code each time (the clock moves
 * one step per verification). Reads {@code ROOTGUARD_TEST_PG_URL}/{@code _USER}/{@code _PASSWORD}.
 *
 * <pre>{@code
 * java -cp <test classpath> dev.rootguard.store.jdbc.ThroughputProbe [seconds]
 * }</pre>
 */
public final class ThroughputProbe {
  private ThroughputProbe() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(System.getenv("ROOTGUARD_TEST_PG_URL"));
    cfg.setUsername(System.getenv("ROOTGUARD_TEST_PG_USER"));
    cfg.setPassword(System.getenv("ROOTGUARD_TEST_PG_PASSWORD"));
    cfg.setMaximumPoolSize(16);
    try (HikariDataSource pool = new HikariDataSource(cfg)) {
      JdbcStores.migrate(pool);
      try (Connection c = pool.getConnection();
          Statement st = c.createStatement()) {
        st.execute(
            "CREATE TABLE IF NOT EXISTS probe_floor (id integer PRIMARY KEY, version bigint)");
        st.execute(
            "INSERT INTO probe_floor SELECT g, 0 FROM generate_series(0, 15) g"
                + " ON CONFLICT DO NOTHING");
      }
      // Warm up the JIT on both paths before measuring.
      floor(pool, 4, Math.min(3, seconds));
      totp(pool, 4, Math.min(3, seconds));
      for (int threads : new int[] {1, 4, 16}) {
        double floor = floor(pool, threads, seconds);
        double totp = totp(pool, threads, seconds);
        System.out.printf(
            Locale.ROOT,
            "threads=%2d  floor %8.0f UPDATE/s  TOTP %8.0f verifications/s (x3 round trips)"
                + "  TOTP/floor %.2f  (TOTP x3)/floor %.2f%n",
            threads,
            floor,
            totp,
            totp / floor,
            totp * 3 / floor);
      }
    }
  }

  private static double floor(HikariDataSource pool, int threads, double seconds) throws Exception {
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      ts.add(
          new Thread(
              () -> {
                long v = -1;
                while (System.nanoTime() < end) {
                  try (Connection c = pool.getConnection();
                      PreparedStatement ps =
                          c.prepareStatement(
                              "UPDATE probe_floor SET version = version + 1"
                                  + " WHERE id = ? AND version = ?"
                                  + " RETURNING version")) {
                    ps.setInt(1, id);
                    ps.setLong(2, v < 0 ? currentVersion(c, id) : v);
                    try (var rs = ps.executeQuery()) {
                      v = rs.next() ? rs.getLong(1) : -1;
                    }
                    done.incrementAndGet();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }
              }));
    }
    return run(ts, done, seconds);
  }

  private static long currentVersion(Connection c, int id) throws Exception {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT version FROM probe_floor WHERE id = ?")) {
      ps.setInt(1, id);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static double totp(HikariDataSource pool, int threads, double seconds) throws Exception {
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    String run = Long.toString(System.nanoTime(), 36);
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String tag = "probe-" + run + "-" + threads + "-" + t;
      Principal p = Principal.of(tag);
      MutableClock clock = new MutableClock(CrossProcessFixtures.T0);
      JdbcStores stores = JdbcStores.builder(pool, Fixtures.sealer("k1", 1)).clock(clock).build();
      CrossProcessFixtures.enroll(JdbcSharedStoresFactory.shared(stores), p, tag);
      MfaAuthenticator mfa =
          CrossProcessFixtures.authenticator(JdbcSharedStoresFactory.shared(stores), clock);
      ts.add(
          new Thread(
              () -> {
                long n = 0;
                while (System.nanoTime() < end) {
                  clock.set(CrossProcessFixtures.T0.plusSeconds(30 * ++n));
                  MfaAttempt a = CrossProcessFixtures.totpAttempt(p, tag, clock.instant());
                  if (!mfa.authenticate(a).isAccepted()) {
                    throw new IllegalStateException("not accepted at " + clock.instant());
                  }
                  done.incrementAndGet();
                }
              }));
    }
    return run(ts, done, seconds);
  }

  private static double run(List<Thread> ts, AtomicLong done, double seconds)
      throws InterruptedException {
    ts.forEach(Thread::start);
    for (Thread t : ts) {
      t.join();
    }
    return done.get() / seconds;
  }
}
