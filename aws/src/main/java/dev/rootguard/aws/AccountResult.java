package dev.rootguard.aws;

import dev.rootguard.policy.RootAccountState;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link OrganizationAuditor} found for one account: its collected state, or why it could not
 * be collected (the failure is isolated; the audit goes on).
 *
 * <pre>{@code
 * auditor.audit(result -> {
 *   if (result instanceof AccountResult.Collected c) {
 *     report(c.state());
 *   } else if (result instanceof AccountResult.Failed f) {
 *     System.err.println(f.accountId() + ": " + f.action() + ": " + f.reason());
 *   }
 * });
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface AccountResult permits AccountResult.Collected, AccountResult.Failed {

  /**
   * Returns the account.
   *
   * @return the 12-digit account id
   */
  String accountId();

  /**
   * Returns the account's name in AWS Organizations.
   *
   * @return the name, possibly empty
   */
  String accountName();

  /**
   * Returns the state when it was collected.
   *
   * @return the state, or empty for {@link Failed}
   */
  default Optional<RootAccountState> collectedState() {
    return this instanceof Collected c ? Optional.of(c.state()) : Optional.empty();
  }

  /**
   * Returns whether the account's facts were collected.
   *
   * @return true for {@link Collected}
   */
  default boolean succeeded() {
    return this instanceof Collected;
  }

  /**
   * The account's facts were collected.
   *
   * @param accountId the account
   * @param accountName its name in Organizations
   * @param state the facts
   * @param remediation what remediation did ({@link RemediationLog#none()} when it was off)
   * @since 0.1.0
   */
  record Collected(
      String accountId, String accountName, RootAccountState state, RemediationLog remediation)
      implements AccountResult {
    /** Checks the arguments. */
    public Collected {
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(accountName, "accountName");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(remediation, "remediation");
    }
  }

  /**
   * The account could not be audited.
   *
   * @param accountId the account
   * @param accountName its name in Organizations
   * @param action the action that failed, e.g. {@code sts:AssumeRole}
   * @param reason why, in plain English; never a credential
   * @since 0.1.0
   */
  record Failed(String accountId, String accountName, String action, String reason)
      implements AccountResult {
    /** Checks the arguments. */
    public Failed {
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(accountName, "accountName");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
