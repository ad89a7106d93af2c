package dev.rootguard.policy;

import dev.rootguard.password.IamPasswordPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Shared test data: a fully known, compliant root user and CSV helpers. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
  static final Source API = Source.of("iam:GetAccountSummary", NOW);
  static final String ACCOUNT = "123456789012";

  static final String HEADER =
      String.join(",", dev.rootguard.policy.internal.CredentialReportParser.COLUMNS);

  private Fixtures() {}

  static <T> Fact<T> k(T v) {
    return Fact.known(v, API);
  }

  static <T> Fact<T> unknown() {
    return Fact.unknown("not collected in this test", API);
  }

  /** Every fact known and good. */
  static RootAccountState.Builder compliant() {
    return RootAccountState.builder(ACCOUNT)
        .collectedAt(NOW)
        .accountName(k("acme-prod"))
        .passwordEnabled(k(true))
        .passwordLastUsed(k(LastUse.at(NOW.minusSeconds(200L * 86400))))
        .mfaEnabled(k(true))
        .mfaDevices(
            k(
                List.of(
                    MfaDevice.fromSerial("arn:aws:iam::123456789012:u2f/root/YubiKey-AAAA"),
                    MfaDevice.fromSerial("GAHT12345678"))))
        .virtualMfaSerials(k(List.of()))
        .accessKeysPresent(k(false))
        .accessKeys(k(List.of()))
        .signingCertificatesPresent(k(false))
        .iamUserAccessToBilling(Fact.known(true, Source.of("caller", NOW)))
        .passwordPolicy(
            k(Optional.of(new IamPasswordPolicy(14, true, true, true, true, true, 90, 24, false))))
        .organizationRole(k(RootAccountState.OrganizationRole.STANDALONE))
        .centralRootCredentialsManagement(k(false));
  }

  /** A root row as AWS writes it; cells override by column name via pairs. */
  static String rootRow(String... overrides) {
    String[] cells = {
      "<root_account>",
      "arn:aws:iam::123456789012:root",
      "2019-05-05T12:00:00+00:00",
      "not_supported",
      "2024-01-02T03:04:05+00:00",
      "not_supported",
      "not_supported",
      "true",
      "false",
      "N/A",
      "N/A",
      "N/A",
      "N/A",
      "false",
      "N/A",
      "N/A",
      "N/A",
      "N/A",
      "false",
      "N/A",
      "false",
      "N/A"
    };
    for (int i = 0; i < overrides.length; i += 2) {
      int idx = dev.rootguard.policy.internal.CredentialReportParser.COLUMNS.indexOf(overrides[i]);
      if (idx < 0) {
        throw new IllegalArgumentException(overrides[i]);
      }
      cells[idx] = overrides[i + 1];
    }
    return String.join(",", cells);
  }

  static String userRow(int i) {
    return "user"
        + i
        + ",arn:aws:iam::123456789012:user/user"
        + i
        + ",2020-01-01T00:00:00+00:00,true,2026-11-01T10:00:00+00:00,2026-01-01T00:00:00+00:00,"
        + "2027-01-01T00:00:00+00:00,true,true,2026-01-01T00:00:00+00:00,2026-11-20T00:00:00+00:00,"
        + "us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A";
  }

  static byte[] report(String... rows) {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (String r : rows) {
      sb.append(r).append('\n');
    }
    return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
