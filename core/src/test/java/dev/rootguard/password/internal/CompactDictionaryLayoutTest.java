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

/**
 * A loaded list has the documented layout: one {@code byte[]} of exactly the entries' folded bytes,
 * one offset per entry, and the smallest power-of-two hash table with a load of at most 0.7; no
 * {@code String} per entry. (The heap of a 10-million-entry list, measured after full GCs, is a
 * benchmark: {@code benchmarks/…/TenMillionEntriesHeap}.)
 */
class CompactDictionaryLayoutTest {
  static final int N = 200_000;

  /** Entry i: "pw" + base-36 of a bijective scramble of i (so entries are distinct). */
  static String word(int i) {
    long x = (i * 0x9E3779B1L) & 0xFFFFFFFFL;
    return "pw" + Long.toString(x, 36);
  }

  @Test
  void load_generatedList_hasTheDocumentedLayout(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("generated.txt");
    long totalBytes = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 1 << 16)) {
      for (int i = 0; i < N; i++) {
        String w = word(i);
        out.write((w + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        totalBytes += w.length();
      }
    }
    CompactDictionary d = CompactDictionary.load(f);

    assertThat(d.size()).isEqualTo(N);
    int[] lengths = d.arrayLengths();
    assertThat(lengths[0]).as("one byte[] of exactly the entries' bytes").isEqualTo(totalBytes);
    assertThat(lengths[1]).as("one int offset per entry").isEqualTo(N + 1);
    int table = lengths[2];
    assertThat(Integer.bitCount(table)).as("table: a power of two").isEqualTo(1);
    assertThat((double) N / table).as("load").isLessThanOrEqualTo(0.7);
    assertThat((double) N / (table / 2)).as("the smallest such table").isGreaterThan(0.7);
    // about 8 + 4 + 10.5 + 0.7 bytes per entry here, against ~90 for a HashSet<String>
    assertThat(d.retainedBytes()).isLessThan(30L * N);

    for (int i : new int[] {0, 1, 12_345, 100_000, N - 1}) {
      assertThat(d.rank(word(i).toUpperCase(java.util.Locale.ROOT)))
          .isEqualTo(OptionalInt.of(i + 1));
    }
    assertThat(d.contains("pw-not-there")).isFalse();
    assertThat(d.contains("password")).isFalse();
  }
}
