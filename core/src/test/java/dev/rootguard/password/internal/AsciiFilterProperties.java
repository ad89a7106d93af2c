package dev.rootguard.password.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.password.PasswordDictionary;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The compact dictionary's ASCII pre-filter only ever saves work: it never turns away a listed
 * word, so the matcher answers exactly as it does over the same dictionary without the filter, and
 * exactly as the straightforward {@link ReferenceMatcher} does.
 */
class AsciiFilterProperties {
  private static final CompactDictionary BUNDLED = (CompactDictionary) PasswordDictionary.bundled();
  private static final List<String> WORDS = BundledWords.sample();

  /** The same dictionary behind a plain interface: the matcher cannot use the filter. */
  private static final PasswordDictionary UNFILTERED =
      new PasswordDictionary() {
        @Override
        public boolean contains(CharSequence word) {
          return BUNDLED.contains(word);
        }

        @Override
        public int size() {
          return BUNDLED.size();
        }
      };

  @Property(tries = 3000)
  void filter_neverRejectsAListedWord(@ForAll("listedWords") String word, @ForAll boolean upper) {
    String w = upper ? word.toUpperCase(Locale.ROOT) : word;
    if (w.chars().allMatch(c -> c < 0x80)) {
      char[] chars = w.toCharArray();
      assertThat(BUNDLED.mightContainAscii(chars, 0, chars.length)).isTrue();
    }
  }

  @Property(tries = 3000)
  void matcher_answersTheSameWithAndWithoutTheFilter(@ForAll("variants") String candidate) {
    assertThat(CommonPasswordMatcher.find(candidate, BUNDLED))
        .isEqualTo(CommonPasswordMatcher.find(candidate, UNFILTERED));
  }

  @Property(tries = 5000)
  void matcher_answersAsTheReferenceAlgorithm(@ForAll("variants") String candidate) {
    assertThat(CommonPasswordMatcher.find(candidate, BUNDLED))
        .isEqualTo(ReferenceMatcher.find(candidate, UNFILTERED));
  }

  @Property(tries = 5000)
  void containsAscii_answersAsContains(@ForAll("variants") String word) {
    if (!word.isEmpty() && word.chars().allMatch(c -> c < 0x80)) {
      char[] padded = ("#" + word + "#").toCharArray();
      assertThat(BUNDLED.containsAscii(padded, 1, padded.length - 1))
          .isEqualTo(BUNDLED.contains(word));
    }
  }

  @Property(tries = 200)
  void filter_turnsAwayMostRandomStrings(@ForAll @IntRange(min = 0, max = 1000) int seed) {
    java.util.Random r = new java.util.Random(seed);
    int rejected = 0;
    for (int i = 0; i < 100; i++) {
      char[] s = new char[8 + r.nextInt(8)];
      for (int j = 0; j < s.length; j++) {
        s[j] = (char) ('!' + r.nextInt(94));
      }
      if (!BUNDLED.mightContainAscii(s, 0, s.length)) {
        rejected++;
      }
    }
    assertThat(rejected).isGreaterThan(50);
  }

  @Provide
  Arbitrary<String> listedWords() {
    return Arbitraries.of(WORDS);
  }

  @Provide
  Arbitrary<String> variants() {
    Arbitrary<String> affix = Arbitraries.of("", "1", "123", "2024", "!", "1!", "99", "@", "#1");
    Arbitrary<String> leet =
        Arbitraries.of(WORDS)
            .map(w -> w.replace('a', '@').replace('o', '0').replace('e', '3').replace('s', '$'));
    Arbitrary<String> random = Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(20);
    Arbitrary<String> core =
        Arbitraries.oneOf(
            Arbitraries.of(WORDS), leet, random, Arbitraries.strings().ofMaxLength(12));
    return Combinators.combine(affix, core, affix, Arbitraries.of(true, false))
        .as(
            (pre, w, post, cap) -> {
              String s = pre + w + post;
              return cap && !s.isEmpty() ? Character.toUpperCase(s.charAt(0)) + s.substring(1) : s;
            });
  }

  /** Every 7th bundled word, read from the same resource the dictionary loads. */
  static final class BundledWords {
    static List<String> sample() {
      try (var in =
          CompactDictionary.class.getResourceAsStream(
              "/dev/rootguard/password/internal/common-passwords.txt")) {
        List<String> all =
            new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i += 7) {
          out.add(all.get(i));
        }
        return out;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
