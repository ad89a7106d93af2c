package dev.rootguard.store.jdbc;

import dev.rootguard.testkit.process.FidoCrossProcessContract;
import dev.rootguard.testkit.process.SharedStoresFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * FIDO exactly-once across processes on one PostgreSQL database: testkit's {@link
 * FidoCrossProcessContract} (a ceremony started in one JVM finishes in another, once; one assertion
 * from two JVMs x 16 threads is accepted once per round, 200 rounds, with a counting and a
 * counterless key). Ceremonies live in {@code JdbcStores.ceremonies()}, credentials in {@code
 * JdbcStores.securityKeys()}.
 */
class JdbcFidoCrossProcessTest extends FidoCrossProcessContract {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  @Override
  protected Class<? extends SharedStoresFactory> factory() {
    return JdbcSharedStoresFactory.class;
  }

  @Override
  protected List<String> factoryArguments() {
    return List.of(PG.url(), PG.user());
  }

  @Override
  protected Map<String, String> factoryEnvironment() {
    return Map.of(JdbcSharedStoresFactory.PASSWORD_ENV, PG.password());
  }

  @Override
  protected int rounds() {
    return 200;
  }
}
