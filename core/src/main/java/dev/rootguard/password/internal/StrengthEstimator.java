package dev.rootguard.password.internal;

import dev.rootguard.password.PasswordDictionary;
import dev.rootguard.password.Strength;
import dev.rootguard.password.StrengthHint;
import dev.rootguard.password.internal.WordTrie.Source;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Estimates how many guesses a password needs, in the spirit of zxcvbn 4.4.2 (Dropbox): it finds
 * every pattern an attacker would try first and searches for the cheapest sequence of patterns that
 * covers the password.
 *
 * <p>Patterns: words of the bundled ranked lists (common passwords, English words, names, TV and
 * film words) and of the caller's dictionary and context words, also reversed and with l33t
 * substitutions, each weighted by rank and capitalisation; keyboard walks on US QWERTY, Dvorak,
 * Japanese JIS and numeric keypads; repeats; character sequences; recent years and dates; and brute
 * force for the rest. The combination search is zxcvbn's minimum-guesses dynamic programme ({@code
 * l! * product of guesses + 10000^(l-1)} over sequences of l matches).
 *
 * <p><b>Linear cost.</b> Every pattern has a bounded length (words: the longest listed word; walks:
 * {@value Keyboards#MAX_WALK}; repeat units: {@value #MAX_REPEAT_UNIT}), so matching does a bounded
 * amount of work per character, and the search tracks at most {@value #MAX_MATCHES_IN_SEQUENCE}
 * sequence lengths per position. The first {@value #WINDOW} characters (every AWS password fits)
 * get the full analysis. Past them, a cheap model adds, in a few comparisons per character, one
 * brute-force digit per character or a repeat for runs of a unit of up to {@value #TAIL_UNIT}
 * characters; a whole input that is one unit of up to {@value #MAX_REPEAT_UNIT} characters repeated
 * is scored as that repeat. A 10,000-character input thus costs one 128-character analysis plus a
 * few comparisons per further character, where zxcvbn's own search is quadratic (measured times in
 * {@code benchmarks/README.md}).
 *
 * <p><b>Allocation per call:</b> a copy of at most {@value #WINDOW} chars of the password (wiped
 * before returning) and its lower-case form, match and search arrays proportional to {@code
 * min(length, }{@value #WINDOW}{@code )}, a small sub-estimate per repeated unit longer than one
 * character, and the {@link Strength} result: about 3 to 4 KB for an 8 to 14 character password.
 * Nothing proportional to the dictionaries.
 *
 * <p>Thread-safe; share one instance.
 */
public final class StrengthEstimator {
  /** Characters that get the full analysis (AWS allows at most 128). */
  public static final int WINDOW = 128;

  /** Longest repeat unit recognised past the first window. */
  static final int TAIL_UNIT = 4;

  /** Longest repeat unit detected ({@code abcabc} has unit 3). */
  public static final int MAX_REPEAT_UNIT = 32;

  /**
   * Sequence lengths tracked by the search; longer sequences are counted as this long. A sequence
   * of 4 or more matches already costs more than 10^12 guesses (zxcvbn's additive 10000^(l-1)), so
   * the cap never changes a score.
   */
  public static final int MAX_MATCHES_IN_SEQUENCE = 5;

  /** Context words considered, and their maximum length. */
  static final int MAX_USER_INPUTS = 16;

  static final int MAX_USER_INPUT_LENGTH = 64;

  /** Longest substring probed in a caller-supplied dictionary, and the window for probing. */
  static final int MAX_CUSTOM_WORD = 24;

  static final int CUSTOM_PROBE_WINDOW = 64;

  private static final double LOG_10 = 1.0;
  private static final double LOG_11 = Math.log10(11);
  private static final double LOG_50 = Math.log10(50);
  private static final double LOG_2 = Math.log10(2);
  private static final double MIN_YEAR_SPACE = 20;
  private static final double[] LOG_FACTORIAL = new double[MAX_MATCHES_IN_SEQUENCE + 2];

  static {
    for (int i = 2; i < LOG_FACTORIAL.length; i++) {
      LOG_FACTORIAL[i] = LOG_FACTORIAL[i - 1] + Math.log10(i);
    }
  }

  /** log10 thresholds between scores 0|1, 1|2, 2|3, 3|4 (zxcvbn: 10^3, 10^6, 10^8, 10^10, +5). */
  private static final double[] SCORE_LIMITS = {
    Math.log10(1e3 + 5), Math.log10(1e6 + 5), Math.log10(1e8 + 5), Math.log10(1e10 + 5)
  };

  private final PasswordDictionary custom;
  private final Clock clock;

  private StrengthEstimator(PasswordDictionary dictionary, Clock clock) {
    this.custom = dictionary == BundledLists.passwords() ? null : dictionary;
    this.clock = clock;
  }

  /**
   * Returns an estimator that knows the bundled lists plus the given dictionary (whose ranks count
   * as guesses). With {@link PasswordDictionary#bundled()} nothing is added. Years are judged
   * against the current UTC year.
   *
   * @param dictionary ranked common passwords
   * @return the estimator
   */
  public static StrengthEstimator create(PasswordDictionary dictionary) {
    return create(dictionary, Clock.systemUTC());
  }

  /**
   * Returns an estimator whose notion of "recent year" comes from the given clock.
   *
   * @param dictionary ranked common passwords
   * @param clock the clock
   * @return the estimator
   */
  public static StrengthEstimator create(PasswordDictionary dictionary, Clock clock) {
    Objects.requireNonNull(dictionary, "dictionary");
    Objects.requireNonNull(clock, "clock");
    return new StrengthEstimator(dictionary, clock);
  }

  /**
   * Estimates a password's strength.
   *
   * @param password the password; any Unicode, any length; not kept
   * @param userInputs words from the context (account name, e-mail, user name); at most {@value
   *     #MAX_USER_INPUTS} are used, each cut to {@value #MAX_USER_INPUT_LENGTH} characters
   * @return the estimate
   * @throws NullPointerException if an argument or a user input is null
   */
  public Strength estimate(CharSequence password, List<String> userInputs) {
    return estimate(password, userInputs, null);
  }

  /** As {@link #estimate(CharSequence, List)}; adds the work done to {@code steps[0]}. */
  Strength estimate(CharSequence password, List<String> userInputs, long[] steps) {
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(userInputs, "userInputs");
    Run run = new Run(Trie.INSTANCE, userInputs, referenceYear());
    try {
      return run.estimate(password);
    } finally {
      if (steps != null) {
        steps[0] += run.steps;
      }
    }
  }

  /** (epoch day << 20 | year) of the last call, so most calls skip the calendar arithmetic. */
  private volatile long cachedDayYear = -1;

  private int referenceYear() {
    long day = Math.floorDiv(clock.millis(), 86_400_000L);
    long cached = cachedDayYear;
    if (cached >= 0 && (cached >>> 20) == day) {
      return (int) (cached & 0xFFFFF);
    }
    int year = LocalDate.ofEpochDay(day).getYear();
    if (day >= 0 && year >= 0 && year < (1 << 20)) {
      cachedDayYear = day << 20 | year;
    }
    return year;
  }

  /** Returns the heap retained by the estimator's shared word trie (loads it if needed). */
  static long sharedTableBytes() {
    return Trie.INSTANCE.retainedBytes();
  }

  private static final class Trie {
    static final WordTrie INSTANCE = WordTrie.loadBundled();
  }

  // ---------------------------------------------------------------------------------------------

  static final byte DICT = 0;
  static final byte SPATIAL = 1;
  static final byte REPEAT = 2;
  static final byte SEQUENCE = 3;
  static final byte YEAR = 4;
  static final byte DATE = 5;
  static final byte BRUTE = 6;

  /** zxcvbn's l33t table, inverted: for each ASCII char, the letters it may stand for. */
  static final String[] L33T = new String[128];

  static {
    String[][] table = {
      {"a", "4@"},
      {"b", "8"},
      {"c", "({[<"},
      {"e", "3"},
      {"g", "69"},
      {"i", "1!|"},
      {"l", "1|7"},
      {"o", "0"},
      {"s", "$5"},
      {"t", "+7"},
      {"x", "%"},
      {"z", "2"}
    };
    for (String[] row : table) {
      for (char sub : row[1].toCharArray()) {
        L33T[sub] = L33T[sub] == null ? row[0] : L33T[sub] + row[0];
      }
    }
  }

  static final int FLAG_L33T = 1;
  static final int FLAG_REVERSED = 2;

  /** One estimate: not thread-safe, confined to the calling thread. */
  private final class Run {
    final WordTrie trie;
    final char[][] inputs;
    final int referenceYear;
    long steps;

    Run(WordTrie trie, List<String> userInputs, int referenceYear) {
      this.trie = trie;
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

    private void addInput(List<char[]> words, String raw) {
      if (raw.isEmpty() || words.size() >= MAX_USER_INPUTS) {
        return;
      }
      int len = Math.min(raw.length(), MAX_USER_INPUT_LENGTH);
      char[] w = new char[len];
      for (int k = 0; k < len; k++) {
        w[k] = lower(raw.charAt(k));
      }
      for (char[] other : words) {
        if (Arrays.equals(other, w)) {
          return;
        }
      }
      words.add(w);
    }

    Strength estimate(CharSequence password) {
      int n = password.length();
      if (n == 0) {
        return new Strength(0, 0, List.of(StrengthHint.USE_A_FEW_WORDS));
      }
      if (n > WINDOW) {
        Strength periodic = wholeRepeat(password);
        if (periodic != null) {
          return periodic;
        }
      }
      int head = Math.min(n, WINDOW);
      char[] chunk = new char[head];
      double total;
      Feedback feedback;
      try {
        for (int k = 0; k < head; k++) {
          chunk[k] = password.charAt(k);
        }
        Window win = new Window(this, chunk, head, false, true);
        total = win.solve();
        feedback = win.feedback();
        win.wipe();
      } finally {
        Arrays.fill(chunk, '\0');
      }
      if (n > head) {
        total += tail(password, head);
      }
      int score = score(total);
      return new Strength(total, score, hints(score, n, feedback));
    }

    /**
     * The cheap model for characters past the first window: runs of a short unit (at most {@value
     * #TAIL_UNIT} chars) repeated count as a repeat of a brute-forced unit, every other character
     * as one brute-force digit (zxcvbn's cardinality of 10). At most {@value #TAIL_UNIT}
     * comparisons per character that starts no repeat; a repeat's characters are compared once per
     * unit tried.
     */
    private double tail(CharSequence s, int from) {
      int n = s.length();
      double lg = 0;
      long work = 0;
      int i = from;
      while (i < n) {
        char c = s.charAt(i);
        int bestEnd = -1;
        int bestUnit = 0;
        for (int p = 1; p <= TAIL_UNIT && i + 2 * p <= n; p++) {
          work++;
          if (s.charAt(i + p) != c) {
            continue;
          }
          int k = i + p + 1;
          while (k < n && s.charAt(k) == s.charAt(k - p)) {
            k++;
          }
          work += k - i - p;
          int reps = (k - i) / p;
          if (reps >= 2 && i + reps * p > bestEnd) {
            bestEnd = i + reps * p;
            bestUnit = p;
          }
        }
        if (bestEnd > 0) {
          int reps = (bestEnd - i) / bestUnit;
          lg += (bestUnit == 1 ? LOG_11 : bestUnit) + Math.log10(reps);
          i = bestEnd;
        } else {
          lg += 1;
          i++;
        }
      }
      steps += work;
      return lg;
    }

    /** A password made of one unit of at most MAX_REPEAT_UNIT chars repeated: scored as such. */
    private Strength wholeRepeat(CharSequence s) {
      int n = s.length();
      for (int p = 1; p <= MAX_REPEAT_UNIT; p++) {
        int k = p;
        while (k < n && s.charAt(k) == s.charAt(k - p)) {
          k++;
        }
        steps += k - p + 1;
        if (k == n) {
          char[] unit = new char[p];
          for (int i = 0; i < p; i++) {
            unit[i] = s.charAt(i);
          }
          Window base = new Window(this, unit, p, false, false);
          double lg = base.solve() + Math.log10((double) n / p);
          base.wipe();
          Arrays.fill(unit, '\0');
          int score = score(lg);
          Feedback f = new Feedback();
          f.longest = REPEAT;
          f.repeatUnit = p;
          f.matches = 1;
          return new Strength(lg, score, hints(score, n, f));
        }
      }
      return null;
    }
  }

  static int score(double lg) {
    for (int s = 0; s < SCORE_LIMITS.length; s++) {
      if (lg < SCORE_LIMITS[s]) {
        return s;
      }
    }
    return 4;
  }

  /** Facts about the best sequence that drive the hints. */
  static final class Feedback {
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
  }

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
          case SEQUENCE:
            add(out, ordered, StrengthHint.SEQUENCE);
            break;
          case YEAR:
          case DATE:
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

  static char lower(char c) {
    if (c < 0x80) {
      return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
    return Character.isSurrogate(c) ? c : Character.toLowerCase(c);
  }

  // ---------------------------------------------------------------------------------------------

  /** Matching and the minimum-guesses search over one piece of at most WINDOW chars. */
  private final class Window {
    final Run run;
    final char[] w;
    final char[] lw;
    final int n;
    final boolean excludeAdditive;
    final boolean allowRepeat;

    // matches
    int count;
    int[] mi;
    int[] mj;
    byte[] kind;
    double[] mlg;
    int[] info;
    byte[] flags;

    // search state: per position k and sequence length l (1..L)
    static final int L = MAX_MATCHES_IN_SEQUENCE;
    double[] pi;
    double[] g;
    int[] ref;
    byte[] prevL;
    long[] live;
    int bestL;

    Window(Run run, char[] chars, int n, boolean excludeAdditive, boolean allowRepeat) {
      this.run = run;
      this.w = chars;
      this.n = n;
      this.excludeAdditive = excludeAdditive;
      this.allowRepeat = allowRepeat;
      int cap = 4 * n + 16;
      this.mi = new int[cap];
      this.mj = new int[cap];
      this.kind = new byte[cap];
      this.mlg = new double[cap];
      this.info = new int[cap];
      this.flags = new byte[cap];
      this.lw = new char[n];
      this.upperBefore = new int[n + 1];
      this.lowerBefore = new int[n + 1];
      for (int k = 0; k < n; k++) {
        char c = chars[k];
        lw[k] = lower(c);
        upperBefore[k + 1] = upperBefore[k] + (c >= 'A' && c <= 'Z' ? 1 : 0);
        lowerBefore[k + 1] = lowerBefore[k] + (c >= 'a' && c <= 'z' ? 1 : 0);
        if (c >= '0' && c <= '9') {
          keypadChars++;
          digits++;
        } else if (c == '/' || c == '*' || c == '-' || c == '+' || c == '.' || c == '=') {
          keypadChars++;
        }
      }
    }

    /** Number of chars found on a numeric keypad (digits and {@code / * - + . =}). */
    int keypadChars;

    /** Number of ASCII digits. */
    int digits;

    /** Number of ASCII upper / lower case letters before each position. */
    final int[] upperBefore;

    final int[] lowerBefore;

    void wipe() {
      Arrays.fill(lw, '\0');
    }

    double solve() {
      dictionary();
      reverseDictionary();
      userInputs();
      customDictionary();
      for (Keyboards.Graph graph : Keyboards.ALL) {
        spatial(graph);
      }
      if (allowRepeat) {
        repeats();
      }
      sequences();
      years();
      dates();
      return search();
    }

    // ----- match storage -----

    private int add(int i, int j, byte k, double lg, int inf, int fl) {
      if (count == mi.length) {
        int cap = count * 2;
        mi = Arrays.copyOf(mi, cap);
        mj = Arrays.copyOf(mj, cap);
        kind = Arrays.copyOf(kind, cap);
        mlg = Arrays.copyOf(mlg, cap);
        info = Arrays.copyOf(info, cap);
        flags = Arrays.copyOf(flags, cap);
      }
      int len = j - i + 1;
      double min = len < n ? (len == 1 ? LOG_10 : LOG_50) : 0;
      mi[count] = i;
      mj[count] = j;
      kind[count] = k;
      mlg[count] = Math.max(lg, min);
      info[count] = inf;
      flags[count] = (byte) fl;
      return count++;
    }

    // ----- dictionaries -----

    /**
     * Walks the trie from every start: plain words, and where the walk meets a l33t char, the l33t
     * branches from there on (so the prefix is walked once for both).
     */
    private void dictionary() {
      WordTrie t = run.trie;
      int depth = t.maxDepth();
      for (int i = 0; i < n; i++) {
        int node = WordTrie.ROOT;
        boolean branched = false;
        for (int j = i; j < n && j - i < depth; j++) {
          char c = lw[j];
          run.steps++;
          if (!branched && c < 0x80 && L33T[c] != null) {
            // as in zxcvbn, a l33t token has every l33t char substituted: branch at the first
            // one only; the branch substitutes the later ones itself
            branched = true;
            l33tBranches(i, j, node, 0, depth);
          }
          if (c >= 0x80 || (node = t.child(node, c)) < 0) {
            break;
          }
          int packed = t.wordInfo(node);
          if (packed != 0) {
            addWord(i, j, WordTrie.rank(packed), WordTrie.source(packed), 0, 0);
          }
        }
      }
    }

    private void reverseDictionary() {
      WordTrie t = run.trie;
      int depth = t.maxDepth();
      for (int j = n - 1; j >= 0; j--) {
        int node = WordTrie.ROOT;
        for (int i = j; i >= 0 && j - i < depth; i--) {
          char c = lw[i];
          run.steps++;
          if (c >= 0x80 || (node = t.child(node, c)) < 0) {
            break;
          }
          if (i == j) {
            continue;
          }
          int packed = t.wordInfo(node);
          if (packed != 0) {
            addWord(i, j, WordTrie.rank(packed), WordTrie.source(packed), FLAG_REVERSED, 0);
          }
        }
      }
    }

    private void addWord(int i, int j, int rank, Source source, int fl, int subs) {
      double lg = log10Rank(rank) + uppercaseVariations(i, j);
      if ((fl & FLAG_L33T) != 0) {
        lg += l33tVariations(i, j, subs);
      }
      if ((fl & FLAG_REVERSED) != 0) {
        lg += LOG_2;
      }
      add(i, j, DICT, lg, Math.min(rank, 0xFFFFFF) | (source.ordinal() << 24), fl);
    }

    private double uppercaseVariations(int i, int j) {
      int upper = upperBefore[j + 1] - upperBefore[i];
      if (upper == 0) {
        return 0;
      }
      int lowerCount = lowerBefore[j + 1] - lowerBefore[i];
      if (upper == 0) {
        return 0;
      }
      int len = j - i + 1;
      boolean startUpper = upper == 1 && isUpper(w[i]) && len > 1;
      boolean endUpper = upper == 1 && isUpper(w[j]) && len > 1;
      if (startUpper || endUpper || lowerCount == 0) {
        return LOG_2;
      }
      return mixedCaseLog10(upper, lowerCount);
    }

    // ----- l33t -----

    /** Slot (0..2) of an ambiguous l33t char in the choice bits, or -1. */
    private int ambiguousSlot(char c) {
      return c == '1' ? 0 : c == '|' ? 1 : c == '7' ? 2 : -1;
    }

    /** choices: 2 bits per ambiguous char (0 unset, 1 first option, 2 second option). */
    private void l33tWalk(int i, int j, int node, int choices, boolean subbed, int depth) {
      if (j >= n || j - i >= depth) {
        return;
      }
      char c = lw[j];
      run.steps++;
      if (c >= 0x80) {
        return;
      }
      if (L33T[c] == null) {
        int child = run.trie.child(node, c);
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
      String options = L33T[c];
      int slot = ambiguousSlot(c);
      for (int o = 0; o < options.length(); o++) {
        int nextChoices = choices;
        if (slot >= 0) {
          int current = (choices >>> (2 * slot)) & 3;
          if (current != 0 && current != o + 1) {
            continue;
          }
          nextChoices = choices | ((o + 1) << (2 * slot));
        }
        int child = run.trie.child(node, options.charAt(o));
        if (child >= 0) {
          l33tStep(i, j, child, nextChoices, true, depth);
        }
      }
    }

    private void l33tStep(int i, int j, int child, int choices, boolean subbed, int depth) {
      if (subbed && j > i) {
        int packed = run.trie.wordInfo(child);
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
        String options = sub < 0x80 ? L33T[sub] : null;
        if (options == null || indexOfBefore(sub, i, k)) {
          continue;
        }
        int slot = ambiguousSlot(sub);
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
          log += LOG_2;
        } else {
          double possibilities = 0;
          for (int x = 1; x <= Math.min(u, s); x++) {
            possibilities += binomial(u + s, x);
          }
          log += Math.log10(possibilities);
        }
      }
      return log;
    }

    private boolean indexOfBefore(char c, int from, int before) {
      for (int k = from; k < before; k++) {
        if (lw[k] == c) {
          return true;
        }
      }
      return false;
    }

    // ----- context words and the caller's dictionary -----

    private void userInputs() {
      char[][] inputs = run.inputs;
      for (int r = 0; r < inputs.length; r++) {
        char[] u = inputs[r];
        int len = u.length;
        for (int i = 0; i + len <= n; i++) {
          run.steps++;
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

    private void customDictionary() {
      PasswordDictionary d = custom;
      if (d == null) {
        return;
      }
      CharWindow view = new CharWindow(w);
      if (n > CUSTOM_PROBE_WINDOW) {
        run.steps++;
        probe(d, view, 0, n - 1);
        return;
      }
      for (int i = 0; i < n; i++) {
        for (int j = i + 2; j < n && j - i < MAX_CUSTOM_WORD; j++) {
          run.steps++;
          probe(d, view, i, j);
        }
      }
      if (n < 3) {
        probe(d, view, 0, n - 1);
      }
    }

    private void probe(PasswordDictionary d, CharWindow view, int i, int j) {
      java.util.OptionalInt rank = d.rank(view.range(i, j + 1));
      if (rank.isPresent()) {
        addWord(i, j, rank.getAsInt(), Source.CUSTOM, 0, 0);
      }
    }

    // ----- keyboard walks -----

    private void spatial(Keyboards.Graph graph) {
      boolean keyboard = graph.slanted;
      if (!keyboard && keypadChars < 3) {
        return;
      }
      int i = 0;
      while (i < n - 1) {
        int j = i + 1;
        int lastDirection = -1;
        int turns = 0;
        int shifted = keyboard && graph.isShifted(w[i]) ? 1 : 0;
        while (true) {
          run.steps++;
          char prev = w[j - 1];
          boolean found = false;
          int fast = j < n ? graph.step(prev, w[j]) : 0;
          char[] neighbours = fast < 0 && prev < 256 ? graph.adjacent[prev] : null;
          if (fast >= 0 && j < n && j - i < Keyboards.MAX_WALK) {
            if (fast != 0) {
              found = true;
              if ((fast & 0x40) != 0) {
                shifted++;
              }
              int d = 2 * ((fast & 0x3F) - 1);
              if (lastDirection != d) {
                turns++;
                lastDirection = d;
              }
            }
          } else if (j < n && j - i < Keyboards.MAX_WALK && neighbours != null) {
            char cur = w[j];
            for (int d = 0; d < neighbours.length; d += 2) {
              int at = neighbours[d] == cur ? 0 : neighbours[d + 1] == cur ? 1 : -1;
              if (at >= 0 && cur != 0) {
                found = true;
                if (at == 1) {
                  shifted++;
                }
                if (lastDirection != d) {
                  turns++;
                  lastDirection = d;
                }
                break;
              }
            }
          }
          if (found) {
            j++;
          } else {
            if (j - i > 2) {
              addSpatial(graph, i, j - 1, turns, shifted);
            }
            i = j;
            break;
          }
        }
      }
    }

    private void addSpatial(Keyboards.Graph graph, int i, int j, int turns, int shifted) {
      int len = j - i + 1;
      double lg =
          graph.walkLog10[Math.min(len, Keyboards.MAX_WALK)][Math.min(turns, Keyboards.MAX_WALK)];
      if (shifted > 0) {
        int unshifted = len - shifted;
        if (unshifted == 0) {
          lg += LOG_2;
        } else {
          double v = 0;
          for (int k = 1; k <= Math.min(shifted, unshifted); k++) {
            v += binomial(shifted + unshifted, k);
          }
          lg += Math.log10(v);
        }
      }
      add(i, j, SPATIAL, lg, turns, 0);
    }

    // ----- repeats -----

    private void repeats() {
      int maxUnit = Math.min(MAX_REPEAT_UNIT, n / 2);
      for (int p = 1; p <= maxUnit; p++) {
        int runStart = -1;
        for (int k = p; k <= n; k++) {
          run.steps++;
          boolean same = k < n && w[k] == w[k - p];
          if (same) {
            if (runStart < 0) {
              runStart = k;
            }
            continue;
          }
          if (runStart >= 0 && k - runStart >= p) {
            int start = runStart - p;
            int reps = (k - start) / p;
            if (!hasShorterPeriod(start, p)) {
              addRepeat(start, p, reps);
            }
          }
          runStart = -1;
        }
      }
    }

    private boolean hasShorterPeriod(int start, int p) {
      for (int d = 1; d < p; d++) {
        if (p % d != 0) {
          continue;
        }
        boolean periodic = true;
        for (int k = start + d; k < start + p; k++) {
          if (w[k] != w[k - d]) {
            periodic = false;
            break;
          }
        }
        run.steps += p;
        if (periodic) {
          return true;
        }
      }
      return false;
    }

    private void addRepeat(int start, int p, int reps) {
      if (p == 1) {
        add(start, start + reps - 1, REPEAT, singleCharLog10(w[start]) + Math.log10(reps), 1, 0);
        return;
      }
      char[] unit = Arrays.copyOfRange(w, start, start + p);
      Window base = new Window(run, unit, p, false, false);
      double baseLg = base.solve();
      base.wipe();
      Arrays.fill(unit, '\0');
      add(start, start + p * reps - 1, REPEAT, baseLg + Math.log10(reps), p, 0);
    }

    /**
     * What a full estimate of the one-character password {@code c} gives, without building a
     * window: brute force (11) or a one-letter word of a list (rank, times 2 for an upper-case
     * letter), whichever is smaller. Sequences, walks and l33t need two or more characters.
     */
    private double singleCharLog10(char c) {
      double best = LOG_11;
      char lc = lower(c);
      if (lc < 0x80) {
        int node = run.trie.child(WordTrie.ROOT, lc);
        int packed = node < 0 ? 0 : run.trie.wordInfo(node);
        if (packed != 0) {
          best = Math.min(best, log10Rank(WordTrie.rank(packed)) + (isUpper(c) ? LOG_2 : 0));
        }
      }
      char[][] inputs = run.inputs;
      for (int r = 0; r < inputs.length; r++) {
        if (inputs[r].length == 1 && inputs[r][0] == lc) {
          best = Math.min(best, log10Rank(r + 1) + (isUpper(c) ? LOG_2 : 0));
        }
      }
      if (custom != null) {
        java.util.OptionalInt rank = custom.rank(String.valueOf(c));
        if (rank.isPresent()) {
          best = Math.min(best, log10Rank(rank.getAsInt()) + (isUpper(c) ? LOG_2 : 0));
        }
      }
      return best;
    }

    // ----- sequences -----

    private void sequences() {
      if (n == 1) {
        return;
      }
      int i = 0;
      int lastDelta = Integer.MIN_VALUE;
      for (int k = 1; k < n; k++) {
        run.steps++;
        int delta = w[k] - w[k - 1];
        if (lastDelta == Integer.MIN_VALUE) {
          lastDelta = delta;
        }
        if (delta == lastDelta) {
          continue;
        }
        int j = k - 1;
        sequence(i, j, lastDelta);
        i = j;
        lastDelta = delta;
      }
      sequence(i, n - 1, lastDelta);
    }

    private void sequence(int i, int j, int delta) {
      if (j - i > 1 || Math.abs(delta) == 1) {
        if (Math.abs(delta) > 0 && Math.abs(delta) <= 5) {
          char first = w[i];
          double base;
          if ("aAzZ019".indexOf(first) >= 0) {
            base = 4;
          } else if (first >= '0' && first <= '9') {
            base = 10;
          } else {
            base = 26;
          }
          if (delta < 0) {
            base *= 2;
          }
          add(i, j, SEQUENCE, Math.log10(base * (j - i + 1)), 0, 0);
        }
      }
    }

    // ----- years and dates -----

    private void years() {
      if (digits < 4) {
        return;
      }
      for (int i = 0; i + 3 < n; ) {
        run.steps++;
        if (((w[i] == '1' && w[i + 1] == '9') || (w[i] == '2' && w[i + 1] == '0'))
            && isDigit(w[i + 2])
            && isDigit(w[i + 3])) {
          int year =
              (w[i] - '0') * 1000
                  + (w[i + 1] - '0') * 100
                  + (w[i + 2] - '0') * 10
                  + (w[i + 3] - '0');
          double space = Math.max(Math.abs(year - run.referenceYear), MIN_YEAR_SPACE);
          add(i, i + 3, YEAR, Math.log10(space), year, 0);
          i += 4;
        } else {
          i++;
        }
      }
    }

    private void dates() {
      if (digits < 4) {
        return;
      }
      int before = count;
      // without separators: 4 to 8 digits
      int digitsFrom = n;
      for (int i = n - 1; i >= 0; i--) {
        if (!isDigit(w[i])) {
          digitsFrom = i;
          continue;
        }
        int digitRun = digitsFrom - i;
        for (int j = i + 3; j <= i + 7 && j < i + digitRun; j++) {
          run.steps++;
          int bestYear = Integer.MIN_VALUE;
          int[][] splits = SPLITS[j - i + 1];
          for (int[] split : splits) {
            int year =
                dmyYear(
                    parse(i, i + split[0]),
                    parse(i + split[0], i + split[1]),
                    parse(i + split[1], j + 1));
            if (year != Integer.MIN_VALUE
                && (bestYear == Integer.MIN_VALUE
                    || Math.abs(year - run.referenceYear)
                        < Math.abs(bestYear - run.referenceYear))) {
              bestYear = year;
            }
          }
          if (bestYear != Integer.MIN_VALUE) {
            addDate(i, j, bestYear, false);
          }
        }
      }
      // with separators: 6 to 10 chars, d{1,4} sep d{1,2} sep d{1,4}
      for (int i = 0; i + 6 <= n; i++) {
        if (!isDigit(w[i])) {
          continue;
        }
        for (int j = i + 5; j <= i + 9 && j < n; j++) {
          run.steps++;
          int year = separatedDate(i, j);
          if (year != Integer.MIN_VALUE) {
            addDate(i, j, year, true);
          }
        }
      }
      // drop dates inside other dates (a date is at most 10 chars long)
      int[] maxEnd = new int[n];
      Arrays.fill(maxEnd, -1);
      for (int m = before; m < count; m++) {
        maxEnd[mi[m]] = Math.max(maxEnd[mi[m]], mj[m]);
      }
      int kept = before;
      for (int m = before; m < count; m++) {
        boolean inside = maxEnd[mi[m]] > mj[m];
        for (int s = Math.max(0, mi[m] - 9); s < mi[m] && !inside; s++) {
          run.steps++;
          inside = maxEnd[s] >= mj[m];
        }
        if (!inside) {
          copyMatch(m, kept++);
        }
      }
      count = kept;
    }

    private void copyMatch(int from, int to) {
      mi[to] = mi[from];
      mj[to] = mj[from];
      kind[to] = kind[from];
      mlg[to] = mlg[from];
      info[to] = info[from];
      flags[to] = flags[from];
    }

    private void addDate(int i, int j, int year, boolean separator) {
      double space = Math.max(Math.abs(year - run.referenceYear), MIN_YEAR_SPACE);
      double lg = Math.log10(space * 365) + (separator ? Math.log10(4) : 0);
      add(i, j, DATE, lg, year, 0);
    }

    private int separatedDate(int i, int j) {
      int k = i;
      int a = 0;
      int digits = 0;
      while (k <= j && isDigit(w[k]) && digits < 4) {
        a = a * 10 + (w[k++] - '0');
        digits++;
      }
      if (digits == 0 || k > j || !isSeparator(w[k])) {
        return Integer.MIN_VALUE;
      }
      char sep = w[k++];
      int b = 0;
      digits = 0;
      while (k <= j && isDigit(w[k]) && digits < 2) {
        b = b * 10 + (w[k++] - '0');
        digits++;
      }
      if (digits == 0 || k > j || w[k] != sep) {
        return Integer.MIN_VALUE;
      }
      k++;
      int c = 0;
      digits = 0;
      while (k <= j && isDigit(w[k]) && digits < 4) {
        c = c * 10 + (w[k++] - '0');
        digits++;
      }
      if (digits == 0 || k != j + 1) {
        return Integer.MIN_VALUE;
      }
      return dmyYear(a, b, c);
    }

    private int parse(int from, int to) {
      int v = 0;
      for (int k = from; k < to; k++) {
        v = v * 10 + (w[k] - '0');
      }
      return v;
    }

    // ----- the search -----

    private double search() {
      int[] byEnd = sortByEnd();
      int[] endStart = this.endStart;
      pi = new double[n * L];
      g = new double[n * L];
      ref = new int[n * L];
      prevL = new byte[n * L];
      live = new long[n];
      double[] runMin = new double[L + 1];
      int[] runArg = new int[L + 1];
      Arrays.fill(runMin, Double.POSITIVE_INFINITY);
      long runLive = 0;
      for (int k = 0; k < n; k++) {
        for (int e = endStart[k]; e < endStart[k + 1]; e++) {
          int m = byEnd[e];
          int i = mi[m];
          if (i == 0) {
            update(k, 1, mlg[m], m, 0);
          } else {
            long bits = live[i - 1];
            while (bits != 0) {
              int l = Long.numberOfTrailingZeros(bits) + 1;
              bits &= bits - 1;
              run.steps++;
              update(k, l + 1, pi[(i - 1) * L + l - 1] + mlg[m], m, l);
            }
          }
        }
        // brute force from the start
        update(k, 1, k == 0 ? LOG_11 : k + 1, -1, 0);
        // brute force of length >= 2 after a non-brute-force match ending at p <= k - 2
        if (k >= 2) {
          int p = k - 2;
          long bits = live[p];
          while (bits != 0) {
            int l = Long.numberOfTrailingZeros(bits) + 1;
            bits &= bits - 1;
            int at = p * L + l - 1;
            if (ref[at] >= 0 && pi[at] - p < runMin[l]) {
              runMin[l] = pi[at] - p;
              runArg[l] = p;
              runLive |= 1L << l;
            }
          }
        }
        for (long rb = runLive; rb != 0; rb &= rb - 1) {
          int l = Long.numberOfTrailingZeros(rb);
          run.steps++;
          update(k, l + 1, runMin[l] + k, -(runArg[l] + 2), l);
        }
        // brute force of length 1 after a non-brute-force match ending at k - 1
        if (k >= 1) {
          long bits = live[k - 1];
          while (bits != 0) {
            int l = Long.numberOfTrailingZeros(bits) + 1;
            bits &= bits - 1;
            int at = (k - 1) * L + l - 1;
            if (ref[at] >= 0) {
              run.steps++;
              update(k, l + 1, pi[at] + LOG_11, -(k - 1 + 2), l);
            }
          }
        }
      }
      double best = Double.POSITIVE_INFINITY;
      long bits = live[n - 1];
      while (bits != 0) {
        int l = Long.numberOfTrailingZeros(bits) + 1;
        bits &= bits - 1;
        double v = g[(n - 1) * L + l - 1];
        if (v < best) {
          best = v;
          bestL = l;
        }
      }
      return best;
    }

    private int[] endStart;

    /** Counting sort of match indices by end position. */
    private int[] sortByEnd() {
      int[] start = new int[n + 1];
      for (int m = 0; m < count; m++) {
        start[mj[m] + 1]++;
      }
      for (int k = 0; k < n; k++) {
        start[k + 1] += start[k];
      }
      int[] fill = Arrays.copyOf(start, n + 1);
      int[] out = new int[count];
      for (int m = 0; m < count; m++) {
        out[fill[mj[m]]++] = m;
      }
      endStart = start;
      return out;
    }

    /**
     * Offers a sequence of l matches ending at k with log10 product {@code lpi}; ref is the match
     * index, or -(p + 2) for brute force after position p (-1: brute force from the start).
     */
    private void update(int k, int l, double lpi, int matchRef, int fromL) {
      int lc = Math.min(l, L);
      double lg = LOG_FACTORIAL[lc] + lpi;
      if (!excludeAdditive && lc > 1) {
        lg = logAdd(lg, 4.0 * (lc - 1));
      }
      long bits = live[k] & ((lc == 64 ? -1L : (1L << lc) - 1));
      while (bits != 0) {
        int other = Long.numberOfTrailingZeros(bits) + 1;
        bits &= bits - 1;
        if (g[k * L + other - 1] <= lg) {
          return;
        }
      }
      int at = k * L + lc - 1;
      pi[at] = lpi;
      g[at] = lg;
      ref[at] = matchRef;
      prevL[at] = (byte) fromL;
      live[k] |= 1L << (lc - 1);
    }

    /** Walks the best sequence back and collects the facts for the hints. */
    Feedback feedback() {
      Feedback f = new Feedback();
      int k = n - 1;
      int l = bestL;
      int longestLen = -1;
      while (k >= 0 && l > 0) {
        int at = k * L + l - 1;
        int r = ref[at];
        int start;
        f.matches++;
        if (r >= 0) {
          start = mi[r];
          if (kind[r] == DICT && WordTrie.source(info[r]) == Source.USER_INPUTS) {
            f.personal = true;
          }
          int len = mj[r] - mi[r] + 1;
          if (len > longestLen) {
            longestLen = len;
            describe(f, r);
          }
        } else {
          start = r == -1 ? 0 : -r - 2 + 1;
          int len = k - start + 1;
          if (len > longestLen) {
            longestLen = len;
            f.longest = BRUTE;
          }
        }
        l = prevL[at];
        k = start - 1;
      }
      return f;
    }

    private void describe(Feedback f, int r) {
      f.longest = kind[r];
      f.tokenLength = mj[r] - mi[r] + 1;
      switch (kind[r]) {
        case DICT:
          f.source = WordTrie.source(info[r]);
          f.rank = WordTrie.rank(info[r]);
          f.flags = flags[r];
          int upper = 0;
          int lowerCount = 0;
          for (int x = mi[r]; x <= mj[r]; x++) {
            if (isUpper(w[x])) {
              upper++;
            } else if (w[x] >= 'a' && w[x] <= 'z') {
              lowerCount++;
            }
          }
          f.startUpper = upper == 1 && isUpper(w[mi[r]]) && f.tokenLength > 1;
          f.allUpper = upper > 0 && lowerCount == 0;
          break;
        case SPATIAL:
          f.turns = info[r];
          break;
        case REPEAT:
          f.repeatUnit = info[r];
          break;
        default:
          break;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** zxcvbn's ways to split 4 to 8 digits into day, month and year. */
  private static final int[][][] SPLITS = {
    {},
    {},
    {},
    {},
    {{1, 2}, {2, 3}},
    {{1, 3}, {2, 3}},
    {{1, 2}, {2, 4}, {4, 5}},
    {{1, 3}, {2, 3}, {4, 5}, {4, 6}},
    {{2, 4}, {4, 6}}
  };

  private static final int DATE_MIN_YEAR = 1000;
  private static final int DATE_MAX_YEAR = 2050;

  /** zxcvbn's map_ints_to_dmy, returning only the year, or MIN_VALUE if not a date. */
  static int dmyYear(int a, int b, int c) {
    if (b > 31 || b <= 0) {
      return Integer.MIN_VALUE;
    }
    if (outOfRange(a) || outOfRange(b) || outOfRange(c)) {
      return Integer.MIN_VALUE;
    }
    int over31 = (a > 31 ? 1 : 0) + (b > 31 ? 1 : 0) + (c > 31 ? 1 : 0);
    int over12 = (a > 12 ? 1 : 0) + (b > 12 ? 1 : 0) + (c > 12 ? 1 : 0);
    int under1 = (a <= 0 ? 1 : 0) + (b <= 0 ? 1 : 0) + (c <= 0 ? 1 : 0);
    if (over31 >= 2 || over12 == 3 || under1 >= 2) {
      return Integer.MIN_VALUE;
    }
    // a four-digit year last, then first
    if (c >= DATE_MIN_YEAR && c <= DATE_MAX_YEAR) {
      return isDayMonth(a, b) ? c : Integer.MIN_VALUE;
    }
    if (a >= DATE_MIN_YEAR && a <= DATE_MAX_YEAR) {
      return isDayMonth(b, c) ? a : Integer.MIN_VALUE;
    }
    // two-digit years
    if (isDayMonth(a, b)) {
      return twoToFourDigitYear(c);
    }
    if (isDayMonth(b, c)) {
      return twoToFourDigitYear(a);
    }
    return Integer.MIN_VALUE;
  }

  private static boolean outOfRange(int v) {
    return (v > 99 && v < DATE_MIN_YEAR) || v > DATE_MAX_YEAR;
  }

  private static int twoToFourDigitYear(int y) {
    return y > 99 ? y : y > 50 ? y + 1900 : y + 2000;
  }

  private static boolean isDayMonth(int x, int y) {
    return (x >= 1 && x <= 31 && y >= 1 && y <= 12) || (y >= 1 && y <= 31 && x >= 1 && x <= 12);
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  static boolean isSeparator(char c) {
    return c == ' '
        || c == '/'
        || c == '\\'
        || c == '_'
        || c == '.'
        || c == '-'
        || c == '\t'
        || c == '\n'
        || c == '\r'
        || c == '\f'
        || c == '\u000B';
  }

  /**
   * log10 of zxcvbn's mixed-case variations sum_{k=1..min(u,l)} C(u+l, k), cached for u, l < 32.
   */
  private static final double[] MIXED_CASE = new double[32 * 32];

  static double mixedCaseLog10(int upper, int lowerCount) {
    if (upper < 32 && lowerCount < 32) {
      return MIXED_CASE[upper * 32 + lowerCount];
    }
    return computeMixedCase(upper, lowerCount);
  }

  private static double computeMixedCase(int upper, int lowerCount) {
    double sum = 0;
    for (int k = 1; k <= Math.min(upper, lowerCount); k++) {
      sum += binomial(upper + lowerCount, k);
    }
    return Math.log10(Math.max(sum, 1));
  }

  private static final double[][] BINOMIAL = new double[65][];

  static {
    for (int a = 0; a < BINOMIAL.length; a++) {
      BINOMIAL[a] = new double[a + 1];
      BINOMIAL[a][0] = 1;
      BINOMIAL[a][a] = 1;
      for (int b = 1; b < a; b++) {
        BINOMIAL[a][b] = BINOMIAL[a - 1][b - 1] + BINOMIAL[a - 1][b];
      }
    }
    for (int u = 0; u < 32; u++) {
      for (int l = 0; l < 32; l++) {
        MIXED_CASE[u * 32 + l] = computeMixedCase(u, l);
      }
    }
  }

  static double binomial(int n, int k) {
    if (k > n || k < 0) {
      return 0;
    }
    if (n < BINOMIAL.length) {
      return BINOMIAL[n][k];
    }
    if (k == 0) {
      return 1;
    }
    double r = 1;
    for (int d = 1; d <= k; d++) {
      r *= n;
      r /= d;
      n--;
    }
    return r;
  }

  private static final int LOG_ADD_STEPS = 64;
  private static final double LOG_ADD_RANGE = 17;
  private static final double[] LOG_ADD = new double[(int) (LOG_ADD_RANGE * LOG_ADD_STEPS) + 2];

  static {
    for (int k = 0; k < LOG_ADD.length; k++) {
      LOG_ADD[k] = Math.log10(1 + Math.pow(10, -(double) k / LOG_ADD_STEPS));
    }
  }

  /** log10(10^a + 10^b) without overflow (table with linear interpolation, error below 1e-5). */
  static double logAdd(double a, double b) {
    double hi = Math.max(a, b);
    double diff = hi - Math.min(a, b);
    if (diff >= LOG_ADD_RANGE) {
      return hi;
    }
    double x = diff * LOG_ADD_STEPS;
    int k = (int) x;
    double f = x - k;
    return hi + LOG_ADD[k] + (LOG_ADD[k + 1] - LOG_ADD[k]) * f;
  }

  /** log10 of ranks up to the bundled lists' length, so a match costs no Math.log10 call. */
  private static final float[] LOG_RANK = new float[30_001];

  static {
    for (int r = 1; r < LOG_RANK.length; r++) {
      LOG_RANK[r] = (float) Math.log10(r);
    }
  }

  static double log10Rank(int rank) {
    return rank < LOG_RANK.length ? LOG_RANK[Math.max(rank, 1)] : Math.log10(rank);
  }
}
