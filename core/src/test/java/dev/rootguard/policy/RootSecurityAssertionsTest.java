package dev.rootguard.policy;

import static dev.rootguard.policy.Fixtures.compliant;
import static dev.rootguard.policy.Fixtures.k;
import static dev.rootguard.policy.Fixtures.unknown;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RootSecurityAssertionsTest {
  @Test
  void compliantAccount_passesAndChains() {
    assertThatCode(
            () ->
                RootSecurityAssertions.assertThat(compliant().build())
                    .compliesWith(RootSecurityPolicy.recommended())
                    .compliesWith(RootSecurityPolicy.cisLevel2())
                    .passes(RootSecurityPolicy.recommended(), Control.ROOT_NO_SIGNING_CERTIFICATES))
        .doesNotThrowAnyException();
  }

  @Test
  void failure_listsEveryFailedControlWithEvidence() {
    RootAccountState s =
        compliant()
            .mfaEnabled(k(false))
            .mfaDevices(k(List.of()))
            .accessKeysPresent(k(true))
            .passwordLastUsed(unknown())
            .build();
    assertThatThrownBy(
            () ->
                RootSecurityAssertions.assertThat(s).compliesWith(RootSecurityPolicy.recommended()))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "account 123456789012 does not comply with policy recommended (4 findings):")
        .hasMessageContaining(
            "- ROOT_MFA_ENABLED [FAIL, critical]: The root user has no MFA device.")
        .hasMessageContaining("- ROOT_NO_ACCESS_KEYS [FAIL, critical]")
        .hasMessageContaining("- ROOT_HARDWARE_MFA [FAIL, critical]")
        .hasMessageContaining("- ROOT_NOT_USED_RECENTLY [UNKNOWN, high]")
        .hasMessageNotContaining("ROOT_PASSWORD_STRONG");
  }

  @Test
  void passes_failsForAControlThatIsNotPass() {
    assertThatThrownBy(
            () ->
                RootSecurityAssertions.assertThat(
                        compliant().signingCertificatesPresent(k(true)).build())
                    .passes(RootSecurityPolicy.recommended(), Control.ROOT_NO_SIGNING_CERTIFICATES))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ROOT_NO_SIGNING_CERTIFICATES [FAIL, high]");
  }
}
