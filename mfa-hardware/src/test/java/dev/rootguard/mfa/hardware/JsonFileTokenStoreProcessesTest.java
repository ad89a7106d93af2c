package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.Hotp;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.seal.LocalKeySealer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JsonFileTokenStore} shared by separate JVMs ({@link StoreWorker}). */
class JsonFileTokenStoreProcessesTest {
  static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;
  Path store;
  Path sealKey;

  @BeforeEach
  void setUp() {
    store = dir.resolve("state/tokens.json");
    sealKey = dir.resolve("seal.key");
    LocalKeySealer.openOrCreate(sealKey);
  }

  JsonFileTokenStore open() {
    return JsonFileTokenStore.open(store, LocalKeySealer.open(sealKey));
  }

  static List<String> java(String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                StoreWorker.class.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  @Test
  void verify_twoJvmsEightThreadsEach_everyHotpCodeAcceptedExactlyOnce() throws Exception {
    JsonFileTokenStore s = open();
    s.addAll(
        List.of(HardwareToken.builder("H1", OathType.HOTP, SEED).build()), Principal.of("root"));
    List<String> codes = new ArrayList<>();
    for (int counter = 0; counter < 25; counter++) {
      codes.add(Hotp.code(OtpSecret.fromBytes(SEED), HmacAlgorithm.SHA1, 6, counter));
    }
    Path start = dir.resolve("start");
    List<Process> procs = new ArrayList<>();
    for (int j = 0; j < 2; j++) {
      List<String> args =
          new ArrayList<>(
              List.of("verify", store.toString(), sealKey.toString(), start.toString(), "8", "H1"));
      args.addAll(codes);
      procs.add(
          new ProcessBuilder(java(args.toArray(String[]::new)))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start());
    }
    Thread.sleep(300);
    Files.createFile(start);
    Map<String, Long> accepted = new HashMap<>();
    for (Process p : procs) {
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          String[] parts = line.split(" ");
          accepted.merge(parts[0], Long.parseLong(parts[1]), Long::sum);
        }
      }
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
    }
    // Each JVM tries the codes in order, and leaves a code only once it is accepted somewhere
    // (by it or the other JVM): so every code is accepted exactly once in total.
    assertThat(accepted).hasSize(codes.size());
    assertThat(accepted.values()).containsOnly(1L);
    assertThat(open().state("H1").orElseThrow().lastSequence()).hasValue(24);
  }

  @Test
  void addAll_writerKilledMidImport_fileWholeAndStrayTemporaryFilesRemovedOnOpen()
      throws Exception {
    int batch = 1000;
    int strayLeft = 0;
    int kills = 0;
    // Kill at random moments until a kill has landed inside a write (a temporary file was left),
    // at most 6 times; every time, the file must be whole and open must clean up.
    while (kills < 6 && strayLeft == 0) {
      Process p =
          new ProcessBuilder(
                  java(
                      "import-loop", store.toString(), sealKey.toString(), "" + batch, "K" + kills))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertThat(r.readLine()).isEqualTo("wrote 1");
      Thread.sleep(ThreadLocalRandom.current().nextInt(0, 400));
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      kills++;
      try (var files = Files.list(store.getParent())) {
        strayLeft += (int) files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count();
      }

      JsonFileTokenStore after = open(); // strict: a torn file would fail here
      assertThat(after.serials().size() % batch).isZero();
      assertThat(after.serials().size()).isGreaterThanOrEqualTo(kills * batch);
      try (var files = Files.list(store.getParent())) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .containsExactlyInAnyOrder("tokens.json", "tokens.json.lock");
      }
    }
    System.out.println(kills + " kill(s), " + strayLeft + " stray temporary file(s) cleaned up");
  }
}
