package dev.rootguard.password.internal;

import dev.rootguard.password.PasswordDictionary;
import dev.rootguard.password.Strength;
import dev.rootguard.password.StrengthHint;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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
 * <p><b>Parts.</b> This class is the entry point and the cheap model past the first window. The
 * analysis of a piece ({@link PieceAnalysis}) runs the matchers, one type per pattern behind {@link
 * Matcher} ({@link DictionaryMatcher}, {@link SpatialMatcher}, {@link RepeatMatcher}, {@link
 * SequenceMatcher}, {@link DateMatcher}), then the minimum-guesses search ({@link GuessSearch});
 * {@link Feedback} turns the best sequence into hints. The l33t table is {@link L33tTable}, shared
 * with {@link CommonPasswordMatcher}.
 *
 * <p>Thread-safe; share one instance. Example:
 *
 * <pre>{@code
 * StrengthEstimator est = StrengthEstimator.create(PasswordDictionary.bundled());
 * Strength s = est.estimate("Tr0ub4dour&3", List.of("acme-prod"));
 * }</pre>
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
  static final int MAX_USER_INPUTS = MatchContext.MAX_USER_INPUTS;

  static final int MAX_USER_INPUT_LENGTH = MatchContext.MAX_USER_INPUT_LENGTH;

  /** Longest substring probed in a caller-supplied dictionary, and the window for probing. */
  static final int MAX_CUSTOM_WORD = 24;

  static final int CUSTOM_PROBE_WINDOW = 64;

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
    MatchContext ctx = new MatchContext(Trie.INSTANCE, custom, userInputs, referenceYear());
    try {
      return estimate(ctx, password);
    } finally {
      if (steps != null) {
        steps[0] += ctx.steps;
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

  private static Strength estimate(MatchContext ctx, CharSequence password) {
    int n = password.length();
    if (n == 0) {
      return new Strength(0, 0, List.of(StrengthHint.USE_A_FEW_WORDS));
    }
    if (n > WINDOW) {
      Strength periodic = wholeRepeat(ctx, password);
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
      PieceAnalysis win = new PieceAnalysis(ctx, chunk, head, true);
      total = win.solve();
      feedback = win.feedback();
      win.wipe();
    } finally {
      Arrays.fill(chunk, '\0');
    }
    if (n > head) {
      total += tail(ctx, password, head);
    }
    int score = score(total);
    return new Strength(total, score, Feedback.hints(score, n, feedback));
  }

  /**
   * The cheap model for characters past the first window: runs of a short unit (at most {@value
   * #TAIL_UNIT} chars) repeated count as a repeat of a brute-forced unit, every other character as
   * one brute-force digit (zxcvbn's cardinality of 10). At most {@value #TAIL_UNIT} comparisons per
   * character that starts no repeat; a repeat's characters are compared once per unit tried.
   */
  private static double tail(MatchContext ctx, CharSequence s, int from) {
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
        lg += (bestUnit == 1 ? GuessMath.LOG_11 : bestUnit) + Math.log10(reps);
        i = bestEnd;
      } else {
        lg += 1;
        i++;
      }
    }
    ctx.steps += work;
    return lg;
  }

  /** A password made of one unit of at most MAX_REPEAT_UNIT chars repeated: scored as such. */
  private static Strength wholeRepeat(MatchContext ctx, CharSequence s) {
    int n = s.length();
    for (int p = 1; p <= MAX_REPEAT_UNIT; p++) {
      int k = p;
      while (k < n && s.charAt(k) == s.charAt(k - p)) {
        k++;
      }
      ctx.steps += k - p + 1;
      if (k == n) {
        char[] unit = new char[p];
        for (int i = 0; i < p; i++) {
          unit[i] = s.charAt(i);
        }
        PieceAnalysis base = new PieceAnalysis(ctx, unit, p, false);
        double lg = base.solve() + Math.log10((double) n / p);
        base.wipe();
        Arrays.fill(unit, '\0');
        int score = score(lg);
        return new Strength(lg, score, Feedback.hints(score, n, Feedback.wholeRepeat(p)));
      }
    }
    return null;
  }

  /** Returns the 0 to 4 score of log10 guesses (zxcvbn's thresholds). */
  static int score(double lg) {
    return GuessMath.score(lg);
  }
}
