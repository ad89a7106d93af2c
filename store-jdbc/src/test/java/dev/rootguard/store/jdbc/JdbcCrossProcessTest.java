package dev.rootguard.store.jdbc;

import dev.rootguard.testkit.process.OtpCrossProcessContract;
import dev.rootguard.testkit.process.SharedStoresFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once across processes on one PostgreSQL database: testkit's {@link
 * OtpCrossProcessContract} (two JVMs x 16 threads, the same TOTP, HOTP and Yubico OTP code each
 * round, 200 rounds; one lockout across both). FIDO across JVMs is {@link
 * JdbcFidoCrossProcessTest}.
 */
class JdbcCrossProcessTest extends OtpCrossProcessContract {
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
