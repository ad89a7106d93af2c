package dev.rootguard.password.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exact repeat matches of {@link RepeatMatcher}: spans and unit lengths for chosen inputs (shortest
 * period only, unit at most half the piece and at most 32), and the single-character guesses (brute
 * force 11, or the rank of a one-letter word, times 2 for upper case). Expected values are written
 * by hand.
 */
class RepeatMatcherTest {
  private static byte[] entry(String word, int rank) {
    return WordTrieTest.entry(word, rank, WordTrie.Source.ENGLISH);
  }

  private static final WordTrie TRIE =
      WordTrie.build(new byte[][] {entry("a", 3), entry("word", 2000)});

  private static Matches run(String pw, List<String> inputs) {
    char[] w = pw.toCharArray();
    Matches out = new Matches(w.length);
    new RepeatMatcher()
        .find(new MatchContext(TRIE, null, inputs, 2026), new Piece(w, w.length), out);
    for (int m = 0; m < out.count; m++) {
      assertThat(out.kind[m]).isEqualTo(Matches.REPEAT);
    }
    return out;
  }

  /** Renders each match as "i-j unit". */
  private static List<String> find(String pw) {
    Matches out = run(pw, List.of());
    List<String> r = new ArrayList<>();
    for (int m = 0; m < out.count; m++) {
      r.add(out.mi[m] + "-" + out.mj[m] + " " + out.info[m]);
    }
    return r;
  }

  @Test
  void spansAndUnits() {
    assertThat(find("aaaa")).containsExactly("0-3 1");
    assertThat(find("xaaay")).containsExactly("1-3 1");
    assertThat(find("aa")).containsExactly("0-1 1");
    assertThat(find("a")).isEmpty();
    assertThat(find("")).isEmpty();
    assertThat(find("abab")).containsExactly("0-3 2");
    assertThat(find("aAaA")).containsExactly("0-3 2");
    assertThat(find("abababx")).containsExactly("0-5 2");
    assertThat(find("abcabc")).containsExactly("0-5 3");
    assertThat(find("abcab")).isEmpty();
    assertThat(find("abaab")).containsExactly("2-3 1");
    assertThat(find("abca")).isEmpty();
    assertThat(find("xyabcabcabc")).containsExactly("2-10 3");
    // Two separate runs of the same unit length.
    assertThat(find("aabcc")).containsExactly("0-1 1", "3-4 1");
    // abab inside abababab is not reported as a unit of 4.
    assertThat(find("abababab")).containsExactly("0-7 2");
    // A unit of 6 whose halves differ (abcabd) is not periodic with 2 or 3.
    assertThat(find("abcabdabcabd")).containsExactly("0-11 6");
    // A unit of 4 with period 2 is skipped; one of 4 that is not periodic is kept.
    assertThat(find("aabbaabb")).containsExactly("0-1 1", "2-3 1", "4-5 1", "6-7 1", "0-7 4");
  }

  @Test
  void unitIsAtMostThirtyTwo() {
    String u32 = "abcdefghijklmnopqrstuvwxyzABCDEF";
    String u33 = u32 + "G";
    assertThat(find(u32 + u32)).containsExactly("0-63 32");
    assertThat(find(u33 + u33)).isEmpty();
  }

  @Test
  void multiCharUnitGuessesGrowWithTheRepeatCount() {
    // Same unit "ab": three repeats cost log10(3 / 2) more than two.
    double two = run("abab", List.of()).mlg[0];
    double three = run("ababab", List.of()).mlg[0];
    assertThat(three - two).isCloseTo(Math.log10(1.5), within(1e-6));
    assertThat(two).isGreaterThan(Math.log10(2));
  }

  @Test
  void countsItsWork() {
    char[] w = "abcabcabc".toCharArray();
    MatchContext ctx = new MatchContext(TRIE, null, List.of(), 2026);
    new RepeatMatcher().find(ctx, new Piece(w, w.length), new Matches(w.length));
    // At least one step per position for the unit of 1.
    assertThat(ctx.steps).isGreaterThanOrEqualTo(w.length);
  }

  @Test
  void singleCharacterGuesses() {
    // "a" is a one-letter word of rank 3.
    assertThat(run("aaaa", List.of()).mlg[0]).isCloseTo(Math.log10(3 * 4), within(1e-6));
    // Upper case doubles: 6 < 11.
    assertThat(run("AAAA", List.of()).mlg[0]).isCloseTo(Math.log10(6 * 4), within(1e-6));
    // Not a word: brute force 11.
    assertThat(run("zzz", List.of()).mlg[0]).isCloseTo(Math.log10(11 * 3), within(1e-6));
    assertThat(run("\u00e9\u00e9\u00e9", List.of()).mlg[0])
        .isCloseTo(Math.log10(11 * 3), within(1e-6));
    // A one-letter context word of rank 2 beats brute force; longer context words do not count.
    assertThat(run("zzz", List.of("q", "z")).mlg[0]).isCloseTo(Math.log10(2 * 3), within(1e-6));
    assertThat(run("zzz", List.of("zz")).mlg[0]).isCloseTo(Math.log10(11 * 3), within(1e-6));
    assertThat(run("ZZ", List.of("q", "z")).mlg[0]).isCloseTo(Math.log10(4 * 2), within(1e-6));
    assertThat(run("zzz", List.of()).info[0]).isEqualTo(1);
  }
}
