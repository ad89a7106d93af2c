package dev.rootguard.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.TotpCredential;
import dev.rootguard.mfa.totp.TotpCredentialStore;
import dev.rootguard.mfa.totp.TotpVerifier;
import dev.rootguard.testkit.process.CrossProcessFixtures;
import dev.rootguard.testsupport.MutableClock;
import dev.rootguard.testsupport.RedisServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a Redis restart does to replay protection. With AOF ({@code appendfsync always}) the
 * accepted step survives and the replay is refused. Without it the server comes back empty: every
 * operation fails closed (the marker is gone) until {@code init()}, and after it the code accepted
 * before the loss is still refused (the floor), while a step starting after the floor is accepted.
 * The TOTP credential is kept outside Redis here, as the README recommends for servers without AOF,
 * so that only the state is lost.
 */
class RedisDurabilityTest {
  private static final Principal ALICE = Principal.of("alice");
  private static final CredentialId ID = CredentialId.of("totp-alice");
  private static final Instant T = Instant.parse("2026-12-07T12:00:10Z"); // 10 s into its step

  private final MutableClock clock = new MutableClock(T);
  private RedisServer server;
  private RedisStores stores;

  @AfterEach
  void stop() {
    if (stores != null) {
      stores.close();
    }
    if (server != null) {
      server.stop();
    }
  }

  private MfaAuthenticator start(boolean aof) {
    server = RedisServer.startPrivate(aof);
    stores =
        RedisStores.builder(server.uri(), Fixtures.sealer("k1", 1))
            .clock(clock)
            .commandTimeout(Duration.ofSeconds(1))
            .build();
    // Initialized a minute before the first sign-in: a new server's floor is its init time too.
    clock.set(T.minusSeconds(60));
    assertThat(stores.init().created()).isTrue();
    clock.set(T);
    TotpCredentialStore credentials = TotpCredentialStore.inMemory();
    credentials.add(
        TotpCredential.builder(ID, ALICE, OtpSecret.fromBytes(CrossProcessFixtures.bytes(20, 1)))
            .build());
    TotpVerifier totp =
        TotpVerifier.builder()
            .clock(clock)
            .stateStore(stores.totpStates())
            .credentialStore(credentials)
            .build();
    return MfaAuthenticator.builder()
        .verifier(totp)
        .attemptLimiter(stores.attemptLimiter())
        .replayGuard(stores.replayGuard())
        .clock(clock)
        .build();
  }

  private MfaAttempt code(Instant at) {
    long step = Math.floorDiv(at.getEpochSecond(), 30);
    return MfaAttempt.of(
        ALICE,
        Factor.TOTP_APP,
        ID,
        CrossProcessFixtures.hotp(CrossProcessFixtures.bytes(20, 1), step, 6));
  }

  private static Reason reason(MfaResult r) {
    return ((MfaResult.Rejected) r).reason();
  }

  /** Waits until the client reconnected after a restart (the server answers, marker or not). */
  private void awaitReconnect() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        stores.check();
        return;
      } catch (StoreException e) {
        if (e.getMessage().contains("rootguard store init")) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  @Test
  void restart_withAof_replayStillRefused() throws Exception {
    MfaAuthenticator mfa = start(true);
    assertThat(mfa.authenticate(code(T)).isAccepted()).isTrue();

    server.restart();
    awaitReconnect();

    stores.check();
    assertThat(reason(mfa.authenticate(code(T)))).isEqualTo(Reason.REPLAYED);
    clock.set(T.plusSeconds(30));
    assertThat(mfa.authenticate(code(clock.instant())).isAccepted()).isTrue();
  }

  @Test
  void restart_withoutAof_failsClosedUntilInit_thenOldCodeRefusedAndFreshStepAccepted()
      throws Exception {
    MfaAuthenticator mfa = start(false);
    assertThat(mfa.authenticate(code(T)).isAccepted()).isTrue();
    long stepOfT = Math.floorDiv(T.getEpochSecond(), 30);
    assertThat(stores.replayGuard().tryAccept(ID, stepOfT)).isTrue();

    server.restart(); // no AOF, no RDB: the server comes back empty
    awaitReconnect();

    assertThatThrownBy(stores::check)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("rootguard store init");
    assertThat(reason(mfa.authenticate(code(T)))).isEqualTo(Reason.STORE_UNAVAILABLE);
    clock.set(T.plusSeconds(30));
    assertThat(reason(mfa.authenticate(code(clock.instant()))))
        .as("even a fresh step fails closed while the marker is missing")
        .isEqualTo(Reason.STORE_UNAVAILABLE);
    assertThatThrownBy(() -> stores.replayGuard().tryAccept(ID, stepOfT + 5))
        .isInstanceOf(StoreException.class);

    // The operator re-initializes 5 s after the loss, still inside the step accepted at T.
    clock.set(T.plusSeconds(5));
    RedisStores.Marker m = stores.init();
    assertThat(m.created()).isTrue();
    assertThat(m.floor()).isEqualTo(T.plusSeconds(5));
    stores.check();

    assertThat(reason(mfa.authenticate(code(T))))
        .as("the code accepted before the loss")
        .isEqualTo(Reason.REPLAYED);
    assertThat(stores.replayGuard().tryAccept(ID, stepOfT))
        .as("the replay guard refuses a step starting before the floor")
        .isFalse();
    clock.set(T.plusSeconds(20)); // the next step starts at T + 20 s, after the floor
    assertThat(mfa.authenticate(code(clock.instant())).isAccepted()).isTrue();
    assertThat(stores.replayGuard().tryAccept(ID, stepOfT + 1)).isTrue();
  }

  @Test
  void init_onInitializedServer_keepsMarker() {
    start(true);
    RedisStores.Marker first = stores.init();
    clock.set(T.plusSeconds(3600));
    RedisStores.Marker again = stores.init();

    assertThat(first.created()).isFalse();
    assertThat(again.created()).isFalse();
    assertThat(again.epoch()).isEqualTo(first.epoch());
    assertThat(again.floor()).isEqualTo(T.minusSeconds(60));
  }

  @Test
  void recoveryWindowOver_missingStateReadsNeverUsed() {
    start(false);
    clock.set(T.plus(Duration.ofMinutes(30)));
    assertThat(stores.totpStates().load(CredentialId.of("never-seen")).isNeverUsed()).isTrue();
    clock.set(T.plus(Duration.ofMinutes(28)));
    assertThat(stores.totpStates().load(CredentialId.of("never-seen")).isNeverUsed())
        .as("inside the 30-minute window a missing state reads as used up to the floor")
        .isFalse();
  }
}
