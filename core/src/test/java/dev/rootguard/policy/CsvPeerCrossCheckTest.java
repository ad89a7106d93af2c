package dev.rootguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rootguard.policy.internal.CredentialReportParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-checks the credential report tokenizer against Python's {@code csv} module (the reader
 * Prowler uses for the same reports): 150 generated reports with quoted fields, embedded commas,
 * quotes and line breaks, CRLF or LF, and the root row anywhere must give the same root cells.
 */
class CsvPeerCrossCheckTest {
  static final String PY =
      "import csv, json, sys\n"
          + "cols = sys.argv[1].split(',')\n"
          + "out = []\n"
          + "for p in sys.argv[2:]:\n"
          + "    with open(p, newline='', encoding='utf-8') as f:\n"
          + "        rows = [r for r in csv.DictReader(f) if r['user'] == '<root_account>']\n"
          + "    out.append([rows[0][c] for c in cols])\n"
          + "print(json.dumps(out))\n";

  static String python() {
    for (String p : new String[] {"/usr/bin/python3", "python3"}) {
      try {
        Process pr = new ProcessBuilder(p, "-c", "import csv").redirectErrorStream(true).start();
        if (pr.waitFor(20, TimeUnit.SECONDS) && pr.exitValue() == 0) {
          return p;
        }
      } catch (IOException | InterruptedException e) {
        // try the next one
      }
    }
    return null;
  }

  static String cell(Random r) {
    String[] pieces = {"a", "b", ",", "\"", "\n", "\r\n", " ", "日本", "N/A", "x y", "''"};
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      sb.append(pieces[r.nextInt(pieces.length)]);
    }
    return sb.toString();
  }

  static String quote(String v, boolean always) {
    boolean need =
        always || v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r");
    return need ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

  @Test
  void rootRowCells_matchPythonCsv(@TempDir Path dir) throws Exception {
    String py = python();
    boolean ci = "true".equals(System.getenv("CI"));
    if (py == null) {
      if (ci) {
        throw new AssertionError("python3 is required in CI for the CSV cross-check");
      }
      Assumptions.assumeTrue(false, "python3 not installed: CSV peer cross-check skipped");
    }
    Random r = new Random(20261128);
    List<String> files = new ArrayList<>();
    List<List<String>> ours = new ArrayList<>();
    for (int n = 0; n < 150; n++) {
      String eol = r.nextBoolean() ? "\r\n" : "\n";
      boolean quoteAll = r.nextInt(4) == 0;
      List<String> root = new ArrayList<>(List.of(Fixtures.rootRow().split(",")));
      // free-text columns may hold anything
      root.set(11, cell(r));
      root.set(12, cell(r));
      root.set(16, cell(r));
      StringBuilder sb = new StringBuilder(Fixtures.HEADER).append(eol);
      int users = r.nextInt(6);
      int rootAt = r.nextInt(users + 1);
      for (int u = 0; u <= users; u++) {
        if (u == rootAt) {
          appendRow(sb, root, quoteAll, eol);
        }
        if (u < users) {
          List<String> user = new ArrayList<>(List.of(Fixtures.userRow(u).split(",")));
          user.set(0, "u" + cell(r));
          user.set(12, cell(r));
          appendRow(sb, user, quoteAll, eol);
        }
      }
      Path f = dir.resolve("r" + n + ".csv");
      byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
      Files.write(f, bytes);
      files.add(f.toString());
      ours.add(CredentialReportParser.parse(bytes).root());
    }
    List<String> cmd =
        new ArrayList<>(List.of(py, "-c", PY, String.join(",", CredentialReportParser.COLUMNS)));
    cmd.addAll(files);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    JsonNode theirs = new ObjectMapper().readTree(out);
    assertThat(theirs.size()).isEqualTo(ours.size());
    for (int i = 0; i < ours.size(); i++) {
      List<String> t = new ArrayList<>();
      theirs.get(i).forEach(x -> t.add(x.asText()));
      assertThat(ours.get(i)).as("report " + i).isEqualTo(t);
    }
  }

  static void appendRow(StringBuilder sb, List<String> cells, boolean quoteAll, String eol) {
    List<String> q = new ArrayList<>();
    for (String c : cells) {
      q.add(quote(c, quoteAll));
    }
    sb.append(String.join(",", q)).append(eol);
  }
}
