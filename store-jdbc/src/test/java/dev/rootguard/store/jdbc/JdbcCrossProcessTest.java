package dev.rootguard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.store.jdbc.CrossProcessChildren.Child;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once across processes: two separate JVMs ({@link CrossProcessMain}), 16 threads each,
 * submit the same TOTP code, the same HOTP code and the same Yubico OTP through {@code
 * MfaAuthenticator} against one PostgreSQL database, round after round; and wrong codes from both
 * count toward one lockout.
 *
 * <p>FIDO across JVMs is in {@link JdbcFidoCrossProcessTest}.
 */
class JdbcCrossProcessTest {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  private static final int JVMS = 2;
  private static final int THREADS = 16;
  private static final int ROUNDS = 200;

  @Test
  void authenticate_sameCodesFromTwoJvms_exactlyOneAcceptancePerRoundAndOneSharedLockout()
      throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    JdbcStores stores = JdbcStores.builder(PG.dataSource(), Fixtures.sealer("k1", 1)).build();
    for (String factor : List.of("totp", "hotp", "yubico", "lockout")) {
      Rig.enroll(
          stores, CrossProcessMain.principal(tag, factor), CrossProcessMain.tag(tag, factor));
    }
    try (CrossProcessChildren kids = CrossProcessChildren.start(PG, tag, JVMS, THREADS)) {
      List<Child> children = kids.all();
      int[] perJvmWins = new int[JVMS];
      long started = System.nanoTime();
      for (int round = 0; round < ROUNDS; round++) {
        for (Child c : children) {
          c.send("round " + round);
        }
        int totp = 0;
        int hotp = 0;
        int yubico = 0;
        for (int j = 0; j < JVMS; j++) {
          Map<String, Integer> m = CrossProcessChildren.counts(children.get(j).answer());
          assertThat(m.get("other")).as("unexpected reasons in JVM %d", j).isZero();
          totp += m.get("totp");
          hotp += m.get("hotp");
          yubico += m.get("yubico");
          perJvmWins[j] += m.get("totp") + m.get("hotp") + m.get("yubico");
        }
        assertThat(totp).as("TOTP acceptances in round %d", round).isEqualTo(1);
        assertThat(hotp).as("HOTP acceptances in round %d", round).isEqualTo(1);
        assertThat(yubico).as("Yubico OTP acceptances in round %d", round).isEqualTo(1);
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      for (Child c : children) {
        c.send("lockout");
      }
      int wrong = 0;
      List<String> lockoutLines = new ArrayList<>();
      for (Child c : children) {
        String line = c.answer();
        lockoutLines.add(line);
        Map<String, Integer> m = CrossProcessChildren.counts(line);
        assertThat(m.get("other")).isZero();
        assertThat(m.get("locked")).isEqualTo(THREADS);
        wrong += m.get("wrong");
      }
      System.out.println(
          "cross-process: "
              + ROUNDS
              + " rounds x 3 factors x "
              + JVMS
              + " JVMs x "
              + THREADS
              + " threads in "
              + millis
              + " ms; wins per JVM "
              + java.util.Arrays.toString(perJvmWins)
              + "; lockout "
              + lockoutLines);
      assertThat(wrong)
          .as("guesses checked across both JVMs before the shared lockout")
          .isEqualTo(dev.rootguard.mfa.LockoutPolicy.DEFAULT.maxConsecutiveFailures());
    }
  }
}
