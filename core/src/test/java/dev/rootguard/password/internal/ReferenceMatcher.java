package dev.rootguard.password.internal;

import dev.rootguard.password.PasswordDictionary;
import java.util.Objects;
import java.util.Optional;

/** The matcher as it was before the O(1)-per-core rewrite: the reference for its properties. */
final class ReferenceMatcher {
  private ReferenceMatcher() {}

  /** Shortest core (after stripping digits and symbols) that counts as a variation. */
  static final int MIN_CORE = 4;

  /** Most digits/symbols cut one by one from either end of an all-digit core. */
  static final int MAX_AFFIX = 4;

  /** Longest candidate for which variations are tried. */
  static final int MAX_VARIATION_LENGTH = 256;

  /**
   * Returns how the candidate matches a listed password, if it does.
   *
   * @param candidate the password; any Unicode
   * @param dictionary the list
   * @return the match, or empty
   * @throws NullPointerException if an argument is null
   */
  static Optional<CommonPasswordMatcher.Variation> find(
      CharSequence candidate, PasswordDictionary dictionary) {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(dictionary, "dictionary");
    int n = candidate.length();
    if (n == 0) {
      return Optional.empty();
    }
    if (dictionary.contains(candidate)) {
      return Optional.of(CommonPasswordMatcher.Variation.EXACT);
    }
    if (n > MAX_VARIATION_LENGTH) {
      return Optional.empty();
    }
    char[] chars = new char[n];
    for (int i = 0; i < n; i++) {
      chars[i] = candidate.charAt(i);
    }
    int lead = 0;
    while (lead < n && isDigitOrSymbol(chars[lead])) {
      lead++;
    }
    int symbolTail = n;
    while (symbolTail > 0 && isSymbol(chars[symbolTail - 1])) {
      symbolTail--;
    }
    int tail = n;
    while (tail > 0 && isDigitOrSymbol(chars[tail - 1])) {
      tail--;
    }
    CharWindow view = new CharWindow(chars);
    char[] plain = new char[n];
    CharWindow plainView = new CharWindow(plain);
    // Cores: [0, n) (leetspeak only), [0, symbolTail), [0, tail), [lead, n), [lead, tail), then
    // up to MAX_AFFIX digits/symbols cut from either end (123456 + 2024, 123456 + 9!).
    int[][] cores = new int[5 + 2 * MAX_AFFIX][];
    cores[0] = new int[] {0, n};
    cores[1] = new int[] {0, symbolTail};
    cores[2] = new int[] {0, tail};
    cores[3] = new int[] {lead, n};
    cores[4] = new int[] {lead, tail};
    for (int k = 1; k <= MAX_AFFIX; k++) {
      boolean endCut = n - k >= tail;
      boolean startCut = k <= lead;
      cores[4 + k] = endCut ? new int[] {0, n - k} : new int[] {0, 0};
      cores[4 + MAX_AFFIX + k] = startCut ? new int[] {k, n} : new int[] {0, 0};
    }
    for (int c = 0; c < cores.length; c++) {
      int from = cores[c][0];
      int to = cores[c][1];
      if (to - from < MIN_CORE || (c > 0 && isDuplicate(cores, c))) {
        continue;
      }
      boolean whole = from == 0 && to == n;
      if (!whole && dictionary.contains(view.range(from, to))) {
        return Optional.of(CommonPasswordMatcher.Variation.VARIATION);
      }
      if (hasAsciiLetter(chars, from, to)) {
        for (int mode = 0; mode < 2; mode++) {
          boolean changed = unleet(chars, from, to, plain, mode == 1);
          if (changed && dictionary.contains(plainView.range(0, to - from))) {
            return Optional.of(CommonPasswordMatcher.Variation.VARIATION);
          }
          if (!hasOneOrBar(chars, from, to)) {
            break;
          }
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isDuplicate(int[][] cores, int c) {
    for (int k = 0; k < c; k++) {
      if (cores[k][0] == cores[c][0] && cores[k][1] == cores[c][1]) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSymbol(char c) {
    return (c >= '!' && c <= '/')
        || (c >= ':' && c <= '@')
        || (c >= '[' && c <= '`')
        || (c >= '{' && c <= '~')
        || c == ' ';
  }

  private static boolean isDigitOrSymbol(char c) {
    return (c >= '0' && c <= '9') || isSymbol(c);
  }

  private static boolean hasAsciiLetter(char[] s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s[i];
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasOneOrBar(char[] s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s[i] == '1' || s[i] == '|') {
        return true;
      }
    }
    return false;
  }

  /** Undoes leetspeak into {@code out}; returns whether anything changed. */
  private static boolean unleet(char[] s, int from, int to, char[] out, boolean oneIsL) {
    boolean changed = false;
    for (int i = from; i < to; i++) {
      char c = s[i];
      char p = plain(c, oneIsL);
      out[i - from] = p;
      changed |= p != c;
    }
    return changed;
  }

  /** The letter a leetspeak character stands for, or the character itself. */
  static char plain(char c, boolean oneIsL) {
    switch (c) {
      case '4':
      case '@':
        return 'a';
      case '8':
        return 'b';
      case '(':
      case '[':
      case '{':
      case '<':
        return 'c';
      case '3':
        return 'e';
      case '6':
      case '9':
        return 'g';
      case '1':
      case '|':
        return oneIsL ? 'l' : 'i';
      case '!':
        return 'i';
      case '0':
        return 'o';
      case '$':
      case '5':
        return 's';
      case '7':
      case '+':
        return 't';
      case '%':
        return 'x';
      case '2':
        return 'z';
      default:
        return c;
    }
  }
}
