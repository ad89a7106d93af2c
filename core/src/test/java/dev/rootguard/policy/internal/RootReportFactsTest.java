package dev.rootguard.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.policy.CredentialReportOptions;
import dev.rootguard.policy.Fact;
import dev.rootguard.policy.RootAccountState;
import dev.rootguard.policy.Source;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Which reason and which source an unknown fact carries when neither the credential report nor the
 * account summary settles it, with and without a report.
 */
class RootReportFactsTest {
  private static final Instant GEN = Instant.parse("2026-11-28T09:00:00Z");
  private static final Source REPORT = Source.of("report.csv", GEN);
  private static final Source SUMMARY = Source.of("summary.json", GEN);

  private static CredentialReportOptions.Builder opts() {
    return CredentialReportOptions.builder()
        .origin("report.csv")
        .summaryOrigin("summary.json")
        .generatedAt(GEN);
  }

  /** A report whose root row has no password, no keys and no certificates (AWS's own words). */
  private static RootAccountState fromReport(CredentialReportOptions o) {
    String header = String.join(",", CredentialReportParser.COLUMNS);
    String root =
        "<root_account>,arn:aws:iam::123456789012:root,2019-05-05T12:00:00+00:00,not_supported,"
            + "no_information,not_supported,not_supported,false,false,N/A,N/A,N/A,N/A,false,N/A,"
            + "N/A,N/A,N/A,false,N/A,false,N/A";
    return RootAccountState.fromCredentialReport(
        (header + "\n" + root + "\n").getBytes(StandardCharsets.UTF_8), o);
  }

  private static String reason(Fact<?> f) {
    assertThat(f).isInstanceOf(Fact.Unknown.class);
    return ((Fact.Unknown<?>) f).reason();
  }

  @Test
  void withReport_unsettledFactsSayWhatTheReportLacks_sourceIsTheReport() {
    RootAccountState s = fromReport(opts().build());

    assertThat(reason(s.passwordEnabled()))
        .contains("not_supported")
        .contains("AccountPasswordPresent");
    assertThat(reason(s.accessKeysPresent()))
        .contains("inactive access keys")
        .contains("AccountAccessKeysPresent");
    assertThat(s.accessKeysPresent().source()).isEqualTo(REPORT);
    assertThat(reason(s.signingCertificatesPresent()))
        .contains("inactive signing certificates")
        .contains("AccountSigningCertificatesPresent");
    assertThat(s.signingCertificatesPresent().source()).isEqualTo(REPORT);
  }

  @Test
  void withReport_accountNameFromTheOptions() {
    RootAccountState s = fromReport(opts().accountName("acme-prod").build());

    assertThat(s.accountName().value()).contains("acme-prod");
  }

  @Test
  void withoutReport_factsNameTheGap_summaryFactsNameTheSummary() {
    RootAccountState.Builder b = RootAccountState.builder("123456789012").collectedAt(GEN);

    RootAccountState.Builder same =
        RootReportFacts.apply(b, null, opts().build(), "AccessDenied: iam:GetCredentialReport");
    RootAccountState s = b.build();

    assertThat(same).isSameAs(b);
    assertThat(reason(s.passwordEnabled())).isEqualTo("AccessDenied: iam:GetCredentialReport");
    assertThat(reason(s.passwordLastUsed())).isEqualTo("AccessDenied: iam:GetCredentialReport");
    assertThat(reason(s.accessKeysPresent()))
        .startsWith("AccountAccessKeysPresent missing from the summary; ")
        .endsWith("AccessDenied: iam:GetCredentialReport");
    assertThat(s.accessKeysPresent().source()).isEqualTo(SUMMARY);
    assertThat(reason(s.signingCertificatesPresent()))
        .startsWith("AccountSigningCertificatesPresent missing from the summary; ")
        .endsWith("AccessDenied: iam:GetCredentialReport");
    assertThat(s.signingCertificatesPresent().source()).isEqualTo(SUMMARY);
  }

  @Test
  void withoutReportOrGap_reasonIsNoCredentialReport() {
    RootAccountState.Builder b = RootAccountState.builder("123456789012").collectedAt(GEN);

    RootReportFacts.apply(b, null, opts().build(), null);

    assertThat(reason(b.build().passwordEnabled())).isEqualTo("no credential report");
  }
}
