package dev.rootguard.store.redis;

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
import dev.rootguard.testsupport.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Redis stores wired into MfaAuthenticator, as a platform runs them. */
class RedisAuthenticatorTest {
  private final MutableClock clock = new MutableClock(CrossProcessFixtures.T0);
  private final List<RedisStores> open = new ArrayList<>();

  private RedisStores stores(String uri, LockoutPolicy policy) {
    RedisStores s =
        RedisStores.builder(uri, Fixtures.sealer("k1", 1))
            .prefix("auth-" + tag() + ":")
            .clock(clock)
            .lockoutPolicy(policy)
            .build();
    s.init();
    open.add(s);
    return s;
  }

  @AfterEach
  void close() {
    open.forEach(RedisStores::close);
  }

  private static String tag() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private void exactlyOnePerRound(
      RedisStores stores, IntFunction<MfaAttempt> attemptOfRound, int rounds) throws Exception {
    MfaAuthenticator mfa = Rig.authenticator(stores, clock);
    for (int round = 0; round < rounds; round++) {
      MfaAttempt attempt = attemptOfRound.apply(round);
      List<MfaResult> r = Race.collect(16, i -> mfa.authenticate(attempt));

      assertThat(r).filteredOn(MfaResult::isAccepted).hasSize(1);
      assertThat(r)
          .filteredOn(x -> !x.isAccepted())
          .allSatisfy(
              x -> assertThat(((MfaResult.Rejected) x).reason()).isEqualTo(Reason.REPLAYED));
    }
  }

  @Test
  void authenticate_sameTotpCodeSixteenThreads_acceptedExactlyOncePerRound() throws Exception {
    RedisStores stores = stores(RedisServer.shared().uri(), LockoutPolicy.DEFAULT);
    Principal p = Principal.of("alice-" + tag());
    String tag = tag();
    Rig.enroll(stores, p, tag);
    exactlyOnePerRound(
        stores,
        round -> {
          clock.set(CrossProcessFixtures.T0.plusSeconds(30L * (round + 1)));
          return CrossProcessFixtures.totpAttempt(p, tag, clock.instant());
        },
        200);
  }

  @Test
  void authenticate_sameHotpCodeSixteenThreads_acceptedExactlyOncePerRound() throws Exception {
    RedisStores stores = stores(RedisServer.shared().uri(), LockoutPolicy.DEFAULT);
    Principal p = Principal.of("bob-" + tag());
    String tag = tag();
    Rig.enroll(stores, p, tag);
    exactlyOnePerRound(stores, round -> CrossProcessFixtures.hotpAttempt(p, tag, round), 50);
  }

  @Test
  void authenticate_sameYubicoOtpSixteenThreads_acceptedExactlyOncePerRound() throws Exception {
    RedisStores stores = stores(RedisServer.shared().uri(), LockoutPolicy.DEFAULT);
    Principal p = Principal.of("carol-" + tag());
    String tag = tag();
    Rig.enroll(stores, p, tag);
    exactlyOnePerRound(stores, round -> CrossProcessFixtures.yubicoAttempt(p, tag, round + 1), 50);
  }

  @Test
  void authenticate_wrongCodesFromSixteenThreads_lockoutNeverExceeded() throws Exception {
    LockoutPolicy policy = new LockoutPolicy(10, Duration.ofMinutes(15), Duration.ofHours(1));
    RedisStores stores = stores(RedisServer.shared().uri(), policy);
    Principal p = Principal.of("dave-" + tag());
    String tag = tag();
    Rig.enroll(stores, p, tag);
    MfaAuthenticator mfa = Rig.authenticator(stores, clock);
    String right = CrossProcessFixtures.totpAttempt(p, tag, clock.instant()).response();
    String wrongCode = (right.charAt(0) == '0' ? "1" : "0") + right.substring(1);
    MfaAttempt wrong =
        MfaAttempt.of(
            p, dev.rootguard.mfa.Factor.TOTP_APP, CrossProcessFixtures.totpId(tag), wrongCode);

    List<List<Reason>> perThread =
        Race.collect(
            16,
            i -> {
              List<Reason> out = new ArrayList<>();
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
  void authenticate_acceptedTotpCode_costsTwoRoundTrips() throws Exception {
    RedisServer server = RedisServer.startPrivate(false);
    try (CommandCounter c = new CommandCounter(server.port())) {
      RedisStores stores = stores(server.uri(), LockoutPolicy.DEFAULT);
      Principal p = Principal.of("erin-" + tag());
      String tag = tag();
      Rig.enroll(stores, p, tag);
      MfaAuthenticator mfa = Rig.authenticator(stores, clock);
      clock.set(CrossProcessFixtures.T0.plusSeconds(60));
      assertThat(
              mfa.authenticate(CrossProcessFixtures.totpAttempt(p, tag, clock.instant()))
                  .isAccepted())
          .as("warm-up: scripts loaded")
          .isTrue();
      assertThat(
              mfa.authenticate(CrossProcessFixtures.totpAttempt(p, tag, clock.instant()))
                  .isAccepted())
          .as("warm-up: the failure script loaded too")
          .isFalse();
      clock.set(CrossProcessFixtures.T0.plusSeconds(90));

      c.drain();
      MfaResult accepted =
          mfa.authenticate(CrossProcessFixtures.totpAttempt(p, tag, clock.instant()));
      long acceptedTrips = c.drain();
      MfaResult replayed =
          mfa.authenticate(CrossProcessFixtures.totpAttempt(p, tag, clock.instant()));
      long replayTrips = c.drain();
      String wrongCode =
          "000000".equals(CrossProcessFixtures.totpAttempt(p, tag, clock.instant()).response())
              ? "111111"
              : "000000";
      MfaResult wrong =
          mfa.authenticate(
              MfaAttempt.of(
                  p,
                  dev.rootguard.mfa.Factor.TOTP_APP,
                  CrossProcessFixtures.totpId(tag),
                  wrongCode));
      long wrongTrips = c.drain();

      assertThat(accepted.isAccepted()).isTrue();
      assertThat(((MfaResult.Rejected) replayed).reason()).isEqualTo(Reason.REPLAYED);
      assertThat(((MfaResult.Rejected) wrong).reason()).isEqualTo(Reason.WRONG_CODE);
      System.out.println(
          "round trips: accepted TOTP "
              + acceptedTrips
              + ", replayed TOTP "
              + replayTrips
              + ", wrong TOTP "
              + wrongTrips);
      assertThat(acceptedTrips).isEqualTo(2);
      assertThat(replayTrips).isEqualTo(2);
      assertThat(wrongTrips).isEqualTo(2);
    } finally {
      server.stop();
    }
  }
}
