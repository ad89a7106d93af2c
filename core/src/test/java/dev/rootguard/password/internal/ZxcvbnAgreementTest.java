package dev.rootguard.password.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nulabinc.zxcvbn.Zxcvbn;
import dev.rootguard.password.PasswordDictionary;
import dev.rootguard.password.Strength;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Cross-check against zxcvbn4j (com.nulab-inc:zxcvbn 1.9.0, the Java port of Dropbox's zxcvbn): on
 * a deterministic corpus of more than 10,000 passwords our 0-4 score is within one point of
 * zxcvbn4j's for at least 95% of them.
 */
class ZxcvbnAgreementTest {
  static final long SEED = 20261128L;

  static List<String> corpus() throws IOException {
    List<String> common = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                BundledLists.open(BundledLists.PASSWORDS), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        common.add(line);
      }
    }
    Random rnd = new Random(SEED);
    List<String> out = new ArrayList<>();
    // 1. every 5th common password (6,000), across the whole rank range
    for (int i = 0; i < common.size(); i += 5) {
      out.add(common.get(i));
    }
    // 2. l33t variants (1,500)
    for (int i = 0; i < 1_500; i++) {
      out.add(l33t(common.get(rnd.nextInt(common.size())), rnd));
    }
    // 3. capitalised + appended digits, years, symbols (1,500)
    String[] suffixes = {"1", "!", "123", "1!", "2024", "1987", "!!", "#1", "99", "2001!"};
    for (int i = 0; i < 1_500; i++) {
      String w = common.get(rnd.nextInt(common.size()));
      if (rnd.nextBoolean() && !w.isEmpty()) {
        w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
      }
      String suffix =
          rnd.nextInt(3) == 0
              ? String.valueOf(1950 + rnd.nextInt(80))
              : suffixes[rnd.nextInt(suffixes.length)];
      out.add(w + suffix);
    }
    // 4. keyboard walks on QWERTY and JIS rows, and keypad runs (1,000)
    String[] rows = {
      "1234567890-=",
      "qwertyuiop[]",
      "asdfghjkl;'",
      "zxcvbnm,./",
      "1qaz2wsx3edc4rfv5tgb",
      "zaq1xsw2cde3vfr4",
      "qazwsxedcrfv",
      "poiuytrewq",
      "@[;:]",
      "1234567890-^",
      "7894561230"
    };
    for (int i = 0; i < 1_000; i++) {
      String row = rows[rnd.nextInt(rows.length)];
      int len = Math.min(row.length(), 4 + rnd.nextInt(9));
      int start = rnd.nextInt(row.length() - len + 1);
      String walk = row.substring(start, start + len);
      out.add(rnd.nextInt(4) == 0 ? walk.toUpperCase(Locale.ROOT) : walk);
    }
    // 5. random strings of several lengths and alphabets (2,000)
    String[] alphabets = {
      "abcdefghijklmnopqrstuvwxyz",
      "abcdefghijklmnopqrstuvwxyz0123456789",
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*()-_=+[]{}",
      "0123456789"
    };
    int[] lengths = {4, 6, 8, 10, 12, 16, 20};
    for (int i = 0; i < 2_000; i++) {
      String a = alphabets[rnd.nextInt(alphabets.length)];
      int len = lengths[rnd.nextInt(lengths.length)];
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < len; k++) {
        sb.append(a.charAt(rnd.nextInt(a.length())));
      }
      out.add(sb.toString());
    }
    // 6. two or three common words joined, dates (1,000)
    for (int i = 0; i < 700; i++) {
      int words = 2 + rnd.nextInt(2);
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < words; k++) {
        sb.append(common.get(rnd.nextInt(3_000)));
      }
      out.add(sb.toString());
    }
    for (int i = 0; i < 300; i++) {
      int d = 1 + rnd.nextInt(28);
      int m = 1 + rnd.nextInt(12);
      int y = 1940 + rnd.nextInt(85);
      out.add(
          switch (i % 3) {
            case 0 -> String.format(Locale.ROOT, "%02d%02d%d", d, m, y);
            case 1 -> String.format(Locale.ROOT, "%d/%d/%d", m, d, y);
            default -> String.format(Locale.ROOT, "%d-%02d-%02d", y, m, d);
          });
    }
    return out;
  }

  static String l33t(String w, Random rnd) {
    StringBuilder sb = new StringBuilder();
    for (char c : w.toCharArray()) {
      String subs =
          switch (c) {
            case 'a' -> "4@";
            case 'e' -> "3";
            case 'i' -> "1!";
            case 'o' -> "0";
            case 's' -> "$5";
            case 't' -> "7+";
            case 'l' -> "1";
            default -> "";
          };
      sb.append(
          !subs.isEmpty() && rnd.nextInt(3) > 0 ? subs.charAt(rnd.nextInt(subs.length())) : c);
    }
    return sb.toString();
  }

  @Test
  void score_agreesWithZxcvbn4j_withinOnePoint_forAtLeast95Percent() throws IOException {
    List<String> corpus = corpus();
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(10_000);
    Zxcvbn peer = new Zxcvbn();
    StrengthEstimator ours =
        StrengthEstimator.create(
            PasswordDictionary.bundled(), Clock.fixed(Instant.now(), ZoneOffset.UTC));
    int within = 0;
    int exact = 0;
    Map<String, Integer> offBy = new LinkedHashMap<>();
    List<String> worst = new ArrayList<>();
    for (String pw : corpus) {
      int theirs = peer.measure(pw).getScore();
      Strength s = ours.estimate(pw, List.of());
      int diff = s.score() - theirs;
      offBy.merge(String.valueOf(diff), 1, Integer::sum);
      if (diff == 0) {
        exact++;
      }
      if (Math.abs(diff) <= 1) {
        within++;
      } else if (worst.size() < 40) {
        worst.add(
            pw
                + " ours="
                + s.score()
                + " ("
                + String.format("%.2f", s.guessesLog10())
                + ") zxcvbn4j="
                + theirs);
      }
    }
    double rate = 100.0 * within / corpus.size();
    double exactRate = 100.0 * exact / corpus.size();
    System.out.printf(
        Locale.ROOT,
        "zxcvbn4j agreement on %d passwords: within one point %.2f%%, exact %.2f%%, ours-theirs %s%n",
        corpus.size(),
        rate,
        exactRate,
        offBy);
    worst.forEach(w -> System.out.println("  disagreement: " + w));
    assertThat(rate).isGreaterThanOrEqualTo(95.0);
  }
}
