package dev.rootguard.benchmarks.password;

import dev.rootguard.password.PasswordDictionary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The benchmark's inputs: the common-password word list (the same list for every library) and 1,000
 * mixed passwords generated with a fixed seed.
 */
final class PasswordCorpus {
  static final long SEED = 20261128L;
  static final int SIZE = 1_000;
  static final String PROPERTY = "rootguard.bench.wordlist";

  private PasswordCorpus() {}

  /**
   * Returns the common-password list: the file named by {@code -Drootguard.bench.wordlist=FILE},
   * else the largest text resource (one word per line, {@code .txt} or {@code .txt.gz}) in the
   * package of {@link PasswordDictionary} (where the bundled dictionary keeps its list), else the
   * stub's words with a note on stderr.
   */
  /** The bundled list, as RootGuard's own dictionary loads it. */
  static final String BUNDLED_LIST = "dev/rootguard/password/internal/common-passwords.txt";

  static List<String> commonPasswords() {
    String file = System.getProperty(PROPERTY);
    try (InputStream in =
        file != null
            ? Files.newInputStream(Path.of(file))
            : PasswordDictionary.class.getClassLoader().getResourceAsStream(BUNDLED_LIST)) {
      if (in == null) {
        throw new IllegalStateException("bundled word list " + BUNDLED_LIST + " not found");
      }
      List<String> words = read(in, file != null && file.endsWith(".gz"));
      System.err.println(
          "# word list: " + (file != null ? file : BUNDLED_LIST) + " (" + words.size() + " words)");
      return words;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the word list", e);
    }
  }

  private static List<String> read(InputStream raw, boolean gz) throws IOException {
    List<String> out = new ArrayList<>();
    try (InputStream in = gz ? new GZIPInputStream(raw) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String w = line.strip();
        if (!w.isEmpty() && !w.startsWith("#")) {
          out.add(w);
        }
      }
    }
    return out;
  }

  /**
   * Returns 1,000 passwords: 30% common ones, 30% variants of common ones (capitalized, digits or a
   * year or {@code !} appended, leetspeak), 40% random printable-ASCII strings of lengths 6 to 32.
   */
  static String[] mixedPasswords(List<String> common) {
    Random random = new Random(SEED);
    String[] out = new String[SIZE];
    String printable;
    StringBuilder p = new StringBuilder();
    for (char c = 0x21; c <= 0x7E; c++) {
      p.append(c);
    }
    printable = p.toString();
    int[] lengths = {6, 8, 10, 12, 16, 24, 32};
    for (int i = 0; i < SIZE; i++) {
      int kind = i % 10;
      String word = common.get(random.nextInt(common.size()));
      if (kind < 3) {
        out[i] = word;
      } else if (kind < 6) {
        out[i] = variant(word, random);
      } else {
        int len = lengths[random.nextInt(lengths.length)];
        StringBuilder s = new StringBuilder(len);
        for (int j = 0; j < len; j++) {
          s.append(printable.charAt(random.nextInt(printable.length())));
        }
        out[i] = s.toString();
      }
    }
    return out;
  }

  private static String variant(String word, Random random) {
    switch (random.nextInt(5)) {
      case 0:
        return word.isEmpty()
            ? word
            : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1) + "1!";
      case 1:
        return word + (1970 + random.nextInt(57));
      case 2:
        return word + "!";
      case 3:
        return word.replace('a', '@').replace('o', '0').replace('e', '3').replace('s', '$');
      default:
        return word + random.nextInt(1000);
    }
  }

  /** Returns the distinct count, for the report. */
  static int distinct(String[] passwords) {
    Set<String> s = new LinkedHashSet<>(List.of(passwords));
    return s.size();
  }
}
