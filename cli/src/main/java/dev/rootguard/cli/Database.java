package dev.rootguard.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.StoreException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Opens a PostgreSQL {@code --store} URL as a small HikariCP pool. The user and password come from
 * {@code ROOTGUARD_DB_USER} / {@code ROOTGUARD_DB_PASSWORD}, or from the URL itself; either way the
 * password never reaches a message: {@link #redact} is what is printed.
 *
 * <pre>{@code
 * try (HikariDataSource pool = Database.open("jdbc:postgresql://db:5432/rootguard", System.getenv())) {
 *   JdbcStores.migrate(pool);
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
final class Database {
  /** The only URL scheme the CLI opens as a database. */
  static final String SCHEME = "jdbc:postgresql://";

  private Database() {}

  /**
   * Returns whether a {@code --store} value is a database URL.
   *
   * @param spec the value
   * @return true for {@code jdbc:postgresql://…}
   */
  static boolean isDatabase(String spec) {
    return spec.strip().toLowerCase(Locale.ROOT).startsWith(SCHEME);
  }

  /**
   * Returns the URL without its query string (which may carry a password), for messages.
   *
   * @param url the URL
   * @return host, port and database only
   */
  static String redact(String url) {
    String u = url.strip();
    int q = u.indexOf('?');
    String base = q < 0 ? u : u.substring(0, q);
    int at = base.indexOf('@', SCHEME.length());
    return at < 0 ? base : SCHEME + base.substring(at + 1);
  }

  /**
   * Opens a pool of at most 4 connections and checks that the server answers.
   *
   * @param url a {@code jdbc:postgresql://host:port/db} URL
   * @param env the environment ({@code ROOTGUARD_DB_USER}, {@code ROOTGUARD_DB_PASSWORD})
   * @return the pool; close it when done
   * @throws InvalidInputException with field {@code --store} if the URL names no database
   * @throws StoreException if the server cannot be reached or refuses the login
   */
  static HikariDataSource open(String url, Map<String, String> env) {
    Objects.requireNonNull(url, "--store");
    String u = url.strip();
    if (!isDatabase(u) || u.length() == SCHEME.length()) {
      throw new InvalidInputException("--store", "expected jdbc:postgresql://host:port/database");
    }
    if (u.substring(SCHEME.length()).contains("@")) {
      throw new InvalidInputException(
          "--store",
          "put no credentials before the host; use ROOTGUARD_DB_USER and ROOTGUARD_DB_PASSWORD");
    }
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(u);
    String user = env.get("ROOTGUARD_DB_USER");
    String password = env.get("ROOTGUARD_DB_PASSWORD");
    if (user != null && !user.isEmpty()) {
      cfg.setUsername(user);
    }
    if (password != null) {
      cfg.setPassword(password);
    }
    cfg.setMaximumPoolSize(4);
    cfg.setMinimumIdle(0);
    cfg.setPoolName("rootguard-cli");
    cfg.setConnectionTimeout(5_000);
    cfg.setInitializationFailTimeout(5_000);
    try {
      return new HikariDataSource(cfg);
    } catch (RuntimeException e) {
      // The driver's text can name the user and the host; it never holds the password.
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      throw new StoreException(
          "store.open",
          "cannot connect to "
              + redact(u)
              + " ("
              + root.getClass().getSimpleName()
              + (root instanceof java.sql.SQLException s && s.getSQLState() != null
                  ? ", SQLState " + s.getSQLState()
                  : "")
              + ")",
          null);
    }
  }
}
