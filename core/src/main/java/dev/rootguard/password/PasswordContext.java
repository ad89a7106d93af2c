package dev.rootguard.password;

import dev.rootguard.InvalidInputException;
import dev.rootguard.password.internal.CaseFold;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who the password is for: the AWS account name, the (root) e-mail address, the IAM user name, the
 * 12-digit account id, and optionally the user's {@link PasswordHistory}. Every part is optional.
 *
 * <h2>How the password is compared with the account name and e-mail</h2>
 *
 * <p>AWS documents one identity rule, for the root user and the IAM default policy: the password
 * must not be <em>identical</em> to the account name or the e-mail address. AWS does not say how
 * case is treated. RootGuard therefore splits the check in two:
 *
 * <ul>
 *   <li><b>Violation</b> ({@link PasswordRule#EQUALS_ACCOUNT_NAME}, {@link
 *       PasswordRule#EQUALS_EMAIL}): the password equals the value character for character,
 *       case-sensitively, with no trimming or normalization. This is the only reading of
 *       "identical" we can be sure AWS refuses, so it is the only one reported as a refusal.
 *   <li><b>Warning</b> ({@link PasswordRule#CONTAINS_ACCOUNT_NAME}, {@link
 *       PasswordRule#CONTAINS_EMAIL}): the password equals the value ignoring case, or contains it
 *       (ignoring case), or contains the e-mail's local part (the text before the last {@code @}).
 *       AWS may accept these, but they are as guessable as the value itself. Containment is only
 *       checked for values of at least {@value #MIN_CONTAINED_LENGTH} characters, so a two-letter
 *       name does not flag half of all passwords. Under a policy without the identity rule (custom
 *       IAM policies, CIS), exact equality is reported as this warning too.
 * </ul>
 *
 * <p>The user name (AWS has no rule about it) and the account id only ever draw warnings ({@link
 * PasswordRule#CONTAINS_USER_NAME}, {@link PasswordRule#CONTAINS_ACCOUNT_ID}). Case is ignored with
 * the same folding as {@link PasswordDictionary} and the strength estimate: each code point through
 * the JDK's locale-independent {@link Character#toLowerCase(int)}, so the result does not depend on
 * the default locale. {@code İ} matches {@code i} and {@code ẞ} matches {@code ß}, but the dotless
 * {@code ı}, {@code ß} (against {@code ss}) and full-width letters (against ASCII) only match
 * themselves and their own capitals.
 *
 * <pre>{@code
 * PasswordContext ctx = PasswordContext.builder()
 *     .accountName("acme-prod")
 *     .email("root@acme.example")
 *     .accountId("123456789012")
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe (as long as the {@link PasswordHistory} is).
 *
 * @since 0.1.0
 */
public final class PasswordContext {

  /** The shortest value that containment is checked for. */
  public static final int MIN_CONTAINED_LENGTH = 3;

  private static final PasswordContext EMPTY = builder().build();

  private final String accountName;
  private final String email;
  private final String userName;
  private final String accountId;
  private final PasswordHistory history;
  // Case-folded needles for containment checks, computed once.
  final char[] foldedAccountName;
  final char[] foldedEmail;
  final char[] foldedEmailLocalPart;
  final char[] foldedUserName;
  final char[] accountIdChars;
  final List<String> userInputs;

  private PasswordContext(Builder b) {
    this.accountName = b.accountName;
    this.email = b.email;
    this.userName = b.userName;
    this.accountId = b.accountId;
    this.history = b.history;
    this.foldedAccountName = fold(accountName);
    this.foldedEmail = fold(email);
    String local = null;
    if (email != null) {
      int at = email.lastIndexOf('@');
      local = at > 0 ? email.substring(0, at) : null;
    }
    this.foldedEmailLocalPart = fold(local);
    this.foldedUserName = fold(userName);
    this.accountIdChars = accountId == null ? null : accountId.toCharArray();
    List<String> inputs = new ArrayList<>();
    for (String s : new String[] {accountName, email, local, userName, accountId}) {
      if (s != null) {
        inputs.add(s);
      }
    }
    this.userInputs = List.copyOf(inputs);
  }

  /**
   * Returns a context that knows nothing about the account.
   *
   * @return the empty context
   */
  public static PasswordContext empty() {
    return EMPTY;
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this context's values.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.accountName = accountName;
    b.email = email;
    b.userName = userName;
    b.accountId = accountId;
    b.history = history;
    return b;
  }

  /**
   * Returns the AWS account name.
   *
   * @return the name, or empty
   */
  public Optional<String> accountName() {
    return Optional.ofNullable(accountName);
  }

  /**
   * Returns the account's (root) e-mail address.
   *
   * @return the address, or empty
   */
  public Optional<String> email() {
    return Optional.ofNullable(email);
  }

  /**
   * Returns the IAM user name.
   *
   * @return the user name, or empty
   */
  public Optional<String> userName() {
    return Optional.ofNullable(userName);
  }

  /**
   * Returns the 12-digit AWS account id.
   *
   * @return the id, or empty
   */
  public Optional<String> accountId() {
    return Optional.ofNullable(accountId);
  }

  /**
   * Returns the user's password history.
   *
   * @return the history, or empty
   */
  public Optional<PasswordHistory> history() {
    return Optional.ofNullable(history);
  }

  /**
   * Returns the context's words (account name, e-mail, its local part, user name, account id) as
   * the strength estimator takes them.
   *
   * @return the words, possibly empty
   */
  public List<String> userInputs() {
    return userInputs;
  }

  String accountNameOrNull() {
    return accountName;
  }

  String emailOrNull() {
    return email;
  }

  PasswordHistory historyOrNull() {
    return history;
  }

  static char[] fold(String s) {
    return CaseFold.fold(s);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PasswordContext c
        && Objects.equals(accountName, c.accountName)
        && Objects.equals(email, c.email)
        && Objects.equals(userName, c.userName)
        && Objects.equals(accountId, c.accountId)
        && history == c.history;
  }

  @Override
  public int hashCode() {
    return Objects.hash(accountName, email, userName, accountId, System.identityHashCode(history));
  }

  @Override
  public String toString() {
    return "PasswordContext[accountName="
        + accountName
        + ", email="
        + email
        + ", userName="
        + userName
        + ", accountId="
        + accountId
        + (history == null ? "" : ", history")
        + "]";
  }

  /**
   * Builds a {@link PasswordContext}. Every value is optional; empty strings are refused.
   *
   * <p>Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private String accountName;
    private String email;
    private String userName;
    private String accountId;
    private PasswordHistory history;

    private Builder() {}

    /**
     * Sets the AWS account name (as {@code account:GetAccountInformation} returns it).
     *
     * @param accountName the name
     * @return this builder
     */
    public Builder accountName(String accountName) {
      this.accountName = nonEmpty("accountName", accountName);
      return this;
    }

    /**
     * Sets the account's (root) e-mail address.
     *
     * @param email the address
     * @return this builder
     */
    public Builder email(String email) {
      this.email = nonEmpty("email", email);
      return this;
    }

    /**
     * Sets the IAM user name.
     *
     * @param userName the user name
     * @return this builder
     */
    public Builder userName(String userName) {
      this.userName = nonEmpty("userName", userName);
      return this;
    }

    /**
     * Sets the AWS account id.
     *
     * @param accountId exactly 12 digits
     * @return this builder
     */
    public Builder accountId(String accountId) {
      Objects.requireNonNull(accountId, "accountId");
      if (!accountId.matches("[0-9]{12}")) {
        throw new InvalidInputException("accountId", "must be exactly 12 digits");
      }
      this.accountId = accountId;
      return this;
    }

    /**
     * Sets the user's password history, used when the policy has reuse prevention.
     *
     * @param history the history
     * @return this builder
     */
    public Builder history(PasswordHistory history) {
      this.history = Objects.requireNonNull(history, "history");
      return this;
    }

    /**
     * Builds the context.
     *
     * @return the context
     */
    public PasswordContext build() {
      return new PasswordContext(this);
    }

    private static String nonEmpty(String field, String value) {
      Objects.requireNonNull(value, field);
      if (value.isEmpty()) {
        throw new InvalidInputException(field, "must not be empty");
      }
      return value;
    }
  }
}
