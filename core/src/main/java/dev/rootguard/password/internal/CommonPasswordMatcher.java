package dev.rootguard.password.internal;

import dev.rootguard.password.PasswordDictionary;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds a common password in a candidate, including trivial variations.
 *
 * <p>Checks, in order: the candidate itself (ignoring case, as every {@link PasswordDictionary}
 * does); then its <em>core</em> with digits and symbols stripped from the end ({@code Password1!},
 * {@code amazon123}, {@code summer2024}), from the start ({@code 1password}), or both, or up to
 * four digits or symbols cut from either end ({@code 1234562024}, {@code 123456!9}); each of those
 * with common leetspeak undone ({@code p@ssw0rd}, {@code $ecret}, {@code l3tm31n}, {@code he77o})
 * by the l33t table the strength estimate uses ({@link L33tTable}, zxcvbn's): {@code 4} and
 * {@code @} read as a, {@code 8} b, <code>( [ &#123; &lt;</code> c, {@code 3} e, {@code 6 9} g,
 * {@code 1 ! |} i, {@code 1 | 7} l, {@code 0} o, {@code $ 5} s, {@code 7 +} t, {@code %} x and
 * {@code 2} z. The ambiguous {@code 1}, {@code |} (i or l) and {@code 7} (l or t) are each read one
 * way throughout a core, and every such reading is tried. A stripped core must keep at least
 * {@value #MIN_CORE} characters (the whole candidate too, for leetspeak), and leetspeak is undone
 * only in a core that has an ASCII letter, so {@code 1234!} is not read as a word.
 *
 * <p>Cost: at most 13 cores, each looked up as it is and in each reading of its ambiguous
 * characters (1, 2, 4 or 8 readings for none, one, two or all three of {@code 1 | 7}): at most 39
 * dictionary lookups unless the candidate mixes two or three of them (at most 117), over at most
 * {@code length} characters each, so O(length); candidates longer than {@value
 * #MAX_VARIATION_LENGTH} characters are only checked exactly. One call allocates nothing: it works
 * in a per-thread scratch buffer (about 2.3 KiB per thread that has called it) which it wipes
 * before returning; never throws on any Unicode input. With a {@link CompactDictionary} and an
 * ASCII candidate, a core is hashed only when its length, first two and last characters pass the
 * dictionary's ASCII filter.
 *
 * <p>Stateless and thread-safe.
 */
public final class CommonPasswordMatcher {
  private CommonPasswordMatcher() {}

  /** Shortest core (after stripping digits and symbols) that counts as a variation. */
  public static final int MIN_CORE = 4;

  /** Most digits/symbols cut one by one from either end of an all-digit core. */
  static final int MAX_AFFIX = 4;

  /** Longest candidate for which variations are tried. */
  public static final int MAX_VARIATION_LENGTH = 256;

  private static final Optional<Variation> EXACT_MATCH = Optional.of(Variation.EXACT);
  private static final Optional<Variation> VARIATION_MATCH = Optional.of(Variation.VARIATION);

  /** How a candidate relates to a listed password. */
  public enum Variation {
    /** Listed as is (ignoring case). */
    EXACT,
    /** Listed after undoing a trivial variation (case, leetspeak, appended digits/year/symbols). */
    VARIATION
  }

  /**
   * Returns how the candidate matches a listed password, if it does.
   *
   * @param candidate the password; any Unicode
   * @param dictionary the list
   * @return the match, or empty
   * @throws NullPointerException if an argument is null
   */
  public static Optional<Variation> find(CharSequence candidate, PasswordDictionary dictionary) {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(dictionary, "dictionary");
    int n = candidate.length();
    if (n == 0) {
      return Optional.empty();
    }
    if (n > MAX_VARIATION_LENGTH) {
      return dictionary.contains(candidate) ? EXACT_MATCH : Optional.empty();
    }
    Scratch scratch = SCRATCH.get();
    if (scratch.inUse) {
      scratch = new Scratch(); // re-entered (a caller's dictionary called back): never share
    }
    scratch.inUse = true;
    try {
      return find(candidate, n, dictionary, scratch);
    } finally {
      scratch.wipe(n);
      scratch.inUse = false;
    }
  }

  private static Optional<Variation> find(
      CharSequence candidate, int n, PasswordDictionary dictionary, Scratch scratch) {
    char[] chars = scratch.chars;
    int[] ambiguousBefore = scratch.ambiguousBefore;
    for (int i = 0; i < n; i++) {
      char c = candidate.charAt(i);
      chars[i] = c;
      int slot = L33tTable.slot(c);
      ambiguousBefore[i + 1] = ambiguousBefore[i] + (slot < 0 ? 0 : 1 << (COUNT_BITS * slot));
    }
    CompactDictionary compact =
        dictionary instanceof CompactDictionary cd && isAscii(chars, n) ? cd : null;
    if (compact != null ? compact.containsAscii(chars, 0, n) : dictionary.contains(candidate)) {
      return EXACT_MATCH;
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
    CharWindow view = scratch.view;
    // Every core below contains [lead, tail), where all letters are, so "has a letter" is the
    // same for each. Leetspeak is undone lazily: the dictionary's filter needs only three
    // characters of a core, and only cores that pass it are scanned and looked up, through a view
    // that undoes leetspeak as it is read.
    boolean letters = hasAsciiLetter(chars, 0, n);
    LeetSlice leet = scratch.leet;
    // Cores: [0, n) (leetspeak only), [0, symbolTail), [0, tail), [lead, n), [lead, tail), then
    // up to MAX_AFFIX digits/symbols cut from either end (123456 + 2024, 123456 + 9!).
    int cores = CORES;
    int[] starts = scratch.starts;
    int[] ends = scratch.ends;
    Arrays.fill(starts, 0);
    Arrays.fill(ends, 0);
    ends[0] = n;
    ends[1] = symbolTail;
    ends[2] = tail;
    starts[3] = lead;
    ends[3] = n;
    starts[4] = lead;
    ends[4] = tail;
    for (int k = 1; k <= MAX_AFFIX; k++) {
      if (n - k >= tail) {
        ends[4 + k] = n - k;
      }
      if (k <= lead) {
        starts[4 + MAX_AFFIX + k] = k;
        ends[4 + MAX_AFFIX + k] = n;
      }
    }
    for (int c = 0; c < cores; c++) {
      int from = starts[c];
      int to = ends[c];
      if (to - from < MIN_CORE || (c > 0 && isDuplicate(starts, ends, c))) {
        continue;
      }
      boolean whole = from == 0 && to == n;
      if (!whole
          && (compact != null
              ? compact.containsAscii(chars, from, to)
              : dictionary.contains(view.range(from, to)))) {
        return VARIATION_MATCH;
      }
      if (letters) {
        int present = ambiguousPresent(ambiguousBefore, from, to);
        // every subset of the ambiguous characters present picks their second letters
        for (int reading = present; ; reading = (reading - 1) & present) {
          if (compact == null) {
            if (leetChanges(chars, from, to, reading)
                && dictionary.contains(leet.range(chars, from, to, reading))) {
              return VARIATION_MATCH;
            }
          } else if (compact.mightContainAscii(
                  to - from,
                  L33tTable.read(chars[from], reading),
                  L33tTable.read(chars[from + 1], reading),
                  L33tTable.read(chars[to - 1], reading))
              && unleet(chars, from, to, scratch.plain, reading)
              && compact.containsAscii(scratch.plain, 0, to - from)) {
            return VARIATION_MATCH;
          }
          if (reading == 0) {
            break;
          }
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isDuplicate(int[] starts, int[] ends, int c) {
    for (int k = 0; k < c; k++) {
      if (starts[k] == starts[c] && ends[k] == ends[c]) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAscii(char[] s, int n) {
    for (int i = 0; i < n; i++) {
      if (s[i] >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static final int CORES = 5 + 2 * MAX_AFFIX;

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /**
   * One thread's working arrays (about 2.3 KiB), so a call allocates nothing; wiped after every
   * call, so no password characters stay behind.
   */
  private static final class Scratch {
    final char[] chars = new char[MAX_VARIATION_LENGTH];
    final char[] plain = new char[MAX_VARIATION_LENGTH];

    /** Packed counts of 1, | and 7 before each position ({@value #COUNT_BITS} bits per slot). */
    final int[] ambiguousBefore = new int[MAX_VARIATION_LENGTH + 1];

    final int[] starts = new int[CORES];
    final int[] ends = new int[CORES];
    final CharWindow view = new CharWindow(chars);
    final LeetSlice leet = new LeetSlice();
    boolean inUse;

    void wipe(int n) {
      Arrays.fill(chars, 0, n, '\0');
      Arrays.fill(plain, 0, n, '\0');
      Arrays.fill(ambiguousBefore, 0, n + 1, 0);
      leet.range(null, 0, 0, 0);
    }
  }

  /** Bits per slot of the packed counts of ambiguous characters (counts are at most 256). */
  private static final int COUNT_BITS = 10;

  /**
   * The slots ({@link L33tTable#slot}) of the ambiguous characters in {@code [from, to)}, from the
   * packed counts before each position.
   */
  private static int ambiguousPresent(int[] before, int from, int to) {
    int d = before[to] - before[from]; // per-slot counts, no borrow: each only grows
    int present = 0;
    for (int slot = 0; slot < L33tTable.AMBIGUOUS; slot++) {
      if (((d >>> (COUNT_BITS * slot)) & ((1 << COUNT_BITS) - 1)) != 0) {
        present |= 1 << slot;
      }
    }
    return present;
  }

  /**
   * Writes {@code s[from, to)} with leetspeak undone into {@code out[0, to - from)}; returns
   * whether any character changed.
   */
  private static boolean unleet(char[] s, int from, int to, char[] out, int reading) {
    boolean changed = false;
    for (int i = from; i < to; i++) {
      char p = L33tTable.read(s[i], reading);
      out[i - from] = p;
      changed |= p != s[i];
    }
    return changed;
  }

  /** Whether undoing leetspeak changes any character of {@code s[from, to)}. */
  private static boolean leetChanges(char[] s, int from, int to, int reading) {
    for (int i = from; i < to; i++) {
      if (L33tTable.read(s[i], reading) != s[i]) {
        return true;
      }
    }
    return false;
  }

  /** A reusable window onto a char array that reads leetspeak as letters; never copies. */
  private static final class LeetSlice implements CharSequence {
    private char[] chars;
    private int from;
    private int to;
    private int reading;

    LeetSlice range(char[] chars, int from, int to, int reading) {
      this.chars = chars;
      this.from = from;
      this.to = to;
      this.reading = reading;
      return this;
    }

    @Override
    public int length() {
      return to - from;
    }

    @Override
    public char charAt(int index) {
      if (index < 0 || index >= to - from) {
        throw new IndexOutOfBoundsException(index);
      }
      return L33tTable.read(chars[from + index], reading);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      if (start < 0 || end > to - from || start > end) {
        throw new IndexOutOfBoundsException(start);
      }
      return new LeetSlice().range(chars, from + start, from + end, reading);
    }

    @Override
    public String toString() {
      char[] out = new char[to - from];
      for (int i = 0; i < out.length; i++) {
        out[i] = charAt(i);
      }
      return new String(out);
    }
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
}
