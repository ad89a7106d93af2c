package dev.rootguard.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CredentialReportRootTest {
  static final String HEADER =
      "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
          + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
          + "access_key_1_last_used_date,access_key_1_last_used_region,"
          + "access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
          + "access_key_2_last_used_date,access_key_2_last_used_region,"
          + "access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,"
          + "cert_2_last_rotated\n";
  static final String ROOT =
      "<root_account>,arn:aws-us-gov:iam::123456789012:root,2019-05-05T12:00:00+00:00,"
          + "not_supported,2024-01-02T03:04:05+09:00,not_supported,not_supported,true,"
          + "TRUE,2020-01-01T00:00:00Z,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,true,"
          + "2021-01-01T00:00:00+00:00\n";

  static byte[] csv(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void parse_rootRowAfterUsers_readsEveryColumn() {
    String user =
        "\"al,ice\",arn:aws:iam::123456789012:user/alice,2020-01-01T00:00:00+00:00,true,"
            + "no_information,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,"
            + "N/A,false,N/A\n";
    CredentialReportRoot r = CredentialReportRoot.parse(csv(HEADER + user + ROOT));
    assertThat(r.accountId()).isEqualTo("123456789012");
    assertThat(r.partition()).isEqualTo("aws-us-gov");
    assertThat(r.passwordEnabled()).isEmpty();
    assertThat(r.passwordLastUsed()).contains(Instant.parse("2024-01-01T18:04:05Z"));
    assertThat(r.mfaActive()).contains(true);
    assertThat(r.accessKeyActive(1)).contains(true);
    assertThat(r.accessKeyLastUsed(1)).isEmpty();
    assertThat(r.accessKeyLastRotated(1)).contains(Instant.parse("2020-01-01T00:00:00Z"));
    assertThat(r.accessKeyActive(2)).contains(false);
    assertThat(r.certActive(2)).contains(true);
  }

  @Test
  void parse_noRootRow_namesTheProblem() {
    assertThatThrownBy(() -> CredentialReportRoot.parse(csv(HEADER)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("credential report"));
  }

  @Test
  void parse_missingColumn_namesIt() {
    assertThatThrownBy(() -> CredentialReportRoot.parse(csv("user,arn\n<root_account>,x\n")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("missing column password_enabled");
  }

  @Test
  void parse_badDate_namesTheColumn() {
    String bad = ROOT.replace("2024-01-02T03:04:05+09:00", "yesterday");
    assertThatThrownBy(() -> CredentialReportRoot.parse(csv(HEADER + bad)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).contains("password_last_used"));
  }
}
