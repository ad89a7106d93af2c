package dev.rootguard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.mfa.totp.TotpVerifier;
import dev.rootguard.testkit.process.CrossProcessFixtures;
import dev.rootguard.testsupport.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/** Failures of the database fail closed: a rejection with STORE_UNAVAILABLE, never acceptance. */
class JdbcFaultsTest {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  private final MutableClock clock = new MutableClock(CrossProcessFixtures.T0.plusSeconds(300));

  private static String tag() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private JdbcStores stores(javax.sql.DataSource ds, Duration queryTimeout) {
    return JdbcStores.builder(ds, Fixtures.sealer("k1", 1))
        .clock(clock)
        .queryTimeout(queryTimeout)
        .build();
  }

  private static Reason reason(MfaResult r) {
    assertThat(r.isAccepted()).as("must not be accepted").isFalse();
    return ((MfaResult.Rejected) r).reason();
  }

  /** Runs {@code body} with System.err captured (slf4j-simple writes WARN lines there). */
  private static String stderrOf(Runnable body) {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setErr(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    old.print(out);
    return out;
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void authenticate_databaseUnreachable_rejectedStoreUnavailableWithLogLine() throws Exception {
    PGSimpleDataSource dead = new PGSimpleDataSource();
    dead.setURL("jdbc:postgresql://127.0.0.1:" + closedPort() + "/rootguard");
    dead.setUser("nobody");
    dead.setPassword("not-the-secret");
    dead.setConnectTimeout(2);
    JdbcStores stores = stores(dead, Duration.ofSeconds(2));
    MfaAuthenticator mfa =
        CrossProcessFixtures.authenticator(JdbcSharedStoresFactory.shared(stores), clock);
    Principal p = Principal.of("alice");
    MfaAttempt attempt = CrossProcessFixtures.totpAttempt(p, "t", clock.instant());

    MfaResult[] r = new MfaResult[1];
    String log = stderrOf(() -> r[0] = mfa.authenticate(attempt));

    assertThat(reason(r[0])).isEqualTo(Reason.STORE_UNAVAILABLE);
    assertThat(log)
        .contains("fail closed")
        .contains("attempts.tryAcquire")
        .contains("cannot reach the database")
        .doesNotContain(attempt.response())
        .doesNotContain("not-the-secret");
    assertThatThrownBy(() -> stores.replayGuard().tryAccept(CrossProcessFixtures.totpId("t"), 1))
        .isInstanceOf(StoreException.class)
        .satisfies(e -> assertThat(((StoreException) e).operation()).isEqualTo("replay.tryAccept"));
  }

  @Test
  void authenticate_verifierStoreUnreachable_rejectedAndReservationSettled() throws Exception {
    PGSimpleDataSource dead = new PGSimpleDataSource();
    dead.setURL("jdbc:postgresql://127.0.0.1:" + closedPort() + "/rootguard");
    dead.setConnectTimeout(2);
    JdbcStores stores = stores(dead, Duration.ofSeconds(2));
    AttemptLimiter limiter =
        AttemptLimiter.inMemory(
            new dev.rootguard.mfa.LockoutPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(1)),
            clock);
    MfaAuthenticator mfa =
        MfaAuthenticator.builder()
            .verifier(
                TotpVerifier.builder()
                    .clock(clock)
                    .stateStore(stores.totpStates())
                    .credentialStore(stores.totpCredentials())
                    .build())
            .attemptLimiter(limiter)
            .clock(clock)
            .build();
    Principal p = Principal.of("bob");

    String log =
        stderrOf(
            () -> {
              // More attempts than the limit: each reservation is settled (STORE_UNAVAILABLE is
              // not a checked guess), so none is refused as LOCKED_OUT or left in flight.
              for (int i = 0; i < 5; i++) {
                assertThat(
                        reason(
                            mfa.authenticate(
                                CrossProcessFixtures.totpAttempt(p, "t", clock.instant()))))
                    .isEqualTo(Reason.STORE_UNAVAILABLE);
              }
            });

    assertThat(log).contains("could not reach its store").contains("totp_credentials.find");
    assertThat(limiter.tryAcquire(p)).isEmpty();
  }

  private void lockStateRow(Connection holder, String credential, long lastStep) throws Exception {
    try (PreparedStatement ps =
        holder.prepareStatement(
            "INSERT INTO rootguard_totp_state (credential, last_step, drift) VALUES (?, ?, 0)")) {
      ps.setString(1, credential);
      ps.setLong(2, lastStep);
      ps.executeUpdate();
    }
    holder.setAutoCommit(false);
    try (PreparedStatement ps =
        holder.prepareStatement(
            "SELECT 1 FROM rootguard_totp_state WHERE credential = ? FOR UPDATE")) {
      ps.setString(1, credential);
      ps.executeQuery().close();
    }
  }

  @Test
  void authenticate_statementTimesOutOnHeldRowLock_rejectedThenAcceptedOnceAfterRelease()
      throws Exception {
    JdbcStores stores = stores(PG.dataSource(), Duration.ofSeconds(1));
    MfaAuthenticator mfa =
        CrossProcessFixtures.authenticator(JdbcSharedStoresFactory.shared(stores), clock);
    Principal p = Principal.of("carol-" + tag());
    String tag = tag();
    CrossProcessFixtures.enroll(JdbcSharedStoresFactory.shared(stores), p, tag);
    MfaAttempt attempt = CrossProcessFixtures.totpAttempt(p, tag, clock.instant());
    long step = Math.floorDiv(clock.instant().getEpochSecond(), 30);

    try (Connection holder = PG.connect()) {
      lockStateRow(holder, CrossProcessFixtures.totpId(tag).value(), step - 10);
      MfaResult[] r = new MfaResult[1];
      String log = stderrOf(() -> r[0] = mfa.authenticate(attempt));

      assertThat(reason(r[0])).isEqualTo(Reason.STORE_UNAVAILABLE);
      assertThat(log).contains("totp_state.compareAndSet").contains("timed out");
      holder.rollback();
    }
    assertThat(mfa.authenticate(attempt).isAccepted()).isTrue();
    assertThat(reason(mfa.authenticate(attempt))).isEqualTo(Reason.REPLAYED);
  }

  @Test
  void authenticate_connectionKilledMidCompareAndSet_noDoubleAcceptance() throws Exception {
    HikariDataSource pool = PG.newDataSource(cfg -> cfg.setMaximumPoolSize(4));
    JdbcStores stores = stores(pool, Duration.ofSeconds(30));
    MfaAuthenticator mfa =
        CrossProcessFixtures.authenticator(JdbcSharedStoresFactory.shared(stores), clock);
    Principal p = Principal.of("dave-" + tag());
    String tag = tag();
    CrossProcessFixtures.enroll(JdbcSharedStoresFactory.shared(stores), p, tag);
    MfaAttempt attempt = CrossProcessFixtures.totpAttempt(p, tag, clock.instant());
    long step = Math.floorDiv(clock.instant().getEpochSecond(), 30);

    try (Connection holder = PG.connect()) {
      lockStateRow(holder, CrossProcessFixtures.totpId(tag).value(), step - 10);
      CompletableFuture<MfaResult> blocked =
          CompletableFuture.supplyAsync(() -> mfa.authenticate(attempt));
      int killed = 0;
      try (Connection admin = PG.connect()) {
        for (int i = 0; i < 200 && killed == 0; i++) {
          try (PreparedStatement ps =
                  admin.prepareStatement(
                      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                          + " WHERE datname = current_database() AND wait_event_type = 'Lock'"
                          + " AND query LIKE 'UPDATE rootguard_totp_state%'");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              killed++;
            }
          }
          if (killed == 0) {
            Thread.sleep(25);
          }
        }
      }
      assertThat(killed).as("backends terminated while waiting in compare-and-set").isEqualTo(1);
      assertThat(reason(blocked.get(30, TimeUnit.SECONDS))).isEqualTo(Reason.STORE_UNAVAILABLE);
      holder.rollback();
    }
    // The killed statement changed nothing; the code is accepted once, then is a replay.
    int accepted = 0;
    for (int i = 0; i < 5; i++) {
      accepted += mfa.authenticate(attempt).isAccepted() ? 1 : 0;
    }
    assertThat(accepted).isEqualTo(1);
  }

  @Test
  void authenticate_schemaMissing_rejectedAndMessageNamesStoreInit() {
    HikariDataSource empty =
        PG.newDataSource(cfg -> cfg.addDataSourceProperty("currentSchema", "no_such_schema"));
    JdbcStores stores = stores(empty, Duration.ofSeconds(2));
    MfaAuthenticator mfa =
        CrossProcessFixtures.authenticator(JdbcSharedStoresFactory.shared(stores), clock);
    Principal p = Principal.of("erin");

    String log =
        stderrOf(
            () ->
                assertThat(reason(mfa.authenticate(CrossProcessFixtures.hotpAttempt(p, "t", 0))))
                    .isEqualTo(Reason.STORE_UNAVAILABLE));

    assertThat(log).contains("rootguard store init");
    assertThatThrownBy(() -> stores.tokens().serials())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("rootguard store init");
    assertThatThrownBy(stores::checkSchema)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("rootguard store init");
  }

  @Test
  void builder_outOfRangeTimeouts_rejectedNamingField() {
    JdbcStores.Builder b = JdbcStores.builder(PG.dataSource(), Fixtures.sealer("k1", 1));

    assertThatThrownBy(() -> b.queryTimeout(Duration.ofMillis(500)))
        .hasMessageStartingWith("queryTimeout:");
    assertThatThrownBy(() -> b.queryTimeout(Duration.ofMinutes(6)))
        .hasMessageStartingWith("queryTimeout:");
    assertThatThrownBy(() -> b.reservationTimeout(Duration.ofMinutes(11)))
        .hasMessageStartingWith("reservationTimeout:");
    assertThatThrownBy(
            () ->
                stores(PG.dataSource(), Duration.ofSeconds(1))
                    .ceremonies()
                    .put(
                        "abcdefghijklmnopqrst",
                        new dev.rootguard.mfa.CeremonyStore.Ceremony(
                            "registration",
                            Principal.of("x"),
                            Instant.parse("2300-01-01T00:00:00Z"),
                            "{}")))
        .hasMessageStartingWith("expiresAt:");
  }
}
