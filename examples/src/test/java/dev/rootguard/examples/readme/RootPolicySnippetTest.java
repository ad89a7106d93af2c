package dev.rootguard.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.policy.Assessment;
import dev.rootguard.policy.Control;
import dev.rootguard.policy.CredentialReportOptions;
import dev.rootguard.policy.RootAccountState;
import dev.rootguard.policy.RootSecurityAssertions;
import dev.rootguard.policy.RootSecurityPolicy;
import dev.rootguard.policy.Status;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RootPolicySnippetTest {
  static final String CSV =
      "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
          + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
          + "access_key_1_last_used_date,access_key_1_last_used_region,"
          + "access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
          + "access_key_2_last_used_date,access_key_2_last_used_region,"
          + "access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,"
          + "cert_2_last_rotated\n"
          + "<root_account>,arn:aws:iam::123456789012:root,2019-05-05T12:00:00+00:00,"
          + "not_supported,2024-01-02T03:04:05+00:00,not_supported,not_supported,true,false,N/A,"
          + "N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";

  @Test
  void rootPolicy() {
    byte[] csv = CSV.getBytes(StandardCharsets.UTF_8);
    // snippet: root-policy
    RootAccountState state =
        RootAccountState.fromCredentialReport(
            csv,
            CredentialReportOptions.builder()
                .origin("status_reports.csv")
                .accountSummary(Map.of("AccountMFAEnabled", 1, "AccountAccessKeysPresent", 0))
                .build());
    RootSecurityPolicy policy =
        RootSecurityPolicy.recommended().toBuilder().maxDaysSinceRootUse(30).build();
    Assessment assessment = policy.evaluate(state);
    String report = assessment.render(Assessment.Format.MARKDOWN, Locale.JAPANESE);
    // in a platform's unit test: fails listing each FAIL/UNKNOWN control with its evidence
    RootSecurityAssertions.assertThat(state).passes(policy, Control.ROOT_MFA_ENABLED);
    // end snippet
    assertThat(report).contains("ルートユーザーのセキュリティ評価");
    assertThat(assessment.finding(Control.ROOT_NO_ACCESS_KEYS).orElseThrow().status())
        .isEqualTo(Status.PASS);
    // hardware MFA cannot be proven without the virtual MFA list: not compliant
    assertThat(assessment.isCompliant()).isFalse();
  }
}
