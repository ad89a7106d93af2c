package dev.rootguard.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.OathType;
import dev.rootguard.testkit.process.CrossProcessFixtures;
import dev.rootguard.testsupport.LocalServer;
import dev.rootguard.testsupport.MutableClock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stores on a Redis Cluster: a one-node cluster (cluster mode on, all 16,384 slots on the
 * node), through Lettuce's cluster client ({@code cluster(true)}). In cluster mode Redis refuses a
 * script whose keys span slots ({@code CROSSSLOT}), so every operation passing here shows that the
 * key layout keeps each script in one slot, and that the per-slot markers are written and checked.
 */
class RedisClusterTest {
  private static LocalServer node;

  @BeforeAll
  static void startCluster() throws IOException {
    Path bin = LocalServer.onPath("redis-server");
    if (bin == null) {
      LocalServer.unavailable("redis-server is not installed (Debian package redis-server)");
    }
    Path dir = Files.createTempDirectory("rootguard-test-redis-cluster");
    node =
        LocalServer.start(
            "redis-cluster",
            dir,
            port ->
                List.of(
                    bin.toString(),
                    "--bind",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(port),
                    "--dir",
                    dir.toString(),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--cluster-announce-ip",
                    "127.0.0.1",
                    "--cluster-enabled",
                    "yes",
                    "--cluster-config-file",
                    dir.resolve("nodes.conf").toString()),
            port -> LocalServer.replies(port, "PING\r\n", "+PONG"));
    RedisClient c = RedisClient.create("redis://127.0.0.1:" + node.port());
    try (StatefulRedisConnection<String, String> conn = c.connect()) {
      for (int s = 0; s < 16384; s += 1024) {
        int[] slots = new int[1024];
        for (int i = 0; i < slots.length; i++) {
          slots[i] = s + i;
        }
        conn.sync().clusterAddSlots(slots);
      }
    } finally {
      c.shutdown();
    }
    RedisClient probe = RedisClient.create("redis://127.0.0.1:" + node.port());
    try (StatefulRedisConnection<String, String> conn = probe.connect()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!conn.sync().clusterInfo().contains("cluster_state:ok")) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("one-node cluster did not become ok");
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      probe.shutdown();
    }
  }

  @AfterAll
  static void stopCluster() {
    if (node != null) {
      node.stop();
    }
  }

  @Test
  void everyStore_onCluster_worksWithinOneSlotPerScript() {
    MutableClock clock = new MutableClock(CrossProcessFixtures.T0.minusSeconds(3600));
    try (RedisStores stores =
        RedisStores.builder("redis://127.0.0.1:" + node.port(), Fixtures.sealer("k1", 1))
            .cluster(true)
            .clock(clock)
            .build()) {
      assertThat(stores.init().created()).isTrue();
      stores.check();
      clock.set(CrossProcessFixtures.T0);
      Principal p = Principal.of("alice");
      Rig.enroll(stores, p, "c1");
      MfaAuthenticator mfa = Rig.authenticator(stores, clock);

      MfaResult first =
          mfa.authenticate(CrossProcessFixtures.totpAttempt(p, "c1", clock.instant()));
      MfaResult again =
          mfa.authenticate(CrossProcessFixtures.totpAttempt(p, "c1", clock.instant()));
      MfaResult hotp = mfa.authenticate(CrossProcessFixtures.hotpAttempt(p, "c1", 0));
      MfaResult yubico = mfa.authenticate(CrossProcessFixtures.yubicoAttempt(p, "c1", 1));

      assertThat(first.isAccepted()).isTrue();
      assertThat(((MfaResult.Rejected) again).reason()).isEqualTo(MfaResult.Reason.REPLAYED);
      assertThat(hotp.isAccepted()).isTrue();
      assertThat(yubico.isAccepted()).isTrue();
      assertThat(stores.replayGuard().tryAccept(CrossProcessFixtures.totpId("c1"), 99_000_000L))
          .isTrue();
      stores
          .tokens()
          .addAll(
              List.of(
                  HardwareToken.builder("CL-1", OathType.HOTP, CrossProcessFixtures.bytes(20, 5))
                      .build(),
                  HardwareToken.builder("CL-2", OathType.HOTP, CrossProcessFixtures.bytes(20, 6))
                      .build()));
      assertThat(stores.tokens().serials()).contains("CL-1", "CL-2");
      String id = "cluster-ceremony-0001";
      Instant exp = clock.instant().plusSeconds(60);
      assertThat(
              stores
                  .ceremonies()
                  .put(id, new CeremonyStore.Ceremony("authentication", p, exp, "{}")))
          .isTrue();
      assertThat(stores.ceremonies().take(id, "authentication", clock.instant()).status())
          .isEqualTo(CeremonyStore.Status.TAKEN);
      assertThat(stores.totpCredentials().findByOwner(p))
          .containsExactly(CrossProcessFixtures.totpId("c1"));
      assertThat(stores.reseal().unchanged())
          .as("1 TOTP secret, 3 seeds, 1 Yubico key")
          .isEqualTo(5);
    }
  }
}
