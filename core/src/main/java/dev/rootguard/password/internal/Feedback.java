package dev.rootguard.password.internal;

import static dev.rootguard.password.internal.Matches.BRUTE;
import static dev.rootguard.password.internal.Matches.DICT;
import static dev.rootguard.password.internal.Matches.FLAG_L33T;
import static dev.rootguard.password.internal.Matches.FLAG_REVERSED;
import static dev.rootguard.password.internal.Matches.REPEAT;
import static dev.rootguard.password.internal.Matches.SPATIAL;

import dev.rootguard.password.StrengthHint;
import dev.rootguard.password.internal.WordTrie.Source;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * zxcvbn's feedback: the facts about the best sequence that drive the hints (its longest part, and
 * whether any part is a context word), and the hints themselves ({@link #hints}), in zxcvbn's
 * order. Mutable while it is being filled in; confined to one estimate, not thread-safe.
 */
final class Feedback {
  int matches;
  byte longest = BRUTE;
  Source source;
  int rank;
  int flags;
  boolean startUpper;
  boolean allUpper;
  int tokenLength;
  int turns;
  int repeatUnit;
  boolean personal;

  /** The facts for a whole input that is one unit of {@code unit} chars repeated. */
  static Feedback wholeRepeat(int unit) {
    Feedback f = new Feedback();
    f.longest = REPEAT;
    f.repeatUnit = unit;
    f.matches = 1;
    return f;
  }

  /** Walks the best sequence of a finished search back and collects its facts. */
  static Feedback of(GuessSearch search, Matches m, Piece piece) {
    Feedback f = new Feedback();
    int k = piece.n - 1;
    int l = search.bestL;
    int longestLen = -1;
    while (k >= 0 && l > 0) {
      int r = search.refAt(k, l);
      int start;
      f.matches++;
      if (r >= 0) {
        start = m.mi[r];
        if (m.kind[r] == DICT && WordTrie.source(m.info[r]) == Source.USER_INPUTS) {
          f.personal = true;
        }
        int len = m.mj[r] - m.mi[r] + 1;
        if (len > longestLen) {
          longestLen = len;
          f.describe(m, r, piece.w);
        }
      } else {
        start = r == -1 ? 0 : -r - 2 + 1;
        int len = k - start + 1;
        if (len > longestLen) {
          longestLen = len;
          f.longest = BRUTE;
        }
      }
      l = search.previousLength(k, l);
      k = start - 1;
    }
    return f;
  }

  private void describe(Matches m, int r, char[] w) {
    longest = m.kind[r];
    tokenLength = m.mj[r] - m.mi[r] + 1;
    switch (m.kind[r]) {
      case DICT:
        source = WordTrie.source(m.info[r]);
        rank = WordTrie.rank(m.info[r]);
        flags = m.flags[r];
        int upper = 0;
        int lowerCount = 0;
        for (int x = m.mi[r]; x <= m.mj[r]; x++) {
          if (GuessMath.isUpper(w[x])) {
            upper++;
          } else if (w[x] >= 'a' && w[x] <= 'z') {
            lowerCount++;
          }
        }
        startUpper = upper == 1 && GuessMath.isUpper(w[m.mi[r]]) && tokenLength > 1;
        allUpper = upper > 0 && lowerCount == 0;
        break;
      case SPATIAL:
        turns = m.info[r];
        break;
      case REPEAT:
        repeatUnit = m.info[r];
        break;
      default:
        break;
    }
  }

  /**
   * Returns the hints for a score, the password's length and the facts (null: none), in zxcvbn's
   * order, without duplicates.
   */
  static List<StrengthHint> hints(int score, int length, Feedback f) {
    Set<StrengthHint> out = EnumSet.noneOf(StrengthHint.class);
    List<StrengthHint> ordered = new ArrayList<>();
    if (f != null && f.personal) {
      add(out, ordered, StrengthHint.CONTAINS_PERSONAL_INFO);
    }
    if (score <= 2) {
      if (f == null || f.matches == 0) {
        add(out, ordered, StrengthHint.USE_A_FEW_WORDS);
      } else {
        boolean sole = f.matches == 1;
        switch (f.longest) {
          case DICT:
            dictionaryHints(f, sole, out, ordered);
            break;
          case SPATIAL:
            add(
                out,
                ordered,
                f.turns == 1 ? StrengthHint.STRAIGHT_ROW : StrengthHint.KEYBOARD_PATTERN);
            break;
          case REPEAT:
            add(out, ordered, StrengthHint.REPEATS);
            break;
          case Matches.SEQUENCE:
            add(out, ordered, StrengthHint.SEQUENCE);
            break;
          case Matches.YEAR:
          case Matches.DATE:
            add(out, ordered, StrengthHint.DATE_OR_YEAR);
            break;
          default:
            break;
        }
        add(out, ordered, StrengthHint.ADD_MORE_WORDS);
      }
      if (length < 12) {
        add(out, ordered, StrengthHint.TOO_SHORT);
      }
    }
    return ordered;
  }

  private static void dictionaryHints(
      Feedback f, boolean sole, Set<StrengthHint> out, List<StrengthHint> ordered) {
    boolean l33t = (f.flags & FLAG_L33T) != 0;
    boolean reversed = (f.flags & FLAG_REVERSED) != 0;
    if (f.source == Source.PASSWORDS || f.source == Source.CUSTOM) {
      if (sole && !l33t && !reversed) {
        add(out, ordered, StrengthHint.COMMON_PASSWORD);
      } else {
        add(out, ordered, StrengthHint.VARIATION_OF_COMMON);
      }
    } else if (f.source == Source.ENGLISH || f.source == Source.TV_AND_FILM) {
      add(out, ordered, sole ? StrengthHint.SINGLE_WORD : StrengthHint.COMMON_WORDS);
    } else if (f.source != null && f.source.isName()) {
      add(out, ordered, StrengthHint.NAMES);
    }
    if (f.startUpper) {
      add(out, ordered, StrengthHint.CAPITALIZATION);
    } else if (f.allUpper) {
      add(out, ordered, StrengthHint.ALL_UPPERCASE);
    }
    if (reversed && f.tokenLength >= 4) {
      add(out, ordered, StrengthHint.REVERSED_WORDS);
    }
    if (l33t) {
      add(out, ordered, StrengthHint.PREDICTABLE_SUBSTITUTIONS);
    }
  }

  private static void add(Set<StrengthHint> seen, List<StrengthHint> ordered, StrengthHint h) {
    if (seen.add(h)) {
      ordered.add(h);
    }
  }
}
