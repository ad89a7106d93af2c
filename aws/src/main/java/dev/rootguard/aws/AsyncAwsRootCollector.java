package dev.rootguard.aws;

import dev.rootguard.InvalidInputException;
import dev.rootguard.aws.internal.CollectorEngine;
import dev.rootguard.aws.internal.CollectorOptions;
import dev.rootguard.aws.internal.IamOps;
import dev.rootguard.policy.RootAccountState;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.account.AccountAsyncClient;
import software.amazon.awssdk.services.account.model.GetAccountInformationResponse;
import software.amazon.awssdk.services.iam.IamAsyncClient;
import software.amazon.awssdk.services.sts.StsAsyncClient;

/**
 * The non-blocking twin of {@link AwsRootCollector}: the same calls and facts over an {@link
 * IamAsyncClient}, with the waits between credential-report polls scheduled rather than slept.
 *
 * <pre>{@code
 * AsyncAwsRootCollector collector = AwsRootCollector.createAsync(iamAsync);
 * collector.collect().thenAccept(state -> System.out.println(state.mfaEnabled()));
 * }</pre>
 *
 * <p>The future fails with {@link AwsCollectionException} (wrapped in a {@link
 * java.util.concurrent.CompletionException} when joined) in the same cases as {@link
 * AwsRootCollector#collect()}.
 *
 * <p>Thread-safe; share one instance.
 *
 * @since 0.1.0
 */
public final class AsyncAwsRootCollector {
  private final CollectorEngine engine;

  private AsyncAwsRootCollector(CollectorEngine engine) {
    this.engine = engine;
  }

  /**
   * Starts a builder.
   *
   * @param iam the async IAM client; the caller keeps ownership
   * @return a builder; not thread-safe
   */
  public static Builder builder(IamAsyncClient iam) {
    return new Builder(Objects.requireNonNull(iam, "iam"));
  }

  /**
   * Collects the facts without blocking.
   *
   * @return a future of the state
   */
  public CompletableFuture<RootAccountState> collect() {
    return engine.collect();
  }

  /**
   * Builds an {@link AsyncAwsRootCollector}; the knobs mean what they mean on {@link
   * AwsRootCollector.Builder}. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final IamAsyncClient iam;
    private final CollectorOptions options = new CollectorOptions();
    private StsAsyncClient sts;
    private AccountAsyncClient account;

    private Builder(IamAsyncClient iam) {
      this.iam = iam;
    }

    /**
     * Sets the clock. Default: {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      options.clock(clock);
      return this;
    }

    /**
     * Reads the account id with {@code sts:GetCallerIdentity}.
     *
     * @param sts the client; the caller keeps ownership
     * @return this builder
     */
    public Builder sts(StsAsyncClient sts) {
      this.sts = Objects.requireNonNull(sts, "sts");
      return this;
    }

    /**
     * Reads the account name with {@code account:GetAccountInformation}.
     *
     * @param account the client; the caller keeps ownership
     * @return this builder
     */
    public Builder account(AccountAsyncClient account) {
      this.account = Objects.requireNonNull(account, "account");
      return this;
    }

    /**
     * Sets the account id when the caller knows it.
     *
     * @param accountId 12 digits
     * @return this builder
     */
    public Builder accountId(String accountId) {
      options.accountId(accountId);
      return this;
    }

    /**
     * Declares an {@code sts:AssumeRoot} audit session (see {@link
     * AwsRootCollector.Builder#auditRootSession()}).
     *
     * @return this builder
     */
    public Builder auditRootSession() {
      options.auditRootSession();
      return this;
    }

    /**
     * Sets the first wait between credential-report polls. Default: 2 s. Range: 1 ms to 1 min.
     *
     * @param d the wait
     * @return this builder
     */
    public Builder reportPollInterval(Duration d) {
      options.reportPollInterval(d);
      return this;
    }

    /**
     * Sets the longest wait between polls. Default: 15 s. Range: 1 ms to 5 min.
     *
     * @param d the wait
     * @return this builder
     */
    public Builder reportPollMaxInterval(Duration d) {
      options.reportPollMaxInterval(d);
      return this;
    }

    /**
     * Sets how long to wait for the credential report. Default: 5 min. Range: 1 ms to 1 h.
     *
     * @param d the timeout
     * @return this builder
     */
    public Builder reportTimeout(Duration d) {
      options.reportTimeout(d);
      return this;
    }

    /**
     * Sets the per-request {@code apiCallTimeout}. Default: 60 s. Range: 1 ms to 10 min.
     *
     * @param d the timeout
     * @return this builder
     */
    public Builder apiCallTimeout(Duration d) {
      options.apiCallTimeout(d);
      return this;
    }

    /**
     * Sets the per-attempt {@code apiCallAttemptTimeout}. Default: 20 s. Range: 1 ms to 10 min.
     *
     * @param d the timeout
     * @return this builder
     */
    public Builder apiCallAttemptTimeout(Duration d) {
      options.apiCallAttemptTimeout(d);
      return this;
    }

    /**
     * Builds the collector.
     *
     * @return the collector
     * @throws InvalidInputException as {@link AwsRootCollector.Builder#build()}
     */
    public AsyncAwsRootCollector build() {
      StsAsyncClient s = sts;
      AccountAsyncClient a = account;
      return new AsyncAwsRootCollector(
          new CollectorEngine(
              IamOps.async(iam),
              s == null ? null : s::getCallerIdentity,
              a == null
                  ? null
                  : () ->
                      a.getAccountInformation(r -> {})
                          .thenApply(GetAccountInformationResponse::accountName),
              options.toEngine()));
    }
  }
}
