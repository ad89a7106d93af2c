package dev.rootguard.password.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exact dictionary matches (span, rank, reversal) and their guesses for words without l33t chars,
 * over a small trie built in the test. Expected guesses are zxcvbn's rules written by hand: rank,
 * times 2 when reversed, times the uppercase variations (1 all lower; 2 first-only, last-only or
 * all upper; otherwise the sum of C(U+L, k) for k = 1..min(U, L)).
 */
class DictionaryMatcherTest {
  private static byte[] entry(String word, int rank) {
    return WordTrieTest.entry(word, rank, WordTrie.Source.ENGLISH);
  }

  private static final WordTrie TRIE =
      WordTrie.build(
          new byte[][] {
            entry("pass", 1000), entry("word", 2000), entry("drama", 3000), entry("am", 5000)
          });

  /** "i-j rank R|F guesses" for each match, guesses rounded to an integer. */
  private static List<String> find(String pw) {
    char[] w = pw.toCharArray();
    Matches out = new Matches(w.length);
    MatchContext ctx = new MatchContext(TRIE, null, List.of(), 2026);
    new DictionaryMatcher().find(ctx, new Piece(w, w.length), out);
    List<String> r = new ArrayList<>();
    for (int m = 0; m < out.count; m++) {
      assertThat(out.kind[m]).isEqualTo(Matches.DICT);
      String rev = (out.flags[m] & Matches.FLAG_REVERSED) != 0 ? "R" : "F";
      r.add(
          out.mi[m]
              + "-"
              + out.mj[m]
              + " "
              + WordTrie.rank(out.info[m])
              + " "
              + rev
              + " "
              + Math.round(Math.pow(10, out.mlg[m])));
    }
    return r;
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "pass; 0-3 1000 F 1000",
        "Pass; 0-3 1000 F 2000",
        "pasS; 0-3 1000 F 2000",
        "PASS; 0-3 1000 F 2000",
        "PaSs; 0-3 1000 F 10000",
        "PAsS; 0-3 1000 F 4000",
        "pASs; 0-3 1000 F 10000",
        "paSS; 0-3 1000 F 10000",
        "pAss; 0-3 1000 F 4000",
        "drow; 0-3 2000 R 4000",
        "Drow; 0-3 2000 R 8000",
        "ssap; 0-3 1000 R 2000",
        "xpassx; 1-4 1000 F 1000",
        "passwordx; 0-3 1000 F 1000|4-7 2000 F 2000",
        "drama; 0-4 3000 F 3000|2-3 5000 F 5000|3-4 5000 R 10000",
      })
  void exact(String pw, String expected) {
    assertThat(find(pw)).containsExactly(expected.split("\\|"));
  }

  @ParameterizedTest
  @CsvSource({"pass, 3", "PaSs, 4"})
  void lg(String pw, double expected) {
    char[] w = pw.toCharArray();
    Matches out = new Matches(w.length);
    new DictionaryMatcher()
        .find(new MatchContext(TRIE, null, List.of(), 2026), new Piece(w, w.length), out);
    assertThat(out.mlg[0]).isCloseTo(expected, within(1e-9));
  }
}
