package dev.rootguard.password.internal;

/**
 * The full analysis of one piece: every {@link Matcher}, in a fixed order (dictionary, spatial,
 * repeat unless disabled, sequence, date), then the {@link GuessSearch} over their matches, and on
 * request the {@link Feedback} of the best sequence. The order is part of the result: the search
 * keeps the first of equally cheap sequences. Not thread-safe: confined to one estimate.
 *
 * <p>Example: {@code double lg = new PieceAnalysis(ctx, chars, n, true).solve();}
 */
final class PieceAnalysis {
  private static final Matcher DICTIONARY = new DictionaryMatcher();
  private static final Matcher SPATIAL = new SpatialMatcher();
  private static final Matcher REPEAT = new RepeatMatcher();
  private static final Matcher SEQUENCE = new SequenceMatcher();
  private static final Matcher DATE = new DateMatcher();

  private final MatchContext ctx;
  private final Piece piece;
  private final Matches matches;
  private final boolean allowRepeat;
  private GuessSearch search;

  /**
   * @param ctx the estimate's context
   * @param chars the chars ({@code chars[0, n)}); the caller keeps and wipes them
   * @param n the length, at least 1
   * @param allowRepeat false for a repeated unit's own estimate (no repeats inside it)
   */
  PieceAnalysis(MatchContext ctx, char[] chars, int n, boolean allowRepeat) {
    this.ctx = ctx;
    this.piece = new Piece(chars, n);
    this.matches = new Matches(n);
    this.allowRepeat = allowRepeat;
  }

  /** Finds every match and returns log10 of the fewest guesses for the piece. */
  double solve() {
    DICTIONARY.find(ctx, piece, matches);
    SPATIAL.find(ctx, piece, matches);
    if (allowRepeat) {
      REPEAT.find(ctx, piece, matches);
    }
    SEQUENCE.find(ctx, piece, matches);
    DATE.find(ctx, piece, matches);
    search = new GuessSearch(ctx, matches, piece.n);
    return search.run();
  }

  /** The facts of the best sequence; only after {@link #solve()}. */
  Feedback feedback() {
    return Feedback.of(search, matches, piece);
  }

  /** Clears the piece's folded copy of the chars. */
  void wipe() {
    piece.wipe();
  }
}
