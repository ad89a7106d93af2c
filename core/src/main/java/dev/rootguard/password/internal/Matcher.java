package dev.rootguard.password.internal;

/**
 * Finds one kind of pattern in a piece of a password and appends each occurrence, with its guesses,
 * to the piece's {@link Matches}. Each matcher does a bounded amount of work per character and adds
 * it to {@link MatchContext#steps}. Implementations are stateless and thread-safe; per-call state
 * lives in the arguments. Example: {@code new SequenceMatcher().find(ctx, piece, matches)}.
 */
interface Matcher {
  /**
   * Appends the matches of this kind.
   *
   * @param ctx the estimate's context (word lists, context words, reference year, step counter)
   * @param piece the chars
   * @param out where matches go
   */
  void find(MatchContext ctx, Piece piece, Matches out);
}
