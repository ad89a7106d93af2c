package dev.rootguard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once across processes: two separate JVMs ({@link CrossProcessMain}), 16 threads each,
 * submit the same TOTP code, the same HOTP code and the same Yubico OTP through {@code
 * MfaAuthenticator} against one PostgreSQL database, round after round; and wrong codes from both
 * count toward one lockout.
 *
 * <p>FIDO is not covered yet: a cross-JVM FIDO assertion needs the ceremony store wired into {@code
 * SecurityKeyVerifier} (another change); {@link CrossProcessMain} is where a {@code fido} command
 * would go, with the ceremony started in one JVM and finished in the other.
 */
class JdbcCrossProcessTest {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  private static final int JVMS = 2;
  private static final int THREADS = 16;
  private static final int ROUNDS = 200;

  private static final class Child {
    final Process process;
    final BufferedReader out;
    final PrintWriter in;
    final Path log;

    Child(Process p, Path log) {
      this.process = p;
      this.log = log;
      this.out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      this.in = new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    void send(String command) {
      in.println(command);
    }

    String answer() throws Exception {
      String line = out.readLine();
      if (line == null) {
        throw new AssertionError(
            "child " + process.pid() + " ended; its log:\n" + Files.readString(log));
      }
      return line;
    }

    void stop() throws InterruptedException {
      in.println("exit");
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly(); // our own child, by its handle
      }
      try {
        Files.deleteIfExists(log);
      } catch (java.io.IOException e) {
        // a leftover log in the temp directory is harmless
      }
    }
  }

  private static Map<String, Integer> counts(String line) {
    Map<String, Integer> m = new HashMap<>();
    Matcher x = Pattern.compile("(\\w+)=(\\d+)").matcher(line);
    while (x.find()) {
      m.put(x.group(1), Integer.parseInt(x.group(2)));
    }
    return m;
  }

  @Test
  void authenticate_sameCodesFromTwoJvms_exactlyOneAcceptancePerRoundAndOneSharedLockout()
      throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    JdbcStores stores = JdbcStores.builder(PG.dataSource(), Fixtures.sealer("k1", 1)).build();
    for (String factor : List.of("totp", "hotp", "yubico", "lockout")) {
      Rig.enroll(
          stores, CrossProcessMain.principal(tag, factor), CrossProcessMain.tag(tag, factor));
    }
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Child> children = new ArrayList<>();
    try {
      for (int j = 0; j < JVMS; j++) {
        Path log = Files.createTempFile("rootguard-xproc-", ".log");
        ProcessBuilder pb =
            new ProcessBuilder(
                    javaBin,
                    "-cp",
                    System.getProperty("java.class.path"),
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    CrossProcessMain.class.getName(),
                    PG.url(),
                    PG.user(),
                    tag,
                    Integer.toString(THREADS))
                .redirectError(log.toFile());
        pb.environment().put("ROOTGUARD_XPROC_PASSWORD", PG.password());
        children.add(new Child(pb.start(), log));
      }
      List<Long> pids = new ArrayList<>();
      for (Child c : children) {
        String ready = c.answer();
        assertThat(ready).startsWith("ready ");
        pids.add(Long.parseLong(ready.substring(6)));
      }
      assertThat(pids).doesNotHaveDuplicates().doesNotContain(ProcessHandle.current().pid());

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
          Map<String, Integer> m = counts(children.get(j).answer());
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
        Map<String, Integer> m = counts(line);
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
    } finally {
      for (Child c : children) {
        c.stop();
      }
    }
  }
}
