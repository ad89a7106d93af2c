package dev.rootguard.policy;

import static dev.rootguard.policy.Fixtures.NOW;
import static dev.rootguard.policy.Fixtures.compliant;
import static dev.rootguard.policy.Fixtures.k;
import static dev.rootguard.policy.Fixtures.unknown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RootSecurityPolicyTest {
  @Test
  void presets_enableTheDocumentedControls() {
    assertThat(RootSecurityPolicy.recommended().controls())
        .containsExactly(
            Control.ROOT_PASSWORD_STRONG,
            Control.ROOT_MFA_ENABLED,
            Control.ROOT_NO_ACCESS_KEYS,
            Control.IAM_BILLING_ACCESS_ACTIVATED,
            Control.ROOT_HARDWARE_MFA,
            Control.ROOT_NOT_USED_RECENTLY);
    assertThat(RootSecurityPolicy.cisLevel1().controls())
        .containsExactly(
            Control.ROOT_MFA_ENABLED,
            Control.ROOT_NO_ACCESS_KEYS,
            Control.ROOT_NOT_USED_RECENTLY,
            Control.IAM_PASSWORD_POLICY,
            Control.ORG_ROOT_CREDENTIALS_CENTRALIZED);
    assertThat(RootSecurityPolicy.cisLevel2().controls())
        .containsAll(RootSecurityPolicy.cisLevel1().controls())
        .contains(Control.ROOT_HARDWARE_MFA)
        .hasSize(6);
    assertThat(RootSecurityPolicy.cisLevel2().name()).isEqualTo("cis-level-2");
    assertThat(RootSecurityPolicy.recommended().maxDaysSinceRootUse()).isEqualTo(90);
    assertThat(RootSecurityPolicy.cisLevel1().passwordBaseline())
        .isEqualTo(PasswordPolicyBaseline.cis());
  }

  @Test
  void builder_enableDisableTune_andToBuilderRoundTrips() {
    RootSecurityPolicy p =
        RootSecurityPolicy.recommended().toBuilder()
            .disable(Control.IAM_BILLING_ACCESS_ACTIVATED)
            .enable(Control.ROOT_NO_SIGNING_CERTIFICATES)
            .maxDaysSinceRootUse(7)
            .build();
    assertThat(p.isEnabled(Control.IAM_BILLING_ACCESS_ACTIVATED)).isFalse();
    assertThat(p.isEnabled(Control.ROOT_NO_SIGNING_CERTIFICATES)).isTrue();
    assertThat(p.maxDaysSinceRootUse()).isEqualTo(7);
    assertThat(p.toBuilder().build()).isEqualTo(p);
    assertThat(RootSecurityPolicy.recommended()).isEqualTo(RootSecurityPolicy.recommended());
    assertThatThrownBy(() -> p.controls().add(Control.IAM_PASSWORD_POLICY))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void builder_rejectsBadValues_namingTheField() {
    assertThatThrownBy(() -> RootSecurityPolicy.builder().build())
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("controls");
    for (int bad : new int[] {0, -1, 3651}) {
      assertThatThrownBy(() -> RootSecurityPolicy.builder().maxDaysSinceRootUse(bad))
          .isInstanceOf(InvalidInputException.class)
          .extracting(e -> ((InvalidInputException) e).field())
          .isEqualTo("maxDaysSinceRootUse");
    }
    assertThatThrownBy(() -> new PasswordPolicyBaseline("x", 5, 24, false, false, false, false, 0))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("minimumLength");
  }

  @Test
  void evaluate_findingsInControlOrder_oneEach() {
    Assessment a = RootSecurityPolicy.cisLevel2().evaluate(compliant().build());
    assertThat(a.findings().stream().map(Finding::control).toList())
        .containsExactlyElementsOf(RootSecurityPolicy.cisLevel2().controls());
  }

  @Test
  void compliance_failAndUnknownBreakIt_warnAndManualDoNot() {
    RootSecurityPolicy p = RootSecurityPolicy.builder().enableAll().build();
    assertThat(p.evaluate(compliant().build()).isCompliant()).isTrue();
    assertThat(p.evaluate(compliant().signingCertificatesPresent(unknown()).build()).isCompliant())
        .isFalse();
    Assessment warn =
        p.evaluate(
            compliant()
                .accessKeysPresent(unknown())
                .accessKeys(
                    k(
                        List.of(
                            new AccessKey(
                                "key-1", false, LastUse.at(NOW.minusSeconds(86400)), NOW))))
                .build());
    assertThat(warn.finding(Control.ROOT_ACCESS_KEYS_INACTIVE).orElseThrow().status())
        .isEqualTo(Status.WARN);
    // the used key also fails recent use, and presence is unknown
    assertThat(warn.isCompliant()).isFalse();
    assertThat(warn.blockingFindings().stream().map(Finding::control))
        .contains(Control.ROOT_NOT_USED_RECENTLY, Control.ROOT_NO_ACCESS_KEYS)
        .doesNotContain(Control.ROOT_ACCESS_KEYS_INACTIVE);
  }

  @Test
  void score_isSeverityWeighted() {
    RootSecurityPolicy p =
        RootSecurityPolicy.builder()
            .enable(
                Control.ROOT_MFA_ENABLED,
                Control.IAM_PASSWORD_POLICY,
                Control.IAM_BILLING_ACCESS_ACTIVATED)
            .build();
    // MFA (critical, 10) passes, password policy (medium, 3) fails, billing MANUAL left out
    Assessment a =
        p.evaluate(
            compliant()
                .passwordPolicy(k(java.util.Optional.empty()))
                .iamUserAccessToBilling(unknown())
                .build());
    assertThat(a.score()).isEqualTo(Math.round(100f * 10 / 13));
    assertThat(a.counts())
        .containsEntry(Status.PASS, 1)
        .containsEntry(Status.FAIL, 1)
        .containsEntry(Status.MANUAL, 1);
    // nothing decided: 0
    RootSecurityPolicy billingOnly =
        RootSecurityPolicy.builder().enable(Control.IAM_BILLING_ACCESS_ACTIVATED).build();
    assertThat(billingOnly.evaluate(compliant().iamUserAccessToBilling(unknown()).build()).score())
        .isZero();
  }

  @Test
  void evaluatedAt_fromClock_andEpochStateUsesClockAsReference() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    RootSecurityPolicy p = RootSecurityPolicy.recommended().toBuilder().clock(clock).build();
    Assessment a = p.evaluate(RootAccountState.builder("123456789012").build());
    assertThat(a.evaluatedAt()).isEqualTo(NOW);
    assertThat(a.referenceTime()).isEqualTo(NOW);
  }

  @Test
  void sharedPolicy_isSafeAcrossThreads() throws Exception {
    RootSecurityPolicy p = RootSecurityPolicy.builder().enableAll().build();
    RootAccountState good = compliant().build();
    RootAccountState bad = compliant().mfaEnabled(k(false)).mfaDevices(k(List.of())).build();
    String expectedGood =
        p.evaluate(good)
            .render(Assessment.Format.JSON, Locale.ENGLISH)
            .replaceAll("\"evaluatedAt\" : \"[^\"]+\"", "");
    ExecutorService ex = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> fs = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        final boolean even = i % 2 == 0;
        fs.add(
            ex.submit(
                () -> {
                  Assessment a = p.evaluate(even ? good : bad);
                  if (even) {
                    return a.render(Assessment.Format.JSON, Locale.ENGLISH)
                        .replaceAll("\"evaluatedAt\" : \"[^\"]+\"", "")
                        .equals(expectedGood);
                  }
                  return !a.isCompliant();
                }));
      }
      for (Future<Boolean> f : fs) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      ex.shutdownNow();
    }
  }

  @Test
  void controlIds_areStableAndLookedUp() {
    assertThat(Control.byId("ROOT_MFA_ENABLED")).contains(Control.ROOT_MFA_ENABLED);
    assertThat(Control.byId("nope")).isEmpty();
    assertThat(Control.ROOT_NO_ACCESS_KEYS.references())
        .contains(
            new Reference(Reference.CIS, "7.0.0", "2.4"),
            new Reference(Reference.CIS, "1.2.0", "1.12"),
            new Reference(Reference.SECURITY_HUB, "", "IAM.4"),
            new Reference(Reference.AWS_CONFIG, "", "iam-root-access-key-check"));
    assertThat(Control.ROOT_HARDWARE_MFA.references())
        .contains(
            new Reference(Reference.CIS, "5.0.0", "1.5"),
            new Reference(Reference.SECURITY_HUB, "", "IAM.6"));
    assertThat(Control.IAM_PASSWORD_POLICY.references())
        .contains(
            new Reference(Reference.CIS, "6.0.0", "2.7"),
            new Reference(Reference.CIS, "6.0.0", "2.8"),
            new Reference(Reference.SECURITY_HUB, "", "IAM.15"),
            new Reference(Reference.SECURITY_HUB, "", "IAM.16"));
    assertThat(Control.ORG_ROOT_CREDENTIALS_CENTRALIZED.references())
        .contains(new Reference(Reference.CIS, "7.0.0", "2.1.1"));
    assertThat(Control.ROOT_NOT_USED_RECENTLY.references())
        .contains(
            new Reference(Reference.CIS, "1.4.0", "1.7"),
            new Reference(Reference.SECURITY_HUB, "", "CloudWatch.1"));
  }
}
