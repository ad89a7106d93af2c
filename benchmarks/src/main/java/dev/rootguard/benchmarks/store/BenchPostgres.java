package dev.rootguard.benchmarks.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rootguard.store.jdbc.JdbcStores;
import dev.rootguard.store.jdbc.ThrowawayCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The PostgreSQL server the store benchmarks run against, with durable commits.
 *
 * <p>{@code ROOTGUARD_BENCH_PG_URL}, {@code ROOTGUARD_BENCH_PG_USER} and {@code
 * ROOTGUARD_BENCH_PG_PASSWORD} (or the system properties {@code rootguard.bench.pg.url}, {@code
 * .user}, {@code .password}) name a server and database to use. Without them, the first call starts
 * a throwaway cluster from {@code /usr/lib/postgresql/<n>/bin} in a temp directory on a free
 * loopback port (as the {@code postgres} user when running as root, since PostgreSQL refuses root),
 * with {@code fsync=on} and {@code synchronous_commit=on}, and stops it by its data directory's PID
 * when the JVM exits. JMH forks a JVM per benchmark, so for numbers that compare benchmarks start
 * one server first and name it (the {@link #main} below does that):
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.rootguard.benchmarks.store.BenchPostgres > pg.env &
 * . ./pg.env   # exports ROOTGUARD_BENCH_PG_URL, _USER, _PASSWORD
 * java -jar benchmarks/target/benchmarks.jar JdbcVerifyBenchmark ...
 * kill $!      # its shutdown hook stops the cluster
 * }</pre>
 *
 * <p>The cluster is started by store-jdbc's test launcher {@code ThrowawayCluster} (the one behind
 * its tests' {@code PostgresServer}), asked for durable commits; the tests' clusters run with
 * {@code fsync=off}, which is right for tests and wrong for these numbers.
 *
 * <p>Thread-safe.
 */
public final class BenchPostgres {
  private static Server server;

  private BenchPostgres() {}

  /** Where the server is and how to log in. */
  record Server(String url, String user, String password) {}

  /**
   * Starts a cluster, prints shell {@code export} lines naming it, and keeps it running until this
   * process is stopped (SIGTERM or Ctrl-C; the shutdown hook then stops the cluster).
   *
   * @param args none
   * @throws Exception if the cluster cannot start
   */
  public static void main(String[] args) throws Exception {
    Server s = server();
    System.out.println("export ROOTGUARD_BENCH_PG_URL='" + s.url() + "'");
    System.out.println("export ROOTGUARD_BENCH_PG_USER='" + s.user() + "'");
    System.out.println("export ROOTGUARD_BENCH_PG_PASSWORD='" + s.password() + "'");
    System.out.flush();
    try (HikariDataSource ds = pool(1)) {
      System.err.println("bench PostgreSQL: " + settings(ds));
    }
    Thread.sleep(Long.MAX_VALUE);
  }

  /**
   * Returns a HikariCP pool on the benchmark database, with the RootGuard schema migrated.
   *
   * @param size the maximum pool size
   * @return the pool; the caller closes it
   */
  static HikariDataSource pool(int size) {
    Server s = server();
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(s.url());
    cfg.setUsername(s.user());
    cfg.setPassword(s.password());
    cfg.setMaximumPoolSize(size);
    cfg.setMinimumIdle(size);
    cfg.setConnectionTimeout(30_000);
    cfg.setPoolName("rootguard-bench");
    HikariDataSource ds = new HikariDataSource(cfg);
    JdbcStores.migrate(ds);
    return ds;
  }

  /**
   * Returns the server's version and the settings that decide durability, for the record.
   *
   * @param ds a pool on the server
   * @return e.g. {@code "PostgreSQL 15.14, fsync=on, synchronous_commit=on, ..."}
   */
  static String settings(HikariDataSource ds) {
    StringBuilder b = new StringBuilder();
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SHOW server_version")) {
        rs.next();
        b.append("PostgreSQL ").append(rs.getString(1));
      }
      for (String name :
          List.of(
              "fsync",
              "synchronous_commit",
              "full_page_writes",
              "wal_sync_method",
              "shared_buffers",
              "max_connections")) {
        try (ResultSet rs = st.executeQuery("SHOW " + name)) {
          rs.next();
          b.append(", ").append(name).append('=').append(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the server settings", e);
    }
    return b.toString();
  }

  private static synchronized Server server() {
    if (server == null) {
      String url = setting("url");
      if (url != null) {
        server =
            new Server(url, orElse(setting("user"), "postgres"), orElse(setting("password"), ""));
      } else {
        try {
          server = startOwn();
        } catch (IOException | InterruptedException | SQLException e) {
          throw new IllegalStateException(
              "no ROOTGUARD_BENCH_PG_URL, and no throwaway PostgreSQL cluster could start", e);
        }
      }
    }
    return server;
  }

  private static String setting(String name) {
    String v = System.getProperty("rootguard.bench.pg." + name);
    if (v == null || v.isBlank()) {
      v = System.getenv("ROOTGUARD_BENCH_PG_" + name.toUpperCase(Locale.ROOT));
    }
    return v == null || v.isBlank() ? null : v;
  }

  private static String orElse(String v, String fallback) {
    return v != null ? v : fallback;
  }

  private static Server startOwn() throws IOException, InterruptedException, SQLException {
    Path bin =
        ThrowawayCluster.findBin()
            .orElseThrow(
                () ->
                    new IOException(
                        "no PostgreSQL under /usr/lib/postgresql/*/bin (apt-get install postgresql)"));
    ThrowawayCluster.Started pg = ThrowawayCluster.start(bin, "rgbench", true);
    try (Connection c =
            DriverManager.getConnection(pg.baseUrl() + "postgres", pg.user(), pg.password());
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE rootguard_bench");
    }
    return new Server(pg.baseUrl() + "rootguard_bench", pg.user(), pg.password());
  }
}
