package dev.rootguard.aws;

import dev.rootguard.Experimental;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Every action {@link RootCredentialRemediator} planned or took in one account, in order. In a dry
 * run each entry is {@link Outcome#PLANNED} and nothing was changed.
 *
 * <pre>{@code
 * RemediationLog log = remediator.remediate("444455556666");
 * log.entries().forEach(e -> System.out.println(e.action() + " " + e.target() + ": " + e.outcome()));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
@Experimental
public final class RemediationLog {
  private static final RemediationLog NONE = new RemediationLog("", true, List.of());

  private final String accountId;
  private final boolean dryRun;
  private final List<Entry> entries;

  /**
   * Creates a log.
   *
   * @param accountId the account
   * @param dryRun whether nothing was changed
   * @param entries the actions, in order; copied
   */
  public RemediationLog(String accountId, boolean dryRun, List<Entry> entries) {
    this.accountId = Objects.requireNonNull(accountId, "accountId");
    this.dryRun = dryRun;
    this.entries = List.copyOf(entries);
  }

  /**
   * Returns the empty log of an account where remediation did not run.
   *
   * @return the empty log
   */
  public static RemediationLog none() {
    return NONE;
  }

  /**
   * Returns the account, or {@code ""} for {@link #none()}.
   *
   * @return the account id
   */
  public String accountId() {
    return accountId;
  }

  /**
   * Returns whether this was a dry run (nothing changed).
   *
   * @return true for a dry run
   */
  public boolean dryRun() {
    return dryRun;
  }

  /**
   * Returns the actions in the order they were planned or taken.
   *
   * @return the entries
   */
  public List<Entry> entries() {
    return entries;
  }

  /**
   * Returns whether any action failed.
   *
   * @return true if an entry is {@link Outcome#FAILED}
   */
  public boolean hasFailures() {
    return entries.stream().anyMatch(e -> e.outcome() == Outcome.FAILED);
  }

  @Override
  public String toString() {
    return "RemediationLog[" + accountId + (dryRun ? ", dry run" : "") + ", " + entries + "]";
  }

  /**
   * What happened to one action. New constants may be added in minor releases; handle {@code
   * default}.
   *
   * @since 0.1.0
   */
  public enum Outcome {
    /** Dry run: the action would be taken. */
    PLANNED,
    /** The action succeeded. */
    DONE,
    /** The action failed; see the detail. */
    FAILED
  }

  /**
   * One action.
   *
   * @param at when it was planned or taken
   * @param action the IAM or STS action, e.g. {@code iam:DeleteAccessKey}
   * @param target what it applies to (an access key id, a certificate id, {@code root})
   * @param outcome what happened
   * @param detail plain-English detail; never a credential
   * @since 0.1.0
   */
  public record Entry(Instant at, String action, String target, Outcome outcome, String detail) {
    /** Checks the arguments. */
    public Entry {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
