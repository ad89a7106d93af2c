package dev.rootguard.aws.internal;

import dev.rootguard.InvalidInputException;
import dev.rootguard.aws.AwsCollectionException;
import dev.rootguard.policy.internal.CredentialReportParser;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GetCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.ReportStateType;

/**
 * The credential report's life cycle on the wire: {@code GenerateCredentialReport}, then {@code
 * GetCredentialReport} until it is complete, retrying {@code ReportInProgress}, {@code
 * ReportExpired} and {@code ReportNotPresent} with doubling waits, and handing the CSV to core's
 * {@link CredentialReportParser}. A failure is kept in the result, so the collection can go on with
 * the report's facts unknown. Immutable and thread-safe.
 */
final class CredentialReportPoller {
  private final IamOps iam;
  private final CollectorEngine.Settings s;

  CredentialReportPoller(IamOps iam, CollectorEngine.Settings s) {
    this.iam = iam;
    this.s = s;
  }

  /**
   * Generates the credential report and fetches it, polling with doubling waits (capped at {@code
   * maxPoll}) until it is ready or {@code reportTimeout} has passed.
   *
   * @param account the account id for messages, or null
   * @return the report, or a failure inside it (never a failed future)
   */
  CompletableFuture<CollectorEngine.Report> report(String account) {
    Instant deadline = s.clock().instant().plus(s.reportTimeout());
    return generate(account, deadline, s.initialPoll());
  }

  private CollectorEngine.Report reportFailure(String account, String action, Throwable err) {
    return new CollectorEngine.Report(
        null,
        s.clock().instant(),
        err instanceof AwsCollectionException e
            ? e
            : new AwsCollectionException(account, action, AwsErrors.unwrap(err)));
  }

  private CompletableFuture<CollectorEngine.Report> generate(
      String account, Instant deadline, Duration wait) {
    return iam.generateCredentialReport(
            GenerateCredentialReportRequest.builder().overrideConfiguration(s.override()).build())
        .handle(
            (r, err) -> {
              if (err != null) {
                return CompletableFuture.completedFuture(
                    reportFailure(account, "iam:GenerateCredentialReport", err));
              }
              if (r.state() == ReportStateType.COMPLETE) {
                return fetch(account, deadline, wait);
              }
              return later(account, deadline, wait, "report state " + r.stateAsString());
            })
        .thenCompose(f -> f);
  }

  private CompletableFuture<CollectorEngine.Report> fetch(
      String account, Instant deadline, Duration wait) {
    return iam.getCredentialReport(
            GetCredentialReportRequest.builder().overrideConfiguration(s.override()).build())
        .handle(
            (r, err) -> {
              if (err != null) {
                String code = AwsErrors.code(err);
                if (code.equals("ReportInProgress")
                    || code.equals("ReportExpired")
                    || code.equals("ReportNotPresent")) {
                  return later(account, deadline, wait, code);
                }
                return CompletableFuture.completedFuture(
                    reportFailure(account, "iam:GetCredentialReport", err));
              }
              Instant generated =
                  r.generatedTime() != null ? r.generatedTime() : s.clock().instant();
              try {
                CredentialReportParser.Parsed root =
                    CredentialReportParser.parse(r.content().asByteArray());
                return CompletableFuture.completedFuture(
                    new CollectorEngine.Report(root, generated, null));
              } catch (InvalidInputException e) {
                return CompletableFuture.completedFuture(
                    new CollectorEngine.Report(
                        null,
                        generated,
                        new AwsCollectionException(
                            account, "iam:GetCredentialReport", e.getMessage(), e)));
              }
            })
        .thenCompose(f -> f);
  }

  private CompletableFuture<CollectorEngine.Report> later(
      String account, Instant deadline, Duration wait, String why) {
    if (s.clock().instant().plus(wait).isAfter(deadline)) {
      return CompletableFuture.completedFuture(
          new CollectorEngine.Report(
              null,
              s.clock().instant(),
              new AwsCollectionException(
                  account,
                  "iam:GetCredentialReport",
                  "the credential report was not ready within "
                      + s.reportTimeout()
                      + " ("
                      + why
                      + ")",
                  null)));
    }
    Duration next = wait.multipliedBy(2);
    Duration capped = next.compareTo(s.maxPoll()) > 0 ? s.maxPoll() : next;
    return iam.delay(wait).thenCompose(v -> generate(account, deadline, capped));
  }
}
