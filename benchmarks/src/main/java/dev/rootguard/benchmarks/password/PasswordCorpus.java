package dev.rootguard.benchmarks.password;

import dev.rootguard.password.PasswordDictionary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The benchmark's inputs: the common-password word list (the same list for every library) and 1,000
 * mixed passwords generated with a fixed seed.
 */
final class PasswordCorpus {
  static final long SEED = 20261128L;
  static final int SIZE = 1_000;
  static final String PROPERTY = "rootguard.bench.wordlist";

  /** The words the stub dictionary holds, used only when no word-list resource is found. */
  private static final List<String> STUB_WORDS =
      List.of("password", "secret", "amazon", "123456", "qwerty", "letmein", "admin");

  private PasswordCorpus() {}

  /**
   * Returns the common-password list: the file named by {@code -Drootguard.bench.wordlist=FILE},
   * else the largest text resource (one word per line, {@code .txt} or {@code .txt.gz}) in the
   * package of {@link PasswordDictionary} (where the bundled dictionary keeps its list), else the
   * stub's words with a note on stderr.
   */
  static List<String> commonPasswords() {
    try {
      String file = System.getProperty(PROPERTY);
      if (file != null) {
        return read(Files.newInputStream(Path.of(file)), file.endsWith(".gz"));
      }
      List<String> best = List.of();
      String bestName = null;
      for (String name : listPackageResources()) {
        boolean gz = name.endsWith(".txt.gz");
        if (!gz && !name.endsWith(".txt")) {
          continue;
        }
        try (InputStream in = PasswordDictionary.class.getClassLoader().getResourceAsStream(name)) {
          if (in == null) {
            continue;
          }
          List<String> words = read(in, gz);
          if (words.size() > best.size()) {
            best = words;
            bestName = name;
          }
        }
      }
      if (bestName != null) {
        System.err.println("# word list: " + bestName + " (" + best.size() + " words)");
        return best;
      }
    } catch (IOException | URISyntaxException e) {
      System.err.println("# word list: cannot read (" + e + "), using the stub's words");
    }
    System.err.println(
        "# word list: no resource found next to PasswordDictionary; using the stub's "
            + STUB_WORDS.size()
            + " words (set -D"
            + PROPERTY
            + "=FILE to choose one)");
    return STUB_WORDS;
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

  private static List<String> listPackageResources() throws IOException, URISyntaxException {
    String dir = "dev/rootguard/password/";
    Path location =
        Path.of(
            PasswordDictionary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(location)) {
      Path d = location.resolve(dir);
      if (Files.isDirectory(d)) {
        try (Stream<Path> files = Files.list(d)) {
          files.forEach(f -> names.add(dir + f.getFileName()));
        }
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
          String n = e.nextElement().getName();
          if (n.startsWith(dir) && n.indexOf('/', dir.length()) < 0 && !n.endsWith("/")) {
            names.add(n);
          }
        }
      }
    }
    return names;
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
