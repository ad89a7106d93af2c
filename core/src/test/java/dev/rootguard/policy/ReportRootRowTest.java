package dev.rootguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The root row as the live collector used to read it (these cases were the aws module's own
 * parser's tests): the one mapping in core must read them the same way.
 */
class ReportRootRowTest {
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
  void rootRowAfterUsers_readsEveryColumn() {
    String user =
        "\"al,ice\",arn:aws:iam::123456789012:user/alice,2020-01-01T00:00:00+00:00,true,"
            + "no_information,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,"
            + "N/A,false,N/A\n";
    RootAccountState r = RootAccountState.fromCredentialReport(csv(HEADER + user + ROOT));
    assertThat(r.accountId()).isEqualTo("123456789012");
    assertThat(r.partition()).isEqualTo("aws-us-gov");
    assertThat(r.passwordEnabled().isKnown()).isFalse();
    assertThat(r.passwordLastUsed().value())
        .contains(LastUse.at(Instant.parse("2024-01-01T18:04:05Z")));
    assertThat(r.mfaEnabled().value()).contains(true);
    List<AccessKey> keys = r.accessKeys().value().orElseThrow();
    assertThat(keys).hasSize(1);
    assertThat(keys.get(0).active()).isTrue();
    assertThat(keys.get(0).lastUsed()).isEqualTo(LastUse.never());
    assertThat(keys.get(0).lastRotated()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    // cert 2 is active: presence is proven even without the summary
    assertThat(r.signingCertificatesPresent().value()).contains(true);
  }

  @Test
  void noRootRow_namesTheProblem() {
    assertThatThrownBy(() -> RootAccountState.fromCredentialReport(csv(HEADER)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("user"));
  }

  @Test
  void missingColumn_namesIt() {
    assertThatThrownBy(
            () -> RootAccountState.fromCredentialReport(csv("user,arn\n<root_account>,x\n")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("password_enabled");
  }

  @Test
  void badDate_namesTheColumn() {
    String bad = ROOT.replace("2024-01-02T03:04:05+09:00", "yesterday");
    assertThatThrownBy(() -> RootAccountState.fromCredentialReport(csv(HEADER + bad)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).contains("password_last_used"));
  }
}
