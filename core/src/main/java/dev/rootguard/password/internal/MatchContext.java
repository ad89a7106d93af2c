package dev.rootguard.password.internal;

import dev.rootguard.password.PasswordDictionary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the matchers of one estimate share: the word trie, the caller's dictionary, the context
 * words (case-folded, with the parts of e-mails and compound names), the reference year, and a
 * count of the work done. Not thread-safe: one per estimate, confined to the calling thread.
 */
final class MatchContext {
  /** Context words considered, and their maximum length. */
  static final int MAX_USER_INPUTS = 16;

  static final int MAX_USER_INPUT_LENGTH = 64;

  final WordTrie trie;

  /** The caller's dictionary, or null when it is the bundled list (already in the trie). */
  final PasswordDictionary custom;

  /** Context words, case-folded, distinct, at most {@value #MAX_USER_INPUTS}. */
  final char[][] inputs;

  final int referenceYear;

  /** Work done so far (comparisons, trie steps), for the linear-cost tests. */
  long steps;

  MatchContext(
      WordTrie trie, PasswordDictionary custom, List<String> userInputs, int referenceYear) {
    this.trie = trie;
    this.custom = custom;
    this.referenceYear = referenceYear;
    List<char[]> words = new ArrayList<>();
    for (String raw : userInputs) {
      Objects.requireNonNull(raw, "userInputs: null element");
      addInput(words, raw);
      // Also the parts of an e-mail or a compound name: "root@acme-prod.example".
      int start = 0;
      for (int k = 0; k <= raw.length(); k++) {
        if (k == raw.length() || !Character.isLetterOrDigit(raw.charAt(k))) {
          if (k - start >= 3 && (start > 0 || k < raw.length())) {
            addInput(words, raw.substring(start, k));
          }
          start = k + 1;
        }
      }
    }
    this.inputs = words.toArray(new char[0][]);
  }

  private static void addInput(List<char[]> words, String raw) {
    if (raw.isEmpty() || words.size() >= MAX_USER_INPUTS) {
      return;
    }
    int len = Math.min(raw.length(), MAX_USER_INPUT_LENGTH);
    char[] w = new char[len];
    for (int k = 0; k < len; k++) {
      w[k] = CaseFold.foldedCharAt(raw, k);
    }
    for (char[] other : words) {
      if (Arrays.equals(other, w)) {
        return;
      }
    }
    words.add(w);
  }
}
