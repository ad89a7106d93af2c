package dev.rootguard.aws;

import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Temporary credentials for one member account, as {@link OrganizationAuditor} obtains them with
 * {@code sts:AssumeRole} or {@code sts:AssumeRoot}, handed to the IAM client factory.
 *
 * <pre>{@code
 * Function<AccountSession, IamClient> factory = session -> IamClient.builder()
 *     .region(Region.AWS_GLOBAL)
 *     .credentialsProvider(session.credentials())
 *     .build();
 * }</pre>
 *
 * <p>{@link #toString()} never shows the credentials. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class AccountSession {
  private final String accountId;
  private final AwsCredentialsProvider credentials;
  private final boolean rootSession;

  /**
   * Creates a session.
   *
   * @param accountId the 12-digit account id
   * @param credentials the session's credentials
   * @param rootSession whether the credentials come from {@code sts:AssumeRoot}
   */
  public AccountSession(String accountId, AwsCredentialsProvider credentials, boolean rootSession) {
    this.accountId = Objects.requireNonNull(accountId, "accountId");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.rootSession = rootSession;
  }

  /**
   * Returns the account the credentials are for.
   *
   * @return the 12-digit account id
   */
  public String accountId() {
    return accountId;
  }

  /**
   * Returns the session's credentials.
   *
   * @return the provider
   */
  public AwsCredentialsProvider credentials() {
    return credentials;
  }

  /**
   * Returns whether the credentials come from {@code sts:AssumeRoot} (a root task session).
   *
   * @return true for a root session
   */
  public boolean rootSession() {
    return rootSession;
  }

  @Override
  public String toString() {
    return "AccountSession["
        + accountId
        + (rootSession ? ", root task" : ", role")
        + ", credentials redacted]";
  }
}
