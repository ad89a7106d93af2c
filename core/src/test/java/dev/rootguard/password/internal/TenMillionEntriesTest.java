package dev.rootguard.password.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated 10-million-entry list loads into bounded memory, with no String per entry. */
class TenMillionEntriesTest {
  static final int N = 10_000_000;

  /** Entry i: "pw" + base-36 of a bijective scramble of i (so entries are distinct). */
  static String word(int i) {
    long x = (i * 0x9E3779B1L) & 0xFFFFFFFFL;
    return "pw" + Long.toString(x, 36);
  }

  @Test
  void load_tenMillionEntries_boundedHeap(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("ten-million.txt");
    long totalBytes = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 1 << 20)) {
      byte[] line = new byte[32];
      for (int i = 0; i < N; i++) {
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
    long before = usedHeapAfterGc();
    CompactDictionary d = CompactDictionary.load(f);
    long after = usedHeapAfterGc();

    assertThat(d.size()).isEqualTo(N);
    int[] lengths = d.arrayLengths();
    assertThat(lengths[0]).as("one byte[] of exactly the entries' bytes").isEqualTo(totalBytes);
    assertThat(lengths[1]).as("one int offset per entry").isEqualTo(N + 1);
    assertThat(lengths[2]).as("hash table: power of two, load <= 0.7").isEqualTo(1 << 24);
    // Entries are ~8 bytes: about 8 + 4 + 6.7 bytes each, against ~90 for a HashSet<String>.
    assertThat(d.retainedBytes()).isLessThan(200L * 1024 * 1024);
    assertThat(after - before)
        .as("measured heap growth (rough): no String per entry")
        .isLessThan(d.retainedBytes() + 64L * 1024 * 1024);

    for (int i : new int[] {0, 1, 12_345, 5_000_000, N - 1}) {
      assertThat(d.rank(word(i).toUpperCase(java.util.Locale.ROOT)))
          .isEqualTo(OptionalInt.of(i + 1));
    }
    assertThat(d.contains("pw-not-there")).isFalse();
    assertThat(d.contains("password")).isFalse();
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 2; i++) {
      System.gc();
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
