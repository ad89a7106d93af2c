package dev.rootguard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.LockoutPolicy;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.testkit.process.CrossProcessFixtures;
import dev.rootguard.testsupport.MutableClock;
import dev.rootguard.testsupport.Race;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDBC stores wired into MfaAuthenticator, as a platform runs them. */
class JdbcAuthenticatorTest {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  private final MutableClock clock = new MutableClock(CrossProcessFixtures.T0);

  private JdbcStores stores(javax.sql.DataSource ds, LockoutPolicy policy) {
    return JdbcStores.builder(ds, Fixtures.sealer("k1", 1))
        .clock(clock)
        .lockoutPolicy(policy)
        .build();
  }

  private static String tag() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static List<MfaResult> race(MfaAuthenticator mfa, MfaAttempt attempt) throws Exception {
    return Race.collect(16, i -> mfa.authenticate(attempt));
  }

  private void exactlyOnePerRound(IntFunction<MfaAttempt> attemptOfRound, int rounds)
      throws Exception {
    JdbcStores stores = stores(PG.dataSource(), LockoutPolicy.DEFAULT);
    MfaAuthenticator mfa =
        CrossProcessFixtures.authenticator(JdbcSharedStoresFactory.shared(stores), clock);
    for (int round = 0; round < rounds; round++) {
      List<MfaResult> r = race(mfa, attemptOfRound.apply(round));

      assertThat(r).filteredOn(MfaResult::isAccepted).hasSize(1);
      assertThat(r)
          .filteredOn(x -> !x.isAccepted())
          .allSatisfy(
              x -> assertThat(((MfaResult.Rejected) x).reason()).isEqualTo(Reason.REPLAYED));
    }
  }

  @Test
  void authenticate_sameTotpCodeSixteenThreads_acceptedExactlyOncePerRound() throws Exception {
    Principal p = Principal.of("alice-" + tag());
    String tag = tag();
    CrossProcessFixtures.enroll(
        JdbcSharedStoresFactory.shared(stores(PG.dataSource(), LockoutPolicy.DEFAULT)), p, tag);
    exactlyOnePerRound(
        round -> {
          clock.set(CrossProcessFixtures.T0.plusSeconds(30L * (round + 1)));
          return CrossProcessFixtures.totpAttempt(p, tag, clock.instant());
        },
        30);
  }

  @Test
  void authenticate_sameHotpCodeSixteenThreads_acceptedExactlyOncePerRound() throws Exception {
    Principal p = Principal.of("bob-" + tag());
    String tag = tag();
    CrossProcessFixtures.enroll(
        JdbcSharedStoresFactory.shared(stores(PG.dataSource(), LockoutPolicy.DEFAULT)), p, tag);
    exactlyOnePerRound(round -> CrossProcessFixtures.hotpAttempt(p, tag, round), 30);
  }

  @Test
  void authenticate_sameYubicoOtpSixteenThreads_acceptedExactlyOncePerRound() throws Exception {
    Principal p = Principal.of("carol-" + tag());
    String tag = tag();
    CrossProcessFixtures.enroll(
        JdbcSharedStoresFactory.shared(stores(PG.dataSource(), LockoutPolicy.DEFAULT)), p, tag);
    exactlyOnePerRound(round -> CrossProcessFixtures.yubicoAttempt(p, tag, round + 1), 30);
  }

  @Test
  void authenticate_wrongCodesFromSixteenThreads_lockoutNeverExceeded() throws Exception {
    Principal p = Principal.of("dave-" + tag());
    String tag = tag();
    LockoutPolicy policy = new LockoutPolicy(10, Duration.ofMinutes(15), Duration.ofHours(1));
    JdbcStores stores = stores(PG.dataSource(), policy);
    CrossProcessFixtures.enroll(JdbcSharedStoresFactory.shared(stores), p, tag);
    MfaAuthenticator mfa =
        CrossProcessFixtures.authenticator(JdbcSharedStoresFactory.shared(stores), clock);
    String right = CrossProcessFixtures.totpAttempt(p, tag, clock.instant()).response();
    String wrongCode = (right.charAt(0) == '0' ? "1" : "0") + right.substring(1);
    MfaAttempt wrong =
        MfaAttempt.of(
            p, dev.rootguard.mfa.Factor.TOTP_APP, CrossProcessFixtures.totpId(tag), wrongCode);

    List<List<Reason>> perThread =
        Race.collect(
            16,
            i -> {
              List<Reason> out = new java.util.ArrayList<>();
              for (int k = 0; k < 5; k++) {
                out.add(((MfaResult.Rejected) mfa.authenticate(wrong)).reason());
              }
              return out;
            });
    long checked =
        perThread.stream().flatMap(List::stream).filter(r -> r == Reason.WRONG_CODE).count();

    assertThat(checked).isEqualTo(10);
    MfaResult good = mfa.authenticate(CrossProcessFixtures.totpAttempt(p, tag, clock.instant()));
    assertThat(((MfaResult.Rejected) good).reason()).isEqualTo(Reason.LOCKED_OUT);
  }

  @Test
  void authenticate_acceptedTotpCode_costsThreeRoundTrips() throws Exception {
    CountingDataSource counting = new CountingDataSource(PG.dataSource());
    JdbcStores stores = stores(counting, LockoutPolicy.DEFAULT);
    Principal p = Principal.of("erin-" + tag());
    String tag = tag();
    CrossProcessFixtures.enroll(JdbcSharedStoresFactory.shared(stores), p, tag);
    MfaAuthenticator mfa =
        CrossProcessFixtures.authenticator(JdbcSharedStoresFactory.shared(stores), clock);
    clock.set(CrossProcessFixtures.T0.plusSeconds(90));

    long before = counting.count();
    MfaResult accepted =
        mfa.authenticate(CrossProcessFixtures.totpAttempt(p, tag, clock.instant()));
    long acceptedTrips = counting.count() - before;
    before = counting.count();
    MfaResult replayed =
        mfa.authenticate(CrossProcessFixtures.totpAttempt(p, tag, clock.instant()));
    long replayTrips = counting.count() - before;

    assertThat(accepted.isAccepted()).isTrue();
    assertThat(((MfaResult.Rejected) replayed).reason()).isEqualTo(Reason.REPLAYED);
    System.out.println(
        "round trips: accepted TOTP " + acceptedTrips + ", replayed TOTP " + replayTrips);
    assertThat(acceptedTrips).isEqualTo(3);
    assertThat(replayTrips).isEqualTo(2);
  }

  private static void deleteCredentialRow(dev.rootguard.mfa.CredentialId id) throws Exception {
    try (java.sql.Connection c = PG.connect();
        java.sql.PreparedStatement ps =
            c.prepareStatement("DELETE FROM rootguard_totp_credentials WHERE credential = ?")) {
      ps.setString(1, id.value());
      assertThat(ps.executeUpdate()).isEqualTo(1); // removed by "another server"
    }
  }

  @Test
  void find_afterReservation_answersFromReservationOnSameThreadOnly() throws Exception {
    JdbcStores stores = stores(PG.dataSource(), LockoutPolicy.DEFAULT);
    Principal p = Principal.of("frank-" + tag());
    String tag = tag();
    CrossProcessFixtures.enroll(JdbcSharedStoresFactory.shared(stores), p, tag);
    dev.rootguard.mfa.CredentialId id = CrossProcessFixtures.totpId(tag);

    assertThat(stores.attemptLimiter().tryAcquire(p)).isEmpty();
    deleteCredentialRow(id);

    // Another thread never sees this thread's hand-over.
    assertThat(Race.collect(1, i -> stores.totpCredentials().find(id)).get(0)).isEmpty();
    // This thread reads what the reservation read, as if find had run at the reservation.
    assertThat(stores.totpCredentials().find(id)).isPresent();
    assertThat(stores.totpCredentials().find(id)).as("handed over once").isEmpty();
    stores.attemptLimiter().release(p);
  }

  @Test
  void find_afterSettlement_readsTheDatabaseAgain() throws Exception {
    JdbcStores stores = stores(PG.dataSource(), LockoutPolicy.DEFAULT);
    Principal p = Principal.of("grace-" + tag());
    String tag = tag();
    CrossProcessFixtures.enroll(JdbcSharedStoresFactory.shared(stores), p, tag);
    dev.rootguard.mfa.CredentialId id = CrossProcessFixtures.totpId(tag);

    assertThat(stores.attemptLimiter().tryAcquire(p)).isEmpty();
    stores.attemptLimiter().recordFailure(p);
    deleteCredentialRow(id);

    assertThat(stores.totpCredentials().find(id)).isEmpty();
  }
}
