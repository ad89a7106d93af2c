package dev.rootguard.password;

import java.util.List;
import java.util.Objects;

/**
 * How hard a password is to guess, in the spirit of zxcvbn: the estimated number of guesses
 * (log10), a 0–4 score, and short hints.
 *
 * <pre>{@code
 * Strength s = check.strength();
 * if (s.score() < 3) show(s.hints());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param guessesLog10 log10 of the estimated guesses an attacker needs
 * @param score 0 (too guessable) to 4 (very unguessable)
 * @param hints what would make it stronger; empty when nothing to add
 * @since 0.1.0
 */
public record Strength(double guessesLog10, int score, List<StrengthHint> hints) {
  /** Checks and copies the arguments. */
  public Strength {
    if (score < 0 || score > 4) {
      throw new IllegalArgumentException("score: must be 0..4, was " + score);
    }
    if (!(guessesLog10 >= 0)) {
      throw new IllegalArgumentException("guessesLog10: must be >= 0, was " + guessesLog10);
    }
    hints = List.copyOf(Objects.requireNonNull(hints, "hints"));
  }
}
