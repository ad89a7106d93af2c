package dev.rootguard.benchmarks.password;

import dev.rootguard.password.internal.CompactDictionary;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Measures the heap a 10-million-entry list takes in the compact dictionary (used heap after full
 * GCs, before and after the load: rough but honest), and checks the layout behind the number: one
 * {@code byte[]} of exactly the entries' bytes, one offset per entry, a 2^24-slot hash table (load
 * at most 0.7), no {@code String} per entry. Exits with status 1 if a check fails. Formerly the
 * unit test {@code TenMillionEntriesTest}; a benchmark because it writes a ~100 MB file and needs a
 * quiet JVM to measure.
 *
 * <p>Entry i is {@code "pw"} + base 36 of a bijective scramble of i, so all entries are distinct
 * and about 8 characters long. Not thread-safe (a {@code main}).
 *
 * <p>Run: {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar
 * dev.rootguard.benchmarks.password.TenMillionEntriesHeap [entries]}
 */
public final class TenMillionEntriesHeap {
  private TenMillionEntriesHeap() {}

  static String word(int i) {
    long x = (i * 0x9E3779B1L) & 0xFFFFFFFFL;
    return "pw" + Long.toString(x, 36);
  }

  /**
   * Writes the list to a temporary file, loads it, prints the measurements and checks.
   *
   * @param args optional number of entries (default 10,000,000)
   * @throws IOException if the temporary file cannot be written
   */
  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
    Path dir = Files.createTempDirectory("rootguard-heap");
    Path f = dir.resolve("entries.txt");
    try {
      long totalBytes = write(f, n);
      long before = usedHeapAfterGc();
      long t0 = System.nanoTime();
      CompactDictionary d = CompactDictionary.load(f);
      long loadNanos = System.nanoTime() - t0;
      long after = usedHeapAfterGc();
      int[] lengths = d.arrayLengths();
      long measured = after - before;
      System.out.printf(
          Locale.ROOT,
          "%,d entries (%,d bytes of words): load %.1f s, heap %.1f MB measured (%.1f bytes per"
              + " entry), %.1f MB by array sizes (%.1f bytes per entry); arrays: bytes %,d,"
              + " offsets %,d, table %,d%n",
          n,
          totalBytes,
          loadNanos / 1e9,
          measured / 1e6,
          (double) measured / n,
          d.retainedBytes() / 1e6,
          (double) d.retainedBytes() / n,
          lengths[0],
          lengths[1],
          lengths[2]);
      List<String> failed = new ArrayList<>();
      check(failed, d.size() == n, "size " + d.size() + " != " + n);
      check(failed, lengths[0] == totalBytes, "bytes: not exactly the entries' bytes");
      check(failed, lengths[1] == n + 1, "offsets: not one per entry");
      check(
          failed,
          Integer.bitCount(lengths[2]) == 1
              && (double) n / lengths[2] <= 0.7
              && (double) n / (lengths[2] / 2) > 0.7,
          "table: not the smallest power of two with load <= 0.7");
      check(
          failed,
          n != 10_000_000 || lengths[2] == 1 << 24,
          "table: " + lengths[2] + " slots, 2^24 expected for 10 M");
      // ~8 + 4 + 6.7 bytes per entry, against ~90 for a HashSet<String>
      check(failed, d.retainedBytes() < 20L * n, "retained: 20 bytes per entry or more");
      check(
          failed,
          measured < d.retainedBytes() + 64L * 1024 * 1024,
          "measured heap growth beyond the arrays + 64 MB: a String per entry?");
      for (int i : new int[] {0, 1, 12_345, n / 2, n - 1}) {
        OptionalInt rank = d.rank(word(i).toUpperCase(Locale.ROOT));
        check(failed, rank.equals(OptionalInt.of(i + 1)), "rank of entry " + i + ": " + rank);
      }
      check(failed, !d.contains("pw-not-there") && !d.contains("password"), "unlisted word found");
      if (!failed.isEmpty()) {
        failed.forEach(m -> System.out.println("FAILED: " + m));
        System.exit(1);
      }
      System.out.println("all layout checks passed");
    } finally {
      Files.deleteIfExists(f);
      Files.deleteIfExists(dir);
    }
  }

  private static long write(Path f, int n) throws IOException {
    long totalBytes = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 1 << 20)) {
      byte[] line = new byte[32];
      for (int i = 0; i < n; i++) {
        String w = word(i);
        int len = w.length();
        for (int k = 0; k < len; k++) {
          line[k] = (byte) w.charAt(k);
        }
        line[len] = '\n';
        out.write(line, 0, len + 1);
        totalBytes += len;
      }
    }
    return totalBytes;
  }

  private static void check(List<String> failed, boolean ok, String message) {
    if (!ok) {
      failed.add(message);
    }
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
