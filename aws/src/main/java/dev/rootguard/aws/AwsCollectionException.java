package dev.rootguard.aws;

import dev.rootguard.RootGuardException;
import dev.rootguard.aws.internal.AwsErrors;
import java.util.Objects;
import java.util.Optional;

/**
 * An AWS call the collector cannot do without failed: a required permission is missing, the
 * credential report never became ready, or the service failed after the SDK's retries. The message
 * names the account and the IAM action (for example {@code iam:GetAccountSummary}), so an operator
 * knows which permission to grant; the SDK's exception is kept as the cause.
 *
 * <pre>{@code
 * try {
 *   RootAccountState state = AwsRootCollector.create(iam).collect();
 * } catch (AwsCollectionException e) {
 *   if (e.isAccessDenied()) {
 *     System.err.println("grant " + e.action() + " to the auditing role");
 *   }
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public class AwsCollectionException extends RootGuardException {
  private static final long serialVersionUID = 1L;

  private final String accountId;
  private final String action;
  private final boolean accessDenied;

  /**
   * Creates an exception for a failed call.
   *
   * @param accountId the 12-digit account id, or {@code null} when it was not known yet
   * @param action the IAM action that failed, e.g. {@code iam:GetAccountSummary}
   * @param cause the SDK's exception
   */
  public AwsCollectionException(String accountId, String action, Throwable cause) {
    this(accountId, action, describe(cause), cause);
  }

  /**
   * Creates an exception with an explicit reason.
   *
   * @param accountId the 12-digit account id, or {@code null} when it was not known yet
   * @param action the IAM action that failed
   * @param reason why, in plain English; never a secret
   * @param cause the underlying failure, or {@code null}
   */
  public AwsCollectionException(String accountId, String action, String reason, Throwable cause) {
    super(
        Objects.requireNonNull(action, "action")
            + " failed for account "
            + (accountId == null ? "(unknown)" : accountId)
            + ": "
            + Objects.requireNonNull(reason, "reason"),
        cause);
    this.accountId = accountId;
    this.action = action;
    this.accessDenied =
        AwsErrors.isAccessDenied(cause)
            || (cause instanceof AwsCollectionException e && e.isAccessDenied());
  }

  /**
   * Returns the account the call was made for, when it was known.
   *
   * @return the 12-digit account id
   */
  public Optional<String> accountId() {
    return Optional.ofNullable(accountId);
  }

  /**
   * Returns the IAM action that failed, e.g. {@code iam:GetAccountSummary}.
   *
   * @return the action
   */
  public String action() {
    return action;
  }

  /**
   * Returns whether AWS refused the call for lack of permission ({@code AccessDenied}): grant
   * {@link #action()} to the caller.
   *
   * @return true when access was denied
   */
  public boolean isAccessDenied() {
    return accessDenied;
  }

  private static String describe(Throwable cause) {
    return AwsErrors.describe(cause);
  }
}
