package dev.rootguard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.CeremonyRequest;
import dev.rootguard.mfa.fido.RegistrationOutcome;
import dev.rootguard.mfa.fido.SecurityKeyVerifier;
import dev.rootguard.testkit.fido.SoftwareAuthenticator;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once across processes: two separate JVMs ({@link CrossProcessMain}), 16 threads each,
 * submit the same TOTP code, the same HOTP code, the same Yubico OTP and the same FIDO assertion
 * through {@code MfaAuthenticator} against one PostgreSQL database, round after round; wrong codes
 * from both count toward one lockout; and a FIDO ceremony (registration, sign-in) started in one
 * JVM finishes in another, once.
 *
 * <p>The two child JVMs are started once for the class and take their commands over stdin; the test
 * JVM is a third process on the same database (it enrolls, and holds the software FIDO
 * authenticator, whose private keys never leave it).
 */
class JdbcCrossProcessTest {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  private static final int JVMS = 2;
  private static final int THREADS = 16;
  private static final int ROUNDS = 200;

  /** A tag for this run's principals and credentials. */
  private static final String TAG = UUID.randomUUID().toString().substring(0, 8);

  private static final List<Child> children = new ArrayList<>();

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

  @BeforeAll
  static void startChildren() throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
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
                  TAG,
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
  }

  @AfterAll
  static void stopChildren() throws InterruptedException {
    for (Child c : children) {
      c.stop();
    }
    children.clear();
  }

  @Test
  void authenticate_sameCodesFromTwoJvms_exactlyOneAcceptancePerRoundAndOneSharedLockout()
      throws Exception {
    String tag = TAG;
    JdbcStores stores = JdbcStores.builder(PG.dataSource(), Fixtures.sealer("k1", 1)).build();
    for (String factor : List.of("totp", "hotp", "yubico", "lockout")) {
      Rig.enroll(
          stores, CrossProcessMain.principal(tag, factor), CrossProcessMain.tag(tag, factor));
    }
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
  }

  private static String ask(Child c, String command) throws Exception {
    c.send(command);
    return c.answer();
  }

  /** Registers a key for the principal in this (the test) JVM, over the shared stores. */
  private static String register(SecurityKeyVerifier keys, SoftwareAuthenticator key, Principal p) {
    CeremonyRequest req = keys.startRegistration(p);
    RegistrationOutcome out =
        keys.finishRegistration(req.requestId(), key.register(req.optionsJson(), Rig.ORIGIN));
    assertThat(out).isInstanceOf(RegistrationOutcome.Registered.class);
    return ((RegistrationOutcome.Registered) out).credential().id().value();
  }

  @Test
  void finishRegistration_startedInOtherJvm_registeredOnceThenReplayed() throws Exception {
    Principal p = CrossProcessMain.principal(TAG, "fido-registration");
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    String[] started = ask(children.get(0), "fido-start-registration " + p.id()).split(" ", 3);
    assertThat(started[0]).isEqualTo("fido-started");
    String created = key.register(started[2], Rig.ORIGIN);
    String credential = key.credentialIds().get(0);

    String inB = ask(children.get(1), "fido-finish-registration " + started[1] + " " + created);
    String againInA =
        ask(children.get(0), "fido-finish-registration " + started[1] + " " + created);

    assertThat(inB).isEqualTo("fido-registered " + credential);
    assertThat(againInA).isEqualTo("fido-rejected " + Reason.REPLAYED);
    JdbcStores stores = JdbcStores.builder(PG.dataSource(), Fixtures.sealer("k1", 1)).build();
    assertThat(stores.securityKeys().find(CredentialId.of(credential)).map(c -> c.principal()))
        .contains(p);
  }

  @Test
  void finishAuthentication_startedInOtherJvm_acceptedOnceThenReplayed() throws Exception {
    Principal p = CrossProcessMain.principal(TAG, "fido-handover");
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    JdbcStores stores = JdbcStores.builder(PG.dataSource(), Fixtures.sealer("k1", 1)).build();
    String credential = register(Rig.securityKeys(stores), key, p);
    String[] started = ask(children.get(1), "fido-start-authentication " + p.id()).split(" ", 3);
    assertThat(started[0]).isEqualTo("fido-started");
    String assertion = key.authenticate(started[2], Rig.ORIGIN);

    String inA = ask(children.get(0), "fido-finish-authentication " + started[1] + " " + assertion);
    String againInB =
        ask(children.get(1), "fido-finish-authentication " + started[1] + " " + assertion);

    assertThat(inA).isEqualTo("fido-accepted " + credential);
    assertThat(againInB).isEqualTo("fido-rejected " + Reason.REPLAYED);
    assertThat(
            stores.securityKeys().find(CredentialId.of(credential)).orElseThrow().signatureCount())
        .as("the stored counter is the one the accepted assertion carried")
        .isEqualTo(key.signCount(credential));
  }

  /**
   * Each round this JVM starts one sign-in ceremony and signs it once; both children submit that
   * one assertion from 16 threads each, released together. Exactly one of the 32 is accepted. Every
   * other one must be {@code REPLAYED}: the ceremony take is the verifier's first store operation
   * and is atomic, so the losers read the ceremony as used and stop there. They never reach the
   * signature counter, so {@code POSSIBLE_CLONE} would mean a second submission got past the take;
   * the ceremony was put a moment ago with a 5-minute lifetime by the clock all three JVMs share,
   * so {@code REQUEST_EXPIRED} would mean the take misread its row; and the limiter's budget (100)
   * is never reached, since a round holds at most 32 reservations plus the 31 replays of the round
   * before it, so {@code LOCKED_OUT} would mean the shared limiter miscounted.
   */
  @Test
  void authenticate_sameAssertionFromTwoJvms_exactlyOneAcceptancePerRoundRestReplayed()
      throws Exception {
    Principal p = CrossProcessMain.principal(TAG, "fido-race");
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    JdbcStores stores = JdbcStores.builder(PG.dataSource(), Fixtures.sealer("k1", 1)).build();
    SecurityKeyVerifier keys = Rig.securityKeys(stores);
    String credential = register(keys, key, p);
    int[] perJvmWins = new int[JVMS];
    List<String> bad = new ArrayList<>();
    long started = System.nanoTime();

    for (int round = 0; round < ROUNDS; round++) {
      CeremonyRequest req = keys.startAuthentication(p);
      String assertion = key.authenticate(req.optionsJson(), Rig.ORIGIN);
      for (Child c : children) {
        c.send("fido-race " + p.id() + " " + credential + " " + req.requestId() + " " + assertion);
      }
      for (Child c : children) {
        assertThat(c.answer()).isEqualTo("fido-armed");
      }
      for (Child c : children) {
        c.send("go");
      }
      int accepted = 0;
      int replayed = 0;
      List<String> lines = new ArrayList<>();
      for (int j = 0; j < JVMS; j++) {
        String line = children.get(j).answer();
        lines.add(line);
        Map<String, Integer> m = counts(line);
        accepted += m.get("accepted");
        replayed += m.get("replayed");
        perJvmWins[j] += m.get("accepted");
      }
      if (accepted != 1 || replayed != JVMS * THREADS - 1) {
        bad.add("round " + round + ": " + lines);
      }
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    System.out.println(
        "cross-process FIDO: "
            + ROUNDS
            + " rounds x "
            + JVMS
            + " JVMs x "
            + THREADS
            + " threads, one assertion per round, in "
            + millis
            + " ms; wins per JVM "
            + java.util.Arrays.toString(perJvmWins));

    assertThat(bad).as("rounds without exactly one acceptance and the rest REPLAYED").isEmpty();
    assertThat(perJvmWins[0] + perJvmWins[1]).isEqualTo(ROUNDS);
    assertThat(
            stores.securityKeys().find(CredentialId.of(credential)).orElseThrow().signatureCount())
        .as("every round advanced the stored counter once, to the assertion's")
        .isEqualTo(key.signCount(credential));
  }
}
