package dev.rootguard.aws.internal;

import dev.rootguard.InvalidInputException;
import dev.rootguard.aws.AwsCollectionException;
import dev.rootguard.password.IamPasswordPolicy;
import dev.rootguard.policy.CredentialReportOptions;
import dev.rootguard.policy.Fact;
import dev.rootguard.policy.RootAccountState;
import dev.rootguard.policy.Source;
import dev.rootguard.policy.internal.RootReportFacts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The default collection, as an IAM principal: the credential report and the account summary go
 * through core's one mapping ({@link RootReportFacts}, the same as the offline path), then the
 * optional facts are added. The root's FIDO and hardware MFA devices stay unknown here: only root
 * credentials or an {@code sts:AssumeRoot} session can list them. Immutable and thread-safe.
 */
final class StandardCollection {
  private final CredentialReportPoller poller;
  private final OptionalFacts optional;

  StandardCollection(CredentialReportPoller poller, OptionalFacts optional) {
    this.poller = poller;
    this.optional = optional;
  }

  /**
   * Collects as an IAM principal.
   *
   * @param id the caller's account and partition (either may be null)
   * @param sum the account summary
   * @param start when the collection started
   * @return the state
   */
  CompletableFuture<RootAccountState> collect(
      CollectorEngine.Identity id, CollectorEngine.Summary sum, Instant start) {
    return poller
        .report(id.accountId())
        .thenCompose(
            fetched -> {
              CollectorEngine.Report rep = fetched;
              String account = id.accountId();
              String partition = id.partition();
              if (rep.root() != null) {
                try {
                  RootReportFacts.Account a =
                      RootReportFacts.account(rep.root(), reportOptions(account, sum, rep));
                  account = a.id();
                  partition = a.partition();
                } catch (InvalidInputException e) {
                  rep =
                      new CollectorEngine.Report(
                          null,
                          rep.generatedAt(),
                          new AwsCollectionException(
                              account, "iam:GetCredentialReport", e.getMessage(), e));
                }
              }
              if (account == null) {
                AwsCollectionException f = rep.failure();
                throw new CompletionException(
                    new AwsCollectionException(
                        null,
                        f.action(),
                        "the account id comes from the credential report when no StsClient is"
                            + " given, and the report failed: "
                            + f.getMessage(),
                        f));
              }
              String acct = account;
              String part = partition;
              CollectorEngine.Report report = rep;
              CompletableFuture<Fact<List<String>>> vmfa = optional.virtualMfa(acct, part);
              CompletableFuture<Fact<Optional<IamPasswordPolicy>>> pol = optional.passwordPolicy();
              CompletableFuture<CollectorEngine.OrgFacts> org = optional.organization();
              CompletableFuture<Fact<String>> name = optional.name();
              return CompletableFuture.allOf(vmfa, pol, org, name)
                  .thenApply(
                      v ->
                          assemble(
                              acct,
                              part,
                              start,
                              sum,
                              report,
                              vmfa.join(),
                              pol.join(),
                              org.join(),
                              name.join()));
            });
  }

  /** The options core's mapping reads: the summary values and the report's origin and time. */
  private static CredentialReportOptions reportOptions(
      String account, CollectorEngine.Summary sum, CollectorEngine.Report rep) {
    CredentialReportOptions.Builder o =
        CredentialReportOptions.builder()
            .origin("iam:GetCredentialReport")
            .generatedAt(rep.generatedAt())
            .summaryOrigin("iam:GetAccountSummary")
            .accountSummary(sum.map());
    if (account != null) {
      o.accountId(account);
    }
    return o.build();
  }

  private RootAccountState assemble(
      String account,
      String partition,
      Instant start,
      CollectorEngine.Summary sum,
      CollectorEngine.Report rep,
      Fact<List<String>> vmfa,
      Fact<Optional<IamPasswordPolicy>> pol,
      CollectorEngine.OrgFacts org,
      Fact<String> name) {
    RootAccountState.Builder b =
        RootAccountState.builder(account)
            .partition(partition == null ? "aws" : partition)
            .collectedAt(start);
    String reportGap =
        rep.failure() == null
            ? null
            : rep.failure().isAccessDenied()
                ? "missing permission " + rep.failure().action()
                : rep.failure().getMessage();
    // one mapping for report and summary facts: the same as the offline path's
    RootReportFacts.apply(b, rep.root(), reportOptions(account, sum, rep), reportGap);
    b.virtualMfaSerials(vmfa);
    b.mfaDevices(
        Fact.unknown(
            "only root credentials or an sts:AssumeRoot session can list the root's FIDO and"
                + " hardware MFA devices",
            Source.of("iam:ListMFADevices", start)));
    b.passwordPolicy(pol);
    b.centralRootCredentialsManagement(org.central());
    b.organizationRole(org.role());
    if (name != null) {
      b.accountName(name);
    }
    return b.build();
  }
}
