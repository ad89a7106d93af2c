package dev.rootguard.aws;

import dev.rootguard.InvalidInputException;
import dev.rootguard.aws.internal.AwsErrors;
import dev.rootguard.aws.internal.CollectorEngine;
import dev.rootguard.aws.internal.CollectorOptions;
import dev.rootguard.aws.internal.IamOps;
import dev.rootguard.policy.RootAccountState;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.iam.IamAsyncClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Reads everything the root-user controls need from one AWS account and returns it as a {@link
 * RootAccountState}, each fact with the API call it came from.
 *
 * <p>With an ordinary IAM principal (see {@code minimal-iam-policy.json} in this module) it reads:
 * the account summary ({@code summaryMapAsStrings()}, so keys unknown to the SDK survive), the
 * credential report (generated and polled with back-off until ready; {@code ReportInProgress},
 * {@code ReportExpired} and {@code ReportNotPresent} are handled), the virtual MFA devices assigned
 * to the root (matched on the user ARN {@code arn:<partition>:iam::<account>:root}, never on the
 * serial name), the account password policy ({@code NoSuchEntity} is a known "none, AWS's default
 * applies"), the organization's root access features, and optionally the account name and id.
 * Inside an {@code sts:AssumeRoot} session ({@link Builder#auditRootSession()}) it reads the root's
 * own MFA devices, access keys and login profile instead.
 *
 * <p>A missing permission for the account summary throws {@link AwsCollectionException} naming the
 * action; a missing permission for an optional fact makes that fact unknown with the reason {@code
 * "missing permission iam:ListVirtualMFADevices"}. Retries (throttling, 5xx) are the SDK client's
 * own retry strategy: configure it on the client. Timeouts are set per request here.
 *
 * <pre>{@code
 * try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).build();
 *      StsClient sts = StsClient.create()) {
 *   RootAccountState state = AwsRootCollector.builder(iam).sts(sts).build().collect();
 *   state.mfaEnabled().value().ifPresent(on -> System.out.println("root MFA: " + on));
 * }
 * }</pre>
 *
 * <p>Thread-safe; share one instance. Each {@link #collect()} makes its own calls.
 *
 * @since 0.1.0
 */
public final class AwsRootCollector {
  private final CollectorEngine engine;

  private AwsRootCollector(CollectorEngine engine) {
    this.engine = engine;
  }

  /**
   * Returns a collector with default settings.
   *
   * @param iam the IAM client of the account to audit; the caller keeps ownership
   * @return the collector
   */
  public static AwsRootCollector create(IamClient iam) {
    return builder(iam).build();
  }

  /**
   * Starts a builder.
   *
   * @param iam the IAM client of the account to audit; the caller keeps ownership
   * @return a builder; not thread-safe
   */
  public static Builder builder(IamClient iam) {
    return new Builder(Objects.requireNonNull(iam, "iam"));
  }

  /**
   * Returns an async collector with default settings.
   *
   * @param iam the async IAM client; the caller keeps ownership
   * @return the collector
   */
  public static AsyncAwsRootCollector createAsync(IamAsyncClient iam) {
    return AsyncAwsRootCollector.builder(iam).build();
  }

  /**
   * Collects the facts, blocking the calling thread (including the waits between credential-report
   * polls).
   *
   * @return the state
   * @throws AwsCollectionException when the account summary (or, without an account id, the
   *     credential report) cannot be read; its {@link AwsCollectionException#action()} names the
   *     IAM action
   */
  public RootAccountState collect() {
    return join(engine.collect());
  }

  static RootAccountState join(CompletableFuture<RootAccountState> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      Throwable c = AwsErrors.unwrap(e);
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new AwsCollectionException(null, "collect", c);
    }
  }

  /** The IAM actions the default collection may call, for documentation and tests. */
  static List<String> actions() {
    return CollectorEngine.ACTIONS;
  }

  /**
   * Builds an {@link AwsRootCollector}. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final IamClient iam;
    private final CollectorOptions options = new CollectorOptions();
    private StsClient sts;
    private AccountClient account;
    private IamOps.Sleeper sleeper = d -> Thread.sleep(d.toMillis());

    private Builder(IamClient iam) {
      this.iam = iam;
    }

    /**
     * Sets the clock that stamps each fact's source. Default: {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      options.clock(clock);
      return this;
    }

    /**
     * Reads the account id and partition with {@code sts:GetCallerIdentity} (which needs no
     * permission). Without it, they come from the credential report's root ARN.
     *
     * @param sts the client; the caller keeps ownership
     * @return this builder
     */
    public Builder sts(StsClient sts) {
      this.sts = Objects.requireNonNull(sts, "sts");
      return this;
    }

    /**
     * Reads the account name with {@code account:GetAccountInformation}, for the root password's
     * identity rule. Default: not read (the fact stays unknown).
     *
     * @param account the client; the caller keeps ownership
     * @return this builder
     */
    public Builder account(AccountClient account) {
      this.account = Objects.requireNonNull(account, "account");
      return this;
    }

    /**
     * Sets the account id when the caller knows it (no STS call is made).
     *
     * @param accountId 12 digits
     * @return this builder
     */
    public Builder accountId(String accountId) {
      options.accountId(accountId);
      return this;
    }

    /**
     * Declares that the IAM client runs in an {@code sts:AssumeRoot} session with the task policy
     * {@code IAMAuditRootUserCredentials}: the collector then lists the root's own MFA devices
     * (with their kind), access keys and login profile, and leaves the password policy and
     * organization facts unknown (the task policy does not allow them). Requires {@link
     * #accountId(String)}.
     *
     * @return this builder
     */
    public Builder auditRootSession() {
      options.auditRootSession();
      return this;
    }

    /**
     * Sets the first wait between credential-report polls; each later wait doubles up to {@link
     * #reportPollMaxInterval(Duration)}. Default: 2 s. Range: 1 ms to 1 min.
     *
     * @param d the wait
     * @return this builder
     */
    public Builder reportPollInterval(Duration d) {
      options.reportPollInterval(d);
      return this;
    }

    /**
     * Sets the longest wait between credential-report polls. Default: 15 s. Range: 1 ms to 5 min.
     *
     * @param d the wait
     * @return this builder
     */
    public Builder reportPollMaxInterval(Duration d) {
      options.reportPollMaxInterval(d);
      return this;
    }

    /**
     * Sets how long to wait for the credential report before giving up (the report's facts then
     * become unknown). Default: 5 min. Range: 1 ms to 1 h.
     *
     * @param d the timeout
     * @return this builder
     */
    public Builder reportTimeout(Duration d) {
      options.reportTimeout(d);
      return this;
    }

    /**
     * Sets the SDK's {@code apiCallTimeout} for each request (all attempts together). Default: 60
     * s. Range: 1 ms to 10 min.
     *
     * @param d the timeout
     * @return this builder
     */
    public Builder apiCallTimeout(Duration d) {
      options.apiCallTimeout(d);
      return this;
    }

    /**
     * Sets the SDK's {@code apiCallAttemptTimeout} for each attempt. Default: 20 s. Range: 1 ms to
     * 10 min.
     *
     * @param d the timeout
     * @return this builder
     */
    public Builder apiCallAttemptTimeout(Duration d) {
      options.apiCallAttemptTimeout(d);
      return this;
    }

    /** Test hook: replaces the sleeps between polls. */
    Builder sleeper(IamOps.Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Builds the collector.
     *
     * @return the collector
     * @throws InvalidInputException if {@link #auditRootSession()} is set without an account id, or
     *     the poll interval exceeds its maximum
     */
    public AwsRootCollector build() {
      StsClient s = sts;
      AccountClient a = account;
      return new AwsRootCollector(
          new CollectorEngine(
              IamOps.blocking(iam, sleeper),
              s == null ? null : () -> IamOps.now(s::getCallerIdentity),
              a == null
                  ? null
                  : () -> IamOps.now(() -> a.getAccountInformation(r -> {}).accountName()),
              options.toEngine()));
    }
  }
}
