package dev.rootguard.store.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for tests, and a fresh database per test class.
 *
 * <p>With {@code ROOTGUARD_TEST_PG_URL}, {@code ROOTGUARD_TEST_PG_USER} and {@code
 * ROOTGUARD_TEST_PG_PASSWORD} set (as {@code .ci/run} does) it uses that server; the user needs
 * {@code CREATEDB}. Otherwise it starts a throwaway cluster from Debian's PostgreSQL ({@code
 * /usr/lib/postgresql/<n>/bin}) in a temp directory on a free loopback port, once per JVM, as the
 * {@code postgres} user when running as root, and stops it by its data directory's PID at JVM exit.
 * Without PostgreSQL the tests are skipped with a visible message, unless {@code CI=true}, where
 * they fail.
 *
 * <pre>{@code
 * @RegisterExtension static final PostgresServer PG = new PostgresServer();
 * DataSource ds = PG.dataSource();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {
  private static Server server;
  private static String unavailable;

  private final boolean migrate;
  private String database;
  private HikariDataSource dataSource;
  private final List<HikariDataSource> extra = new ArrayList<>();

  /** A server whose per-class database gets the RootGuard schema. */
  public PostgresServer() {
    this(true);
  }

  /**
   * A server whose per-class database is migrated or left empty.
   *
   * @param migrate whether to run {@link JdbcStores#migrate} on the fresh database
   */
  public PostgresServer(boolean migrate) {
    this.migrate = migrate;
  }

  /** Where the server is and how to log in. */
  record Server(String baseUrl, String user, String password) {
    String url(String database) {
      int slash = baseUrl.lastIndexOf('/');
      String rest = baseUrl.substring(slash + 1);
      int q = rest.indexOf('?');
      return baseUrl.substring(0, slash + 1) + database + (q >= 0 ? rest.substring(q) : "");
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Server s = server();
    database =
        "rg_"
            + context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT)
            + "_"
            + UUID.randomUUID().toString().substring(0, 8);
    try (Connection c = admin(s);
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + database);
    }
    dataSource = newDataSource(cfg -> {});
    if (migrate) {
      JdbcStores.migrate(dataSource);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    for (HikariDataSource ds : extra) {
      ds.close();
    }
    extra.clear();
    if (database != null) {
      try (Connection c = admin(server);
          Statement st = c.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      }
    }
  }

  /**
   * Returns this class's pool (16 connections).
   *
   * @return the pool
   */
  public HikariDataSource dataSource() {
    return dataSource;
  }

  /**
   * Returns a new pool on this class's database, closed after the class.
   *
   * @param tweak changes to the default configuration
   * @return the pool
   */
  public synchronized HikariDataSource newDataSource(Consumer<HikariConfig> tweak) {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(url());
    cfg.setUsername(server.user());
    cfg.setPassword(server.password());
    cfg.setMaximumPoolSize(16);
    cfg.setMinimumIdle(0);
    cfg.setConnectionTimeout(5_000);
    cfg.setPoolName("rg-test-" + database + "-" + extra.size());
    tweak.accept(cfg);
    HikariDataSource ds = new HikariDataSource(cfg);
    extra.add(ds);
    return ds;
  }

  /**
   * Returns the JDBC URL of this class's database.
   *
   * @return the URL
   */
  public String url() {
    return server.url(database);
  }

  /**
   * Returns the user name.
   *
   * @return the user
   */
  public String user() {
    return server.user();
  }

  /**
   * Returns the password.
   *
   * @return the password
   */
  public String password() {
    return server.password();
  }

  /**
   * Opens a plain connection to this class's database (autocommit).
   *
   * @return the connection; the caller closes it
   * @throws SQLException if it cannot connect
   */
  public Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", server.user());
    p.setProperty("password", server.password());
    return DriverManager.getConnection(url(), p);
  }

  private static Connection admin(Server s) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", s.user());
    p.setProperty("password", s.password());
    return DriverManager.getConnection(s.url("postgres"), p);
  }

  private static synchronized Server server() {
    if (server != null) {
      return server;
    }
    if (unavailable == null) {
      try {
        server = locate();
      } catch (IOException | InterruptedException | RuntimeException e) {
        unavailable = "cannot start PostgreSQL: " + e;
      }
    }
    if (server == null) {
      String msg = "PostgreSQL tests SKIPPED: " + unavailable;
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("CI=true but " + unavailable);
      }
      System.err.println(msg);
      Assumptions.abort(msg);
    }
    return server;
  }

  private static Server locate() throws IOException, InterruptedException {
    String url = System.getenv("ROOTGUARD_TEST_PG_URL");
    if (url != null && !url.isBlank()) {
      return new Server(
          url,
          System.getenv().getOrDefault("ROOTGUARD_TEST_PG_USER", "postgres"),
          System.getenv().getOrDefault("ROOTGUARD_TEST_PG_PASSWORD", ""));
    }
    Path bin = ThrowawayCluster.findBin().orElse(null);
    if (bin == null) {
      unavailable =
          "no ROOTGUARD_TEST_PG_URL and no PostgreSQL under /usr/lib/postgresql/*/bin"
              + " (apt-get install postgresql)";
      return null;
    }
    ThrowawayCluster.Started pg = ThrowawayCluster.start(bin, "rgtest", false);
    return new Server(pg.baseUrl() + "postgres", pg.user(), pg.password());
  }
}
