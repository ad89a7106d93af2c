package dev.rootguard.password;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.password.internal.CommonPasswordMatcher;
import dev.rootguard.password.internal.CommonPasswordMatcher.Variation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class PasswordDictionaryProperties {

  @Provide
  Arbitrary<String> words() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12),
        Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(12),
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(12));
  }

  @Property(tries = 200)
  void of_containsEveryWordAndItsCaseVariants(
      @ForAll @Size(max = 200) List<@From("words") String> words) {
    PasswordDictionary d = PasswordDictionary.of(words);
    for (String w : words) {
      assertThat(d.contains(w)).isTrue();
      assertThat(d.rank(w)).isPresent();
      String upper = foldEach(w, true);
      String lower = foldEach(w, false);
      assertThat(d.contains(upper)).as("upper of %s", w).isEqualTo(sameFold(w, upper));
      assertThat(d.contains(lower)).isTrue();
    }
  }

  @Property(tries = 200)
  void compact_agreesWithHashSet(
      @ForAll @Size(max = 300) List<@From("words") String> words,
      @ForAll @Size(max = 300) List<@From("words") String> probes) {
    PasswordDictionary d = PasswordDictionary.of(words);
    Set<String> set = new HashSet<>();
    for (String w : words) {
      set.add(lowerPerCodePoint(w));
    }
    assertThat(d.size()).isEqualTo(set.size());
    List<String> all = new ArrayList<>(probes);
    all.addAll(words);
    for (String p : all) {
      assertThat(d.contains(p)).as(p).isEqualTo(set.contains(lowerPerCodePoint(p)));
    }
  }

  @Property(tries = 300)
  void matcher_neverThrows_onArbitraryStrings(@ForAll @StringLength(max = 300) String s) {
    CommonPasswordMatcher.find(s, PasswordDictionary.bundled());
    PasswordDictionary.bundled().contains(s);
  }

  @Property(tries = 20)
  void matcher_neverThrows_onLongInputs(@ForAll @StringLength(min = 9_000, max = 10_000) String s) {
    CommonPasswordMatcher.find(s, PasswordDictionary.bundled());
  }

  @Provide
  Arbitrary<String> seedWords() {
    return Arbitraries.of("secret", "password", "amazon", "123456");
  }

  @Provide
  Arbitrary<String> suffixes() {
    return Arbitraries.oneOf(
        Arbitraries.of("", "!", "!!", "1", "1!", "123", "#", "?", "2024", "1999!", "@"),
        Arbitraries.integers().between(1900, 2099).map(String::valueOf),
        Arbitraries.strings().withChars("0123456789!@#$%^&*").ofMaxLength(4));
  }

  @Property(tries = 300)
  void matcher_flagsSeedWordsAndTrivialVariations(
      @ForAll("seedWords") String word,
      @ForAll("suffixes") String suffix,
      @ForAll boolean capitalise,
      @ForAll boolean leet) {
    String w = word;
    if (leet) {
      w = w.replace('a', '@').replace('o', '0').replace('e', '3').replace('s', '$');
    }
    if (capitalise) {
      w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
    String pw = w + suffix;
    assertThat(CommonPasswordMatcher.find(pw, PasswordDictionary.bundled()))
        .as(pw)
        .hasValueSatisfying(v -> assertThat(v).isIn(Variation.EXACT, Variation.VARIATION));
  }

  private static boolean sameFold(String a, String b) {
    return lowerPerCodePoint(a).equals(lowerPerCodePoint(b));
  }

  static String lowerPerCodePoint(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints().forEach(cp -> sb.appendCodePoint(Character.toLowerCase(cp)));
    return sb.toString();
  }

  private static String foldEach(String s, boolean upper) {
    StringBuilder sb = new StringBuilder();
    s.codePoints()
        .forEach(
            cp ->
                sb.appendCodePoint(upper ? Character.toUpperCase(cp) : Character.toLowerCase(cp)));
    return sb.toString();
  }
}
