package dev.rootguard.aws.internal;

import dev.rootguard.InvalidInputException;
import dev.rootguard.aws.AwsCollectionException;
import dev.rootguard.password.IamPasswordPolicy;
import dev.rootguard.policy.AccessKey;
import dev.rootguard.policy.CredentialReportOptions;
import dev.rootguard.policy.Fact;
import dev.rootguard.policy.LastUse;
import dev.rootguard.policy.MfaDevice;
import dev.rootguard.policy.RootAccountState;
import dev.rootguard.policy.RootAccountState.OrganizationRole;
import dev.rootguard.policy.Source;
import dev.rootguard.policy.internal.CredentialReportParser;
import dev.rootguard.policy.internal.RootReportFacts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.FeatureType;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedRequest;
import software.amazon.awssdk.services.iam.model.GetAccountPasswordPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryRequest;
import software.amazon.awssdk.services.iam.model.GetCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GetLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.GetUserRequest;
import software.amazon.awssdk.services.iam.model.ListAccessKeysRequest;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.ListOrganizationsFeaturesRequest;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The collection logic shared by the blocking and the async collector. Immutable; each {@link
 * #collect()} is independent.
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
  private static final String ROOT_SESSION_NOTE =
      "not readable in an sts:AssumeRoot audit session (task policy IAMAuditRootUserCredentials)";

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
  private final Supplier<CompletableFuture<String>> accountName;
  private final Settings s;

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
    this.accountName = accountName;
    this.s = settings;
  }

  private record Identity(String accountId, String partition) {}

  private record Summary(Map<String, Integer> map, Source source) {}

  /** A fetched report: parsed (or null with the failure) and when AWS generated it. */
  private record Report(
      CredentialReportParser.Parsed root, Instant generatedAt, AwsCollectionException failure) {}

  private record OrgFacts(Fact<Boolean> central, Fact<OrganizationRole> role) {}

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
                                ? rootSession(id, sum, start)
                                : standard(id, sum, start)));
  }

  private static CompletionException fail(String account, String action, Throwable cause) {
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

  // ---------------------------------------------------------------- standard (IAM principal)

  private CompletableFuture<RootAccountState> standard(Identity id, Summary sum, Instant start) {
    return report(id.accountId())
        .thenCompose(
            fetched -> {
              Report rep = fetched;
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
                      new Report(
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
              Report report = rep;
              CompletableFuture<Fact<List<String>>> vmfa = virtualMfa(acct, part);
              CompletableFuture<Fact<Optional<IamPasswordPolicy>>> pol = passwordPolicy();
              CompletableFuture<OrgFacts> org = organization();
              CompletableFuture<Fact<String>> name = name();
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
  private static CredentialReportOptions reportOptions(String account, Summary sum, Report rep) {
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
      Summary sum,
      Report rep,
      Fact<List<String>> vmfa,
      Fact<Optional<IamPasswordPolicy>> pol,
      OrgFacts org,
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

  private static Optional<Fact<Boolean>> summaryFlag(Summary sum, String key) {
    Integer v = sum.map().get(key);
    if (v == null) {
      return Optional.empty();
    }
    return Optional.of(Fact.known(v > 0, sum.source()));
  }

  // ---------------------------------------------------------------- credential report

  private CompletableFuture<Report> report(String account) {
    Instant deadline = s.clock().instant().plus(s.reportTimeout());
    return generate(account, deadline, s.initialPoll());
  }

  private Report reportFailure(String account, String action, Throwable err) {
    return new Report(
        null,
        s.clock().instant(),
        err instanceof AwsCollectionException e
            ? e
            : new AwsCollectionException(account, action, AwsErrors.unwrap(err)));
  }

  private CompletableFuture<Report> generate(String account, Instant deadline, Duration wait) {
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

  private CompletableFuture<Report> fetch(String account, Instant deadline, Duration wait) {
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
                return CompletableFuture.completedFuture(new Report(root, generated, null));
              } catch (InvalidInputException e) {
                return CompletableFuture.completedFuture(
                    new Report(
                        null,
                        generated,
                        new AwsCollectionException(
                            account, "iam:GetCredentialReport", e.getMessage(), e)));
              }
            })
        .thenCompose(f -> f);
  }

  private CompletableFuture<Report> later(
      String account, Instant deadline, Duration wait, String why) {
    if (s.clock().instant().plus(wait).isAfter(deadline)) {
      return CompletableFuture.completedFuture(
          new Report(
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

  // ---------------------------------------------------------------- optional facts

  private <T> Fact<T> optionalFailure(String action, Throwable err) {
    if (AwsErrors.unwrap(err) instanceof AwsCollectionException e) {
      action = e.action();
      err = e.getCause();
    }
    Source src = Source.of(action, s.clock().instant());
    if (AwsErrors.isAccessDenied(err)) {
      return Fact.unknown("missing permission " + action, src);
    }
    return Fact.unknown(action + " failed: " + AwsErrors.describe(err), src);
  }

  private CompletableFuture<Fact<List<String>>> virtualMfa(String account, String partition) {
    Pattern rootArn =
        Pattern.compile(
            "arn:"
                + (partition == null ? "[a-z][a-z0-9-]*" : Pattern.quote(partition))
                + ":iam::"
                + account
                + ":root");
    return virtualPage(null, new ArrayList<>(), rootArn)
        .handle(
            (list, err) ->
                err != null
                    ? optionalFailure("iam:ListVirtualMFADevices", err)
                    : Fact.known(
                        List.copyOf(list),
                        Source.of("iam:ListVirtualMFADevices", s.clock().instant())));
  }

  private CompletableFuture<List<String>> virtualPage(
      String marker, List<String> acc, Pattern rootArn) {
    return iam.listVirtualMfaDevices(
            ListVirtualMfaDevicesRequest.builder()
                .assignmentStatus(AssignmentStatusType.ASSIGNED)
                .marker(marker)
                .overrideConfiguration(s.override())
                .build())
        .thenCompose(
            r -> {
              for (VirtualMFADevice d : r.virtualMFADevices()) {
                if (d.user() != null
                    && d.user().arn() != null
                    && rootArn.matcher(d.user().arn()).matches()) {
                  acc.add(d.serialNumber());
                }
              }
              if (Boolean.TRUE.equals(r.isTruncated()) && r.marker() != null) {
                return virtualPage(r.marker(), acc, rootArn);
              }
              return CompletableFuture.completedFuture(acc);
            });
  }

  private CompletableFuture<Fact<Optional<IamPasswordPolicy>>> passwordPolicy() {
    String action = "iam:GetAccountPasswordPolicy";
    return iam.getAccountPasswordPolicy(
            GetAccountPasswordPolicyRequest.builder().overrideConfiguration(s.override()).build())
        .handle(
            (r, err) -> {
              Source src = Source.of(action, s.clock().instant());
              if (err != null) {
                if (AwsErrors.code(err).equals("NoSuchEntity")) {
                  return Fact.known(Optional.<IamPasswordPolicy>empty(), src);
                }
                return optionalFailure(action, err);
              }
              try {
                return Fact.known(Optional.of(toPolicy(r.passwordPolicy())), src);
              } catch (InvalidInputException e) {
                return Fact.unknown("AWS returned a policy out of range: " + e.getMessage(), src);
              }
            });
  }

  private static IamPasswordPolicy toPolicy(PasswordPolicy p) {
    return new IamPasswordPolicy(
        p.minimumPasswordLength() == null
            ? IamPasswordPolicy.DEFAULT_MINIMUM_LENGTH
            : p.minimumPasswordLength(),
        Boolean.TRUE.equals(p.requireSymbols()),
        Boolean.TRUE.equals(p.requireNumbers()),
        Boolean.TRUE.equals(p.requireUppercaseCharacters()),
        Boolean.TRUE.equals(p.requireLowercaseCharacters()),
        Boolean.TRUE.equals(p.allowUsersToChangePassword()),
        p.maxPasswordAge() == null ? 0 : p.maxPasswordAge(),
        p.passwordReusePrevention() == null ? 0 : p.passwordReusePrevention(),
        Boolean.TRUE.equals(p.hardExpiry()));
  }

  private CompletableFuture<OrgFacts> organization() {
    String action = "iam:ListOrganizationsFeatures";
    return iam.listOrganizationsFeatures(
            ListOrganizationsFeaturesRequest.builder().overrideConfiguration(s.override()).build())
        .handle(
            (r, err) -> {
              Source src = Source.of(action, s.clock().instant());
              if (err == null) {
                return new OrgFacts(
                    Fact.known(
                        r.enabledFeatures().contains(FeatureType.ROOT_CREDENTIALS_MANAGEMENT), src),
                    Fact.unknown(
                        "the caller is the management account or a delegated administrator;"
                            + " iam:ListOrganizationsFeatures does not tell which",
                        src));
              }
              switch (AwsErrors.code(err)) {
                case "OrganizationNotFoundException":
                  return new OrgFacts(
                      Fact.known(false, src), Fact.known(OrganizationRole.STANDALONE, src));
                case "AccountNotManagementOrDelegatedAdministratorException":
                  return new OrgFacts(
                      Fact.unknown(
                          "member accounts cannot read the organization's root access settings;"
                              + " audit from the management account",
                          src),
                      Fact.known(OrganizationRole.MEMBER, src));
                case "ServiceAccessNotEnabledException":
                  return new OrgFacts(
                      Fact.known(false, src),
                      Fact.unknown(
                          "trusted access for IAM is not enabled in the organization", src));
                case "OrganizationNotInAllFeaturesModeException":
                  return new OrgFacts(
                      Fact.known(false, src),
                      Fact.unknown("the organization does not have all features enabled", src));
                default:
                  Fact<Boolean> f = optionalFailure(action, err);
                  return new OrgFacts(f, f.map(x -> OrganizationRole.STANDALONE));
              }
            });
  }

  private CompletableFuture<Fact<String>> name() {
    if (accountName == null) {
      return CompletableFuture.completedFuture(null);
    }
    String action = "account:GetAccountInformation";
    CompletableFuture<String> f;
    try {
      f = accountName.get();
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    return f.handle(
        (n, err) ->
            err != null
                ? optionalFailure(action, err)
                : Fact.known(n, Source.of(action, s.clock().instant())));
  }

  // ---------------------------------------------------------------- AssumeRoot audit session

  private CompletableFuture<RootAccountState> rootSession(Identity id, Summary sum, Instant start) {
    String account = id.accountId();
    CompletableFuture<Fact<LastUse>> lastUsed =
        iam.getUser(GetUserRequest.builder().overrideConfiguration(s.override()).build())
            .handle(
                (r, err) ->
                    err != null
                        ? optionalFailure("iam:GetUser", err)
                        : Fact.known(
                            r.user().passwordLastUsed() == null
                                ? LastUse.never()
                                : LastUse.at(r.user().passwordLastUsed()),
                            Source.of("iam:GetUser", s.clock().instant())));
    CompletableFuture<Fact<Boolean>> password =
        iam.getLoginProfile(
                GetLoginProfileRequest.builder().overrideConfiguration(s.override()).build())
            .handle(
                (r, err) -> {
                  Source src = Source.of("iam:GetLoginProfile", s.clock().instant());
                  if (err == null) {
                    return Fact.known(true, src);
                  }
                  if (AwsErrors.code(err).equals("NoSuchEntity")) {
                    return Fact.known(false, src);
                  }
                  return optionalFailure("iam:GetLoginProfile", err);
                });
    CompletableFuture<Fact<List<MfaDevice>>> devices =
        mfaPage(null, new ArrayList<>())
            .handle(
                (list, err) ->
                    err != null
                        ? optionalFailure("iam:ListMFADevices", err)
                        : Fact.known(
                            List.copyOf(list),
                            Source.of("iam:ListMFADevices", s.clock().instant())));
    CompletableFuture<Fact<List<AccessKey>>> keys =
        keyPage(null, new ArrayList<>())
            .thenCompose(this::withLastUse)
            .handle(
                (list, err) ->
                    err != null
                        ? optionalFailure("iam:ListAccessKeys", err)
                        : Fact.known(
                            List.copyOf(list),
                            Source.of("iam:ListAccessKeys", s.clock().instant())));
    return CompletableFuture.allOf(lastUsed, password, devices, keys)
        .thenApply(
            v -> {
              RootAccountState.Builder b =
                  RootAccountState.builder(account)
                      .partition(id.partition() == null ? "aws" : id.partition())
                      .collectedAt(start);
              b.mfaEnabled(
                  summaryFlag(sum, "AccountMFAEnabled")
                      .orElseGet(() -> devices.join().map(l -> !l.isEmpty())));
              b.accessKeysPresent(
                  summaryFlag(sum, "AccountAccessKeysPresent")
                      .orElseGet(() -> keys.join().map(l -> !l.isEmpty())));
              b.signingCertificatesPresent(
                  summaryFlag(sum, "AccountSigningCertificatesPresent")
                      .orElseGet(
                          () ->
                              Fact.unknown(
                                  "AccountSigningCertificatesPresent missing from the summary",
                                  sum.source())));
              b.passwordEnabled(password.join());
              b.passwordLastUsed(lastUsed.join());
              b.mfaDevices(devices.join());
              b.virtualMfaSerials(
                  devices
                      .join()
                      .map(
                          l ->
                              l.stream()
                                  .filter(d -> d.kind() == MfaDevice.Kind.VIRTUAL)
                                  .map(MfaDevice::serial)
                                  .toList()));
              b.accessKeys(keys.join());
              Source none = Source.of("sts:AssumeRoot", start);
              b.passwordPolicy(Fact.unknown(ROOT_SESSION_NOTE, none));
              b.centralRootCredentialsManagement(Fact.unknown(ROOT_SESSION_NOTE, none));
              b.organizationRole(Fact.unknown(ROOT_SESSION_NOTE, none));
              return b.build();
            });
  }

  private CompletableFuture<List<MfaDevice>> mfaPage(String marker, List<MfaDevice> acc) {
    return iam.listMfaDevices(
            ListMfaDevicesRequest.builder()
                .marker(marker)
                .overrideConfiguration(s.override())
                .build())
        .thenCompose(
            r -> {
              r.mfaDevices().forEach(d -> acc.add(MfaDevice.fromSerial(d.serialNumber())));
              if (Boolean.TRUE.equals(r.isTruncated()) && r.marker() != null) {
                return mfaPage(r.marker(), acc);
              }
              return CompletableFuture.completedFuture(acc);
            });
  }

  private CompletableFuture<List<AccessKeyMetadata>> keyPage(
      String marker, List<AccessKeyMetadata> acc) {
    return iam.listAccessKeys(
            ListAccessKeysRequest.builder()
                .marker(marker)
                .overrideConfiguration(s.override())
                .build())
        .thenCompose(
            r -> {
              acc.addAll(r.accessKeyMetadata());
              if (Boolean.TRUE.equals(r.isTruncated()) && r.marker() != null) {
                return keyPage(r.marker(), acc);
              }
              return CompletableFuture.completedFuture(acc);
            });
  }

  private CompletableFuture<List<AccessKey>> withLastUse(List<AccessKeyMetadata> keys) {
    List<CompletableFuture<AccessKey>> each = new ArrayList<>();
    for (AccessKeyMetadata k : keys) {
      each.add(
          iam.getAccessKeyLastUsed(
                  GetAccessKeyLastUsedRequest.builder()
                      .accessKeyId(k.accessKeyId())
                      .overrideConfiguration(s.override())
                      .build())
              .handle(
                  (r, err) -> {
                    if (err != null) {
                      throw fail(null, "iam:GetAccessKeyLastUsed", err);
                    }
                    return new AccessKey(
                        k.accessKeyId(),
                        k.status() == StatusType.ACTIVE,
                        r.accessKeyLastUsed() == null
                                || r.accessKeyLastUsed().lastUsedDate() == null
                            ? LastUse.never()
                            : LastUse.at(r.accessKeyLastUsed().lastUsedDate()),
                        k.createDate() == null ? Instant.EPOCH : k.createDate());
                  }));
    }
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(v -> each.stream().map(CompletableFuture::join).toList());
  }
}
