package dev.rootguard.aws.internal;

import dev.rootguard.aws.AccountSession;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The STS steps that {@code OrganizationAuditor} and {@code RootCredentialRemediator} share: {@code
 * sts:AssumeRoot} with an AWS-managed root task policy, and wrapping the returned temporary
 * credentials in an {@link AccountSession}. Stateless and thread-safe.
 */
public final class StsSessions {
  /** Seconds an {@code sts:AssumeRoot} session lasts: 900, the most STS allows. */
  private static final int SESSION_SECONDS = 900;

  private StsSessions() {}

  /**
   * Calls {@code sts:AssumeRoot} for a member account with a root task policy.
   *
   * @param sts a regional STS client of the management or delegated-admin account
   * @param partition the partition used in the task policy ARN, e.g. {@code aws}
   * @param accountId the member account
   * @param taskPolicy the task policy name, e.g. {@code IAMAuditRootUserCredentials}
   * @return the temporary credentials
   * @throws RuntimeException whatever the STS client throws
   */
  public static Credentials assumeRoot(
      StsClient sts, String partition, String accountId, String taskPolicy) {
    return sts.assumeRoot(
            r ->
                r.targetPrincipal(accountId)
                    .taskPolicyArn(
                        p -> p.arn("arn:" + partition + ":iam::aws:policy/root-task/" + taskPolicy))
                    .durationSeconds(SESSION_SECONDS))
        .credentials();
  }

  /**
   * Wraps temporary credentials in a session.
   *
   * @param accountId the account the credentials reach
   * @param c the credentials from {@code sts:AssumeRole} or {@code sts:AssumeRoot}
   * @param root whether they come from {@code sts:AssumeRoot}
   * @return the session
   */
  public static AccountSession session(String accountId, Credentials c, boolean root) {
    return new AccountSession(
        accountId,
        StaticCredentialsProvider.create(
            AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())),
        root);
  }
}
