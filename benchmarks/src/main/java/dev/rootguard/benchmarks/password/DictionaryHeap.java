package dev.rootguard.benchmarks.password;

import dev.rootguard.password.PasswordDictionary;
import dev.rootguard.password.internal.CompactDictionary;
import dev.rootguard.password.internal.StrengthEstimator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Measures, in a fresh JVM, the cold load time of the bundled dictionary and the heap it and the
 * estimator's word trie retain (used heap after full GCs, before and after; rough but honest), next
 * to a {@code HashSet<String>} of the same words.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.rootguard.benchmarks.password.DictionaryHeap}
 */
public final class DictionaryHeap {
  private DictionaryHeap() {}

  /**
   * Prints the measurements.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    long before = usedAfterGc();
    long t0 = System.nanoTime();
    PasswordDictionary d = PasswordDictionary.bundled();
    long loadNanos = System.nanoTime() - t0;
    long afterDict = usedAfterGc();
    long t1 = System.nanoTime();
    StrengthEstimator est = StrengthEstimator.create(d);
    est.estimate("warm-up", List.of());
    long estimatorNanos = System.nanoTime() - t1;
    long afterEstimator = usedAfterGc();
    Set<String> set = new HashSet<>();
    for (String w : DictionaryBenchmark.bundledLines()) {
      set.add(w.toLowerCase(Locale.ROOT));
    }
    long afterSet = usedAfterGc();
    System.out.printf(
        Locale.ROOT,
        "bundled dictionary: %d entries, cold load %.1f ms, heap %.0f KB (measured), %.0f KB"
            + " (array sizes)%n",
        d.size(),
        loadNanos / 1e6,
        (afterDict - before) / 1024.0,
        ((CompactDictionary) d).retainedBytes() / 1024.0);
    System.out.printf(
        Locale.ROOT,
        "estimator word trie (6 lists): first estimate %.1f ms, heap %.0f KB (measured)%n",
        estimatorNanos / 1e6,
        (afterEstimator - afterDict) / 1024.0);
    System.out.printf(
        Locale.ROOT,
        "HashSet<String> of the same %d words: heap %.0f KB (measured)%n",
        set.size(),
        (afterSet - afterEstimator) / 1024.0);
    if (d.contains("x") && set.isEmpty() && est == null) {
      System.out.println(); // keep everything reachable until here
    }
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      best = Math.min(best, rt.totalMemory() - rt.freeMemory());
    }
    return best;
  }
}
