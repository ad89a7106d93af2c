package dev.rootguard.aws;

import dev.rootguard.Experimental;
import dev.rootguard.aws.RemediationLog.Entry;
import dev.rootguard.aws.RemediationLog.Outcome;
import dev.rootguard.aws.internal.AwsErrors;
import dev.rootguard.aws.internal.Checks;
import dev.rootguard.aws.internal.StsSessions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.SigningCertificate;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Deletes a member account's root credentials (access keys, signing certificates, console password)
 * through centralized root access: {@code sts:AssumeRoot} with the task policy {@code
 * IAMDeleteRootUserCredentials}, then {@code iam:DeleteAccessKey}, {@code
 * iam:DeleteSigningCertificate} and {@code iam:DeleteLoginProfile} in that session.
 *
 * <p><b>Dry run by default</b>: it lists what it would delete and changes nothing until {@link
 * Builder#execute()} is called. Every planned or taken action is recorded in the returned {@link
 * RemediationLog}. The caller must be the management account or IAM's delegated administrator, with
 * {@code sts:AssumeRoot} granted and centralized root access enabled; the {@link StsClient} must
 * use a regional endpoint.
 *
 * <pre>{@code
 * RootCredentialRemediator dryRun = RootCredentialRemediator.builder(sts, iamFactory).build();
 * RemediationLog plan = dryRun.remediate("444455556666");   // lists, deletes nothing
 * }</pre>
 *
 * <p>Thread-safe; share one instance.
 *
 * @since 0.1.0
 */
@Experimental
public final class RootCredentialRemediator {
  /** The AWS-managed task policy that allows deleting root credentials. */
  public static final String DELETE_TASK_POLICY = "IAMDeleteRootUserCredentials";

  private final StsClient sts;
  private final Function<AccountSession, IamClient> iamFactory;
  private final boolean dryRun;
  private final boolean accessKeys;
  private final boolean certificates;
  private final boolean loginProfile;
  private final String partition;
  private final Clock clock;

  private RootCredentialRemediator(Builder b) {
    this.sts = b.sts;
    this.iamFactory = b.iamFactory;
    this.dryRun = b.dryRun;
    this.accessKeys = b.accessKeys;
    this.certificates = b.certificates;
    this.loginProfile = b.loginProfile;
    this.partition = b.partition;
    this.clock = b.clock;
  }

  /**
   * Starts a builder.
   *
   * @param sts a regional STS client of the management or delegated-admin account
   * @param iamFactory builds an IAM client from session credentials; the remediator closes it
   * @return a builder; not thread-safe
   */
  public static Builder builder(StsClient sts, Function<AccountSession, IamClient> iamFactory) {
    return new Builder(sts, iamFactory);
  }

  /**
   * Returns whether this remediator only plans.
   *
   * @return true for a dry run
   */
  public boolean dryRun() {
    return dryRun;
  }

  /**
   * Plans or deletes the root credentials of one member account. Never throws for AWS failures:
   * they are {@link Outcome#FAILED} entries.
   *
   * @param accountId the member account
   * @return the log of every action
   */
  public RemediationLog remediate(String accountId) {
    Checks.accountId("accountId", accountId);
    List<Entry> log = new ArrayList<>();
    Credentials c;
    try {
      c = StsSessions.assumeRoot(sts, partition, accountId, DELETE_TASK_POLICY);
    } catch (RuntimeException e) {
      log.add(entry("sts:AssumeRoot", accountId, Outcome.FAILED, AwsErrors.describe(e)));
      return new RemediationLog(accountId, dryRun, log);
    }
    AccountSession session = StsSessions.session(accountId, c, true);
    try (IamClient iam = iamFactory.apply(session)) {
      if (accessKeys) {
        keys(iam, log);
      }
      if (certificates) {
        certificates(iam, log);
      }
      if (loginProfile) {
        loginProfile(iam, log);
      }
    }
    return new RemediationLog(accountId, dryRun, log);
  }

  private void keys(IamClient iam, List<Entry> log) {
    List<AccessKeyMetadata> keys;
    try {
      keys = iam.listAccessKeysPaginator(r -> {}).accessKeyMetadata().stream().toList();
    } catch (RuntimeException e) {
      log.add(entry("iam:ListAccessKeys", "root", Outcome.FAILED, AwsErrors.describe(e)));
      return;
    }
    for (AccessKeyMetadata k : keys) {
      apply(
          log,
          "iam:DeleteAccessKey",
          k.accessKeyId(),
          "root access key (" + k.statusAsString() + ")",
          () -> iam.deleteAccessKey(r -> r.accessKeyId(k.accessKeyId())));
    }
  }

  private void certificates(IamClient iam, List<Entry> log) {
    List<SigningCertificate> certs;
    try {
      certs = iam.listSigningCertificatesPaginator(r -> {}).certificates().stream().toList();
    } catch (RuntimeException e) {
      log.add(entry("iam:ListSigningCertificates", "root", Outcome.FAILED, AwsErrors.describe(e)));
      return;
    }
    for (SigningCertificate cert : certs) {
      apply(
          log,
          "iam:DeleteSigningCertificate",
          cert.certificateId(),
          "root signing certificate",
          () -> iam.deleteSigningCertificate(r -> r.certificateId(cert.certificateId())));
    }
  }

  private void loginProfile(IamClient iam, List<Entry> log) {
    try {
      iam.getLoginProfile(r -> {});
    } catch (RuntimeException e) {
      if (!AwsErrors.code(e).equals("NoSuchEntity")) {
        log.add(entry("iam:GetLoginProfile", "root", Outcome.FAILED, AwsErrors.describe(e)));
      }
      return;
    }
    apply(
        log,
        "iam:DeleteLoginProfile",
        "root",
        "root console password",
        () -> iam.deleteLoginProfile(r -> {}));
  }

  private void apply(List<Entry> log, String action, String target, String what, Runnable call) {
    if (dryRun) {
      log.add(entry(action, target, Outcome.PLANNED, "dry run: would delete the " + what));
      return;
    }
    try {
      call.run();
      log.add(entry(action, target, Outcome.DONE, "deleted the " + what));
    } catch (RuntimeException e) {
      log.add(entry(action, target, Outcome.FAILED, AwsErrors.describe(e)));
    }
  }

  private Entry entry(String action, String target, Outcome outcome, String detail) {
    return new Entry(clock.instant(), action, target, outcome, detail);
  }

  /**
   * Builds a {@link RootCredentialRemediator}. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final StsClient sts;
    private final Function<AccountSession, IamClient> iamFactory;
    private boolean dryRun = true;
    private boolean accessKeys = true;
    private boolean certificates = true;
    private boolean loginProfile = true;
    private String partition = "aws";
    private Clock clock = Clock.systemUTC();

    private Builder(StsClient sts, Function<AccountSession, IamClient> iamFactory) {
      this.sts = Objects.requireNonNull(sts, "sts");
      this.iamFactory = Objects.requireNonNull(iamFactory, "iamFactory");
    }

    /**
     * Really deletes (turns the default dry run off). Deleting the login profile leaves the root
     * without a console password until the owner of the root e-mail recovers it.
     *
     * @return this builder
     */
    public Builder execute() {
      this.dryRun = false;
      return this;
    }

    /**
     * Chooses what to delete. Default: all three.
     *
     * @param accessKeys delete root access keys
     * @param signingCertificates delete root signing certificates
     * @param loginProfile delete the root console password
     * @return this builder
     */
    public Builder delete(boolean accessKeys, boolean signingCertificates, boolean loginProfile) {
      this.accessKeys = accessKeys;
      this.certificates = signingCertificates;
      this.loginProfile = loginProfile;
      return this;
    }

    /**
     * Sets the partition of the task policy ARN. Default: {@code aws}.
     *
     * @param partition e.g. {@code aws-us-gov}
     * @return this builder
     */
    public Builder partition(String partition) {
      this.partition = Checks.partition("partition", partition);
      return this;
    }

    /**
     * Sets the clock that stamps log entries. Default: {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the remediator.
     *
     * @return the remediator
     */
    public RootCredentialRemediator build() {
      return new RootCredentialRemediator(this);
    }
  }
}
