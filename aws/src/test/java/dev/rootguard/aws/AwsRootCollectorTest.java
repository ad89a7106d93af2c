package dev.rootguard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.aws.LocalAwsEndpoint.FakeAccount;
import dev.rootguard.aws.LocalAwsEndpoint.Key;
import dev.rootguard.aws.LocalAwsEndpoint.VirtualDevice;
import dev.rootguard.password.IamPasswordPolicy;
import dev.rootguard.policy.AccessKey;
import dev.rootguard.policy.Fact;
import dev.rootguard.policy.LastUse;
import dev.rootguard.policy.MfaDevice;
import dev.rootguard.policy.RootAccountState;
import dev.rootguard.policy.RootAccountState.OrganizationRole;
import dev.rootguard.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.iam.IamAsyncClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

class AwsRootCollectorTest {
  static final String ACCT = "111122223333";
  static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

  static LocalAwsEndpoint aws;
  static IamClient iam;
  static StsClient sts;

  MutableClock clock;
  List<Duration> slept;

  @BeforeAll
  static void startEndpoint() {
    aws = LocalAwsEndpoint.start(ACCT);
    iam = aws.iam();
    sts = aws.sts();
  }

  @AfterAll
  static void stopEndpoint() {
    iam.close();
    sts.close();
    aws.close();
  }

  @BeforeEach
  void fresh() {
    clock = new MutableClock(T0);
    slept = new ArrayList<>();
  }

  @AfterEach
  void reset() {
    // every test starts from a compliant management account
    FakeAccount a = aws.management();
    a.mfaEnabled = true;
    a.passwordEnabledCell = "true";
    a.passwordPresent = true;
    a.passwordLastUsed = "2024-01-02T03:04:05+00:00";
    a.keys.clear();
    a.certificates.clear();
    a.virtualDevices.clear();
    a.passwordPolicy = FakeAccount.cisPolicy();
    a.orgFeatures = List.of("RootCredentialsManagement");
    a.orgFeaturesError = null;
    a.reportPendingPolls.set(0);
    a.reportInProgressGets.set(0);
    aws.clearCalls();
  }

  private AwsRootCollector.Builder collector() {
    return AwsRootCollector.builder(iam)
        .clock(clock)
        .sleeper(
            d -> {
              slept.add(d);
              clock.advance(d);
            });
  }

  private static <T> T known(Fact<T> f) {
    assertThat(f.isKnown()).as("known: %s", f).isTrue();
    return f.value().orElseThrow();
  }

  @Test
  void collect_compliantAccount_everyFactKnownWithItsSource() {
    RootAccountState s = collector().sts(sts).build().collect();

    assertThat(s.accountId()).isEqualTo(ACCT);
    assertThat(s.rootArn()).isEqualTo("arn:aws:iam::" + ACCT + ":root");
    assertThat(s.collectedAt()).isEqualTo(T0);
    assertThat(known(s.mfaEnabled())).isTrue();
    assertThat(s.mfaEnabled().source().origin()).isEqualTo("iam:GetAccountSummary");
    assertThat(known(s.accessKeysPresent())).isFalse();
    assertThat(known(s.signingCertificatesPresent())).isFalse();
    assertThat(known(s.passwordEnabled())).isTrue();
    assertThat(s.passwordEnabled().source().origin()).isEqualTo("iam:GetCredentialReport");
    assertThat(known(s.passwordLastUsed()))
        .isEqualTo(LastUse.at(Instant.parse("2024-01-02T03:04:05Z")));
    assertThat(known(s.accessKeys())).isEmpty();
    assertThat(known(s.virtualMfaSerials())).isEmpty();
    assertThat(known(s.passwordPolicy()))
        .contains(new IamPasswordPolicy(14, true, true, true, true, true, 90, 24, false));
    assertThat(known(s.centralRootCredentialsManagement())).isTrue();
    assertThat(s.mfaDevices().isKnown()).isFalse();
    assertThat(s.iamUserAccessToBilling().isKnown()).isFalse();
    assertThat(aws.count("sts:GetCallerIdentity")).isEqualTo(1);
  }

  @Test
  void collect_withoutSts_accountIdComesFromTheReportsRootArn() {
    RootAccountState s = collector().build().collect();
    assertThat(s.accountId()).isEqualTo(ACCT);
    assertThat(aws.count("sts:GetCallerIdentity")).isZero();
  }

  @Test
  void collect_mfaOff_mfaEnabledFalse() {
    aws.management().mfaEnabled = false;
    RootAccountState s = collector().build().collect();
    assertThat(known(s.mfaEnabled())).isFalse();
  }

  @Test
  void collect_rootAccessKeyPresent_keysReportedWithLastUse() {
    aws.management().keys.add(new Key("AKIAROOT1", true, "2026-11-27T10:00:00+00:00"));
    aws.management().certificates.add("CERT1");
    RootAccountState s = collector().build().collect();
    assertThat(known(s.accessKeysPresent())).isTrue();
    assertThat(known(s.signingCertificatesPresent())).isTrue();
    List<AccessKey> keys = known(s.accessKeys());
    assertThat(keys).hasSize(1);
    assertThat(keys.get(0).label()).isEqualTo("key-1");
    assertThat(keys.get(0).active()).isTrue();
    assertThat(keys.get(0).lastUsed()).isEqualTo(LastUse.at(Instant.parse("2026-11-27T10:00:00Z")));
  }

  @Test
  void collect_virtualMfaWithCustomName_matchedOnUserArnNotSerial() {
    FakeAccount a = aws.management();
    a.virtualDevices.add(
        new VirtualDevice(
            "arn:aws:iam::" + ACCT + ":mfa/alice-phone", "arn:aws:iam::" + ACCT + ":user/alice"));
    // a user's device named like the historic root serial must not count
    a.virtualDevices.add(
        new VirtualDevice(
            "arn:aws:iam::" + ACCT + ":mfa/root-account-mfa-device",
            "arn:aws:iam::" + ACCT + ":user/bob"));
    a.virtualDevices.add(new VirtualDevice("arn:aws:iam::" + ACCT + ":mfa/unassigned", null));
    a.virtualDevices.add(
        new VirtualDevice(
            "arn:aws:iam::" + ACCT + ":mfa/my-authenticator", "arn:aws:iam::" + ACCT + ":root"));
    a.virtualDevices.add(
        new VirtualDevice(
            "arn:aws:iam::" + ACCT + ":mfa/carol", "arn:aws:iam::" + ACCT + ":user/carol"));

    RootAccountState s = collector().build().collect();

    assertThat(known(s.virtualMfaSerials()))
        .containsExactly("arn:aws:iam::" + ACCT + ":mfa/my-authenticator");
    assertThat(aws.count("iam:ListVirtualMFADevices")).isEqualTo(3); // 5 devices, pages of 2
  }

  @Test
  void collect_noPasswordPolicy_knownEmpty() {
    aws.management().passwordPolicy = null;
    RootAccountState s = collector().build().collect();
    assertThat(known(s.passwordPolicy())).isEqualTo(Optional.empty());
    assertThat(s.passwordPolicy().source().origin()).isEqualTo("iam:GetAccountPasswordPolicy");
  }

  @Test
  void collect_weakPasswordPolicy_absentFieldsAreZero() {
    aws.management().passwordPolicy =
        new java.util.LinkedHashMap<>(
            java.util.Map.of(
                "MinimumPasswordLength",
                "8",
                "RequireSymbols",
                "false",
                "ExpirePasswords",
                "false"));
    RootAccountState s = collector().build().collect();
    assertThat(known(s.passwordPolicy()))
        .contains(new IamPasswordPolicy(8, false, false, false, false, false, 0, 0, false));
  }

  @Test
  void collect_throttledTwice_sdkRetriesAndSucceeds() {
    aws.failNext("iam:GetAccountSummary", 400, "Throttling", 2);
    RootAccountState s = collector().build().collect();
    assertThat(known(s.mfaEnabled())).isTrue();
    assertThat(aws.count("iam:GetAccountSummary")).isEqualTo(3);
  }

  @Test
  void collect_summaryAccessDenied_throwsNamingTheAction() {
    aws.deny("iam:GetAccountSummary");
    try {
      assertThatThrownBy(() -> collector().sts(sts).build().collect())
          .isInstanceOfSatisfying(
              AwsCollectionException.class,
              e -> {
                assertThat(e.action()).isEqualTo("iam:GetAccountSummary");
                assertThat(e.isAccessDenied()).isTrue();
                assertThat(e.accountId()).contains(ACCT);
                assertThat(e.getMessage())
                    .contains("iam:GetAccountSummary")
                    .contains(ACCT)
                    .contains("access denied");
              });
    } finally {
      aws.undeny("iam:GetAccountSummary");
    }
  }

  @Test
  void collect_virtualMfaAccessDenied_factUnknownNamingThePermission() {
    aws.deny("iam:ListVirtualMFADevices");
    try {
      RootAccountState s = collector().build().collect();
      assertThat(s.virtualMfaSerials())
          .isEqualTo(
              Fact.unknown(
                  "missing permission iam:ListVirtualMFADevices", s.virtualMfaSerials().source()));
      assertThat(known(s.mfaEnabled())).isTrue();
    } finally {
      aws.undeny("iam:ListVirtualMFADevices");
    }
  }

  @Test
  void collect_reportDeniedWithSts_reportFactsUnknownOthersKnown() {
    aws.deny("iam:GenerateCredentialReport");
    try {
      RootAccountState s = collector().sts(sts).build().collect();
      assertThat(s.passwordLastUsed().isKnown()).isFalse();
      assertThat(((Fact.Unknown<LastUse>) s.passwordLastUsed()).reason())
          .isEqualTo("missing permission iam:GenerateCredentialReport");
      // password presence falls back to the summary
      assertThat(known(s.passwordEnabled())).isTrue();
      assertThat(s.passwordEnabled().source().origin()).isEqualTo("iam:GetAccountSummary");
    } finally {
      aws.undeny("iam:GenerateCredentialReport");
    }
  }

  @Test
  void collect_reportDeniedWithoutSts_throwsBecauseTheAccountIdIsUnknown() {
    aws.deny("iam:GenerateCredentialReport");
    try {
      assertThatThrownBy(() -> collector().build().collect())
          .isInstanceOfSatisfying(
              AwsCollectionException.class,
              e -> {
                assertThat(e.action()).isEqualTo("iam:GenerateCredentialReport");
                assertThat(e.isAccessDenied()).isTrue();
              });
    } finally {
      aws.undeny("iam:GenerateCredentialReport");
    }
  }

  @Test
  void collect_reportInProgressForSeveralPolls_backsOffThenReads() {
    FakeAccount a = aws.management();
    a.reportPendingPolls.set(3);
    a.reportInProgressGets.set(2);
    RootAccountState s =
        collector()
            .reportPollInterval(Duration.ofSeconds(1))
            .reportPollMaxInterval(Duration.ofSeconds(5))
            .build()
            .collect();
    assertThat(known(s.passwordEnabled())).isTrue();
    assertThat(slept)
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5));
    assertThat(aws.count("iam:GenerateCredentialReport")).isEqualTo(6);
    assertThat(aws.count("iam:GetCredentialReport")).isEqualTo(3);
  }

  @Test
  void collect_reportNeverReady_givesUpAtTheTimeout() {
    aws.management().reportPendingPolls.set(1_000);
    RootAccountState s =
        collector()
            .sts(sts)
            .reportPollInterval(Duration.ofSeconds(10))
            .reportPollMaxInterval(Duration.ofSeconds(30))
            .reportTimeout(Duration.ofMinutes(2))
            .build()
            .collect();
    assertThat(s.accessKeys().isKnown()).isFalse();
    assertThat(((Fact.Unknown<List<AccessKey>>) s.accessKeys()).reason())
        .contains("not ready within PT2M");
    assertThat(slept.stream().reduce(Duration.ZERO, Duration::plus))
        .isLessThanOrEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void collect_reportExpiredThenNotPresent_regenerates() {
    aws.failNext("iam:GetCredentialReport", 410, "ReportExpired", 1);
    aws.failNext("iam:GetCredentialReport", 410, "ReportNotPresent", 1);
    RootAccountState s = collector().reportPollInterval(Duration.ofMillis(5)).build().collect();
    assertThat(known(s.accessKeys())).isEmpty();
    assertThat(aws.count("iam:GetCredentialReport")).isEqualTo(3);
  }

  @Test
  void collect_passwordEnabledNotSupported_fallsBackToAccountPasswordPresent() {
    FakeAccount a = aws.management();
    a.passwordEnabledCell = "not_supported";
    a.passwordPresent = false;
    RootAccountState s = collector().build().collect();
    assertThat(known(s.passwordEnabled())).isFalse();
    assertThat(s.passwordEnabled().source().origin()).isEqualTo("iam:GetAccountSummary");
  }

  @Test
  void collect_passwordEnabledFalse_acceptedFromTheReport() {
    FakeAccount a = aws.management();
    a.passwordEnabledCell = "FALSE";
    a.passwordLastUsed = "N/A";
    RootAccountState s = collector().build().collect();
    assertThat(known(s.passwordEnabled())).isFalse();
    assertThat(s.passwordEnabled().source().origin()).isEqualTo("iam:GetCredentialReport");
    assertThat(known(s.passwordLastUsed()).isNever()).isTrue();
  }

  @Test
  void collect_standaloneAccount_organizationNotFound() {
    aws.management().orgFeaturesError = "OrganizationNotFoundException";
    RootAccountState s = collector().build().collect();
    assertThat(known(s.organizationRole())).isEqualTo(OrganizationRole.STANDALONE);
    assertThat(known(s.centralRootCredentialsManagement())).isFalse();
  }

  @Test
  void collect_memberAccount_featuresUnknownRoleMember() {
    aws.management().orgFeaturesError = "AccountNotManagementOrDelegatedAdministratorException";
    RootAccountState s = collector().build().collect();
    assertThat(known(s.organizationRole())).isEqualTo(OrganizationRole.MEMBER);
    assertThat(s.centralRootCredentialsManagement().isKnown()).isFalse();
  }

  @Test
  void collect_serviceAccessNotEnabled_centralManagementOff() {
    aws.management().orgFeaturesError = "ServiceAccessNotEnabledException";
    RootAccountState s = collector().build().collect();
    assertThat(known(s.centralRootCredentialsManagement())).isFalse();
    assertThat(s.organizationRole().isKnown()).isFalse();
  }

  @Test
  void collect_withAccountClient_readsTheAccountName() {
    try (AccountClient account = aws.accountClient()) {
      RootAccountState s = collector().account(account).build().collect();
      assertThat(known(s.accountName())).isEqualTo("account-" + ACCT);
      assertThat(s.accountName().source().origin()).isEqualTo("account:GetAccountInformation");
    }
  }

  @Test
  void collect_accountNameDenied_unknownNamingThePermission() {
    aws.deny("account:GetAccountInformation");
    try (AccountClient account = aws.accountClient()) {
      RootAccountState s = collector().account(account).build().collect();
      assertThat(((Fact.Unknown<String>) s.accountName()).reason())
          .isEqualTo("missing permission account:GetAccountInformation");
    } finally {
      aws.undeny("account:GetAccountInformation");
    }
  }

  @Test
  void collect_rootSession_listsTheRootsOwnDevicesAndKeys() {
    String member = "444455556666";
    FakeAccount m = aws.account(member);
    m.keys.add(new Key("AKIAMEMBERROOT1", false, null));
    m.mfaSerials.add("arn:aws:iam::" + member + ":mfa/phone");
    m.mfaSerials.add("GAHT12345678");
    try (IamClient rootIam =
        aws.iam(
            StaticCredentialsProvider.create(
                AwsSessionCredentials.create("ASIA" + member + "ROOT", "s", "t")))) {
      RootAccountState s =
          AwsRootCollector.builder(rootIam).accountId(member).auditRootSession().build().collect();
      assertThat(known(s.mfaDevices()))
          .extracting(MfaDevice::kind)
          .containsExactly(
              MfaDevice.Kind.SECURITY_KEY, MfaDevice.Kind.VIRTUAL, MfaDevice.Kind.HARDWARE_TOTP);
      assertThat(known(s.virtualMfaSerials()))
          .containsExactly("arn:aws:iam::" + member + ":mfa/phone");
      assertThat(known(s.accessKeys()))
          .containsExactly(
              new AccessKey(
                  "AKIAMEMBERROOT1",
                  false,
                  LastUse.never(),
                  Instant.parse("2024-01-01T00:00:00Z")));
      assertThat(known(s.passwordEnabled())).isTrue();
      assertThat(known(s.passwordLastUsed()))
          .isEqualTo(LastUse.at(Instant.parse("2024-01-02T03:04:05Z")));
      assertThat(s.passwordPolicy().isKnown()).isFalse();
      assertThat(aws.count("iam:GenerateCredentialReport")).isZero();
    }
  }

  @Test
  void collect_async_sameFactsAsBlocking() throws Exception {
    aws.management().reportPendingPolls.set(2);
    aws.management().keys.add(new Key("AKIAROOT1", true, "2026-11-27T10:00:00+00:00"));
    try (IamAsyncClient async =
        IamAsyncClient.builder()
            .endpointOverride(aws.uri())
            .region(Region.US_EAST_1)
            .credentialsProvider(LocalAwsEndpoint.managementCredentials())
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .retryStrategy(LocalAwsEndpoint.fastRetry())
                    .build())
            .build()) {
      RootAccountState s =
          AsyncAwsRootCollector.builder(async)
              .clock(clock)
              .reportPollInterval(Duration.ofMillis(10))
              .build()
              .collect()
              .get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(s.accountId()).isEqualTo(ACCT);
      assertThat(known(s.accessKeysPresent())).isTrue();
      assertThat(known(s.accessKeys())).hasSize(1);
      assertThat(known(s.passwordPolicy())).isPresent();
      assertThat(aws.count("iam:GenerateCredentialReport")).isEqualTo(3);
    }
  }

  @Test
  void collect_slowEndpoint_timesOutNamingTheAction() {
    aws.latency(Duration.ofMillis(400));
    try {
      assertThatThrownBy(
              () ->
                  collector()
                      .apiCallAttemptTimeout(Duration.ofMillis(100))
                      .apiCallTimeout(Duration.ofMillis(250))
                      .build()
                      .collect())
          .isInstanceOfSatisfying(
              AwsCollectionException.class,
              e -> {
                assertThat(e.action()).isEqualTo("iam:GetAccountSummary");
                assertThat(e.isAccessDenied()).isFalse();
                assertThat(e.getMessage()).contains("timed out");
              });
    } finally {
      aws.latency(Duration.ZERO);
    }
  }

  @Test
  void create_defaults_collects() {
    assertThat(AwsRootCollector.create(iam).collect().accountId()).isEqualTo(ACCT);
  }

  @Test
  void builder_badValues_namesTheField() {
    assertThatThrownBy(() -> AwsRootCollector.builder(iam).reportPollInterval(Duration.ZERO))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("reportPollInterval"));
    assertThatThrownBy(() -> AwsRootCollector.builder(iam).accountId("12"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("accountId"));
    assertThatThrownBy(() -> AwsRootCollector.builder(iam).auditRootSession().build())
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("accountId"));
  }
}
