package dev.rootguard.policy;

import static dev.rootguard.policy.Fixtures.NOW;
import static dev.rootguard.policy.Fixtures.compliant;
import static dev.rootguard.policy.Fixtures.k;
import static dev.rootguard.policy.Fixtures.unknown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.password.IamPasswordPolicy;
import dev.rootguard.policy.RootAccountState.OrganizationRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ControlEvaluationTest {
  static final RootSecurityPolicy ALL =
      RootSecurityPolicy.builder().enableAll().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

  static Finding eval(RootAccountState s, Control c) {
    return ALL.evaluate(s).finding(c).orElseThrow();
  }

  static Finding eval(RootAccountState.Builder b, Control c) {
    return eval(b.build(), c);
  }

  static LastUse daysAgo(long d) {
    return LastUse.at(NOW.minus(Duration.ofDays(d)));
  }

  @Test
  void compliantState_everyControlPassesOrIsManualOrNotApplicable() {
    Assessment a = ALL.evaluate(compliant().build());
    for (Finding f : a.findings()) {
      assertThat(f.status())
          .as(f.control() + ": " + f.evidence().text(java.util.Locale.ENGLISH))
          .isIn(Status.PASS, Status.MANUAL, Status.NOT_APPLICABLE);
    }
    assertThat(a.finding(Control.ROOT_PASSWORD_STRONG).orElseThrow().status())
        .isEqualTo(Status.MANUAL);
    assertThat(a.finding(Control.ORG_ROOT_CREDENTIALS_CENTRALIZED).orElseThrow().status())
        .isEqualTo(Status.NOT_APPLICABLE);
    assertThat(a.isCompliant()).isTrue();
    assertThat(a.score()).isEqualTo(100);
  }

  @Test
  void emptyState_noControlGuessesPass() {
    RootAccountState empty = RootAccountState.builder("123456789012").collectedAt(NOW).build();
    for (Finding f : ALL.evaluate(empty).findings()) {
      assertThat(f.status()).as(f.control().name()).isIn(Status.UNKNOWN, Status.MANUAL);
    }
  }

  @Nested
  class Password {
    @Test
    void noPassword_pass() {
      Finding f = eval(compliant().passwordEnabled(k(false)), Control.ROOT_PASSWORD_STRONG);
      assertThat(f.status()).isEqualTo(Status.PASS);
      assertThat(f.evidence().key()).isEqualTo("evidence.password.none");
    }

    @Test
    void passwordPresent_manualWithLastUse() {
      Finding f = eval(compliant(), Control.ROOT_PASSWORD_STRONG);
      assertThat(f.status()).isEqualTo(Status.MANUAL);
      assertThat(f.evidence().key()).isEqualTo("evidence.password.presentUsed");
      assertThat(f.evidence().text(java.util.Locale.ENGLISH)).contains("2026-05-12");
      assertThat(f.remediation(java.util.Locale.ENGLISH)).contains("rootguard password check");
    }

    @Test
    void passwordUnknown_unknown() {
      Finding f = eval(compliant().passwordEnabled(unknown()), Control.ROOT_PASSWORD_STRONG);
      assertThat(f.status()).isEqualTo(Status.UNKNOWN);
    }
  }

  @Nested
  class Mfa {
    @Test
    void enabled_pass() {
      assertThat(eval(compliant(), Control.ROOT_MFA_ENABLED).status()).isEqualTo(Status.PASS);
    }

    @Test
    void disabled_fail() {
      Finding f = eval(compliant().mfaEnabled(k(false)), Control.ROOT_MFA_ENABLED);
      assertThat(f.status()).isEqualTo(Status.FAIL);
      assertThat(f.sources()).contains(Fixtures.API);
    }

    @Test
    void unknownSummary_fallsBackToDeviceList() {
      assertThat(eval(compliant().mfaEnabled(unknown()), Control.ROOT_MFA_ENABLED).status())
          .isEqualTo(Status.PASS);
      assertThat(
              eval(
                      compliant().mfaEnabled(unknown()).mfaDevices(unknown()),
                      Control.ROOT_MFA_ENABLED)
                  .status())
          .isEqualTo(Status.UNKNOWN);
    }

    @Test
    void noCredentialsAtAll_passes() {
      Finding f =
          eval(
              compliant().mfaEnabled(k(false)).passwordEnabled(k(false)).mfaDevices(k(List.of())),
              Control.ROOT_MFA_ENABLED);
      assertThat(f.status()).isEqualTo(Status.PASS);
      assertThat(f.evidence().key()).isEqualTo("evidence.mfa.noCredentials");
    }
  }

  @Nested
  class AccessKeys {
    @Test
    void none_pass() {
      assertThat(eval(compliant(), Control.ROOT_NO_ACCESS_KEYS).status()).isEqualTo(Status.PASS);
    }

    @Test
    void inactiveKeyStillExists_fail() {
      Finding f =
          eval(
              compliant()
                  .accessKeysPresent(k(true))
                  .accessKeys(
                      k(List.of(new AccessKey("key-1", false, daysAgo(400), Instant.EPOCH)))),
              Control.ROOT_NO_ACCESS_KEYS);
      assertThat(f.status()).isEqualTo(Status.FAIL);
      assertThat(f.evidence().key()).isEqualTo("evidence.keys.presentInactive");
    }

    @Test
    void activeKeyWithoutSummary_fail() {
      Finding f =
          eval(
              compliant()
                  .accessKeysPresent(unknown())
                  .accessKeys(k(List.of(new AccessKey("key-1", true, LastUse.never(), NOW)))),
              Control.ROOT_NO_ACCESS_KEYS);
      assertThat(f.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void reportShowsNoActiveKeyButSummaryMissing_unknown() {
      Finding f = eval(compliant().accessKeysPresent(unknown()), Control.ROOT_NO_ACCESS_KEYS);
      assertThat(f.status()).isEqualTo(Status.UNKNOWN);
      assertThat(f.evidence().key()).isEqualTo("evidence.keys.onlyActiveVisible");
    }

    @Test
    void nothingKnown_unknown() {
      assertThat(
              eval(
                      compliant().accessKeysPresent(unknown()).accessKeys(unknown()),
                      Control.ROOT_NO_ACCESS_KEYS)
                  .status())
          .isEqualTo(Status.UNKNOWN);
    }
  }

  @Nested
  class SoftKeys {
    @Test
    void activeKey_fail() {
      Finding f =
          eval(
              compliant()
                  .accessKeysPresent(k(true))
                  .accessKeys(k(List.of(new AccessKey("key-2", true, daysAgo(500), NOW)))),
              Control.ROOT_ACCESS_KEYS_INACTIVE);
      assertThat(f.status()).isEqualTo(Status.FAIL);
      assertThat(f.evidence().args()).containsExactly("key-2");
    }

    @Test
    void inactiveRecentlyUsed_warn() {
      Finding f =
          eval(
              compliant()
                  .accessKeysPresent(k(true))
                  .accessKeys(k(List.of(new AccessKey("key-1", false, daysAgo(3), NOW)))),
              Control.ROOT_ACCESS_KEYS_INACTIVE);
      assertThat(f.status()).isEqualTo(Status.WARN);
    }

    @Test
    void inactiveAndOld_pass() {
      Finding f =
          eval(
              compliant()
                  .accessKeysPresent(unknown())
                  .accessKeys(k(List.of(new AccessKey("key-1", false, daysAgo(300), NOW)))),
              Control.ROOT_ACCESS_KEYS_INACTIVE);
      assertThat(f.status()).isEqualTo(Status.PASS);
    }

    @Test
    void unknownKeys_unknown() {
      assertThat(
              eval(
                      compliant().accessKeysPresent(unknown()).accessKeys(unknown()),
                      Control.ROOT_ACCESS_KEYS_INACTIVE)
                  .status())
          .isEqualTo(Status.UNKNOWN);
    }
  }

  @Nested
  class Billing {
    @Test
    void unknownByDefault_manual() {
      RootAccountState s = RootAccountState.builder("123456789012").collectedAt(NOW).build();
      Finding f = eval(s, Control.IAM_BILLING_ACCESS_ACTIVATED);
      assertThat(f.status()).isEqualTo(Status.MANUAL);
      assertThat(f.remediation(java.util.Locale.ENGLISH)).contains("Activate IAM Access");
      assertThat(f.remediation(java.util.Locale.JAPANESE)).contains("IAM アクセスをアクティブ化");
    }

    @Test
    void suppliedByCaller_passOrFail() {
      assertThat(eval(compliant(), Control.IAM_BILLING_ACCESS_ACTIVATED).status())
          .isEqualTo(Status.PASS);
      Finding f =
          eval(
              compliant().iamUserAccessToBilling(Fact.known(false, Source.of("vending", NOW))),
              Control.IAM_BILLING_ACCESS_ACTIVATED);
      assertThat(f.status()).isEqualTo(Status.FAIL);
      assertThat(f.evidence().text(java.util.Locale.ENGLISH)).contains("vending");
    }
  }

  @Nested
  class HardwareMfa {
    @Test
    void deviceListAllHardware_passWithPasskeyCaveat() {
      Finding f = eval(compliant(), Control.ROOT_HARDWARE_MFA);
      assertThat(f.status()).isEqualTo(Status.PASS);
      assertThat(f.evidence().text(java.util.Locale.ENGLISH)).contains("synced passkey");
    }

    @Test
    void deviceListWithVirtual_fail() {
      Finding f =
          eval(
              compliant()
                  .mfaDevices(
                      k(
                          List.of(
                              MfaDevice.fromSerial("arn:aws:iam::123456789012:u2f/root/K-A"),
                              MfaDevice.fromSerial("arn:aws:iam::123456789012:mfa/phone")))),
              Control.ROOT_HARDWARE_MFA);
      assertThat(f.status()).isEqualTo(Status.FAIL);
      assertThat(f.evidence().args()).containsExactly("arn:aws:iam::123456789012:mfa/phone");
    }

    @Test
    void unclassifiedDevice_unknown() {
      Finding f =
          eval(
              compliant()
                  .mfaDevices(
                      k(List.of(new MfaDevice("arn:aws:iam::1:weird/x", MfaDevice.Kind.UNKNOWN)))),
              Control.ROOT_HARDWARE_MFA);
      assertThat(f.status()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void heuristic_passAndNamesItself() {
      Finding f = eval(compliant().mfaDevices(unknown()), Control.ROOT_HARDWARE_MFA);
      assertThat(f.status()).isEqualTo(Status.PASS);
      assertThat(f.evidence().key()).isEqualTo("evidence.hwmfa.heuristic");
      assertThat(f.evidence().text(java.util.Locale.ENGLISH))
          .contains("root-account-hardware-mfa-enabled");
    }

    @Test
    void heuristicWithVirtualAssigned_fail() {
      Finding f =
          eval(
              compliant()
                  .mfaDevices(unknown())
                  .virtualMfaSerials(k(List.of("arn:aws:iam::123456789012:mfa/my-phone"))),
              Control.ROOT_HARDWARE_MFA);
      assertThat(f.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void noMfa_fail() {
      assertThat(
              eval(
                      compliant().mfaDevices(unknown()).mfaEnabled(k(false)),
                      Control.ROOT_HARDWARE_MFA)
                  .status())
          .isEqualTo(Status.FAIL);
    }

    @Test
    void virtualListUnknown_unknown() {
      assertThat(
              eval(
                      compliant().mfaDevices(unknown()).virtualMfaSerials(unknown()),
                      Control.ROOT_HARDWARE_MFA)
                  .status())
          .isEqualTo(Status.UNKNOWN);
    }
  }

  @Nested
  class RecentUse {
    @Test
    void passwordUsedYesterday_fail() {
      Finding f = eval(compliant().passwordLastUsed(k(daysAgo(1))), Control.ROOT_NOT_USED_RECENTLY);
      assertThat(f.status()).isEqualTo(Status.FAIL);
      assertThat(f.evidence().args())
          .containsExactly("@noun.password", "2026-11-27 09:00 UTC", "1", "90");
      assertThat(f.evidence().text(java.util.Locale.ENGLISH)).contains("console password");
      assertThat(f.evidence().text(java.util.Locale.JAPANESE)).contains("コンソールパスワード");
    }

    @Test
    void keyUsedRecently_failEvenIfPasswordOld() {
      Finding f =
          eval(
              compliant().accessKeys(k(List.of(new AccessKey("key-2", false, daysAgo(10), NOW)))),
              Control.ROOT_NOT_USED_RECENTLY);
      assertThat(f.status()).isEqualTo(Status.FAIL);
      assertThat(f.evidence().args().get(0)).isEqualTo("key-2");
    }

    @Test
    void oldUse_passAndThresholdIsTunable() {
      RootAccountState s = compliant().passwordLastUsed(k(daysAgo(100))).build();
      assertThat(eval(s, Control.ROOT_NOT_USED_RECENTLY).status()).isEqualTo(Status.PASS);
      RootSecurityPolicy strict = ALL.toBuilder().maxDaysSinceRootUse(365).build();
      assertThat(strict.evaluate(s).finding(Control.ROOT_NOT_USED_RECENTLY).orElseThrow().status())
          .isEqualTo(Status.FAIL);
    }

    @Test
    void boundary_usedExactlyMaxDaysAgo_passes() {
      assertThat(
              eval(compliant().passwordLastUsed(k(daysAgo(90))), Control.ROOT_NOT_USED_RECENTLY)
                  .status())
          .isEqualTo(Status.PASS);
      assertThat(
              eval(
                      compliant()
                          .passwordLastUsed(
                              k(LastUse.at(NOW.minus(Duration.ofDays(90)).plusSeconds(1)))),
                      Control.ROOT_NOT_USED_RECENTLY)
                  .status())
          .isEqualTo(Status.FAIL);
    }

    @Test
    void neverUsed_pass() {
      Finding f =
          eval(compliant().passwordLastUsed(k(LastUse.never())), Control.ROOT_NOT_USED_RECENTLY);
      assertThat(f.status()).isEqualTo(Status.PASS);
      assertThat(f.evidence().key()).isEqualTo("evidence.usage.never");
    }

    @Test
    void passwordUseUnknown_unknown() {
      Finding f = eval(compliant().passwordLastUsed(unknown()), Control.ROOT_NOT_USED_RECENTLY);
      assertThat(f.status()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void referenceTimeIsCollectionTime_notTheClock() {
      RootAccountState s = compliant().passwordLastUsed(k(daysAgo(5))).build();
      RootSecurityPolicy later =
          ALL.toBuilder()
              .clock(Clock.fixed(NOW.plus(Duration.ofDays(400)), ZoneOffset.UTC))
              .build();
      Assessment a = later.evaluate(s);
      assertThat(a.referenceTime()).isEqualTo(NOW);
      assertThat(a.finding(Control.ROOT_NOT_USED_RECENTLY).orElseThrow().status())
          .isEqualTo(Status.FAIL);
    }
  }

  @Nested
  class SigningCertificates {
    @Test
    void passFailUnknown() {
      assertThat(eval(compliant(), Control.ROOT_NO_SIGNING_CERTIFICATES).status())
          .isEqualTo(Status.PASS);
      assertThat(
              eval(
                      compliant().signingCertificatesPresent(k(true)),
                      Control.ROOT_NO_SIGNING_CERTIFICATES)
                  .status())
          .isEqualTo(Status.FAIL);
      assertThat(
              eval(
                      compliant().signingCertificatesPresent(unknown()),
                      Control.ROOT_NO_SIGNING_CERTIFICATES)
                  .status())
          .isEqualTo(Status.UNKNOWN);
    }
  }

  @Nested
  class PasswordPolicyControl {
    @Test
    void cisPolicy_pass() {
      assertThat(eval(compliant(), Control.IAM_PASSWORD_POLICY).status()).isEqualTo(Status.PASS);
    }

    @Test
    void defaultPolicy_failLikeConfig() {
      Finding f =
          eval(compliant().passwordPolicy(k(Optional.empty())), Control.IAM_PASSWORD_POLICY);
      assertThat(f.status()).isEqualTo(Status.FAIL);
      assertThat(f.evidence().key()).isEqualTo("evidence.pwpolicy.default");
    }

    @Test
    void shortPolicy_failListsFields() {
      Finding f =
          eval(
              compliant()
                  .passwordPolicy(
                      k(
                          Optional.of(
                              new IamPasswordPolicy(
                                  8, false, false, false, false, true, 0, 5, false)))),
              Control.IAM_PASSWORD_POLICY);
      assertThat(f.status()).isEqualTo(Status.FAIL);
      assertThat(f.evidence().args().get(1))
          .contains("MinimumPasswordLength >= 14 (8)")
          .contains("PasswordReusePrevention >= 24 (5)");
    }

    @Test
    void configBaseline_requiresCharacterClassesAndExpiry() {
      RootAccountState s =
          compliant()
              .passwordPolicy(
                  k(
                      Optional.of(
                          new IamPasswordPolicy(14, false, true, true, true, true, 0, 24, false))))
              .build();
      assertThat(eval(s, Control.IAM_PASSWORD_POLICY).status()).isEqualTo(Status.PASS);
      RootSecurityPolicy config =
          ALL.toBuilder().passwordBaseline(PasswordPolicyBaseline.awsConfigDefaults()).build();
      Finding f = config.evaluate(s).finding(Control.IAM_PASSWORD_POLICY).orElseThrow();
      assertThat(f.status()).isEqualTo(Status.FAIL);
      assertThat(f.evidence().args().get(1))
          .contains("RequireSymbols")
          .contains("MaxPasswordAge <= 90");
    }

    @Test
    void unknown_unknown() {
      assertThat(eval(compliant().passwordPolicy(unknown()), Control.IAM_PASSWORD_POLICY).status())
          .isEqualTo(Status.UNKNOWN);
    }
  }

  @Nested
  class Centralized {
    RootAccountState.Builder member() {
      return compliant()
          .organizationRole(k(OrganizationRole.MEMBER))
          .centralRootCredentialsManagement(k(true))
          .passwordEnabled(k(false))
          .mfaEnabled(k(false))
          .mfaDevices(k(List.of()));
    }

    @Test
    void cleanMember_pass() {
      assertThat(eval(member(), Control.ORG_ROOT_CREDENTIALS_CENTRALIZED).status())
          .isEqualTo(Status.PASS);
      // and MFA controls accept the credential-less root
      assertThat(eval(member(), Control.ROOT_MFA_ENABLED).status()).isEqualTo(Status.PASS);
      assertThat(eval(member(), Control.ROOT_HARDWARE_MFA).status()).isEqualTo(Status.PASS);
    }

    @Test
    void memberWithPasswordAndMfa_failListsThem() {
      Finding f =
          eval(
              member().passwordEnabled(k(true)).mfaEnabled(k(true)),
              Control.ORG_ROOT_CREDENTIALS_CENTRALIZED);
      assertThat(f.status()).isEqualTo(Status.FAIL);
      assertThat(f.evidence().text(java.util.Locale.ENGLISH))
          .contains("console password, MFA device");
      assertThat(f.evidence().text(java.util.Locale.JAPANESE)).contains("コンソールパスワード、MFA デバイス");
    }

    @Test
    void memberWithUnknownKeys_unknown() {
      assertThat(
              eval(member().accessKeysPresent(unknown()), Control.ORG_ROOT_CREDENTIALS_CENTRALIZED)
                  .status())
          .isEqualTo(Status.UNKNOWN);
    }

    @Test
    void featureOff_fail_andStandaloneNotApplicable_andRoleUnknown() {
      assertThat(
              eval(
                      member().centralRootCredentialsManagement(k(false)),
                      Control.ORG_ROOT_CREDENTIALS_CENTRALIZED)
                  .status())
          .isEqualTo(Status.FAIL);
      assertThat(eval(compliant(), Control.ORG_ROOT_CREDENTIALS_CENTRALIZED).status())
          .isEqualTo(Status.NOT_APPLICABLE);
      assertThat(
              eval(
                      compliant().organizationRole(unknown()),
                      Control.ORG_ROOT_CREDENTIALS_CENTRALIZED)
                  .status())
          .isEqualTo(Status.UNKNOWN);
      assertThat(
              eval(
                      member().centralRootCredentialsManagement(unknown()),
                      Control.ORG_ROOT_CREDENTIALS_CENTRALIZED)
                  .status())
          .isEqualTo(Status.UNKNOWN);
    }

    @Test
    void management_passWhenEnabled() {
      assertThat(
              eval(
                      compliant()
                          .organizationRole(k(OrganizationRole.MANAGEMENT))
                          .centralRootCredentialsManagement(k(true)),
                      Control.ORG_ROOT_CREDENTIALS_CENTRALIZED)
                  .status())
          .isEqualTo(Status.PASS);
    }
  }
}
