package dev.rootguard.benchmarks.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.OathType;
import dev.rootguard.mfa.hardware.TokenStore;
import dev.rootguard.seal.LocalKeySealer;
import dev.rootguard.store.jdbc.JdbcStores;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Importing a vendor's batch of 10,000 TOTP fobs into PostgreSQL: one {@code TokenStore.addAll} of
 * 10,000 {@link HardwareToken}s shaped as a PSKC file yields them (TOTP, 20-byte seed, SHA-1, 6
 * digits, 30 s, a manufacturer and a serial), through {@link JdbcStores#tokens()} with every seed
 * sealed by {@link LocalKeySealer#ofKey} (AES-256-GCM, the serial as associated data). The store
 * seals all seeds, then sends one batch of conditional inserts in one transaction and commits
 * (durable). Each shot imports into an empty table: the tokens are built before the shot, and after
 * it a check counts the rows, deletes them and vacuums the table (none of it timed).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar 'store.JdbcImportBenchmark' -f 1 -wi 2 -i 5
 * }</pre>
 *
 * <p>Not thread-safe; JMH runs it on one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class JdbcImportBenchmark {
  @Param({"10000"})
  int tokens;

  HikariDataSource pool;
  TokenStore store;
  List<HardwareToken> batch;
  int round;

  @Setup(Level.Trial)
  public void setUp() {
    pool = BenchPostgres.pool(4);
    System.out.println("\n[bench] " + BenchPostgres.settings(pool));
    store =
        JdbcStores.builder(pool, LocalKeySealer.ofKey("bench", JdbcVerifyBenchmark.key(9)))
            .build()
            .tokens();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
  }

  @Setup(Level.Iteration)
  public void newBatch() {
    Random rnd = new Random(round);
    String prefix = String.format(Locale.ROOT, "BENCH%04d-", round++);
    batch = new ArrayList<>(tokens);
    for (int i = 0; i < tokens; i++) {
      byte[] seed = new byte[20];
      rnd.nextBytes(seed);
      batch.add(
          HardwareToken.builder(prefix + String.format(Locale.ROOT, "%07d", i), OathType.TOTP, seed)
              .manufacturer("Acme")
              .digits(6)
              .timeStep(Duration.ofSeconds(30))
              .build());
    }
  }

  @TearDown(Level.Iteration)
  public void checkAndEmpty() throws SQLException {
    String like = batch.get(0).serial().substring(0, 10) + "%";
    try (Connection c = pool.getConnection()) {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT count(*) FROM rootguard_hw_tokens WHERE serial LIKE ?")) {
        ps.setString(1, like);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getLong(1) != tokens) {
            throw new IllegalStateException("bug: " + rs.getLong(1) + " rows, not " + tokens);
          }
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM rootguard_hw_tokens WHERE serial LIKE ?")) {
        ps.setString(1, like);
        ps.executeUpdate();
      }
      try (var st = c.createStatement()) {
        st.execute("VACUUM rootguard_hw_tokens"); // the next shot starts from a clean table
      }
    }
  }

  @Benchmark
  public TokenStore addAll10000() {
    store.addAll(batch);
    return store;
  }
}
