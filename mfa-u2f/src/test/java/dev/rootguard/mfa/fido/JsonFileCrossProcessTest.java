package dev.rootguard.mfa.fido;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two separate JVMs share one {@link JsonFileSecurityKeyStore} file: both add credentials, both
 * claim one credential id and one user handle, and both race {@code updateSignatureCount} with the
 * same expected value, round after round. Exactly one process thread wins each round, and nothing
 * either wrote is lost.
 */
class JsonFileCrossProcessTest {
  private static final int ROUNDS = 200;
  private static final int THREADS = 4;
  private static final int ADDS = 10;

  @TempDir Path dir;

  @Test
  void updateSignatureCount_twoJvmsRacing_oneWinnerPerRoundNothingLost() throws Exception {
    Path file = dir.resolve("keys.json");
    JsonFileSecurityKeyStore.open(file)
        .add(SecurityKeyStoreTest.credential(FileStoreRaceWorker.SHARED.value(), "alice", 0));

    List<Process> procs = new ArrayList<>();
    List<BufferedReader> outs = new ArrayList<>();
    try {
      for (String name : List.of("cA", "cB")) {
        ProcessBuilder pb =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    System.getProperty("java.class.path"),
                    FileStoreRaceWorker.class.getName(),
                    file.toString(),
                    name,
                    String.valueOf(ROUNDS),
                    String.valueOf(THREADS),
                    String.valueOf(ADDS))
                .redirectError(dir.resolve(name + ".err").toFile());
        Process p = pb.start();
        procs.add(p);
        outs.add(
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
      }
      for (int i = 0; i < procs.size(); i++) {
        assertThat(outs.get(i).readLine()).as(stderr(i)).isEqualTo("ready");
      }
      for (Process p : procs) {
        OutputStream in = p.getOutputStream();
        in.write("go\n".getBytes(StandardCharsets.US_ASCII));
        in.flush();
      }

      Map<Integer, Integer> winsPerRound = new HashMap<>();
      Set<String> added = new HashSet<>();
      Set<String> handles = new HashSet<>();
      int commonWins = 0;
      for (int i = 0; i < procs.size(); i++) {
        List<String> lines = new ArrayList<>();
        for (String line; (line = outs.get(i).readLine()) != null; ) {
          lines.add(line);
        }
        assertThat(procs.get(i).waitFor(120, TimeUnit.SECONDS)).as(stderr(i)).isTrue();
        assertThat(procs.get(i).exitValue()).as(stderr(i)).isZero();
        assertThat(lines).as(stderr(i)).endsWith("done");
        for (String line : lines) {
          String[] w = line.split(" ");
          switch (w[0]) {
            case "win":
              winsPerRound.merge(Integer.parseInt(w[1]), 1, Integer::sum);
              break;
            case "added":
              assertThat(w[2]).as(line).isEqualTo("true");
              added.add(w[1]);
              break;
            case "handle":
              handles.add(w[1]);
              break;
            case "common":
              commonWins += Boolean.parseBoolean(w[1]) ? 1 : 0;
              break;
            default:
              assertThat(w[0]).isEqualTo("done");
          }
        }
      }

      assertThat(winsPerRound).hasSize(ROUNDS);
      assertThat(winsPerRound.values()).allMatch(n -> n == 1);
      assertThat(commonWins).isEqualTo(1);
      assertThat(handles).hasSize(1);
      assertThat(added).hasSize(2 * THREADS * ADDS);

      JsonFileSecurityKeyStore after = JsonFileSecurityKeyStore.open(file);
      assertThat(after.find(FileStoreRaceWorker.SHARED).orElseThrow().signatureCount())
          .isEqualTo(ROUNDS);
      for (String id : added) {
        assertThat(after.find(dev.rootguard.mfa.CredentialId.of(id))).as(id).isPresent();
      }
      assertThat(after.find(FileStoreRaceWorker.COMMON)).isPresent();
      assertThat(after.findPrincipalByUserHandle(handles.iterator().next()))
          .contains(FileStoreRaceWorker.CAROL);
    } finally {
      for (Process p : procs) {
        if (p.isAlive()) {
          p.destroyForcibly();
        }
      }
    }
  }

  private String stderr(int i) {
    Path err = dir.resolve((i == 0 ? "cA" : "cB") + ".err");
    try {
      return Files.exists(err) ? "stderr: " + Files.readString(err) : "no stderr";
    } catch (java.io.IOException e) {
      return "stderr unreadable: " + e;
    }
  }
}
