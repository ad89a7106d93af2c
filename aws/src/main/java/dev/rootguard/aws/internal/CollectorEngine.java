package dev.rootguard.aws.internal;

import dev.rootguard.InvalidInputException;
import dev.rootguard.aws.AwsCollectionException;
import dev.rootguard.policy.CredentialReportOptions;
import dev.rootguard.policy.Fact;
import dev.rootguard.policy.RootAccountState;
import dev.rootguard.policy.RootAccountState.OrganizationRole;
import dev.rootguard.policy.Source;
import dev.rootguard.policy.internal.CredentialReportParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The collection logic shared by the blocking and the async collector: it finds the caller's
 * identity and reads the account summary, then hands over to the {@link StandardCollection} (an IAM
 * principal: {@link CredentialReportPoller} and {@link OptionalFacts}) or to the {@link
 * RootSessionCollection} (an {@code sts:AssumeRoot} audit session). Immutable and thread-safe; each
 * {@link #collect()} is independent.
 */
public final class CollectorEngine {
  /** IAM actions of the default (IAM principal) collection, for the minimal policy. */
  public static final List<String> ACTIONS =
      List.of(
          "iam:GetAccountSummary",
          "iam:GenerateCredentialReport",
          "iam:GetCredentialReport",
          "iam:ListVirtualMFADevices",
          "iam:GetAccountPasswordPolicy",
          "iam:ListOrganizationsFeatures",
          "sts:GetCallerIdentity",
          "account:GetAccountInformation");

  private static final Pattern ARN_PARTITION = Pattern.compile("arn:([a-z][a-z0-9-]*):.*");

  /**
   * Settings.
   *
   * @param clock the clock
   * @param initialPoll first wait between credential-report polls
   * @param maxPoll longest wait between polls
   * @param reportTimeout how long to wait for the report overall
   * @param override per-request override (timeouts), or null
   * @param accountId the known account id, or null
   * @param rootSession whether the client runs in an {@code sts:AssumeRoot} audit session
   */
  public record Settings(
      Clock clock,
      Duration initialPoll,
      Duration maxPoll,
      Duration reportTimeout,
      AwsRequestOverrideConfiguration override,
      String accountId,
      boolean rootSession) {}

  private final IamOps iam;
  private final Supplier<CompletableFuture<GetCallerIdentityResponse>> callerIdentity;
  private final Settings s;
  private final StandardCollection standard;
  private final RootSessionCollection rootSession;

  /**
   * Creates an engine.
   *
   * @param iam the IAM calls
   * @param callerIdentity STS GetCallerIdentity, or null
   * @param accountName account:GetAccountInformation's AccountName, or null
   * @param settings settings
   */
  public CollectorEngine(
      IamOps iam,
      Supplier<CompletableFuture<GetCallerIdentityResponse>> callerIdentity,
      Supplier<CompletableFuture<String>> accountName,
      Settings settings) {
    this.iam = iam;
    this.callerIdentity = callerIdentity;
    this.s = settings;
    OptionalFacts optional = new OptionalFacts(iam, settings, accountName);
    this.standard = new StandardCollection(new CredentialReportPoller(iam, settings), optional);
    this.rootSession = new RootSessionCollection(iam, settings, optional);
  }

  /** The caller's account id and partition; either may be null when not known yet. */
  record Identity(String accountId, String partition) {}

  /** The account summary's values and where they came from. */
  record Summary(Map<String, Integer> map, Source source) {}

  /** A fetched report: parsed (or null with the failure) and when AWS generated it. */
  record Report(
      CredentialReportParser.Parsed root, Instant generatedAt, AwsCollectionException failure) {}

  /** Central root credentials management and the account's role in its organization. */
  record OrgFacts(Fact<Boolean> central, Fact<OrganizationRole> role) {}

  /**
   * Collects the facts.
   *
   * @return the state; fails with {@link AwsCollectionException} when a required call fails
   */
  public CompletableFuture<RootAccountState> collect() {
    Instant start = s.clock().instant();
    return identity()
        .thenCompose(
            id ->
                summary(id.accountId())
                    .thenCompose(
                        sum ->
                            s.rootSession()
                                ? rootSession.collect(id, sum, start)
                                : standard.collect(id, sum, start)));
  }

  /** Wraps a failed required call as an {@link AwsCollectionException} naming the action. */
  static CompletionException fail(String account, String action, Throwable cause) {
    Throwable c = AwsErrors.unwrap(cause);
    if (c instanceof AwsCollectionException e) {
      return new CompletionException(e);
    }
    return new CompletionException(new AwsCollectionException(account, action, c));
  }

  private CompletableFuture<Identity> identity() {
    if (s.accountId() != null) {
      return CompletableFuture.completedFuture(new Identity(s.accountId(), null));
    }
    if (callerIdentity == null) {
      return CompletableFuture.completedFuture(new Identity(null, null));
    }
    return callerIdentity
        .get()
        .handle(
            (r, err) -> {
              if (err != null) {
                throw fail(null, "sts:GetCallerIdentity", err);
              }
              Matcher m = ARN_PARTITION.matcher(r.arn() == null ? "" : r.arn());
              return new Identity(r.account(), m.matches() ? m.group(1) : null);
            });
  }

  private CompletableFuture<Summary> summary(String account) {
    return iam.getAccountSummary(
            GetAccountSummaryRequest.builder().overrideConfiguration(s.override()).build())
        .handle(
            (r, err) -> {
              if (err != null) {
                throw fail(account, "iam:GetAccountSummary", err);
              }
              Map<String, Integer> map = Map.copyOf(r.summaryMapAsStrings());
              try {
                CredentialReportOptions.builder().accountSummary(map); // the keys we read: 0 or 1
              } catch (InvalidInputException e) {
                throw new CompletionException(
                    new AwsCollectionException(
                        account, "iam:GetAccountSummary", "AWS returned " + e.getMessage(), e));
              }
              return new Summary(map, Source.of("iam:GetAccountSummary", s.clock().instant()));
            });
  }
}
