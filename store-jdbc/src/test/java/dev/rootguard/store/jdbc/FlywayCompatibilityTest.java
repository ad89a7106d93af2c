package dev.rootguard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.CredentialId;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bundled migrations run under Flyway too, and the built-in runner agrees afterwards. */
class FlywayCompatibilityTest {
  @RegisterExtension static final PostgresServer PG = new PostgresServer(false);

  @Test
  void flywayMigrate_bundledFiles_schemaUsableAndBuiltInRunnerAgrees() {
    MigrateResult r =
        Flyway.configure()
            .dataSource(PG.dataSource())
            .locations("classpath:dev/rootguard/store/jdbc/migration")
            .load()
            .migrate();

    assertThat(r.migrationsExecuted).isEqualTo(JdbcStores.SCHEMA_VERSION);
    assertThat(JdbcStores.schemaVersion(PG.dataSource())).hasValue(JdbcStores.SCHEMA_VERSION);
    JdbcStores stores = JdbcStores.builder(PG.dataSource(), Fixtures.sealer("k1", 1)).build();
    stores.checkSchema();
    assertThat(stores.replayGuard().tryAccept(CredentialId.of("phone-1"), 1)).isTrue();
    assertThat(JdbcStores.migrate(PG.dataSource())).isEqualTo(JdbcStores.SCHEMA_VERSION);
    assertThat(stores.replayGuard().lastAccepted(CredentialId.of("phone-1"))).hasValue(1);
  }
}
