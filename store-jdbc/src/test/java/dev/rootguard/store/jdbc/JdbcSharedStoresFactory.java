package dev.rootguard.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rootguard.testkit.process.SharedStores;
import dev.rootguard.testkit.process.SharedStoresFactory;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Opens {@link JdbcStores} for testkit's cross-process harness ({@link JdbcCrossProcessTest},
 * {@link JdbcFidoCrossProcessTest}): arguments {@code <jdbcUrl> <user>}, the password from {@value
 * #PASSWORD_ENV} in the environment, a Hikari pool of one connection per racing thread, and the
 * test sealing key; and adapts a {@link JdbcStores} to {@link SharedStores} for the in-JVM tests.
 */
public final class JdbcSharedStoresFactory implements SharedStoresFactory {
  /** The environment variable holding the database password. */
  static final String PASSWORD_ENV = "ROOTGUARD_XPROC_PASSWORD";

  /** Instantiated by name in each child JVM. */
  public JdbcSharedStoresFactory() {}

  @Override
  public SharedStores open(List<String> args, Map<String, String> env, Clock clock, int threads) {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(args.get(0));
    cfg.setUsername(args.get(1));
    cfg.setPassword(env.get(PASSWORD_ENV));
    cfg.setMaximumPoolSize(threads);
    cfg.setPoolName("xproc-" + ProcessHandle.current().pid());
    HikariDataSource pool = new HikariDataSource(cfg);
    try {
      JdbcStores stores = JdbcStores.builder(pool, Fixtures.sealer("k1", 1)).clock(clock).build();
      stores.checkSchema();
      return shared(stores, pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** The JDBC stores as the harness's {@link SharedStores}, with nothing to close. */
  static SharedStores shared(JdbcStores s) {
    return shared(s, () -> {});
  }

  private static SharedStores shared(JdbcStores s, AutoCloseable resources) {
    return new SharedStores(
        s.attemptLimiter(),
        s.replayGuard(),
        s.totpStates(),
        s.totpCredentials(),
        s.ceremonies(),
        s.tokens(),
        s.yubicoKeys(),
        s.securityKeys(),
        resources);
  }
}
