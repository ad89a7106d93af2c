package dev.rootguard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.rootguard.InvalidInputException;
import dev.rootguard.aws.LocalAwsEndpoint.FakeAccount;
import dev.rootguard.aws.LocalAwsEndpoint.Key;
import dev.rootguard.aws.RemediationLog.Outcome;
import dev.rootguard.policy.MfaDevice;
import dev.rootguard.policy.RootAccountState;
import dev.rootguard.policy.RootAccountState.OrganizationRole;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;

class OrganizationAuditorTest {
  static final String MGMT = "100000000000";

  LocalAwsEndpoint aws;
  IamClient iam;
  StsClient sts;
  OrganizationsClient org;

  @BeforeEach
  void start() {
    aws = LocalAwsEndpoint.start(MGMT);
    iam = aws.iam();
    sts = aws.sts();
    org = aws.organizations();
  }

  @AfterEach
  void stop() {
    iam.close();
    sts.close();
    org.close();
    aws.close();
  }

  static String member(int i) {
    return String.format("2%011d", i);
  }

  Function<AccountSession, IamClient> factory() {
    return s -> aws.iam(s.credentials());
  }

  @Test
  void audit_200AccountsWith5FailingToAssumeRole_all195OthersReported() {
    for (int i = 1; i < 200; i++) {
      FakeAccount a = aws.account(member(i));
      if (i % 10 == 0) {
        a.neglect();
      }
    }
    for (int i = 1; i <= 2; i++) {
      aws.account(String.format("3%011d", i)).status = "SUSPENDED";
    }
    List<String> failing = List.of(member(3), member(50), member(99), member(150), member(199));
    failing.forEach(aws::failAssumeRole);

    List<AccountResult> results = Collections.synchronizedList(new ArrayList<>());
    List<AuditProgress> progress = Collections.synchronizedList(new ArrayList<>());
    AuditSummary summary =
        OrganizationAuditor.builder(org, sts)
            .managementIam(iam)
            .accessMode(AccessMode.ASSUME_ROLE)
            .iamClientFactory(factory())
            .progress(progress::add)
            .build()
            .audit(results::add);

    assertThat(results).hasSize(200);
    assertThat(results.stream().map(AccountResult::accountId).distinct()).hasSize(200);
    Map<Boolean, List<AccountResult>> split =
        results.stream().collect(Collectors.partitioningBy(AccountResult::succeeded));
    assertThat(split.get(true)).hasSize(195);
    assertThat(split.get(false))
        .extracting(AccountResult::accountId)
        .containsExactlyInAnyOrderElementsOf(failing);
    assertThat(split.get(false))
        .allSatisfy(
            r -> {
              AccountResult.Failed f = (AccountResult.Failed) r;
              assertThat(f.action()).isEqualTo("sts:AssumeRole");
              assertThat(f.reason()).contains("access denied");
            });
    assertThat(summary.collected()).isEqualTo(195);
    assertThat(summary.failed()).isEqualTo(5);
    assertThat(summary.skipped()).isEqualTo(2);
    AuditProgress last = progress.get(progress.size() - 1);
    assertThat(last).isEqualTo(new AuditProgress(200, 200, 5, true));

    Map<String, RootAccountState> states =
        results.stream()
            .flatMap(r -> r.collectedState().stream())
            .collect(Collectors.toMap(RootAccountState::accountId, s -> s));
    assertThat(states.get(MGMT).organizationRole().value()).contains(OrganizationRole.MANAGEMENT);
    RootAccountState good = states.get(member(1));
    assertThat(good.organizationRole().value()).contains(OrganizationRole.MEMBER);
    assertThat(good.accountName().value()).contains("account-" + member(1));
    assertThat(good.rootEmail().value()).contains("root+" + member(1) + "@example.com");
    assertThat(good.centralRootCredentialsManagement().value()).contains(true);
    assertThat(good.mfaEnabled().value()).contains(true);
    RootAccountState bad = states.get(member(10));
    assertThat(bad.mfaEnabled().value()).contains(false);
    assertThat(bad.accessKeysPresent().value()).contains(true);
    assertThat(bad.passwordPolicy().value()).contains(java.util.Optional.empty());
    // bounded: 8 workers plus the lister
    assertThat(aws.maxInFlight()).isBetween(2, 9);
  }

  @Test
  void auditWithPolicy_assessesCollectedAccountsAndReportsFailures() {
    for (int i = 1; i <= 20; i++) {
      FakeAccount a = aws.account(member(i));
      if (i % 4 == 0) {
        a.neglect();
      }
    }
    aws.failAssumeRole(member(7));
    List<dev.rootguard.policy.Assessment> assessed =
        Collections.synchronizedList(new ArrayList<>());
    List<AccountResult.Failed> failed = Collections.synchronizedList(new ArrayList<>());
    AuditSummary summary =
        OrganizationAuditor.builder(org, sts)
            .managementIam(iam)
            .accessMode(AccessMode.ASSUME_ROLE)
            .iamClientFactory(factory())
            .build()
            .audit(
                dev.rootguard.policy.RootSecurityPolicy.recommended(), assessed::add, failed::add);
    assertThat(failed).extracting(AccountResult::accountId).containsExactly(member(7));
    assertThat(assessed).hasSize(summary.collected());
    assertThat(assessed)
        .filteredOn(a -> a.state().accountId().equals(member(4)))
        .singleElement()
        .satisfies(a -> assertThat(a.isCompliant()).isFalse());
  }

  @Test
  void audit_streamsResultsBeforeTheListingEnds() {
    for (int i = 1; i < 100; i++) {
      aws.account(member(i));
    }
    aws.pageSize(10);
    AtomicLong pagesAtFirstResult = new AtomicLong(-1);
    OrganizationAuditor.builder(org, sts)
        .managementIam(iam)
        .accessMode(AccessMode.ASSUME_ROLE)
        .concurrency(2)
        .iamClientFactory(factory())
        .build()
        .audit(r -> pagesAtFirstResult.compareAndSet(-1, aws.count("organizations:ListAccounts")));
    assertThat(pagesAtFirstResult.get()).isBetween(1L, 3L);
    assertThat(aws.count("organizations:ListAccounts")).isEqualTo(10);
  }

  @Test
  void audit_autoWithCentralRootAccess_usesAssumeRootAuditSessions() {
    for (int i = 1; i <= 5; i++) {
      aws.account(member(i)).mfaSerials.add("arn:aws:iam::" + member(i) + ":mfa/phone");
    }
    List<AccountResult> results = Collections.synchronizedList(new ArrayList<>());
    AuditSummary summary =
        OrganizationAuditor.builder(org, sts)
            .managementIam(iam)
            .iamClientFactory(factory())
            .build()
            .audit(results::add);
    assertThat(summary.collected()).isEqualTo(6);
    assertThat(aws.count("sts:AssumeRoot")).isEqualTo(5);
    assertThat(aws.count("sts:AssumeRole")).isZero();
    RootAccountState s =
        results.stream()
            .filter(r -> r.accountId().equals(member(2)))
            .findFirst()
            .orElseThrow()
            .collectedState()
            .orElseThrow();
    assertThat(s.mfaDevices().value().orElseThrow())
        .extracting(MfaDevice::kind)
        .containsExactly(MfaDevice.Kind.SECURITY_KEY, MfaDevice.Kind.VIRTUAL);
    assertThat(s.virtualMfaSerials().value().orElseThrow()).hasSize(1);
  }

  @Test
  void audit_listAccountsDenied_throwsNamingTheAction() {
    aws.deny("organizations:ListAccounts");
    assertThatThrownBy(
            () -> OrganizationAuditor.builder(org, sts).managementIam(iam).build().audit(r -> {}))
        .isInstanceOfSatisfying(
            AwsCollectionException.class,
            e -> {
              assertThat(e.action()).isEqualTo("organizations:ListAccounts");
              assertThat(e.isAccessDenied()).isTrue();
            });
  }

  @Test
  void audit_withRemediation_dryRunPlansAndExecuteDeletes() {
    FakeAccount bad = aws.account(member(1));
    bad.keys.add(new Key("AKIAROOTKEY1", true, null));
    bad.certificates.add("CERT-1");
    aws.account(member(2)); // compliant apart from its password

    Map<String, AccountResult> results = new ConcurrentHashMap<>();
    RootCredentialRemediator dryRun = RootCredentialRemediator.builder(sts, factory()).build();
    OrganizationAuditor.builder(org, sts)
        .managementIam(iam)
        .accessMode(AccessMode.ASSUME_ROLE)
        .iamClientFactory(factory())
        .remediate(dryRun)
        .build()
        .audit(r -> results.put(r.accountId(), r));

    RemediationLog plan = ((AccountResult.Collected) results.get(member(1))).remediation();
    assertThat(plan.dryRun()).isTrue();
    assertThat(plan.entries())
        .extracting(
            RemediationLog.Entry::action,
            RemediationLog.Entry::target,
            RemediationLog.Entry::outcome)
        .containsExactly(
            tuple("iam:DeleteAccessKey", "AKIAROOTKEY1", Outcome.PLANNED),
            tuple("iam:DeleteSigningCertificate", "CERT-1", Outcome.PLANNED),
            tuple("iam:DeleteLoginProfile", "root", Outcome.PLANNED));
    assertThat(bad.keys).hasSize(1);
    assertThat(aws.count("iam:DeleteAccessKey")).isZero();
    assertThat(((AccountResult.Collected) results.get(MGMT)).remediation().entries()).isEmpty();
    assertThat(aws.calls())
        .filteredOn(c -> c.action().equals("sts:AssumeRoot"))
        .hasSize(2); // member 1 and member 2, never the management account

    RemediationLog done =
        RootCredentialRemediator.builder(sts, factory())
            .execute()
            .delete(true, true, false)
            .build()
            .remediate(member(1));
    assertThat(done.dryRun()).isFalse();
    assertThat(done.entries())
        .extracting(RemediationLog.Entry::outcome)
        .containsExactly(Outcome.DONE, Outcome.DONE);
    assertThat(bad.keys).isEmpty();
    assertThat(bad.certificates).isEmpty();
    assertThat(bad.passwordPresent).isTrue();
    assertThat(done.toString()).doesNotContain("secret-");
  }

  @Test
  void remediate_assumeRootDenied_loggedAsFailure() {
    aws.failAssumeRole(member(7));
    RemediationLog log =
        RootCredentialRemediator.builder(sts, factory()).execute().build().remediate(member(7));
    assertThat(log.hasFailures()).isTrue();
    assertThat(log.entries().get(0).action()).isEqualTo("sts:AssumeRoot");
  }

  @Test
  void builder_badValues_namesTheField() {
    assertThatThrownBy(() -> OrganizationAuditor.builder(org, sts).concurrency(0))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("concurrency"));
    assertThatThrownBy(() -> OrganizationAuditor.builder(org, sts).roleName("bad role!"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("roleName"));
  }

  @Test
  void accountSession_toString_redactsCredentials() {
    AccountSession s =
        new AccountSession(
            member(1),
            software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                    "AKIAEXAMPLE", "very-secret")),
            false);
    assertThat(s.toString()).contains(member(1)).doesNotContain("very-secret", "AKIAEXAMPLE");
  }
}
