package dev.rootguard.policy;

import dev.rootguard.InvalidInputException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to read an IAM credential report into a {@link RootAccountState}: where it came from, when
 * AWS generated it, and optional extra facts (the {@code iam:GetAccountSummary} values, the account
 * name, the account id when the root ARN is missing).
 *
 * <p>The account summary fills gaps the report cannot: {@code AccountAccessKeysPresent} and {@code
 * AccountSigningCertificatesPresent} also count inactive keys and certificates (the report shows
 * only active ones), {@code AccountPasswordPresent} decides a root {@code password_enabled} of
 * {@code not_supported}, and {@code AccountMFAEnabled} takes precedence over {@code mfa_active}.
 *
 * <pre>{@code
 * CredentialReportOptions opts = CredentialReportOptions.builder()
 *     .origin("credential-report.csv")
 *     .generatedAt(Instant.parse("2026-11-28T09:00:00Z"))
 *     .accountSummary(Map.of("AccountMFAEnabled", 1, "AccountAccessKeysPresent", 0))
 *     .build();
 * RootAccountState state = RootAccountState.fromCredentialReport(csv, opts);
 * }</pre>
 *
 * <p>What the AWS CLI prints can be given as is: {@link Builder#accountSummaryJson(byte[])} for
 * {@code aws iam get-account-summary}, {@link Builder#virtualMfaDevicesJson(byte[])} for {@code aws
 * iam list-virtual-mfa-devices} (the root's devices become {@link
 * RootAccountState#virtualMfaSerials()}); both are read strictly and refuse, naming the JSON entry,
 * anything AWS would not print. For the password policy see {@code
 * IamPasswordPolicy.fromJson(String)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class CredentialReportOptions {
  /** The summary keys RootGuard reads; each must be 0 or 1. */
  public static final java.util.List<String> SUMMARY_KEYS =
      java.util.List.of(
          "AccountMFAEnabled",
          "AccountAccessKeysPresent",
          "AccountPasswordPresent",
          "AccountSigningCertificatesPresent");

  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

  private final String origin;
  private final Instant generatedAt;
  private final String accountId;
  private final String accountName;
  private final Map<String, Integer> accountSummary;
  private final String summaryOrigin;
  private final Map<String, String> virtualMfaDevices;
  private final String virtualMfaOrigin;

  private CredentialReportOptions(Builder b) {
    this.origin = b.origin;
    this.generatedAt = b.generatedAt;
    this.accountId = b.accountId;
    this.accountName = b.accountName;
    this.accountSummary = Map.copyOf(b.accountSummary);
    this.summaryOrigin = b.summaryOrigin;
    this.virtualMfaDevices =
        b.virtualMfaDevices == null
            ? null
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.virtualMfaDevices));
    this.virtualMfaOrigin = b.virtualMfaOrigin;
  }

  /**
   * Returns the default options: origin {@code credential-report.csv}, generation time unknown.
   *
   * @return the options
   */
  public static CredentialReportOptions defaults() {
    return builder().build();
  }

  /**
   * Starts a builder.
   *
   * @return a builder; not thread-safe
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the report's origin for {@link Source#origin()}.
   *
   * @return a file name or API action
   */
  public String origin() {
    return origin;
  }

  /**
   * Returns when AWS generated the report ({@link Instant#EPOCH} when unknown: the policy then
   * measures recent use from its own clock).
   *
   * @return the instant
   */
  public Instant generatedAt() {
    return generatedAt;
  }

  /**
   * Returns the account id to use when the root ARN does not carry one.
   *
   * @return the id, if set
   */
  public Optional<String> accountId() {
    return Optional.ofNullable(accountId);
  }

  /**
   * Returns the account name, if set.
   *
   * @return the name
   */
  public Optional<String> accountName() {
    return Optional.ofNullable(accountName);
  }

  /**
   * Returns the account summary values RootGuard uses (see {@link #SUMMARY_KEYS}).
   *
   * @return unmodifiable map
   */
  public Map<String, Integer> accountSummary() {
    return accountSummary;
  }

  /**
   * Returns the origin of the account summary values.
   *
   * @return e.g. {@code iam:GetAccountSummary}
   */
  public String summaryOrigin() {
    return summaryOrigin;
  }

  /**
   * Returns the virtual MFA devices given: serial number to the ARN of the user each is assigned
   * to.
   *
   * @return the devices, or empty when none were given (then the state leaves the root's virtual
   *     devices unknown)
   * @since 0.2.0
   */
  public Optional<Map<String, String>> virtualMfaDevices() {
    return Optional.ofNullable(virtualMfaDevices);
  }

  /**
   * Returns the origin of the virtual MFA device list.
   *
   * @return e.g. {@code iam:ListVirtualMFADevices}
   * @since 0.2.0
   */
  public String virtualMfaOrigin() {
    return virtualMfaOrigin;
  }

  /**
   * Builds {@link CredentialReportOptions}. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private String origin = "credential-report.csv";
    private Instant generatedAt = Instant.EPOCH;
    private String accountId;
    private String accountName;
    private final Map<String, Integer> accountSummary = new LinkedHashMap<>();
    private String summaryOrigin = "iam:GetAccountSummary";
    private Map<String, String> virtualMfaDevices;
    private String virtualMfaOrigin = "iam:ListVirtualMFADevices";

    private Builder() {}

    /**
     * Sets the report's origin (file name or {@code iam:GetCredentialReport}). Default: {@code
     * credential-report.csv}.
     *
     * @param origin not blank
     * @return this builder
     */
    public Builder origin(String origin) {
      Objects.requireNonNull(origin, "origin");
      if (origin.isBlank()) {
        throw new InvalidInputException("origin", "must not be blank");
      }
      this.origin = origin;
      return this;
    }

    /**
     * Sets when AWS generated the report ({@code GeneratedTime} of {@code GetCredentialReport}).
     * Default: unknown ({@link Instant#EPOCH}).
     *
     * @param at the instant
     * @return this builder
     */
    public Builder generatedAt(Instant at) {
      this.generatedAt = Objects.requireNonNull(at, "generatedAt");
      return this;
    }

    /**
     * Sets the account id, used when the root row's ARN does not carry a valid one; when both are
     * present they must agree.
     *
     * @param accountId 12 digits
     * @return this builder
     * @throws InvalidInputException if not 12 digits
     */
    public Builder accountId(String accountId) {
      Objects.requireNonNull(accountId, "accountId");
      if (!ACCOUNT_ID.matcher(accountId).matches()) {
        throw new InvalidInputException("accountId", "must be 12 digits");
      }
      this.accountId = accountId;
      return this;
    }

    /**
     * Sets the account name (shown in reports).
     *
     * @param name the name
     * @return this builder
     */
    public Builder accountName(String name) {
      this.accountName = Objects.requireNonNull(name, "accountName");
      return this;
    }

    /**
     * Adds {@code iam:GetAccountSummary} values. Keys outside {@link #SUMMARY_KEYS} are ignored
     * (the full summary map may be passed); the four keys must be 0 or 1.
     *
     * @param summary the values, e.g. from {@code summaryMapAsStrings()} parsed to integers
     * @return this builder
     * @throws InvalidInputException naming the key whose value is not 0 or 1
     */
    public Builder accountSummary(Map<String, Integer> summary) {
      Objects.requireNonNull(summary, "accountSummary");
      for (Map.Entry<String, Integer> e : summary.entrySet()) {
        if (!SUMMARY_KEYS.contains(e.getKey())) {
          continue;
        }
        Integer v = e.getValue();
        if (v == null || (v != 0 && v != 1)) {
          throw new InvalidInputException(e.getKey(), "must be 0 or 1, was " + v);
        }
        accountSummary.put(e.getKey(), v);
      }
      return this;
    }

    /**
     * Adds the values of what {@code aws iam get-account-summary} printed, {@code {"SummaryMap":
     * {...}}} (or the bare map). Strict: a duplicate key, trailing text, a value that is not a
     * whole number ({@code "1"}, {@code 0.9}), or one of {@link #SUMMARY_KEYS} other than 0 or 1 is
     * refused.
     *
     * @param json the JSON
     * @return this builder
     * @throws InvalidInputException naming the entry, e.g. {@code SummaryMap.AccountMFAEnabled}
     * @since 0.2.0
     */
    public Builder accountSummaryJson(byte[] json) {
      Objects.requireNonNull(json, "accountSummaryJson");
      return accountSummary(dev.rootguard.policy.internal.AwsCliJson.accountSummary(json));
    }

    /**
     * Sets the account's virtual MFA devices: serial number to the ARN of the user each is assigned
     * to (leave unassigned devices out). The root's are those whose user ARN is the report's root
     * ARN.
     *
     * @param serialToUserArn the devices
     * @return this builder
     * @since 0.2.0
     */
    public Builder virtualMfaDevices(Map<String, String> serialToUserArn) {
      Objects.requireNonNull(serialToUserArn, "virtualMfaDevices");
      Map<String, String> copy = new LinkedHashMap<>();
      serialToUserArn.forEach(
          (k, v) -> {
            if (k == null || k.isEmpty()) {
              throw new InvalidInputException("virtualMfaDevices", "a serial number is empty");
            }
            if (v == null || v.isEmpty()) {
              throw new InvalidInputException("virtualMfaDevices", "a user ARN is empty");
            }
            copy.put(k, v);
          });
      this.virtualMfaDevices = copy;
      return this;
    }

    /**
     * Sets the virtual MFA devices from what {@code aws iam list-virtual-mfa-devices} printed,
     * {@code {"VirtualMFADevices": [...]}}. Strict: an entry without a string {@code SerialNumber},
     * a {@code User} without a string {@code Arn}, a duplicate key, trailing text, or a list cut
     * short ({@code IsTruncated}/{@code NextToken}) is refused.
     *
     * @param json the JSON
     * @return this builder
     * @throws InvalidInputException naming the entry, e.g. {@code VirtualMFADevices[2].User.Arn}
     * @since 0.2.0
     */
    public Builder virtualMfaDevicesJson(byte[] json) {
      Objects.requireNonNull(json, "virtualMfaDevicesJson");
      return virtualMfaDevices(dev.rootguard.policy.internal.AwsCliJson.virtualMfaDevices(json));
    }

    /**
     * Sets the origin of the virtual MFA device list. Default: {@code iam:ListVirtualMFADevices}.
     *
     * @param origin not blank
     * @return this builder
     * @since 0.2.0
     */
    public Builder virtualMfaOrigin(String origin) {
      Objects.requireNonNull(origin, "virtualMfaOrigin");
      if (origin.isBlank()) {
        throw new InvalidInputException("virtualMfaOrigin", "must not be blank");
      }
      this.virtualMfaOrigin = origin;
      return this;
    }

    /**
     * Sets the origin of the summary values. Default: {@code iam:GetAccountSummary}.
     *
     * @param origin not blank
     * @return this builder
     */
    public Builder summaryOrigin(String origin) {
      Objects.requireNonNull(origin, "summaryOrigin");
      if (origin.isBlank()) {
        throw new InvalidInputException("summaryOrigin", "must not be blank");
      }
      this.summaryOrigin = origin;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public CredentialReportOptions build() {
      return new CredentialReportOptions(this);
    }
  }
}
