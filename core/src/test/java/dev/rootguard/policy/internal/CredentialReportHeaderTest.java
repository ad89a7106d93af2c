package dev.rootguard.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Header and blank-line rules of {@link CredentialReportParser#parse}. */
class CredentialReportHeaderTest {
  private static final String ROOT =
      "<root_account>,arn:aws:iam::123456789012:root,2019-05-05T12:00:00+00:00,not_supported,"
          + "no_information,not_supported,not_supported,false,false,N/A,N/A,N/A,N/A,false,N/A,"
          + "N/A,N/A,N/A,false,N/A,false,N/A";

  private static byte[] csv(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String header() {
    return String.join(",", CredentialReportParser.COLUMNS);
  }

  @Test
  void duplicateKnownColumn_refusedNamingTheFirst() {
    String text = header() + ",mfa_active,arn\n" + ROOT + ",false,x\n";

    assertThatThrownBy(() -> CredentialReportParser.parse(csv(text)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("row 1");
              assertThat(e.reason()).isEqualTo("duplicate column \"mfa_active\"");
            });
  }

  @Test
  void duplicateUnknownExtraColumn_ignored() {
    String text = header() + ",extra,extra\n" + ROOT + ",a,b\n";

    assertThat(CredentialReportParser.parse(csv(text)).root().get(0)).isEqualTo("<root_account>");
  }

  @Test
  void blankLines_skippedAndNotCounted() {
    String text = header() + "\n\n" + ROOT + "\n\n";

    CredentialReportParser.Parsed p = CredentialReportParser.parse(csv(text));

    assertThat(p.rows()).isEqualTo(1);
    assertThat(p.rootRow()).isEqualTo(3);
  }
}
