package dev.rootguard.password.internal;

import static dev.rootguard.password.internal.Matches.FLAG_L33T;
import static dev.rootguard.password.internal.Matches.FLAG_REVERSED;

import dev.rootguard.password.PasswordDictionary;
import dev.rootguard.password.internal.WordTrie.Source;
import java.util.OptionalInt;

/**
 * zxcvbn's dictionary matches: words of the bundled ranked lists (through the shared {@link
 * WordTrie}) forwards, reversed and with l33t substitutions ({@link L33tTable}); the context words,
 * forwards and reversed; and words of the caller's dictionary. Each is weighted by rank,
 * capitalisation, l33t and reversal as zxcvbn 4.4.2 does. Work per character is bounded by the
 * longest listed word ({@value StrengthEstimator#MAX_CUSTOM_WORD} for the caller's dictionary).
 *
 * <p>Stateless and thread-safe; per-call state lives in a small scan object.
 */
final class DictionaryMatcher implements Matcher {
  @Override
  public void find(MatchContext ctx, Piece piece, Matches out) {
    Scan s = new Scan(ctx, piece, out);
    s.dictionary();
    s.reverseDictionary();
    s.userInputs();
    s.customDictionary();
  }

  /** One piece's dictionary scan. */
  private static final class Scan {
    final MatchContext ctx;
    final WordTrie trie;
    final Piece p;
    final char[] lw;
    final int n;
    final Matches out;

    Scan(MatchContext ctx, Piece piece, Matches out) {
      this.ctx = ctx;
      this.trie = ctx.trie;
      this.p = piece;
      this.lw = piece.lw;
      this.n = piece.n;
      this.out = out;
    }

    /**
     * Walks the trie from every start: plain words, and where the walk meets a l33t char, the l33t
     * branches from there on (so the prefix is walked once for both).
     */
    void dictionary() {
      int depth = trie.maxDepth();
      for (int i = 0; i < n; i++) {
        int node = WordTrie.ROOT;
        boolean branched = false;
        for (int j = i; j < n && j - i < depth; j++) {
          char c = lw[j];
          ctx.steps++;
          if (!branched && L33tTable.letters(c) != null) {
            // as in zxcvbn, a l33t token has every l33t char substituted: branch at the first
            // one only; the branch substitutes the later ones itself
            branched = true;
            l33tBranches(i, j, node, 0, depth);
          }
          if (c >= 0x80 || (node = trie.child(node, c)) < 0) {
            break;
          }
          int packed = trie.wordInfo(node);
          if (packed != 0) {
            addWord(i, j, WordTrie.rank(packed), WordTrie.source(packed), 0, 0);
          }
        }
      }
    }

    void reverseDictionary() {
      int depth = trie.maxDepth();
      for (int j = n - 1; j >= 0; j--) {
        int node = WordTrie.ROOT;
        for (int i = j; i >= 0 && j - i < depth; i--) {
          char c = lw[i];
          ctx.steps++;
          if (c >= 0x80 || (node = trie.child(node, c)) < 0) {
            break;
          }
          if (i == j) {
            continue;
          }
          int packed = trie.wordInfo(node);
          if (packed != 0) {
            addWord(i, j, WordTrie.rank(packed), WordTrie.source(packed), FLAG_REVERSED, 0);
          }
        }
      }
    }

    private void addWord(int i, int j, int rank, Source source, int fl, int subs) {
      double lg = GuessMath.log10Rank(rank) + uppercaseVariations(i, j);
      if ((fl & FLAG_L33T) != 0) {
        lg += l33tVariations(i, j, subs);
      }
      if ((fl & FLAG_REVERSED) != 0) {
        lg += GuessMath.LOG_2;
      }
      out.add(i, j, Matches.DICT, lg, Math.min(rank, 0xFFFFFF) | (source.ordinal() << 24), fl);
    }

    private double uppercaseVariations(int i, int j) {
      int upper = p.upperBefore[j + 1] - p.upperBefore[i];
      if (upper == 0) {
        return 0;
      }
      int lowerCount = p.lowerBefore[j + 1] - p.lowerBefore[i];
      int len = j - i + 1;
      boolean startUpper = upper == 1 && GuessMath.isUpper(p.w[i]) && len > 1;
      boolean endUpper = upper == 1 && GuessMath.isUpper(p.w[j]) && len > 1;
      if (startUpper || endUpper || lowerCount == 0) {
        return GuessMath.LOG_2;
      }
      return GuessMath.mixedCaseLog10(upper, lowerCount);
    }

    // ----- l33t -----
    // choices: 2 bits per ambiguous char's slot (0 unset, 1 first letter, 2 second letter)

    private void l33tWalk(int i, int j, int node, int choices, boolean subbed, int depth) {
      if (j >= n || j - i >= depth) {
        return;
      }
      char c = lw[j];
      ctx.steps++;
      if (c >= 0x80) {
        return;
      }
      if (L33tTable.letters(c) == null) {
        int child = trie.child(node, c);
        if (child >= 0) {
          l33tStep(i, j, child, choices, subbed, depth);
        }
        return;
      }
      l33tBranches(i, j, node, choices, depth);
    }

    /** Follows each letter the l33t char at j may stand for (consistently for 1, | and 7). */
    private void l33tBranches(int i, int j, int node, int choices, int depth) {
      char c = lw[j];
      String options = L33tTable.letters(c);
      int slot = L33tTable.slot(c);
      for (int o = 0; o < options.length(); o++) {
        int nextChoices = choices;
        if (slot >= 0) {
          int current = (choices >>> (2 * slot)) & 3;
          if (current != 0 && current != o + 1) {
            continue;
          }
          nextChoices = choices | ((o + 1) << (2 * slot));
        }
        int child = trie.child(node, options.charAt(o));
        if (child >= 0) {
          l33tStep(i, j, child, nextChoices, true, depth);
        }
      }
    }

    private void l33tStep(int i, int j, int child, int choices, boolean subbed, int depth) {
      if (subbed && j > i) {
        int packed = trie.wordInfo(child);
        if (packed != 0) {
          addWord(i, j, WordTrie.rank(packed), WordTrie.source(packed), FLAG_L33T, choices);
        }
      }
      l33tWalk(i, j + 1, child, choices, subbed, depth);
    }

    /** zxcvbn's l33t variations: for each (l33t char, letter) used, the ways to choose them. */
    private double l33tVariations(int i, int j, int choices) {
      double log = 0;
      // each distinct l33t char in the token
      for (int k = i; k <= j; k++) {
        char sub = lw[k];
        String options = L33tTable.letters(sub);
        if (options == null || occursBefore(sub, i, k)) {
          continue;
        }
        int slot = L33tTable.slot(sub);
        char letter =
            slot >= 0
                ? options.charAt(Math.max(0, ((choices >>> (2 * slot)) & 3) - 1))
                : options.charAt(0);
        int s = 0;
        int u = 0;
        for (int x = i; x <= j; x++) {
          if (lw[x] == sub) {
            s++;
          } else if (lw[x] == letter) {
            u++;
          }
        }
        if (s == 0 || u == 0) {
          log += GuessMath.LOG_2;
        } else {
          double possibilities = 0;
          for (int x = 1; x <= Math.min(u, s); x++) {
            possibilities += GuessMath.binomial(u + s, x);
          }
          log += Math.log10(possibilities);
        }
      }
      return log;
    }

    private boolean occursBefore(char c, int from, int before) {
      for (int k = from; k < before; k++) {
        if (lw[k] == c) {
          return true;
        }
      }
      return false;
    }

    // ----- context words and the caller's dictionary -----

    void userInputs() {
      char[][] inputs = ctx.inputs;
      for (int r = 0; r < inputs.length; r++) {
        char[] u = inputs[r];
        int len = u.length;
        for (int i = 0; i + len <= n; i++) {
          ctx.steps++;
          if (regionEquals(i, u, false)) {
            addWord(i, i + len - 1, r + 1, Source.USER_INPUTS, 0, 0);
          } else if (len > 1 && regionEquals(i, u, true)) {
            addWord(i, i + len - 1, r + 1, Source.USER_INPUTS, FLAG_REVERSED, 0);
          }
        }
      }
    }

    private boolean regionEquals(int i, char[] u, boolean reversed) {
      int len = u.length;
      for (int k = 0; k < len; k++) {
        if (lw[i + k] != u[reversed ? len - 1 - k : k]) {
          return false;
        }
      }
      return true;
    }

    void customDictionary() {
      PasswordDictionary d = ctx.custom;
      if (d == null) {
        return;
      }
      CharWindow view = new CharWindow(p.w);
      if (n > StrengthEstimator.CUSTOM_PROBE_WINDOW) {
        ctx.steps++;
        probe(d, view, 0, n - 1);
        return;
      }
      for (int i = 0; i < n; i++) {
        for (int j = i + 2; j < n && j - i < StrengthEstimator.MAX_CUSTOM_WORD; j++) {
          ctx.steps++;
          probe(d, view, i, j);
        }
      }
      if (n < 3) {
        probe(d, view, 0, n - 1);
      }
    }

    private void probe(PasswordDictionary d, CharWindow view, int i, int j) {
      OptionalInt rank = d.rank(view.range(i, j + 1));
      if (rank.isPresent()) {
        addWord(i, j, rank.getAsInt(), Source.CUSTOM, 0, 0);
      }
    }
  }
}
