package dev.rootguard.policy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.password.IamPasswordPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything RootGuard knows about one AWS account's root user, each fact with its {@link Source}
 * and possibly {@link Fact.Unknown}. Built by hand in tests, from a credential report, or by the
 * {@code rootguard-aws} collector; evaluated by a {@code RootSecurityPolicy}.
 *
 * <p>Facts not set on the builder are unknown ("not collected"), so a control that needs them
 * reports UNKNOWN or MANUAL, never PASS.
 *
 * <pre>{@code
 * Source summary = Source.of("iam:GetAccountSummary", now);
 * RootAccountState state = RootAccountState.builder("123456789012")
 *     .collectedAt(now)
 *     .mfaEnabled(Fact.known(true, summary))
 *     .accessKeysPresent(Fact.known(false, summary))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Length: this class is over 600 lines because it is one documented getter and one documented
 * builder setter per fact (about twenty facts); it holds no logic worth splitting out.
 *
 * @since 0.1.0
 */
public final class RootAccountState {
  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

  /**
   * The account's place in AWS Organizations.
   *
   * @since 0.1.0
   */
  public enum OrganizationRole {
    /** Not in an organization. */
    STANDALONE,
    /** The organization's management account. */
    MANAGEMENT,
    /** A member account. */
    MEMBER
  }

  private final String accountId;
  private final String partition;
  private final Instant collectedAt;
  private final Fact<String> accountName;
  private final Fact<String> rootEmail;
  private final Fact<Boolean> passwordEnabled;
  private final Fact<LastUse> passwordLastUsed;
  private final Fact<Boolean> mfaEnabled;
  private final Fact<List<MfaDevice>> mfaDevices;
  private final Fact<List<String>> virtualMfaSerials;
  private final Fact<Boolean> accessKeysPresent;
  private final Fact<List<AccessKey>> accessKeys;
  private final Fact<Boolean> signingCertificatesPresent;
  private final Fact<Boolean> iamUserAccessToBilling;
  private final Fact<Optional<IamPasswordPolicy>> passwordPolicy;
  private final Fact<OrganizationRole> organizationRole;
  private final Fact<Boolean> centralRootCredentialsManagement;
  private final Fact<Instant> accountCreatedAt;

  private RootAccountState(Builder b) {
    this.accountId = b.accountId;
    this.partition = b.partition;
    this.collectedAt = b.collectedAt;
    Source none = Source.of("not collected", b.collectedAt);
    this.accountName = orUnknown(b.accountName, none);
    this.rootEmail = orUnknown(b.rootEmail, none);
    this.passwordEnabled = orUnknown(b.passwordEnabled, none);
    this.passwordLastUsed = orUnknown(b.passwordLastUsed, none);
    this.mfaEnabled = orUnknown(b.mfaEnabled, none);
    this.mfaDevices = orUnknown(b.mfaDevices, none);
    this.virtualMfaSerials = orUnknown(b.virtualMfaSerials, none);
    this.accessKeysPresent = orUnknown(b.accessKeysPresent, none);
    this.accessKeys = orUnknown(b.accessKeys, none);
    this.signingCertificatesPresent = orUnknown(b.signingCertificatesPresent, none);
    this.iamUserAccessToBilling =
        b.iamUserAccessToBilling != null
            ? b.iamUserAccessToBilling
            : Fact.unknown(
                "no public AWS API reads the IAM user and role access to Billing setting",
                Source.of("none", b.collectedAt));
    this.passwordPolicy = orUnknown(b.passwordPolicy, none);
    this.organizationRole = orUnknown(b.organizationRole, none);
    this.centralRootCredentialsManagement = orUnknown(b.centralRootCredentialsManagement, none);
    this.accountCreatedAt = orUnknown(b.accountCreatedAt, none);
  }

  private static <T> Fact<T> orUnknown(Fact<T> f, Source none) {
    return f != null ? f : Fact.unknown("not collected", none);
  }

  /**
   * Starts a builder for an account.
   *
   * @param accountId the 12-digit account id
   * @return a builder; not thread-safe
   * @throws InvalidInputException if the id is not 12 digits
   */
  public static Builder builder(String accountId) {
    return new Builder(accountId);
  }

  /**
   * Reads the root user's facts from an IAM credential report (AWS's CSV format, every row
   * checked), with default options: origin {@code credential-report.csv}, generation time unknown,
   * no account summary.
   *
   * @param csv the report, UTF-8
   * @return the state
   * @throws InvalidInputException naming row and column of a malformed cell, or the missing root
   *     row
   * @see #fromCredentialReport(byte[], CredentialReportOptions)
   */
  public static RootAccountState fromCredentialReport(byte[] csv) {
    return fromCredentialReport(csv, CredentialReportOptions.defaults());
  }

  /**
   * Reads the root user's facts from an IAM credential report ({@code iam:GetCredentialReport}'s
   * content or a file downloaded from the IAM console), plus optional account-summary values.
   *
   * <p>Format: RFC 4180 CSV in UTF-8 (a BOM is skipped), a header row naming AWS's 22 columns (any
   * order; unknown extra columns are ignored), quoted fields allowed. Booleans are
   * case-insensitive; dates are ISO-8601 with an offset; {@code N/A}, {@code no_information} and
   * {@code not_supported} are understood where AWS writes them. The root row is the one whose
   * {@code user} is {@code <root_account>}; it may be anywhere in the file. Row numbers in errors
   * count the header as row 1.
   *
   * <p>Facts set: account id and partition (from the root ARN, or {@link
   * CredentialReportOptions#accountId()}), {@link #accountCreatedAt()}, {@link #passwordEnabled()}
   * ({@code not_supported} falls back to {@code AccountPasswordPresent}), {@link
   * #passwordLastUsed()}, {@link #mfaEnabled()} ({@code AccountMFAEnabled} first), {@link
   * #accessKeys()}, {@link #accessKeysPresent()} and {@link #signingCertificatesPresent()} (known
   * from the summary, or true when the report shows an active one, else unknown: the report hides
   * inactive keys and certificates). Each fact's {@link Source} is the report's origin (or the
   * summary's) at the report's generation time. Everything else stays unknown.
   *
   * <pre>{@code
   * RootAccountState s = RootAccountState.fromCredentialReport(
   *     Files.readAllBytes(Path.of("status_reports_2026-11-28.csv")),
   *     CredentialReportOptions.builder().origin("status_reports_2026-11-28.csv").build());
   * }</pre>
   *
   * @param csv the report, UTF-8
   * @param options origin, generation time, account summary, account name and id
   * @return the state
   * @throws InvalidInputException naming row and column of a malformed cell, a missing header
   *     column, the missing root row, or conflicting account ids
   */
  public static RootAccountState fromCredentialReport(byte[] csv, CredentialReportOptions options) {
    Objects.requireNonNull(options, "options");
    return dev.rootguard.policy.internal.RootReportFacts.toState(csv, options);
  }

  /**
   * Reads the root user's facts from an IAM credential report given as a stream, in the format
   * described at {@link #fromCredentialReport(byte[], CredentialReportOptions)}. Memory stays
   * proportional to one row (a cell is at most 65,536 characters), whatever the report's size; the
   * stream is read to its end and not closed, so the caller bounds its length.
   *
   * <pre>{@code
   * try (InputStream in = Files.newInputStream(Path.of("report.csv"))) {
   *   RootAccountState s = RootAccountState.fromCredentialReport(in, CredentialReportOptions.defaults());
   * }
   * }</pre>
   *
   * @param csv the report, UTF-8
   * @param options origin, generation time, account summary, account name and id
   * @return the state
   * @throws InvalidInputException as for the {@code byte[]} form, or for an over-long cell
   * @throws java.io.UncheckedIOException if reading the stream fails
   * @since 0.2.0
   */
  public static RootAccountState fromCredentialReport(
      java.io.InputStream csv, CredentialReportOptions options) {
    Objects.requireNonNull(options, "options");
    return dev.rootguard.policy.internal.RootReportFacts.toState(csv, options);
  }

  /**
   * Returns the 12-digit account id.
   *
   * @return the account id
   */
  public String accountId() {
    return accountId;
  }

  /**
   * Returns the AWS partition ({@code aws}, {@code aws-cn}, {@code aws-us-gov}).
   *
   * @return the partition
   */
  public String partition() {
    return partition;
  }

  /**
   * Returns the root user's ARN, {@code arn:<partition>:iam::<account>:root}.
   *
   * @return the ARN
   */
  public String rootArn() {
    return "arn:" + partition + ":iam::" + accountId + ":root";
  }

  /**
   * Returns when the facts were collected (the earliest source, as the collector sets it).
   *
   * @return the instant
   */
  public Instant collectedAt() {
    return collectedAt;
  }

  /**
   * Returns the account name (for the password identity rule).
   *
   * @return the fact
   */
  public Fact<String> accountName() {
    return accountName;
  }

  /**
   * Returns the root e-mail address (for the password identity rule).
   *
   * @return the fact
   */
  public Fact<String> rootEmail() {
    return rootEmail;
  }

  /**
   * Returns whether the root user has a console password.
   *
   * @return the fact
   */
  public Fact<Boolean> passwordEnabled() {
    return passwordEnabled;
  }

  /**
   * Returns when the root password was last used.
   *
   * @return the fact
   */
  public Fact<LastUse> passwordLastUsed() {
    return passwordLastUsed;
  }

  /**
   * Returns whether the root user has at least one MFA device ({@code AccountMFAEnabled}).
   *
   * @return the fact
   */
  public Fact<Boolean> mfaEnabled() {
    return mfaEnabled;
  }

  /**
   * Returns every root MFA device with its kind, when it could be listed (only root credentials or
   * an {@code sts:AssumeRoot} session can list FIDO and hardware devices).
   *
   * @return the fact
   */
  public Fact<List<MfaDevice>> mfaDevices() {
    return mfaDevices;
  }

  /**
   * Returns the serials of virtual MFA devices assigned to the root user ({@code
   * iam:ListVirtualMFADevices}, matched on the user ARN), which any IAM principal can read.
   *
   * @return the fact
   */
  public Fact<List<String>> virtualMfaSerials() {
    return virtualMfaSerials;
  }

  /**
   * Returns whether the root user has any access key, active or not ({@code
   * AccountAccessKeysPresent}).
   *
   * @return the fact
   */
  public Fact<Boolean> accessKeysPresent() {
    return accessKeysPresent;
  }

  /**
   * Returns the root access keys with state and last use (credential report or {@code
   * iam:ListAccessKeys}).
   *
   * @return the fact
   */
  public Fact<List<AccessKey>> accessKeys() {
    return accessKeys;
  }

  /**
   * Returns whether the root user has an X.509 signing certificate ({@code
   * AccountSigningCertificatesPresent}).
   *
   * @return the fact
   */
  public Fact<Boolean> signingCertificatesPresent() {
    return signingCertificatesPresent;
  }

  /**
   * Returns whether IAM user and role access to Billing is activated. No public API reads it;
   * unknown unless the caller supplied it.
   *
   * @return the fact
   */
  public Fact<Boolean> iamUserAccessToBilling() {
    return iamUserAccessToBilling;
  }

  /**
   * Returns the account's custom IAM password policy, or a known empty value when the account has
   * none and AWS's default applies ({@code NoSuchEntity}).
   *
   * @return the fact
   */
  public Fact<Optional<IamPasswordPolicy>> passwordPolicy() {
    return passwordPolicy;
  }

  /**
   * Returns the account's place in AWS Organizations.
   *
   * @return the fact
   */
  public Fact<OrganizationRole> organizationRole() {
    return organizationRole;
  }

  /**
   * Returns whether the organization has centralized root credentials management enabled ({@code
   * RootCredentialsManagement} in {@code iam:ListOrganizationsFeatures}).
   *
   * @return the fact
   */
  public Fact<Boolean> centralRootCredentialsManagement() {
    return centralRootCredentialsManagement;
  }

  /**
   * Returns when the account was created (the root row's {@code user_creation_time}).
   *
   * @return the fact
   * @since 0.1.0
   */
  public Fact<Instant> accountCreatedAt() {
    return accountCreatedAt;
  }

  /**
   * Returns a builder holding this state's facts.
   *
   * @return a builder; not thread-safe
   */
  public Builder toBuilder() {
    Builder b = new Builder(accountId);
    b.partition = partition;
    b.collectedAt = collectedAt;
    b.accountName = accountName;
    b.rootEmail = rootEmail;
    b.passwordEnabled = passwordEnabled;
    b.passwordLastUsed = passwordLastUsed;
    b.mfaEnabled = mfaEnabled;
    b.mfaDevices = mfaDevices;
    b.virtualMfaSerials = virtualMfaSerials;
    b.accessKeysPresent = accessKeysPresent;
    b.accessKeys = accessKeys;
    b.signingCertificatesPresent = signingCertificatesPresent;
    b.iamUserAccessToBilling = iamUserAccessToBilling;
    b.passwordPolicy = passwordPolicy;
    b.organizationRole = organizationRole;
    b.centralRootCredentialsManagement = centralRootCredentialsManagement;
    b.accountCreatedAt = accountCreatedAt;
    return b;
  }

  @Override
  public String toString() {
    return "RootAccountState[" + rootArn() + ", collectedAt=" + collectedAt + "]";
  }

  /**
   * Builds a {@link RootAccountState}. Facts left unset are unknown. Not thread-safe; confine to
   * one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final String accountId;
    private String partition = "aws";
    private Instant collectedAt = Instant.EPOCH;
    private Fact<String> accountName;
    private Fact<String> rootEmail;
    private Fact<Boolean> passwordEnabled;
    private Fact<LastUse> passwordLastUsed;
    private Fact<Boolean> mfaEnabled;
    private Fact<List<MfaDevice>> mfaDevices;
    private Fact<List<String>> virtualMfaSerials;
    private Fact<Boolean> accessKeysPresent;
    private Fact<List<AccessKey>> accessKeys;
    private Fact<Boolean> signingCertificatesPresent;
    private Fact<Boolean> iamUserAccessToBilling;
    private Fact<Optional<IamPasswordPolicy>> passwordPolicy;
    private Fact<OrganizationRole> organizationRole;
    private Fact<Boolean> centralRootCredentialsManagement;
    private Fact<Instant> accountCreatedAt;

    private Builder(String accountId) {
      Objects.requireNonNull(accountId, "accountId");
      if (!ACCOUNT_ID.matcher(accountId).matches()) {
        throw new InvalidInputException("accountId", "must be 12 digits");
      }
      this.accountId = accountId;
    }

    /**
     * Sets the partition. Default: {@code aws}.
     *
     * @param partition {@code aws}, {@code aws-cn} or {@code aws-us-gov}
     * @return this builder
     */
    public Builder partition(String partition) {
      Objects.requireNonNull(partition, "partition");
      if (!partition.matches("aws(-[a-z]+)*")) {
        throw new InvalidInputException("partition", "must look like aws, aws-cn or aws-us-gov");
      }
      this.partition = partition;
      return this;
    }

    /**
     * Sets when the facts were collected. Default: the epoch (set it).
     *
     * @param at the instant
     * @return this builder
     */
    public Builder collectedAt(Instant at) {
      this.collectedAt = Objects.requireNonNull(at, "collectedAt");
      return this;
    }

    /**
     * Sets the account name fact.
     *
     * @param f the fact
     * @return this builder
     */
    public Builder accountName(Fact<String> f) {
      this.accountName = Objects.requireNonNull(f, "accountName");
      return this;
    }

    /**
     * Sets the root e-mail fact.
     *
     * @param f the fact
     * @return this builder
     */
    public Builder rootEmail(Fact<String> f) {
      this.rootEmail = Objects.requireNonNull(f, "rootEmail");
      return this;
    }

    /**
     * Sets whether the root has a password.
     *
     * @param f the fact
     * @return this builder
     */
    public Builder passwordEnabled(Fact<Boolean> f) {
      this.passwordEnabled = Objects.requireNonNull(f, "passwordEnabled");
      return this;
    }

    /**
     * Sets when the root password was last used.
     *
     * @param f the fact
     * @return this builder
     */
    public Builder passwordLastUsed(Fact<LastUse> f) {
      this.passwordLastUsed = Objects.requireNonNull(f, "passwordLastUsed");
      return this;
    }

    /**
     * Sets whether the root has any MFA device.
     *
     * @param f the fact
     * @return this builder
     */
    public Builder mfaEnabled(Fact<Boolean> f) {
      this.mfaEnabled = Objects.requireNonNull(f, "mfaEnabled");
      return this;
    }

    /**
     * Sets the root's MFA devices.
     *
     * @param f the fact; the list is copied
     * @return this builder
     */
    public Builder mfaDevices(Fact<List<MfaDevice>> f) {
      this.mfaDevices = Objects.requireNonNull(f, "mfaDevices").map(List::copyOf);
      return this;
    }

    /**
     * Sets the serials of virtual MFA devices assigned to the root.
     *
     * @param f the fact; the list is copied
     * @return this builder
     */
    public Builder virtualMfaSerials(Fact<List<String>> f) {
      this.virtualMfaSerials = Objects.requireNonNull(f, "virtualMfaSerials").map(List::copyOf);
      return this;
    }

    /**
     * Sets whether the root has any access key.
     *
     * @param f the fact
     * @return this builder
     */
    public Builder accessKeysPresent(Fact<Boolean> f) {
      this.accessKeysPresent = Objects.requireNonNull(f, "accessKeysPresent");
      return this;
    }

    /**
     * Sets the root's access keys.
     *
     * @param f the fact; the list is copied
     * @return this builder
     */
    public Builder accessKeys(Fact<List<AccessKey>> f) {
      this.accessKeys = Objects.requireNonNull(f, "accessKeys").map(List::copyOf);
      return this;
    }

    /**
     * Sets whether the root has a signing certificate.
     *
     * @param f the fact
     * @return this builder
     */
    public Builder signingCertificatesPresent(Fact<Boolean> f) {
      this.signingCertificatesPresent = Objects.requireNonNull(f, "signingCertificatesPresent");
      return this;
    }

    /**
     * Sets whether IAM user and role access to Billing is activated (from the caller's own records,
     * e.g. Organizations {@code CreateAccount}'s {@code IamUserAccessToBilling}).
     *
     * @param f the fact
     * @return this builder
     */
    public Builder iamUserAccessToBilling(Fact<Boolean> f) {
      this.iamUserAccessToBilling = Objects.requireNonNull(f, "iamUserAccessToBilling");
      return this;
    }

    /**
     * Sets the account's IAM password policy; a known empty value means none is set.
     *
     * @param f the fact
     * @return this builder
     */
    public Builder passwordPolicy(Fact<Optional<IamPasswordPolicy>> f) {
      this.passwordPolicy = Objects.requireNonNull(f, "passwordPolicy");
      return this;
    }

    /**
     * Sets the account's place in AWS Organizations.
     *
     * @param f the fact
     * @return this builder
     */
    public Builder organizationRole(Fact<OrganizationRole> f) {
      this.organizationRole = Objects.requireNonNull(f, "organizationRole");
      return this;
    }

    /**
     * Sets whether centralized root credentials management is enabled in the organization.
     *
     * @param f the fact
     * @return this builder
     */
    public Builder centralRootCredentialsManagement(Fact<Boolean> f) {
      this.centralRootCredentialsManagement =
          Objects.requireNonNull(f, "centralRootCredentialsManagement");
      return this;
    }

    /**
     * Sets when the account was created.
     *
     * @param f the fact
     * @return this builder
     */
    public Builder accountCreatedAt(Fact<Instant> f) {
      this.accountCreatedAt = Objects.requireNonNull(f, "accountCreatedAt");
      return this;
    }

    /**
     * Builds the state.
     *
     * @return the state
     */
    public RootAccountState build() {
      return new RootAccountState(this);
    }
  }
}
