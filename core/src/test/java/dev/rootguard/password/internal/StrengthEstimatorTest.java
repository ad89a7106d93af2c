package dev.rootguard.password.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.password.PasswordDictionary;
import dev.rootguard.password.Strength;
import dev.rootguard.password.StrengthHint;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrengthEstimatorTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);
  static final StrengthEstimator EST =
      StrengthEstimator.create(PasswordDictionary.bundled(), CLOCK);

  static Strength estimate(String pw) {
    return EST.estimate(pw, List.of());
  }

  @ParameterizedTest
  @CsvSource({
    "password, 0, COMMON_PASSWORD",
    "123456, 0, COMMON_PASSWORD",
    "qwertyuiop, 0, COMMON_PASSWORD",
    "p@ssw0rd, 0, VARIATION_OF_COMMON",
    "drowssap, 0, VARIATION_OF_COMMON",
    "aaaaaaaaaaaa, 0, REPEATS",
    "abcdefgh, 0, SEQUENCE",
    "'zxcvbnm,./', 1, STRAIGHT_ROW",
    "19840512, 1, DATE_OR_YEAR"
  })
  void estimate_weakPatterns_lowScoreAndTheRightHint(String pw, int maxScore, StrengthHint hint) {
    Strength s = estimate(pw);
    assertThat(s.score()).as(pw).isLessThanOrEqualTo(maxScore);
    assertThat(s.hints()).as(pw).contains(hint);
  }

  @Test
  void estimate_japaneseKeyboardWalk_isAKeyboardPattern() {
    // On JIS, @ and [ sit right of p, and : below [, ; left of it: a walk only there.
    Strength jis = estimate("@[:;lkj");
    System.out.println("JIS walk: " + jis);
    assertThat(jis.score()).isLessThanOrEqualTo(2);
    assertThat(jis.hints()).containsAnyOf(StrengthHint.KEYBOARD_PATTERN, StrengthHint.STRAIGHT_ROW);
    // the same seven characters out of keyboard order are brute force
    assertThat(jis.guessesLog10()).isLessThan(estimate("l@k:[j;").guessesLog10() - 1);
  }

  @Test
  void estimate_randomLongPassword_isStrong() {
    assertThat(estimate("x7#Kq9!mZ2@wVb").score()).isEqualTo(4);
    assertThat(estimate("correcthorsebatterystaple").score()).isGreaterThanOrEqualTo(3);
    assertThat(estimate("x7#Kq9!mZ2@wVb").hints()).isEmpty();
  }

  @Test
  void estimate_context_flagsPersonalInfo() {
    Strength s = EST.estimate("acmeprod2024", List.of("acme-prod", "root@acme.example"));
    assertThat(s.hints()).contains(StrengthHint.CONTAINS_PERSONAL_INFO);
    assertThat(s.guessesLog10()).isLessThan(estimate("acmeprod2024").guessesLog10());
  }

  @Test
  void estimate_emptyPassword_scoreZero() {
    Strength s = estimate("");
    assertThat(s.score()).isZero();
    assertThat(s.guessesLog10()).isZero();
    assertThat(s.hints()).containsExactly(StrengthHint.USE_A_FEW_WORDS);
  }

  @Test
  void estimate_customDictionary_addsItsRanks() {
    PasswordDictionary leaked = PasswordDictionary.of(List.of("zq8hv2kd9w"));
    StrengthEstimator withLeak = StrengthEstimator.create(leaked, CLOCK);
    assertThat(estimate("zq8hv2kd9w").score()).isGreaterThanOrEqualTo(3);
    Strength s = withLeak.estimate("zq8hv2kd9w", List.of());
    assertThat(s.score()).isZero();
    assertThat(s.hints()).contains(StrengthHint.COMMON_PASSWORD);
  }

  @Test
  void estimate_recentYear_dependsOnTheClock() {
    StrengthEstimator in2000 =
        StrengthEstimator.create(
            PasswordDictionary.bundled(),
            Clock.fixed(Instant.parse("2000-06-01T00:00:00Z"), ZoneOffset.UTC));
    // 1999 is "recent" in 2000 (space 20), far in 2026 (space 27)
    assertThat(in2000.estimate("1999", List.of()).guessesLog10())
        .isLessThanOrEqualTo(estimate("1999").guessesLog10());
  }

  @Test
  void estimate_tenThousandChars_returns() {
    Random rnd = new Random(7);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      sb.append((char) (0x21 + rnd.nextInt(94)));
    }
    Strength s = estimate(sb.toString());
    assertThat(s.score()).isEqualTo(4);
    assertThat(estimate("a".repeat(10_000)).score()).isLessThanOrEqualTo(2);
    assertThat(estimate("\uD800".repeat(10_000)).score()).isBetween(0, 4);
  }

  /** Work (an internal step counter) grows linearly: doubling the length at most ~doubles it. */
  @Test
  void estimate_workGrowsLinearly() {
    Random rnd = new Random(11);
    List<IntFunction<String>> shapes =
        List.of(
            len -> randomOf(rnd, "abcdefghijklmnopqrstuvwxyz", len),
            len -> randomOf(rnd, "0123456789", len),
            len -> randomOf(rnd, "1!|7$@0ailts", len),
            len -> "1234567890".repeat(len / 10 + 1).substring(0, len - 1) + "x",
            len -> "password".repeat(len / 8 + 1).substring(0, len - 1) + "!",
            len -> "qwertyuiop".repeat(len / 10 + 1).substring(0, len),
            len -> "ab".repeat(len / 2) + "c",
            len -> "19/07/2001".repeat(len / 10 + 1).substring(0, len));
    for (IntFunction<String> shape : shapes) {
      long previous = 0;
      for (int len = 1_000; len <= 16_000; len *= 2) {
        String pw = shape.apply(len);
        long[] steps = new long[1];
        EST.estimate(pw, List.of("acme", "root@example.com"), steps);
        double perChar = (double) steps[0] / len;
        System.out.printf(
            "len %6d steps %9d per char %.1f  (%s...)%n",
            len, steps[0], perChar, pw.substring(0, 12));
        assertThat(perChar).as("steps per char").isLessThan(400);
        if (previous > 0) {
          assertThat(steps[0]).as("doubling the length").isLessThanOrEqualTo(previous * 2 + 20_000);
        }
        previous = steps[0];
      }
    }
  }

  static String randomOf(Random rnd, String alphabet, int len) {
    StringBuilder sb = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  @Test
  void estimate_sameResultsAcrossThreads() throws Exception {
    List<String> passwords =
        List.of(
            "password", "Tr0ub4dour&3", "x7#Kq9!mZ2@wVb", "1qaz2wsx", "acmeprod2024", "19840512");
    List<Strength> expected =
        passwords.stream().map(p -> EST.estimate(p, List.of("acme"))).toList();
    List<List<Strength>> results =
        dev.rootguard.testsupport.Race.collect(
            4,
            t -> {
              List<Strength> last = null;
              for (int r = 0; r < 200; r++) {
                last = passwords.stream().map(p -> EST.estimate(p, List.of("acme"))).toList();
              }
              return last;
            });
    for (List<Strength> r : results) {
      assertThat(r).isEqualTo(expected);
    }
  }

  @Test
  void sharedTables_stayWithinBudget() {
    long bytes = StrengthEstimator.sharedTableBytes();
    System.out.println("estimator word trie: " + bytes + " bytes");
    assertThat(bytes).isLessThan(2L * 1024 * 1024);
  }
}
