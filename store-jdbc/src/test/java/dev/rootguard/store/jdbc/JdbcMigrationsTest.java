package dev.rootguard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.testsupport.Race;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

// The schema-missing test must see the empty database, so it runs first.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JdbcMigrationsTest {
  @RegisterExtension static final PostgresServer PG = new PostgresServer(false);

  private static int versionRows() throws Exception {
    try (Connection c = PG.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM rootguard_schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  @Order(1)
  void storeOperation_schemaMissing_throwsNamingStoreInit() throws Exception {
    try (Connection c = PG.connect();
        Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS rootguard_schema_version");
      st.execute("DROP TABLE IF EXISTS rootguard_replay");
    }
    JdbcStores stores = JdbcStores.builder(PG.dataSource(), Fixtures.sealer("k1", 1)).build();

    assertThatThrownBy(() -> stores.replayGuard().tryAccept(CredentialId.of("phone-1"), 1))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("rootguard store init");
    assertThatThrownBy(stores::checkSchema)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("rootguard store init");
    assertThat(JdbcStores.schemaVersion(PG.dataSource())).isEmpty();
  }

  @Test
  @Order(2)
  void migrate_concurrentlyAndRepeatedly_appliesOnceAndReportsLatest() throws Exception {
    List<Integer> versions = Race.collect(8, i -> JdbcStores.migrate(PG.dataSource()));
    int again = JdbcStores.migrate(PG.dataSource());

    assertThat(versions).containsOnly(JdbcStores.SCHEMA_VERSION);
    assertThat(again).isEqualTo(JdbcStores.SCHEMA_VERSION);
    assertThat(versionRows()).isEqualTo(JdbcStores.SCHEMA_VERSION);
    assertThat(JdbcStores.schemaVersion(PG.dataSource())).hasValue(JdbcStores.SCHEMA_VERSION);
    JdbcStores.builder(PG.dataSource(), Fixtures.sealer("k1", 1)).build().checkSchema();
  }

  @Test
  @Order(3)
  void migrate_newerSchemaInDatabase_refusesAndChangesNothing() throws Exception {
    JdbcStores.migrate(PG.dataSource());
    int newer = JdbcStores.SCHEMA_VERSION + 1;
    try (Connection c = PG.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO rootguard_schema_version (version, description) VALUES ("
              + newer
              + ", 'from the future')");
    }
    try {
      assertThatThrownBy(() -> JdbcStores.migrate(PG.dataSource()))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("newer");
      assertThatThrownBy(
              () ->
                  JdbcStores.builder(PG.dataSource(), Fixtures.sealer("k1", 1))
                      .build()
                      .checkSchema())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("newer");
      assertThat(JdbcStores.schemaVersion(PG.dataSource())).hasValue(newer);
    } finally {
      try (Connection c = PG.connect();
          Statement st = c.createStatement()) {
        st.execute("DELETE FROM rootguard_schema_version WHERE version = " + newer);
      }
    }
  }
}
