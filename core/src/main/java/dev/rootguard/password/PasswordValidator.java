package dev.rootguard.password;

import dev.rootguard.password.PasswordFinding.Severity;
import dev.rootguard.password.PasswordPolicy.AllowedCharacters;
import dev.rootguard.password.internal.CaseFold;
import dev.rootguard.password.internal.CommonPasswordMatcher;
import dev.rootguard.password.internal.StrengthEstimator;
import java.nio.CharBuffer;
import java.util.List;
import java.util.Objects;

/**
 * Checks passwords against a {@link PasswordPolicy}, a {@link PasswordContext} and a
 * common-password {@link PasswordDictionary}, listing every violation and warning, and estimates
 * their strength.
 *
 * <pre>{@code
 * PasswordValidator validator = PasswordValidator.of(PasswordPolicy.awsRootUser());
 * PasswordCheck check = validator.check(password, PasswordContext.builder()
 *     .accountName("acme-prod").email("root@acme.example").build());
 * check.isValid();        // AWS would accept it
 * check.isRecommended();  // ... and nothing to warn about
 * }</pre>
 *
 * <h2>Input</h2>
 *
 * <p>Passwords arrive as a {@link CharSequence} or a {@code char[]}; the validator never keeps,
 * logs or copies them into a {@code String}, so the caller can wipe its buffer afterwards. Any
 * input gets a verdict, never an exception: unpaired surrogates, emoji, control characters, 10,000
 * characters.
 *
 * <p><b>Length</b> is counted in Unicode code points, the way the {@code @length} trait of AWS's
 * API models (Smithy) counts strings; an unpaired surrogate counts as one. For every character AWS
 * accepts in a password (all at or below U+00FF) this equals {@link CharSequence#length()}; the two
 * differ only for characters outside the Basic Multilingual Plane, such as emoji, which AWS refuses
 * anyway ({@link PasswordRule#DISALLOWED_CHARACTER}).
 *
 * <h2>Cost</h2>
 *
 * <p>The rule check is one pass over the characters with a 256-entry lookup table for the character
 * classes and allowed characters, no regular expressions, plus case-insensitive containment checks
 * against the context's values. The rules themselves allocate exactly one {@link PasswordCheck} (48
 * bytes per call measured with JMH's {@code -prof gc}; findings are preallocated per validator and
 * shared, and the lists are built only when asked for), a {@code CharBuffer} view for {@code
 * char[]} input, plus what the common-password matcher and the strength estimator allocate, which
 * is bounded by the password's length and never by the dictionary's size. Passwords longer than
 * {@value #MAX_DICTIONARY_LOOKUP} characters are not looked up in the dictionary (no common
 * password is that long). With a {@link PasswordHistory} and reuse prevention, each remembered hash
 * costs one PBKDF2 run.
 *
 * <p>Thread-safe; share one instance.
 *
 * @since 0.1.0
 */
public final class PasswordValidator {

  /** Passwords longer than this (in chars) are not looked up in the common-password dictionary. */
  public static final int MAX_DICTIONARY_LOOKUP = 256;

  private static final int UPPER = 1;
  private static final int LOWER = 2;
  private static final int DIGIT = 4;
  private static final int SYMBOL = 8;
  private static final int DISALLOWED = 16;

  private final PasswordPolicy policy;
  private final PasswordDictionary dictionary;
  private final StrengthEstimator estimator;
  private final boolean lookUpCommon;
  private final byte[] table = new byte[256];
  private final boolean disallowAboveLatin1;
  private final int requiredClasses;
  private final PasswordFinding[] violationTable;
  private final PasswordFinding[] warningTable;

  private PasswordValidator(Builder b) {
    this.policy = b.policy;
    this.dictionary = b.dictionary;
    this.estimator = b.estimateStrength ? StrengthEstimator.create(b.dictionary) : null;
    this.lookUpCommon = b.dictionary.size() > 0;
    AllowedCharacters allowed = policy.allowedCharacters();
    for (int c = 0; c < 256; c++) {
      int bits = 0;
      if (c >= 'A' && c <= 'Z') {
        bits = UPPER;
      } else if (c >= 'a' && c <= 'z') {
        bits = LOWER;
      } else if (c >= '0' && c <= '9') {
        bits = DIGIT;
      } else if (policy.symbols().contains((char) c)) {
        bits = SYMBOL;
      }
      boolean ok =
          switch (allowed) {
            case PRINTABLE_ASCII -> c >= 0x20 && c <= 0x7E;
            case IAM_API -> c == '\t' || c == '\n' || c == '\r' || c >= 0x20;
            case ANY -> true;
          };
      table[c] = (byte) (ok ? bits : bits | DISALLOWED);
    }
    this.disallowAboveLatin1 = allowed != AllowedCharacters.ANY;
    int req = 0;
    req |= policy.requireUppercase() ? UPPER : 0;
    req |= policy.requireLowercase() ? LOWER : 0;
    req |= policy.requireDigit() ? DIGIT : 0;
    req |= policy.requireSymbol() ? SYMBOL : 0;
    this.requiredClasses = req;

    int n = PasswordRule.values().length;
    violationTable = new PasswordFinding[n];
    warningTable = new PasswordFinding[n];
    for (PasswordRule r : PasswordRule.values()) {
      violationTable[r.ordinal()] = finding(r, Severity.VIOLATION);
      warningTable[r.ordinal()] = finding(r, Severity.WARNING);
    }
  }

  private PasswordFinding finding(PasswordRule r, Severity s) {
    switch (r) {
      case TOO_SHORT:
        return PasswordFinding.of(r, s, policy.minLength());
      case TOO_LONG:
        return PasswordFinding.of(r, s, policy.maxLength());
      case TOO_FEW_CHARACTER_CLASSES:
        return PasswordFinding.of(r, s, policy.minCharacterClasses());
      case SHORTER_THAN_RECOMMENDED:
        return PasswordFinding.of(r, s, policy.recommendedLength());
      case PASSWORD_REUSED:
        return PasswordFinding.of(r, s, policy.passwordReusePrevention());
      case MISSING_SYMBOL:
        return PasswordFinding.withVariant(
            r, s, policy.symbols() == PasswordPolicy.SymbolSet.AWS_ROOT ? "root" : "iam");
      case DISALLOWED_CHARACTER:
        return PasswordFinding.withVariant(
            r,
            s,
            policy.allowedCharacters() == AllowedCharacters.PRINTABLE_ASCII ? "ascii" : "iam");
      default:
        return PasswordFinding.of(r, s);
    }
  }

  /**
   * Returns a validator for the policy with the bundled common-password list and a strength
   * estimate.
   *
   * @param policy the policy
   * @return the validator
   */
  public static PasswordValidator of(PasswordPolicy policy) {
    return builder(policy).build();
  }

  /**
   * Returns a validator for the policy with the given common-password list and a strength estimate.
   *
   * @param policy the policy
   * @param dictionary the common passwords
   * @return the validator
   */
  public static PasswordValidator of(PasswordPolicy policy, PasswordDictionary dictionary) {
    return builder(policy).dictionary(dictionary).build();
  }

  /**
   * Returns a builder for a validator of the policy.
   *
   * @param policy the policy
   * @return the builder
   */
  public static Builder builder(PasswordPolicy policy) {
    return new Builder(Objects.requireNonNull(policy, "policy"));
  }

  /**
   * Returns the policy.
   *
   * @return the policy
   */
  public PasswordPolicy policy() {
    return policy;
  }

  /**
   * Checks a password without context.
   *
   * @param password the password; not kept
   * @return the verdict
   */
  public PasswordCheck check(CharSequence password) {
    return check(password, PasswordContext.empty());
  }

  /**
   * Checks a password held in a buffer the caller may wipe afterwards.
   *
   * @param password the password; not kept or copied
   * @param context who the password is for
   * @return the verdict
   */
  public PasswordCheck check(char[] password, PasswordContext context) {
    Objects.requireNonNull(password, "password");
    return check(CharBuffer.wrap(password), context);
  }

  /**
   * Checks a password.
   *
   * @param password the password; not kept, never turned into a {@code String}
   * @param context who the password is for
   * @return the verdict, listing every violation and warning
   */
  public PasswordCheck check(CharSequence password, PasswordContext context) {
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(context, "context");
    final int n = password.length();
    int codePoints = 0;
    int present = 0;
    boolean disallowed = false;
    final byte[] t = table;
    for (int i = 0; i < n; i++) {
      char c = password.charAt(i);
      codePoints++;
      if (c < 256) {
        int bits = t[c];
        present |= bits;
      } else {
        if (disallowAboveLatin1) {
          disallowed = true;
        }
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(password.charAt(i + 1))) {
          i++;
        }
      }
    }
    if ((present & DISALLOWED) != 0) {
      disallowed = true;
    }
    present &= UPPER | LOWER | DIGIT | SYMBOL;
    int classCount = Integer.bitCount(present);

    long v = 0;
    long w = 0;
    if (codePoints < policy.minLength()) {
      v |= bit(PasswordRule.TOO_SHORT);
    } else if (codePoints < policy.recommendedLength()) {
      w |= bit(PasswordRule.SHORTER_THAN_RECOMMENDED);
    }
    if (codePoints > policy.maxLength()) {
      v |= bit(PasswordRule.TOO_LONG);
    }
    int missing = requiredClasses & ~present;
    if ((missing & UPPER) != 0) {
      v |= bit(PasswordRule.MISSING_UPPERCASE);
    }
    if ((missing & LOWER) != 0) {
      v |= bit(PasswordRule.MISSING_LOWERCASE);
    }
    if ((missing & DIGIT) != 0) {
      v |= bit(PasswordRule.MISSING_DIGIT);
    }
    if ((missing & SYMBOL) != 0) {
      v |= bit(PasswordRule.MISSING_SYMBOL);
    }
    // Too few classes only when adding the required-but-missing classes would still not suffice,
    // so that removing one required class reports exactly that class.
    boolean classViolation = missing != 0;
    if (classCount + Integer.bitCount(missing) < policy.minCharacterClasses()) {
      v |= bit(PasswordRule.TOO_FEW_CHARACTER_CLASSES);
      classViolation = true;
    }
    if (!classViolation) {
      if (classCount == 3) {
        w |= bit(PasswordRule.ONLY_THREE_CLASSES);
      } else if (classCount < 3) {
        w |= bit(PasswordRule.FEW_CHARACTER_CLASSES);
      }
    }
    if (disallowed) {
      v |= bit(PasswordRule.DISALLOWED_CHARACTER);
    }

    // Identity: exact equality is AWS's rule; containment ignoring case is a warning.
    boolean identityRule = policy.rejectAccountNameAndEmail();
    if (context.accountNameOrNull() != null) {
      if (identityRule && contentEquals(password, context.accountNameOrNull())) {
        v |= bit(PasswordRule.EQUALS_ACCOUNT_NAME);
      } else if (containsFolded(password, context.foldedAccountName)) {
        w |= bit(PasswordRule.CONTAINS_ACCOUNT_NAME);
      }
    }
    if (context.emailOrNull() != null) {
      if (identityRule && contentEquals(password, context.emailOrNull())) {
        v |= bit(PasswordRule.EQUALS_EMAIL);
      } else if (containsFolded(password, context.foldedEmail)
          || containsFolded(password, context.foldedEmailLocalPart)) {
        w |= bit(PasswordRule.CONTAINS_EMAIL);
      }
    }
    if (containsFolded(password, context.foldedUserName)) {
      w |= bit(PasswordRule.CONTAINS_USER_NAME);
    }
    if (context.accountIdChars != null && indexOf(password, context.accountIdChars) >= 0) {
      w |= bit(PasswordRule.CONTAINS_ACCOUNT_ID);
    }

    if (n > 0
        && n <= MAX_DICTIONARY_LOOKUP
        && lookUpCommon
        && CommonPasswordMatcher.find(password, dictionary).isPresent()) {
      if (policy.commonPasswordsAreViolations()) {
        v |= bit(PasswordRule.COMMON_PASSWORD);
      } else {
        w |= bit(PasswordRule.COMMON_PASSWORD);
      }
    }

    int reuse = policy.passwordReusePrevention();
    if (reuse > 0 && context.historyOrNull() != null) {
      List<PasswordHash> recent = context.historyOrNull().recent(reuse);
      int limit = Math.min(reuse, recent.size());
      for (int i = 0; i < limit; i++) {
        if (PasswordHasher.matches(password, recent.get(i))) {
          v |= bit(PasswordRule.PASSWORD_REUSED);
          break;
        }
      }
    }

    Strength strength =
        estimator == null ? null : estimator.estimate(password, context.userInputs());
    return new PasswordCheck(violationTable, warningTable, v, w, strength, policy.name());
  }

  /** Returns the finding this validator reports for a rule at a severity (for tests). */
  PasswordFinding findingFor(PasswordRule rule, Severity severity) {
    return (severity == Severity.VIOLATION ? violationTable : warningTable)[rule.ordinal()];
  }

  private static long bit(PasswordRule r) {
    return 1L << r.ordinal();
  }

  private static boolean contentEquals(CharSequence a, String b) {
    int n = a.length();
    if (n != b.length()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (a.charAt(i) != b.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Case-insensitive containment of a pre-folded needle; equality counts as containment. */
  private static boolean containsFolded(CharSequence hay, char[] needle) {
    if (needle == null) {
      return false;
    }
    int m = needle.length;
    int n = hay.length();
    if (m > n) {
      return false;
    }
    if (m < PasswordContext.MIN_CONTAINED_LENGTH && m != n) {
      return false;
    }
    char first = needle[0];
    outer:
    for (int i = 0, last = n - m; i <= last; i++) {
      if (CaseFold.foldedCharAt(hay, i) != first) {
        continue;
      }
      for (int j = 1; j < m; j++) {
        if (CaseFold.foldedCharAt(hay, i + j) != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static int indexOf(CharSequence hay, char[] needle) {
    int m = needle.length;
    outer:
    for (int i = 0, last = hay.length() - m; i <= last; i++) {
      for (int j = 0; j < m; j++) {
        if (hay.charAt(i + j) != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public String toString() {
    return "PasswordValidator[" + policy.name() + ", dictionary of " + dictionary.size() + "]";
  }

  /**
   * Builds a {@link PasswordValidator}.
   *
   * <p>Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final PasswordPolicy policy;
    private PasswordDictionary dictionary;
    private boolean estimateStrength = true;

    private Builder(PasswordPolicy policy) {
      this.policy = policy;
    }

    /**
     * Sets the common-password list. Default: {@link PasswordDictionary#bundled()}. An empty
     * dictionary turns the common-password check off.
     *
     * @param dictionary the list
     * @return this builder
     */
    public Builder dictionary(PasswordDictionary dictionary) {
      this.dictionary = Objects.requireNonNull(dictionary, "dictionary");
      return this;
    }

    /**
     * Sets whether each check includes a strength estimate. Default: true. Turn it off when only
     * the rules matter and speed does: {@link PasswordCheck#strength()} is then empty.
     *
     * @param estimate the flag
     * @return this builder
     */
    public Builder estimateStrength(boolean estimate) {
      this.estimateStrength = estimate;
      return this;
    }

    /**
     * Builds the validator.
     *
     * @return the validator
     */
    public PasswordValidator build() {
      if (dictionary == null) {
        dictionary = PasswordDictionary.bundled();
      }
      return new PasswordValidator(this);
    }
  }
}
