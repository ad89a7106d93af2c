package dev.rootguard.aws;

import dev.rootguard.Experimental;
import dev.rootguard.InvalidInputException;
import dev.rootguard.aws.internal.AwsErrors;
import dev.rootguard.aws.internal.Checks;
import dev.rootguard.aws.internal.StsSessions;
import dev.rootguard.policy.Assessment;
import dev.rootguard.policy.Fact;
import dev.rootguard.policy.RootAccountState;
import dev.rootguard.policy.RootAccountState.OrganizationRole;
import dev.rootguard.policy.RootSecurityPolicy;
import dev.rootguard.policy.Source;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.FeatureType;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountState;
import software.amazon.awssdk.services.organizations.model.AccountStatus;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Audits the root user of every account in an AWS organization: lists the accounts with {@code
 * organizations:ListAccounts} (suspended and closed accounts are skipped), reaches each one with
 * {@code sts:AssumeRole} (role {@code OrganizationAccountAccessRole} by default) or {@code
 * sts:AssumeRoot} with {@code IAMAuditRootUserCredentials} (see {@link AccessMode}), and collects
 * its {@link dev.rootguard.policy.RootAccountState} with {@link AwsRootCollector}.
 *
 * <p>Accounts run with bounded concurrency (default 8). A failure in one account (role missing,
 * access denied, a timeout) becomes an {@link AccountResult.Failed} for that account and never
 * stops the run. Results are <b>streamed</b> to the caller's sink as they finish, and accounts are
 * listed page by page while earlier ones run, so memory stays flat in the number of accounts.
 *
 * <pre>{@code
 * OrganizationAuditor auditor = OrganizationAuditor.builder(organizations, sts)
 *     .managementIam(iam)                      // the caller's own account
 *     .concurrency(8)
 *     .progress(p -> System.err.printf("\r%d/%d", p.completed(), p.listed()))
 *     .build();
 * AuditSummary summary = auditor.audit(result -> System.out.println(result));
 * }</pre>
 *
 * <p>Thread-safe; share one instance. The sink and the progress callback are called from worker
 * threads, one call at a time (never concurrently).
 *
 * @since 0.1.0
 */
public final class OrganizationAuditor {
  /** The role {@link AccessMode#ASSUME_ROLE} assumes unless told otherwise. */
  public static final String DEFAULT_ROLE = "OrganizationAccountAccessRole";

  /** The AWS-managed task policy for read-only root sessions. */
  public static final String AUDIT_TASK_POLICY = "IAMAuditRootUserCredentials";

  private static final Logger LOG = LoggerFactory.getLogger(OrganizationAuditor.class);
  private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@/-]{1,512}");

  private final OrganizationsClient organizations;
  private final StsClient sts;
  private final IamClient managementIam;
  private final String roleName;
  private final AccessMode mode;
  private final int concurrency;
  private final Function<AccountSession, IamClient> iamFactory;
  private final Consumer<AwsRootCollector.Builder> collectorSettings;
  private final Consumer<AuditProgress> progress;
  private final RootCredentialRemediator remediator;
  private final String partition;
  private final Clock clock;

  private OrganizationAuditor(Builder b) {
    this.organizations = b.organizations;
    this.sts = b.sts;
    this.managementIam = b.managementIam;
    this.roleName = b.roleName;
    this.mode = b.mode;
    this.concurrency = b.concurrency;
    this.iamFactory = b.iamFactory;
    this.collectorSettings = b.collectorSettings;
    this.progress = b.progress;
    this.remediator = b.remediator;
    this.partition = b.partition;
    this.clock = b.clock;
  }

  /**
   * Starts a builder.
   *
   * @param organizations client of the management account (or a delegated administrator)
   * @param sts client of the same account; regional when {@link AccessMode#ASSUME_ROOT} is used
   * @return a builder; not thread-safe
   */
  public static Builder builder(OrganizationsClient organizations, StsClient sts) {
    return new Builder(organizations, sts);
  }

  /**
   * Audits every active account against a policy, streaming one {@link Assessment} per collected
   * account to {@code assessed} and each account that could not be collected to {@code failed}.
   * Memory stays flat in the number of accounts: nothing is kept after the callbacks return.
   *
   * <pre>{@code
   * AuditSummary s = auditor.audit(RootSecurityPolicy.recommended(),
   *     a -> report.write(a.render(Assessment.Format.JSON, Locale.ENGLISH)),
   *     f -> log.warn("{}: {} failed: {}", f.accountId(), f.action(), f.reason()));
   * }</pre>
   *
   * @param policy the policy to evaluate each account against
   * @param assessed receives each assessment; called from worker threads, one call at a time
   * @param failed receives each account that could not be audited; one call at a time
   * @return the totals
   * @throws AwsCollectionException if the organization itself cannot be read
   */
  public AuditSummary audit(
      RootSecurityPolicy policy,
      Consumer<Assessment> assessed,
      Consumer<AccountResult.Failed> failed) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(assessed, "assessed");
    Objects.requireNonNull(failed, "failed");
    return audit(
        r -> {
          if (r instanceof AccountResult.Collected c) {
            assessed.accept(policy.evaluate(c.state()));
          } else {
            failed.accept((AccountResult.Failed) r);
          }
        });
  }

  /**
   * Audits every active account, streaming one {@link AccountResult} per account to {@code sink} as
   * soon as it is ready. Blocks until all accounts are done.
   *
   * @param sink receives each result; called from worker threads, one call at a time
   * @return the totals
   * @throws AwsCollectionException if the organization itself cannot be read ({@code
   *     sts:GetCallerIdentity}, {@code organizations:DescribeOrganization} or {@code
   *     organizations:ListAccounts} fails); results already delivered stay delivered
   */
  public AuditSummary audit(Consumer<AccountResult> sink) {
    Objects.requireNonNull(sink, "sink");
    Instant start = clock.instant();
    long startNanos = System.nanoTime();
    String caller;
    try {
      caller = sts.getCallerIdentity().account();
    } catch (RuntimeException e) {
      throw new AwsCollectionException(null, "sts:GetCallerIdentity", AwsErrors.unwrap(e));
    }
    String managementId;
    try {
      managementId = organizations.describeOrganization().organization().masterAccountId();
    } catch (RuntimeException e) {
      throw new AwsCollectionException(caller, "organizations:DescribeOrganization", e);
    }
    Fact<Boolean> central = centralRootAccess(caller);
    boolean useRoot =
        mode == AccessMode.ASSUME_ROOT
            || (mode == AccessMode.AUTO && central.value().orElse(false));
    LOG.debug(
        "auditing organization of {} with {}", managementId, useRoot ? "AssumeRoot" : "AssumeRole");

    SdkHttpClient sharedHttp = iamFactory == null ? ApacheHttpClient.builder().build() : null;
    Function<AccountSession, IamClient> factory =
        iamFactory != null
            ? iamFactory
            : s ->
                IamClient.builder()
                    .region(Region.AWS_GLOBAL)
                    .credentialsProvider(s.credentials())
                    .httpClient(sharedHttp)
                    .build();

    ExecutorService pool =
        Executors.newFixedThreadPool(
            concurrency,
            r -> {
              Thread t = new Thread(r, "rootguard-org-audit");
              t.setDaemon(true);
              return t;
            });
    Semaphore slots = new Semaphore(concurrency);
    AtomicInteger listed = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    int skipped = 0;
    Object lock = new Object();
    boolean[] listingComplete = {false};
    RuntimeException[] sinkFailure = {null};
    AwsCollectionException listingFailure = null;
    try {
      try {
        for (Account a :
            (Iterable<Account>)
                organizations.listAccountsPaginator(r -> {}).stream()
                        .flatMap(page -> page.accounts().stream())
                    ::iterator) {
          if (a.status() == AccountStatus.SUSPENDED
              || a.state() == AccountState.SUSPENDED
              || a.state() == AccountState.CLOSED
              || a.state() == AccountState.PENDING_CLOSURE) {
            skipped++;
            continue;
          }
          listed.incrementAndGet();
          slots.acquireUninterruptibly();
          pool.execute(
              () -> {
                try {
                  AccountResult r = auditOne(a, caller, managementId, central, useRoot, factory);
                  synchronized (lock) {
                    done.incrementAndGet();
                    if (!r.succeeded()) {
                      failed.incrementAndGet();
                    }
                    if (sinkFailure[0] == null) {
                      try {
                        sink.accept(r);
                        progress.accept(
                            new AuditProgress(
                                listed.get(), done.get(), failed.get(), listingComplete[0]));
                      } catch (RuntimeException e) {
                        sinkFailure[0] = e;
                      }
                    }
                  }
                } finally {
                  slots.release();
                }
              });
        }
      } catch (RuntimeException e) {
        listingFailure = new AwsCollectionException(caller, "organizations:ListAccounts", e);
      }
      synchronized (lock) {
        listingComplete[0] = true;
      }
      slots.acquireUninterruptibly(concurrency);
      slots.release(concurrency);
    } finally {
      pool.shutdownNow();
      if (sharedHttp != null) {
        sharedHttp.close();
      }
    }
    if (sinkFailure[0] != null) {
      throw sinkFailure[0];
    }
    if (listingFailure != null) {
      throw listingFailure;
    }
    progress.accept(new AuditProgress(listed.get(), done.get(), failed.get(), true));
    return new AuditSummary(
        done.get() - failed.get(),
        failed.get(),
        skipped,
        Duration.ofNanos(System.nanoTime() - startNanos));
  }

  private Fact<Boolean> centralRootAccess(String caller) {
    Source src = Source.of("iam:ListOrganizationsFeatures", clock.instant());
    if (managementIam == null) {
      return Fact.unknown("no management IAM client was given to the auditor", src);
    }
    try {
      return Fact.known(
          managementIam
              .listOrganizationsFeatures(r -> {})
              .enabledFeatures()
              .contains(FeatureType.ROOT_CREDENTIALS_MANAGEMENT),
          src);
    } catch (RuntimeException e) {
      switch (AwsErrors.code(e)) {
        case "OrganizationNotFoundException",
        "ServiceAccessNotEnabledException",
        "OrganizationNotInAllFeaturesModeException":
          return Fact.known(false, src);
        default:
          return Fact.unknown(
              AwsErrors.isAccessDenied(e)
                  ? "missing permission iam:ListOrganizationsFeatures"
                  : "iam:ListOrganizationsFeatures failed: " + AwsErrors.describe(e),
              src);
      }
    }
  }

  private AccountResult auditOne(
      Account a,
      String caller,
      String managementId,
      Fact<Boolean> central,
      boolean useRoot,
      Function<AccountSession, IamClient> factory) {
    String id = a.id();
    String name = a.name() == null ? "" : a.name();
    try {
      RootAccountState state;
      boolean own = id.equals(caller);
      if (own && managementIam != null) {
        state = collector(managementIam, id, false).collect();
      } else if (own && useRoot) {
        return new AccountResult.Failed(
            id,
            name,
            "sts:AssumeRoot",
            "the caller's own account cannot be the target of sts:AssumeRoot; pass managementIam");
      } else {
        AccountSession session;
        String action = useRoot ? "sts:AssumeRoot" : "sts:AssumeRole";
        try {
          session = useRoot ? assumeRoot(id) : assumeRole(id);
        } catch (RuntimeException e) {
          return new AccountResult.Failed(id, name, action, AwsErrors.describe(e));
        }
        try (IamClient iam = factory.apply(session)) {
          state = collector(iam, id, useRoot).collect();
        }
      }
      Source org = Source.of("organizations:ListAccounts", clock.instant());
      RootAccountState.Builder b = state.toBuilder();
      if (!name.isEmpty()) {
        b.accountName(Fact.known(name, org));
      }
      if (a.email() != null) {
        b.rootEmail(Fact.known(a.email(), org));
      }
      b.organizationRole(
          Fact.known(
              id.equals(managementId) ? OrganizationRole.MANAGEMENT : OrganizationRole.MEMBER,
              Source.of("organizations:DescribeOrganization", org.collectedAt())));
      if (central.isKnown()) {
        b.centralRootCredentialsManagement(central);
      }
      RootAccountState enriched = b.build();
      RemediationLog log = RemediationLog.none();
      if (remediator != null && !id.equals(managementId) && hasRootCredentials(enriched)) {
        log = remediator.remediate(id);
      }
      return new AccountResult.Collected(id, name, enriched, log);
    } catch (AwsCollectionException e) {
      return new AccountResult.Failed(id, name, e.action(), e.getMessage());
    } catch (RuntimeException e) {
      return new AccountResult.Failed(id, name, "collect", AwsErrors.describe(e));
    }
  }

  private static boolean hasRootCredentials(RootAccountState s) {
    return s.accessKeysPresent().value().orElse(false)
        || s.signingCertificatesPresent().value().orElse(false)
        || s.passwordEnabled().value().orElse(false);
  }

  private AwsRootCollector collector(IamClient iam, String accountId, boolean rootSession) {
    AwsRootCollector.Builder b = AwsRootCollector.builder(iam).clock(clock);
    collectorSettings.accept(b);
    b.accountId(accountId);
    if (rootSession) {
      b.auditRootSession();
    }
    return b.build();
  }

  private AccountSession assumeRole(String accountId) {
    Credentials c =
        sts.assumeRole(
                r ->
                    r.roleArn("arn:" + partition + ":iam::" + accountId + ":role/" + roleName)
                        .roleSessionName("rootguard-audit")
                        .durationSeconds(900))
            .credentials();
    return StsSessions.session(accountId, c, false);
  }

  private AccountSession assumeRoot(String accountId) {
    Credentials c = StsSessions.assumeRoot(sts, partition, accountId, AUDIT_TASK_POLICY);
    return StsSessions.session(accountId, c, true);
  }

  /**
   * Builds an {@link OrganizationAuditor}. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final OrganizationsClient organizations;
    private final StsClient sts;
    private IamClient managementIam;
    private String roleName = DEFAULT_ROLE;
    private AccessMode mode = AccessMode.AUTO;
    private int concurrency = 8;
    private Function<AccountSession, IamClient> iamFactory;
    private Consumer<AwsRootCollector.Builder> collectorSettings = b -> {};
    private Consumer<AuditProgress> progress = p -> {};
    private RootCredentialRemediator remediator;
    private String partition = "aws";
    private Clock clock = Clock.systemUTC();

    private Builder(OrganizationsClient organizations, StsClient sts) {
      this.organizations = Objects.requireNonNull(organizations, "organizations");
      this.sts = Objects.requireNonNull(sts, "sts");
    }

    /**
     * Sets the IAM client of the caller's own account: used to audit that account (no role is
     * assumed into it) and to read {@code iam:ListOrganizationsFeatures} for {@link
     * AccessMode#AUTO}. Default: none (the caller's account is then reached like the others).
     *
     * @param iam the client; the caller keeps ownership
     * @return this builder
     */
    public Builder managementIam(IamClient iam) {
      this.managementIam = Objects.requireNonNull(iam, "managementIam");
      return this;
    }

    /**
     * Sets the role assumed in each account. Default: {@value #DEFAULT_ROLE}.
     *
     * @param roleName the role name (may include a path)
     * @return this builder
     */
    public Builder roleName(String roleName) {
      Objects.requireNonNull(roleName, "roleName");
      if (!ROLE_NAME.matcher(roleName).matches()) {
        throw new InvalidInputException("roleName", "is not a valid IAM role name");
      }
      this.roleName = roleName;
      return this;
    }

    /**
     * Sets how member accounts are reached. Default: {@link AccessMode#AUTO}.
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder accessMode(AccessMode mode) {
      this.mode = Objects.requireNonNull(mode, "accessMode");
      return this;
    }

    /**
     * Sets how many accounts are audited at once. Default: 8. Range: 1 to 64 (IAM's request rate is
     * shared by the whole organization's management account).
     *
     * @param n the concurrency
     * @return this builder
     */
    public Builder concurrency(int n) {
      if (n < 1 || n > 64) {
        throw new InvalidInputException("concurrency", "must be 1..64, was " + n);
      }
      this.concurrency = n;
      return this;
    }

    /**
     * Replaces how an IAM client is built from an account's session credentials (for tests, a
     * proxy, or another region). The auditor closes every client it gets. Default: an {@link
     * IamClient} in {@code aws-global} sharing one Apache HTTP client for the run.
     *
     * @param factory the factory
     * @return this builder
     */
    public Builder iamClientFactory(Function<AccountSession, IamClient> factory) {
      this.iamFactory = Objects.requireNonNull(factory, "iamClientFactory");
      return this;
    }

    /**
     * Tunes the per-account collector (timeouts, credential-report polling). The account id and
     * session kind are set by the auditor.
     *
     * @param settings applied to each collector's builder
     * @return this builder
     */
    public Builder collectorSettings(Consumer<AwsRootCollector.Builder> settings) {
      this.collectorSettings = Objects.requireNonNull(settings, "collectorSettings");
      return this;
    }

    /**
     * Sets the progress callback, called after each account (never concurrently). Default: none.
     *
     * @param progress the callback
     * @return this builder
     */
    public Builder progress(Consumer<AuditProgress> progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /**
     * Turns on remediation: after collecting a member account whose root still has access keys,
     * signing certificates or a password, {@code remediator} runs (a dry run unless it was built
     * with {@link RootCredentialRemediator.Builder#execute()}), and its log is attached to the
     * result. Default: off. The management account is never remediated.
     *
     * @param remediator the remediator
     * @return this builder
     */
    @Experimental
    public Builder remediate(RootCredentialRemediator remediator) {
      this.remediator = Objects.requireNonNull(remediator, "remediator");
      return this;
    }

    /**
     * Sets the partition used in role and task-policy ARNs. Default: {@code aws}.
     *
     * @param partition e.g. {@code aws-us-gov}
     * @return this builder
     */
    public Builder partition(String partition) {
      this.partition = Checks.partition("partition", partition);
      return this;
    }

    /**
     * Sets the clock. Default: {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the auditor.
     *
     * @return the auditor
     */
    public OrganizationAuditor build() {
      return new OrganizationAuditor(this);
    }
  }
}
