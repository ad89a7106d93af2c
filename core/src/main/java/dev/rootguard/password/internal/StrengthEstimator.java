package dev.rootguard.password.internal;

import dev.rootguard.password.PasswordDictionary;
import dev.rootguard.password.Strength;
import dev.rootguard.password.StrengthHint;
import java.util.List;

/**
 * Estimates guesses for a password. CONTRACT STUB: the zxcvbn-style estimator replaces the body;
 * the signatures stay. Thread-safe.
 */
public final class StrengthEstimator {
  private final PasswordDictionary dictionary;

  private StrengthEstimator(PasswordDictionary dictionary) {
    this.dictionary = dictionary;
  }

  /**
   * Returns an estimator over a dictionary.
   *
   * @param dictionary ranked common passwords
   * @return the estimator
   */
  public static StrengthEstimator create(PasswordDictionary dictionary) {
    return new StrengthEstimator(dictionary);
  }

  /**
   * Estimates a password's strength.
   *
   * @param password the password; any Unicode, any length
   * @param userInputs words from the context (account name, e-mail, user name)
   * @return the estimate
   */
  public Strength estimate(CharSequence password, List<String> userInputs) {
    if (CommonPasswordMatcher.find(password, dictionary).isPresent()) {
      return new Strength(1, 0, List.of(StrengthHint.COMMON_PASSWORD));
    }
    double log10 = password.length() * 1.3;
    int score = log10 < 3 ? 0 : log10 < 6 ? 1 : log10 < 8 ? 2 : log10 < 10 ? 3 : 4;
    return new Strength(log10, score, password.length() < 12 ? List.of(StrengthHint.TOO_SHORT) : List.of());
  }
}
