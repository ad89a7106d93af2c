package dev.rootguard.benchmarks.password;

import dev.rootguard.password.PasswordDictionary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Loads a generated 10-million-entry list (written to the path given, or {@code
 * /tmp/rootguard-10m.txt}) into the compact dictionary and compares its lookup cost with the
 * bundled 30,000-entry list, in alternating rounds.
 */
public final class TenMillionLookup {
  public static void main(String[] a) throws Exception {
    Path f = Path.of(a.length > 0 ? a[0] : "/tmp/rootguard-10m.txt");
    Random r = new Random(1);
    if (!Files.exists(f)) {
      try (var w = Files.newBufferedWriter(f)) {
        char[] c = new char[10];
        for (int i = 0; i < 10_000_000; i++) {
          int n = 6 + r.nextInt(5);
          for (int j = 0; j < n; j++) c[j] = (char) ('a' + r.nextInt(26));
          w.write(c, 0, n);
          w.write('\n');
        }
      }
    }
    System.gc();
    long m0 = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    long t0 = System.nanoTime();
    PasswordDictionary big = PasswordDictionary.load(f);
    long t1 = System.nanoTime();
    System.gc();
    long m1 = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    System.out.printf(
        "10M load: %.0f ms, heap %.0f MB, size %d%n", (t1 - t0) / 1e6, (m1 - m0) / 1e6, big.size());
    PasswordDictionary small = PasswordDictionary.bundled();
    List<String> listed = Files.readAllLines(f).subList(0, 500);
    String[] probes = new String[1000];
    for (int i = 0; i < 1000; i++)
      probes[i] = i % 2 == 0 ? listed.get(i / 2).toUpperCase() : "zq" + r.nextInt(1_000_000) + "x";
    String[] sprobes = new String[1000];
    List<String> common =
        List.of(
            "password",
            "123456",
            "qwerty",
            "letmein",
            "dragon",
            "monkey",
            "shadow",
            "master",
            "sunshine",
            "football");
    for (int i = 0; i < 1000; i++)
      sprobes[i] =
          i % 2 == 0
              ? common.get(i % 10).toUpperCase() + (i % 3 == 0 ? "" : "")
              : "zq" + r.nextInt(1_000_000) + "x";
    for (int round = 0; round < 8; round++) {
      long hits = 0;
      long s0 = System.nanoTime();
      for (int k = 0; k < 2000; k++) for (String p : probes) if (big.contains(p)) hits++;
      long s1 = System.nanoTime();
      for (int k = 0; k < 2000; k++) for (String p : sprobes) if (small.contains(p)) hits++;
      long s2 = System.nanoTime();
      System.out.printf(
          "round %d: 10M-entry %.1f ns/lookup, bundled %.1f ns/lookup (%d)%n",
          round, (s1 - s0) / 2e6, (s2 - s1) / 2e6, hits);
    }
  }
}
