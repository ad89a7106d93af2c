package dev.rootguard.password;

import dev.rootguard.InvalidInputException;
import dev.rootguard.password.internal.IamPolicyJson;
import dev.rootguard.password.internal.PolicyRanges;
import java.io.InputStream;
import java.util.Objects;

/**
 * What a password must (violations) and should (warnings) satisfy, with presets exact to AWS's
 * documented rules.
 *
 * <table>
 *   <caption>Presets</caption>
 *   <tr><th>preset</th><th>length</th><th>classes</th><th>symbols</th><th>allowed characters</th>
 *       <th>not identical to account name / e-mail</th><th>other</th></tr>
 *   <tr><td>{@link #awsRootUser()}</td><td>8-128</td><td>3 of 4</td><td>root (21)</td>
 *       <td>printable ASCII</td><td>yes</td><td></td></tr>
 *   <tr><td>{@link #awsRootUserStrict()}</td><td>8-128</td><td>all 4</td><td>root (21)</td>
 *       <td>printable ASCII</td><td>yes</td><td></td></tr>
 *   <tr><td>{@link #awsIamDefault()}</td><td>8-128</td><td>3 of 4</td><td>IAM (20)</td>
 *       <td>U+0020-U+00FF, tab, LF, CR</td><td>yes</td><td></td></tr>
 *   <tr><td>{@link #fromIam(IamPasswordPolicy)}</td><td>policy minimum-128</td>
 *       <td>each Require* flag</td><td>IAM (20)</td><td>U+0020-U+00FF, tab, LF, CR</td><td>no</td>
 *       <td>reuse prevention</td></tr>
 *   <tr><td>{@link #cisAwsFoundations()}</td><td>14-128</td><td>-</td><td>IAM (20)</td>
 *       <td>U+0020-U+00FF, tab, LF, CR</td><td>no</td><td>reuse prevention 24</td></tr>
 *   <tr><td>{@link #recommended()}</td><td>14-128</td><td>all 4</td><td>root (21)</td>
 *       <td>printable ASCII</td><td>yes</td><td>common password is a violation</td></tr>
 * </table>
 *
 * <p>Every preset also warns (never refuses) about: a common password or a trivial variation of one
 * (a violation under {@link #recommended()}), exactly three of the four classes, fewer than 14
 * characters, a password that contains the account name, e-mail, user name or account id ignoring
 * case. See {@link PasswordContext} for how the account name and e-mail are compared.
 *
 * <p>The character classes are ASCII only, as AWS defines them: upper case {@code A-Z}, lower case
 * {@code a-z}, digits {@code 0-9}, and the policy's {@link SymbolSet}. A Latin-1 letter such as
 * {@code é} is allowed in an IAM password but counts towards no class. Length is counted in Unicode
 * code points (see {@link PasswordValidator}).
 *
 * <pre>{@code
 * PasswordPolicy root = PasswordPolicy.awsRootUser();
 * PasswordPolicy iam = PasswordPolicy.fromIamJson(Files.readString(Path.of("policy.json")));
 * PasswordPolicy mine = PasswordPolicy.recommended().toBuilder().minLength(16).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Length: this class is over 600 lines because it is seventeen settings, each with a documented
 * getter and a documented builder setter, plus the presets and two nested enums that are public
 * API. It holds no checking logic: the password checks are {@link PasswordValidator}'s, the IAM
 * JSON reading and the builder's range checks live in {@code password.internal}.
 *
 * @see <a href="https://docs.aws.amazon.com/accounts/latest/reference/root-user-password.html">AWS
 *     root user password</a>
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html">IAM
 *     account password policy</a>
 * @since 0.1.0
 */
public final class PasswordPolicy {

  /** The longest password AWS accepts, for the root user and for IAM users. */
  public static final int AWS_MAX_LENGTH = 128;

  /** The length below which every preset warns ({@link PasswordRule#SHORTER_THAN_RECOMMENDED}). */
  public static final int RECOMMENDED_LENGTH = 14;

  /** The largest maximum length a builder accepts. */
  public static final int LENGTH_LIMIT = 4096;

  /**
   * The characters that count as the symbol class.
   *
   * <p>Immutable and thread-safe.
   *
   * @since 0.1.0
   */
  public enum SymbolSet {
    /**
     * The root user's 21 symbols {@code ! @ # $ % ^ & * ( ) < > [ ] { } | _ + - =} (no apostrophe).
     */
    AWS_ROOT("!@#$%^&*()<>[]{}|_+-="),
    /**
     * The IAM password policy's 20 symbols {@code ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '} (has the
     * apostrophe, lacks {@code < >}).
     */
    AWS_IAM("!@#$%^&*()_+-=[]{}|'");

    private final String characters;

    SymbolSet(String characters) {
      this.characters = characters;
    }

    /**
     * Returns the symbols, each once, in AWS's documented order.
     *
     * @return the symbols
     */
    public String characters() {
      return characters;
    }

    /**
     * Returns whether the character is one of these symbols.
     *
     * @param c the character
     * @return true if it counts as a symbol
     */
    public boolean contains(char c) {
      return characters.indexOf(c) >= 0;
    }
  }

  /**
   * Which characters a password may contain at all.
   *
   * <p>Immutable and thread-safe.
   *
   * @since 0.1.0
   */
  public enum AllowedCharacters {
    /**
     * Printable ASCII, U+0020 (space) to U+007E. For the root user: AWS's only statement on the
     * subject ("ASCII only") is historic, so a root password with anything else is flagged.
     */
    PRINTABLE_ASCII,
    /**
     * What the IAM API accepts for a user's password: tab, LF, CR and U+0020 to U+00FF (ASCII and
     * Latin-1 Supplement), as the {@code Password} pattern of {@code CreateLoginProfile} states.
     */
    IAM_API,
    /** Any character, including unpaired surrogates. Not an AWS rule. */
    ANY
  }

  private final String name;
  private final int minLength;
  private final int maxLength;
  private final int minCharacterClasses;
  private final boolean requireUppercase;
  private final boolean requireLowercase;
  private final boolean requireDigit;
  private final boolean requireSymbol;
  private final SymbolSet symbols;
  private final AllowedCharacters allowedCharacters;
  private final boolean rejectAccountNameAndEmail;
  private final boolean commonPasswordsAreViolations;
  private final int recommendedLength;
  private final int passwordReusePrevention;
  private final int maxPasswordAge;
  private final boolean hardExpiry;
  private final boolean allowUsersToChangePassword;

  private PasswordPolicy(Builder b) {
    this.name = b.name;
    this.minLength = b.minLength;
    this.maxLength = b.maxLength;
    this.minCharacterClasses = b.minCharacterClasses;
    this.requireUppercase = b.requireUppercase;
    this.requireLowercase = b.requireLowercase;
    this.requireDigit = b.requireDigit;
    this.requireSymbol = b.requireSymbol;
    this.symbols = b.symbols;
    this.allowedCharacters = b.allowedCharacters;
    this.rejectAccountNameAndEmail = b.rejectAccountNameAndEmail;
    this.commonPasswordsAreViolations = b.commonPasswordsAreViolations;
    this.recommendedLength = b.recommendedLength;
    this.passwordReusePrevention = b.passwordReusePrevention;
    this.maxPasswordAge = b.maxPasswordAge;
    this.hardExpiry = b.hardExpiry;
    this.allowUsersToChangePassword = b.allowUsersToChangePassword;
  }

  /**
   * Returns the root user's rules as the AWS Account Management and IAM guides state them: 8 to 128
   * characters; at least three of upper case, lower case, digits and the root symbols {@code ! @ #
   * $ % ^ & * ( ) < > [ ] { } | _ + - =}; not identical to the account name or the root e-mail;
   * printable ASCII only.
   *
   * @return the preset, named {@code aws-root}
   */
  public static PasswordPolicy awsRootUser() {
    return builder().name("aws-root").build();
  }

  /**
   * Returns {@link #awsRootUser()} with all four character classes required, as the AWS console
   * "Getting Started" guide states the rule.
   *
   * @return the preset, named {@code aws-root-strict}
   */
  public static PasswordPolicy awsRootUserStrict() {
    return builder().name("aws-root-strict").requireAllClasses().build();
  }

  /**
   * Returns the rules AWS applies to IAM users when the account has no custom password policy: 8 to
   * 128 characters; at least three of upper case, lower case, digits and the IAM symbols {@code ! @
   * # $ % ^ & * ( ) _ + - = [ ] { } | '}; not identical to the account name or e-mail; characters
   * U+0020 to U+00FF, tab, LF and CR.
   *
   * @return the preset, named {@code aws-iam-default}
   */
  public static PasswordPolicy awsIamDefault() {
    return builder()
        .name("aws-iam-default")
        .symbols(SymbolSet.AWS_IAM)
        .allowedCharacters(AllowedCharacters.IAM_API)
        .build();
  }

  /**
   * Returns the rules of a custom IAM account password policy: {@code MinimumPasswordLength} to 128
   * characters, each {@code Require*} flag demands its class (symbols from the IAM set), IAM's
   * allowed characters, and {@code PasswordReusePrevention} through a {@link PasswordHistory}. AWS
   * documents no identity rule for custom policies, so equality with the account name or e-mail is
   * a warning here. The expiry fields are kept for reference; they do not affect a check.
   *
   * @param iam the account's policy
   * @return the preset, named {@code aws-iam-custom}
   */
  public static PasswordPolicy fromIam(IamPasswordPolicy iam) {
    Objects.requireNonNull(iam, "iam");
    return builder()
        .name("aws-iam-custom")
        .minLength(iam.minimumPasswordLength())
        .minCharacterClasses(0)
        .requireUppercase(iam.requireUppercaseCharacters())
        .requireLowercase(iam.requireLowercaseCharacters())
        .requireDigit(iam.requireNumbers())
        .requireSymbol(iam.requireSymbols())
        .symbols(SymbolSet.AWS_IAM)
        .allowedCharacters(AllowedCharacters.IAM_API)
        .rejectAccountNameAndEmail(false)
        .passwordReusePrevention(iam.passwordReusePrevention())
        .maxPasswordAge(iam.maxPasswordAge())
        .hardExpiry(iam.hardExpiry())
        .allowUsersToChangePassword(iam.allowUsersToChangePassword())
        .build();
  }

  /**
   * Parses what {@code aws iam get-account-password-policy} prints, {@code {"PasswordPolicy":
   * {...}}}, or the bare inner object, and returns {@link #fromIam(IamPasswordPolicy)} of it. An
   * omitted {@code MinimumPasswordLength} is 6, omitted flags are false, an omitted {@code
   * MaxPasswordAge} or {@code PasswordReusePrevention} means none; unknown fields are ignored.
   *
   * @param json the JSON text
   * @return the policy
   * @throws InvalidInputException naming the field (AWS's wire name) that has the wrong type or is
   *     out of range, or {@code PasswordPolicy} when the text is not a JSON object
   */
  public static PasswordPolicy fromIamJson(String json) {
    Objects.requireNonNull(json, "json");
    return fromIam(IamPolicyJson.parse(json));
  }

  /**
   * Like {@link #fromIamJson(String)}, reading UTF-8 JSON from a stream (not closed).
   *
   * @param json the JSON
   * @return the policy
   * @throws InvalidInputException naming the field at fault
   * @throws dev.rootguard.RootGuardException when the stream cannot be read
   */
  public static PasswordPolicy fromIamJson(InputStream json) {
    Objects.requireNonNull(json, "json");
    return fromIam(IamPolicyJson.parse(json));
  }

  /**
   * Returns the CIS AWS Foundations Benchmark's IAM password policy: at least 14 characters ({@code
   * CIS 1.8}, Security Hub {@code IAM.15}) and no reuse of the last 24 passwords ({@code CIS 1.9},
   * {@code IAM.16}), on top of IAM's character set and symbols.
   *
   * @return the preset, named {@code cis-aws-foundations}
   */
  public static PasswordPolicy cisAwsFoundations() {
    return builder()
        .name("cis-aws-foundations")
        .minLength(14)
        .minCharacterClasses(0)
        .symbols(SymbolSet.AWS_IAM)
        .allowedCharacters(AllowedCharacters.IAM_API)
        .rejectAccountNameAndEmail(false)
        .passwordReusePrevention(24)
        .build();
  }

  /**
   * Returns RootGuard's advice for a root password: the root rules, all four classes, at least 14
   * characters, and no common password (a violation here, not a warning).
   *
   * @return the preset, named {@code recommended}
   */
  public static PasswordPolicy recommended() {
    return builder()
        .name("recommended")
        .minLength(RECOMMENDED_LENGTH)
        .requireAllClasses()
        .commonPasswordsAreViolations(true)
        .build();
  }

  /**
   * Returns a builder whose defaults are {@link #awsRootUser()}'s rules under the name {@code
   * custom}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this policy's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Returns the policy's name, e.g. {@code aws-root}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the minimum length in code points.
   *
   * @return the minimum
   */
  public int minLength() {
    return minLength;
  }

  /**
   * Returns the maximum length in code points.
   *
   * @return the maximum
   */
  public int maxLength() {
    return maxLength;
  }

  /**
   * Returns how many of the four classes a password needs at least.
   *
   * @return 0 to 4
   */
  public int minCharacterClasses() {
    return minCharacterClasses;
  }

  /**
   * Returns whether an upper-case letter A-Z is required.
   *
   * @return the flag
   */
  public boolean requireUppercase() {
    return requireUppercase;
  }

  /**
   * Returns whether a lower-case letter a-z is required.
   *
   * @return the flag
   */
  public boolean requireLowercase() {
    return requireLowercase;
  }

  /**
   * Returns whether a digit 0-9 is required.
   *
   * @return the flag
   */
  public boolean requireDigit() {
    return requireDigit;
  }

  /**
   * Returns whether a symbol from {@link #symbols()} is required.
   *
   * @return the flag
   */
  public boolean requireSymbol() {
    return requireSymbol;
  }

  /**
   * Returns the characters that count as symbols.
   *
   * @return the symbol set
   */
  public SymbolSet symbols() {
    return symbols;
  }

  /**
   * Returns which characters a password may contain.
   *
   * @return the allowed characters
   */
  public AllowedCharacters allowedCharacters() {
    return allowedCharacters;
  }

  /**
   * Returns whether a password identical to the account name or e-mail is a violation.
   *
   * @return the flag
   */
  public boolean rejectAccountNameAndEmail() {
    return rejectAccountNameAndEmail;
  }

  /**
   * Returns whether a common password is a violation (otherwise a warning).
   *
   * @return the flag
   */
  public boolean commonPasswordsAreViolations() {
    return commonPasswordsAreViolations;
  }

  /**
   * Returns the length below which a password draws a warning; 0 for never.
   *
   * @return the recommended length
   */
  public int recommendedLength() {
    return recommendedLength;
  }

  /**
   * Returns how many previous passwords may not be reused; 0 for none.
   *
   * @return 0 to 24
   */
  public int passwordReusePrevention() {
    return passwordReusePrevention;
  }

  /**
   * Returns the IAM {@code MaxPasswordAge} in days; 0 when passwords never expire. Informational.
   *
   * @return 0 to 1095
   */
  public int maxPasswordAge() {
    return maxPasswordAge;
  }

  /**
   * Returns the IAM {@code HardExpiry} flag. Informational.
   *
   * @return the flag
   */
  public boolean hardExpiry() {
    return hardExpiry;
  }

  /**
   * Returns the IAM {@code AllowUsersToChangePassword} flag. Informational.
   *
   * @return the flag
   */
  public boolean allowUsersToChangePassword() {
    return allowUsersToChangePassword;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PasswordPolicy p
        && name.equals(p.name)
        && minLength == p.minLength
        && maxLength == p.maxLength
        && minCharacterClasses == p.minCharacterClasses
        && requireUppercase == p.requireUppercase
        && requireLowercase == p.requireLowercase
        && requireDigit == p.requireDigit
        && requireSymbol == p.requireSymbol
        && symbols == p.symbols
        && allowedCharacters == p.allowedCharacters
        && rejectAccountNameAndEmail == p.rejectAccountNameAndEmail
        && commonPasswordsAreViolations == p.commonPasswordsAreViolations
        && recommendedLength == p.recommendedLength
        && passwordReusePrevention == p.passwordReusePrevention
        && maxPasswordAge == p.maxPasswordAge
        && hardExpiry == p.hardExpiry
        && allowUsersToChangePassword == p.allowUsersToChangePassword;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name,
        minLength,
        maxLength,
        minCharacterClasses,
        requireUppercase,
        requireLowercase,
        requireDigit,
        requireSymbol,
        symbols,
        allowedCharacters,
        rejectAccountNameAndEmail,
        commonPasswordsAreViolations,
        recommendedLength,
        passwordReusePrevention,
        maxPasswordAge,
        hardExpiry,
        allowUsersToChangePassword);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("PasswordPolicy[").append(name);
    s.append(", length ").append(minLength).append("..").append(maxLength);
    s.append(", classes >= ").append(minCharacterClasses);
    if (requireUppercase || requireLowercase || requireDigit || requireSymbol) {
      s.append(", require");
      if (requireUppercase) {
        s.append(" upper");
      }
      if (requireLowercase) {
        s.append(" lower");
      }
      if (requireDigit) {
        s.append(" digit");
      }
      if (requireSymbol) {
        s.append(" symbol");
      }
    }
    s.append(", symbols ").append(symbols).append(", chars ").append(allowedCharacters);
    if (rejectAccountNameAndEmail) {
      s.append(", not account name/e-mail");
    }
    if (commonPasswordsAreViolations) {
      s.append(", no common passwords");
    }
    if (passwordReusePrevention > 0) {
      s.append(", reuse prevention ").append(passwordReusePrevention);
    }
    return s.append(']').toString();
  }

  /**
   * Builds a {@link PasswordPolicy}; {@link #build()} checks the values together.
   *
   * <p>Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private String name = "custom";
    private int minLength = 8;
    private int maxLength = AWS_MAX_LENGTH;
    private int minCharacterClasses = 3;
    private boolean requireUppercase;
    private boolean requireLowercase;
    private boolean requireDigit;
    private boolean requireSymbol;
    private SymbolSet symbols = SymbolSet.AWS_ROOT;
    private AllowedCharacters allowedCharacters = AllowedCharacters.PRINTABLE_ASCII;
    private boolean rejectAccountNameAndEmail = true;
    private boolean commonPasswordsAreViolations;
    private int recommendedLength = RECOMMENDED_LENGTH;
    private int passwordReusePrevention;
    private int maxPasswordAge;
    private boolean hardExpiry;
    private boolean allowUsersToChangePassword;

    private Builder() {}

    private Builder(PasswordPolicy p) {
      this.name = p.name;
      this.minLength = p.minLength;
      this.maxLength = p.maxLength;
      this.minCharacterClasses = p.minCharacterClasses;
      this.requireUppercase = p.requireUppercase;
      this.requireLowercase = p.requireLowercase;
      this.requireDigit = p.requireDigit;
      this.requireSymbol = p.requireSymbol;
      this.symbols = p.symbols;
      this.allowedCharacters = p.allowedCharacters;
      this.rejectAccountNameAndEmail = p.rejectAccountNameAndEmail;
      this.commonPasswordsAreViolations = p.commonPasswordsAreViolations;
      this.recommendedLength = p.recommendedLength;
      this.passwordReusePrevention = p.passwordReusePrevention;
      this.maxPasswordAge = p.maxPasswordAge;
      this.hardExpiry = p.hardExpiry;
      this.allowUsersToChangePassword = p.allowUsersToChangePassword;
    }

    /**
     * Sets the name shown in reports. Default: {@code custom}.
     *
     * @param name a non-blank name
     * @return this builder
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new InvalidInputException("name", "must not be blank");
      }
      this.name = name;
      return this;
    }

    /**
     * Sets the minimum length in code points. Default: 8. Range: 1 to {@link #maxLength(int)}.
     *
     * @param minLength the minimum
     * @return this builder
     */
    public Builder minLength(int minLength) {
      this.minLength = minLength;
      return this;
    }

    /**
     * Sets the maximum length in code points. Default: 128 (AWS). Maximum: {@value
     * PasswordPolicy#LENGTH_LIMIT}.
     *
     * @param maxLength the maximum
     * @return this builder
     */
    public Builder maxLength(int maxLength) {
      this.maxLength = maxLength;
      return this;
    }

    /**
     * Sets how many of the four classes (upper, lower, digit, symbol) a password needs. Default: 3.
     * Range: 0 to 4.
     *
     * @param count the minimum number of classes
     * @return this builder
     */
    public Builder minCharacterClasses(int count) {
      this.minCharacterClasses = count;
      return this;
    }

    /**
     * Requires an upper-case letter A-Z. Default: false.
     *
     * @param require the flag
     * @return this builder
     */
    public Builder requireUppercase(boolean require) {
      this.requireUppercase = require;
      return this;
    }

    /**
     * Requires a lower-case letter a-z. Default: false.
     *
     * @param require the flag
     * @return this builder
     */
    public Builder requireLowercase(boolean require) {
      this.requireLowercase = require;
      return this;
    }

    /**
     * Requires a digit 0-9. Default: false.
     *
     * @param require the flag
     * @return this builder
     */
    public Builder requireDigit(boolean require) {
      this.requireDigit = require;
      return this;
    }

    /**
     * Requires a symbol of {@link #symbols(SymbolSet)}. Default: false.
     *
     * @param require the flag
     * @return this builder
     */
    public Builder requireSymbol(boolean require) {
      this.requireSymbol = require;
      return this;
    }

    /**
     * Requires all four classes: sets the four {@code require*} flags and a minimum of 4 classes.
     *
     * @return this builder
     */
    public Builder requireAllClasses() {
      return requireUppercase(true)
          .requireLowercase(true)
          .requireDigit(true)
          .requireSymbol(true)
          .minCharacterClasses(4);
    }

    /**
     * Sets the characters that count as symbols. Default: {@link SymbolSet#AWS_ROOT}.
     *
     * @param symbols the set
     * @return this builder
     */
    public Builder symbols(SymbolSet symbols) {
      this.symbols = Objects.requireNonNull(symbols, "symbols");
      return this;
    }

    /**
     * Sets which characters a password may contain. Default: {@link
     * AllowedCharacters#PRINTABLE_ASCII}.
     *
     * @param allowed the allowed characters
     * @return this builder
     */
    public Builder allowedCharacters(AllowedCharacters allowed) {
      this.allowedCharacters = Objects.requireNonNull(allowed, "allowedCharacters");
      return this;
    }

    /**
     * Makes a password identical to the account name or e-mail a violation; otherwise it is a
     * warning. Default: true.
     *
     * @param reject the flag
     * @return this builder
     */
    public Builder rejectAccountNameAndEmail(boolean reject) {
      this.rejectAccountNameAndEmail = reject;
      return this;
    }

    /**
     * Makes a common password a violation; otherwise it is a warning. Default: false.
     *
     * @param violation the flag
     * @return this builder
     */
    public Builder commonPasswordsAreViolations(boolean violation) {
      this.commonPasswordsAreViolations = violation;
      return this;
    }

    /**
     * Sets the length below which a password draws a warning. Default: 14. Use 0 for no warning.
     * Maximum: {@value PasswordPolicy#LENGTH_LIMIT}.
     *
     * @param length the recommended length
     * @return this builder
     */
    public Builder recommendedLength(int length) {
      this.recommendedLength = length;
      return this;
    }

    /**
     * Sets how many previous passwords may not be reused (IAM {@code PasswordReusePrevention}).
     * Default: 0 (no check). Maximum: 24.
     *
     * @param count 0 to 24
     * @return this builder
     */
    public Builder passwordReusePrevention(int count) {
      this.passwordReusePrevention = count;
      return this;
    }

    /**
     * Sets IAM's {@code MaxPasswordAge} in days, 0 for never. Default: 0. Maximum: 1095.
     *
     * @param days 0 to 1095
     * @return this builder
     */
    public Builder maxPasswordAge(int days) {
      this.maxPasswordAge = days;
      return this;
    }

    /**
     * Sets IAM's {@code HardExpiry}. Default: false.
     *
     * @param hardExpiry the flag
     * @return this builder
     */
    public Builder hardExpiry(boolean hardExpiry) {
      this.hardExpiry = hardExpiry;
      return this;
    }

    /**
     * Sets IAM's {@code AllowUsersToChangePassword}. Default: false.
     *
     * @param allow the flag
     * @return this builder
     */
    public Builder allowUsersToChangePassword(boolean allow) {
      this.allowUsersToChangePassword = allow;
      return this;
    }

    /**
     * Checks the values and builds the policy.
     *
     * @return the policy
     * @throws InvalidInputException naming the first field out of range
     */
    public PasswordPolicy build() {
      PolicyRanges.check(
          minLength,
          maxLength,
          minCharacterClasses,
          recommendedLength,
          passwordReusePrevention,
          maxPasswordAge,
          LENGTH_LIMIT);
      return new PasswordPolicy(this);
    }
  }
}
