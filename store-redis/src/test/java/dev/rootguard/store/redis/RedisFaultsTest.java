package dev.rootguard.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.testkit.process.CrossProcessFixtures;
import dev.rootguard.testsupport.MutableClock;
import dev.rootguard.testsupport.RedisServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redis failing under the stores: killed, paused (SIGSTOP, so commands time out), and a connection
 * reset in the middle of the compare-and-set that accepts a code. Every case rejects with {@code
 * STORE_UNAVAILABLE} (fail closed), and no code is ever accepted twice.
 */
class RedisFaultsTest {
  private final MutableClock clock = new MutableClock(CrossProcessFixtures.T0);
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private RedisServer server;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
    if (server != null) {
      server.stop();
    }
  }

  private RedisStores stores(String uri, Duration timeout) {
    RedisStores s =
        RedisStores.builder(uri, Fixtures.sealer("k1", 1))
            .clock(clock)
            .commandTimeout(timeout)
            .build();
    toClose.add(s);
    return s;
  }

  /**
   * Writes the marker and the fixtures through stores with a generous timeout (a loaded machine),
   * then returns stores with the timeout under test, connected.
   */
  private RedisStores initialized(String uri, Duration timeout) {
    RedisStores setUp = stores(uri, Duration.ofSeconds(10));
    clock.set(CrossProcessFixtures.T0.minusSeconds(3600));
    setUp.init();
    clock.set(CrossProcessFixtures.T0);
    Rig.enroll(setUp, ALICE, "a");
    RedisStores s = stores(uri, timeout);
    for (int i = 0; ; i++) {
      try {
        s.check(); // connects
        return s;
      } catch (StoreException e) {
        if (i > 20) {
          throw e;
        }
      }
    }
  }

  private static final Principal ALICE = Principal.of("alice");

  private static Reason reason(MfaResult r) {
    return ((MfaResult.Rejected) r).reason();
  }

  private static void signal(long pid, String sig) throws Exception {
    Process p = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start();
    assertThat(p.waitFor()).isZero();
  }

  @Test
  void serverKilled_rejectsStoreUnavailable_neverAccepts() {
    server = RedisServer.startPrivate(false);
    RedisStores stores = initialized(server.uri(), Duration.ofMillis(500));
    MfaAuthenticator mfa = Rig.authenticator(stores, clock);

    server.process().kill();

    assertThat(
            reason(mfa.authenticate(CrossProcessFixtures.totpAttempt(ALICE, "a", clock.instant()))))
        .isEqualTo(Reason.STORE_UNAVAILABLE);
    assertThat(reason(mfa.authenticate(CrossProcessFixtures.hotpAttempt(ALICE, "a", 0))))
        .isEqualTo(Reason.STORE_UNAVAILABLE);
    assertThatThrownBy(() -> stores.ceremonies().take("x".repeat(16), "k", clock.instant()))
        .isInstanceOf(StoreException.class)
        .hasMessageNotContaining("x".repeat(16));
  }

  @Test
  void serverNeverReachable_buildWorks_operationsFailClosed() {
    RedisStores stores = stores("redis://127.0.0.1:1", Duration.ofMillis(500));
    MfaAuthenticator mfa = Rig.authenticator(stores, clock);

    assertThat(
            reason(mfa.authenticate(CrossProcessFixtures.totpAttempt(ALICE, "a", clock.instant()))))
        .isEqualTo(Reason.STORE_UNAVAILABLE);
    assertThatThrownBy(stores::check)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot connect");
  }

  @Test
  void serverPaused_commandTimesOut_failClosed_thenCodeAcceptedExactlyOnce() throws Exception {
    server = RedisServer.startPrivate(false);
    RedisStores stores = initialized(server.uri(), Duration.ofMillis(300));
    MfaAuthenticator mfa = Rig.authenticator(stores, clock);
    long pid = server.process().pid();

    signal(pid, "STOP");
    long t0 = System.nanoTime();
    MfaResult paused;
    try {
      paused = mfa.authenticate(CrossProcessFixtures.totpAttempt(ALICE, "a", clock.instant()));
    } finally {
      signal(pid, "CONT");
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;

    assertThat(reason(paused)).isEqualTo(Reason.STORE_UNAVAILABLE);
    assertThat(ms).as("bounded by the command timeout").isLessThan(5_000);
    // The server runs what was queued once it resumes; the code is then accepted once only.
    int accepted = 0;
    for (int i = 0; i < 3; i++) {
      MfaResult r = mfa.authenticate(CrossProcessFixtures.totpAttempt(ALICE, "a", clock.instant()));
      if (r.isAccepted()) {
        accepted++;
      } else {
        assertThat(reason(r)).isIn(Reason.REPLAYED, Reason.STORE_UNAVAILABLE);
      }
      Thread.sleep(100);
    }
    assertThat(accepted).isEqualTo(1);
  }

  @Test
  void connectionResetDuringCompareAndSet_failClosed_codeNeverAcceptedTwice() throws Exception {
    server = RedisServer.startPrivate(false);
    RedisStores direct = initialized(server.uri(), Duration.ofSeconds(2));
    assertThat(
            Rig.authenticator(direct, clock)
                .authenticate(CrossProcessFixtures.totpAttempt(ALICE, "a", clock.instant()))
                .isAccepted())
        .as("warm-up: the scripts are in the server's cache")
        .isTrue();
    CuttingProxy proxy = new CuttingProxy(server.port());
    toClose.add(proxy);
    RedisStores stores = stores("redis://127.0.0.1:" + proxy.port(), Duration.ofSeconds(2));
    MfaAuthenticator mfa = Rig.authenticator(stores, clock);
    clock.set(CrossProcessFixtures.T0.plusSeconds(30));
    String stateKey = "{c:" + CrossProcessFixtures.totpId("a").value() + "}:otp";

    proxy.cutOnce(stateKey);
    MfaResult cut = mfa.authenticate(CrossProcessFixtures.totpAttempt(ALICE, "a", clock.instant()));

    assertThat(proxy.cuts()).isEqualTo(1);
    assertThat(reason(cut)).isEqualTo(Reason.STORE_UNAVAILABLE);
    // The compare-and-set ran on the server: the same code is a replay, never a second acceptance.
    MfaResult again = retryWhileUnavailable(mfa, clock.instant());
    assertThat(reason(again)).isEqualTo(Reason.REPLAYED);
    clock.set(CrossProcessFixtures.T0.plusSeconds(60));
    assertThat(retryWhileUnavailable(mfa, clock.instant()).isAccepted()).isTrue();
  }

  private static MfaResult retryWhileUnavailable(MfaAuthenticator mfa, Instant at)
      throws InterruptedException {
    for (int i = 0; ; i++) {
      MfaResult r = mfa.authenticate(CrossProcessFixtures.totpAttempt(ALICE, "a", at));
      if (r.isAccepted() || reason(r) != Reason.STORE_UNAVAILABLE || i > 50) {
        return r;
      }
      Thread.sleep(100); // Lettuce reconnecting
    }
  }

  @Test
  void connectionResetDuringCeremonyTake_failClosed_ceremonyNeverTakenTwice() throws Exception {
    server = RedisServer.startPrivate(false);
    RedisStores direct = initialized(server.uri(), Duration.ofSeconds(2));
    CuttingProxy proxy = new CuttingProxy(server.port());
    toClose.add(proxy);
    RedisStores stores = stores("redis://127.0.0.1:" + proxy.port(), Duration.ofSeconds(2));
    String id = "ceremony-reset-0001";
    Instant exp = Instant.now().plusSeconds(300);
    assertThat(
            direct
                .ceremonies()
                .put(id, new CeremonyStore.Ceremony("authentication", ALICE, exp, "{}")))
        .isTrue();
    assertThat(direct.ceremonies().take("unknown-ceremony-01", "authentication", Instant.now()))
        .as("warm-up: the take script is in the server's cache")
        .isNotNull();

    proxy.cutOnce("cer:" + id);
    assertThatThrownBy(() -> stores.ceremonies().take(id, "authentication", Instant.now()))
        .isInstanceOf(StoreException.class);

    assertThat(direct.ceremonies().take(id, "authentication", Instant.now()).status())
        .isEqualTo(CeremonyStore.Status.USED);
  }
}
