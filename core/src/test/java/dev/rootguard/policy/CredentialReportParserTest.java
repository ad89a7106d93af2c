package dev.rootguard.policy;

import static dev.rootguard.policy.Fixtures.HEADER;
import static dev.rootguard.policy.Fixtures.report;
import static dev.rootguard.policy.Fixtures.rootRow;
import static dev.rootguard.policy.Fixtures.userRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.policy.internal.CredentialReportParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialReportParserTest {
  static final Instant GEN = Instant.parse("2026-11-28T09:00:00Z");

  static CredentialReportOptions.Builder opts() {
    return CredentialReportOptions.builder().origin("status_reports.csv").generatedAt(GEN);
  }

  static String field(InvalidInputException e) {
    return e.field();
  }

  @Test
  void awsExampleRootRow_factsAndSources() {
    RootAccountState s = RootAccountState.fromCredentialReport(report(rootRow()), opts().build());
    assertThat(s.accountId()).isEqualTo("123456789012");
    assertThat(s.partition()).isEqualTo("aws");
    assertThat(s.collectedAt()).isEqualTo(GEN);
    assertThat(s.passwordEnabled().isKnown()).isFalse(); // not_supported, no summary
    assertThat(s.passwordLastUsed().value())
        .contains(LastUse.at(Instant.parse("2024-01-02T03:04:05Z")));
    assertThat(s.mfaEnabled().value()).contains(true);
    assertThat(s.mfaEnabled().source()).isEqualTo(Source.of("status_reports.csv", GEN));
    assertThat(s.accessKeys().value()).contains(List.of());
    assertThat(s.accessKeysPresent().isKnown()).isFalse();
    assertThat(s.signingCertificatesPresent().isKnown()).isFalse();
    assertThat(s.accountCreatedAt().value()).contains(Instant.parse("2019-05-05T12:00:00Z"));
    assertThat(s.iamUserAccessToBilling().isKnown()).isFalse();
  }

  @Test
  void accountSummary_fillsGapsWithItsOwnSource() {
    RootAccountState s =
        RootAccountState.fromCredentialReport(
            report(rootRow("mfa_active", "false")),
            opts()
                .accountSummary(
                    Map.of(
                        "AccountMFAEnabled", 1,
                        "AccountAccessKeysPresent", 1,
                        "AccountPasswordPresent", 0,
                        "AccountSigningCertificatesPresent", 0,
                        "Users", 42))
                .summaryOrigin("account-summary.json")
                .build());
    assertThat(s.mfaEnabled().value()).contains(true);
    assertThat(s.mfaEnabled().source().origin()).isEqualTo("account-summary.json");
    assertThat(s.accessKeysPresent().value()).contains(true);
    assertThat(s.passwordEnabled().value()).contains(false);
    assertThat(s.signingCertificatesPresent().value()).contains(false);
  }

  @Test
  void summaryValueOutOfRange_namesKey() {
    assertThatThrownBy(
            () -> CredentialReportOptions.builder().accountSummary(Map.of("AccountMFAEnabled", 2)))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("AccountMFAEnabled");
  }

  @Test
  void passwordEnabledTriState_andCaseInsensitiveBooleans() {
    assertThat(
            RootAccountState.fromCredentialReport(report(rootRow("password_enabled", "TRUE")))
                .passwordEnabled()
                .value())
        .contains(true);
    assertThat(
            RootAccountState.fromCredentialReport(report(rootRow("password_enabled", "False")))
                .passwordEnabled()
                .value())
        .contains(false);
    assertThat(
            RootAccountState.fromCredentialReport(report(rootRow("mfa_active", "FALSE")))
                .mfaEnabled()
                .value())
        .contains(false);
  }

  @Test
  void sentinels_noInformationAndNotSupported() {
    RootAccountState never =
        RootAccountState.fromCredentialReport(
            report(rootRow("password_last_used", "no_information")));
    assertThat(never.passwordLastUsed().value()).contains(LastUse.never());
    RootAccountState na =
        RootAccountState.fromCredentialReport(report(rootRow("password_last_used", "N/A")));
    assertThat(na.passwordLastUsed().value()).contains(LastUse.never());
    RootAccountState ns =
        RootAccountState.fromCredentialReport(
            report(rootRow("password_last_used", "not_supported")));
    assertThat(ns.passwordLastUsed().isKnown()).isFalse();
  }

  @Test
  void datesWithOffsetsFractionsAndZ() {
    assertThat(CredentialReportParser.parseInstant("2024-01-02T12:04:05+09:00"))
        .isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(CredentialReportParser.parseInstant("2024-01-02T03:04:05Z"))
        .isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(CredentialReportParser.parseInstant("2024-01-01T22:04:05-05:00"))
        .isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(CredentialReportParser.parseInstant("2024-01-02T03:04:05.123+00:00"))
        .isEqualTo(Instant.parse("2024-01-02T03:04:05.123Z"));
    assertThat(CredentialReportParser.parseInstant("2024-02-30T03:04:05+00:00")).isNull();
    assertThat(CredentialReportParser.parseInstant("2024-01-02T03:04:05")).isNull();
    assertThat(CredentialReportParser.parseInstant("2024-01-02")).isNull();
  }

  @Test
  void activeAndInactiveKeys_fromTheRootRow() {
    RootAccountState s =
        RootAccountState.fromCredentialReport(
            report(
                rootRow(
                    "access_key_1_active", "true",
                    "access_key_1_last_rotated", "2020-01-01T00:00:00+00:00",
                    "access_key_1_last_used_date", "2026-11-27T00:00:00+00:00",
                    "access_key_1_last_used_region", "us-east-1",
                    "access_key_1_last_used_service", "s3",
                    "access_key_2_last_used_date", "2021-01-01T00:00:00+00:00")));
    List<AccessKey> keys = s.accessKeys().value().orElseThrow();
    assertThat(keys).hasSize(2);
    assertThat(keys.get(0).label()).isEqualTo("key-1");
    assertThat(keys.get(0).active()).isTrue();
    assertThat(keys.get(0).lastRotatedIfKnown()).contains(Instant.parse("2020-01-01T00:00:00Z"));
    assertThat(keys.get(1).active()).isFalse();
    assertThat(keys.get(1).lastRotatedIfKnown()).isEmpty();
    assertThat(s.accessKeysPresent().value()).contains(true);
  }

  @Test
  void activeCertificate_knownPresent() {
    RootAccountState s =
        RootAccountState.fromCredentialReport(
            report(
                rootRow(
                    "cert_2_active", "true", "cert_2_last_rotated", "2015-01-01T00:00:00+00:00")));
    assertThat(s.signingCertificatesPresent().value()).contains(true);
  }

  @Test
  void quotedFieldsCrlfBomAndRootAnywhere() {
    String csv =
        "\uFEFF"
            + HEADER
            + "\r\n"
            + "\"alice, the admin\",\"arn:aws:iam::123456789012:user/alice\",2020-01-01T00:00:00+00:00,"
            + "true,N/A,N/A,N/A,\"false\",false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\r\n"
            + "\"bob \"\"quoted\"\"\",arn:aws:iam::123456789012:user/bob,2020-01-01T00:00:00+00:00,"
            + "false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\r\n"
            + rootRow("password_enabled", "\"true\"")
            + "\r\n";
    RootAccountState s =
        RootAccountState.fromCredentialReport(csv.getBytes(StandardCharsets.UTF_8));
    assertThat(s.passwordEnabled().value()).contains(true);
  }

  @Test
  void columnsInAnotherOrderAndExtraColumns_accepted() {
    List<String> cols = new ArrayList<>(CredentialReportParser.COLUMNS);
    List<String> cells = new ArrayList<>(List.of(rootRow("mfa_active", "false").split(",")));
    java.util.Collections.reverse(cols);
    java.util.Collections.reverse(cells);
    cols.add("future_column");
    cells.add("whatever");
    String csv = String.join(",", cols) + "\n" + String.join(",", cells) + "\n";
    RootAccountState s =
        RootAccountState.fromCredentialReport(csv.getBytes(StandardCharsets.UTF_8));
    assertThat(s.mfaEnabled().value()).contains(false);
    assertThat(s.accountId()).isEqualTo("123456789012");
  }

  @Test
  void govCloudPartition() {
    RootAccountState s =
        RootAccountState.fromCredentialReport(
            report(rootRow("arn", "arn:aws-us-gov:iam::123456789012:root")));
    assertThat(s.partition()).isEqualTo("aws-us-gov");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "password_last_used; 2024-13-01T00:00:00+00:00",
        "password_last_used; yesterday",
        "mfa_active; yes",
        "password_enabled; maybe",
        "access_key_2_last_used_date; 2024-01-02 03:04:05",
        "arn; not-an-arn",
        "cert_1_active; ''",
      })
  void malformedCell_namesRowAndColumn(String column, String value) {
    byte[] csv = report(userRow(1), userRow(2), rootRow(column, value));
    assertThatThrownBy(() -> RootAccountState.fromCredentialReport(csv))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("row 4, column " + column);
  }

  @Test
  void malformedUserRow_isReportedToo() {
    String bad = userRow(16).replace("2026-11-01T10:00:00+00:00", "2026-11-01");
    String[] rows = new String[20];
    for (int i = 0; i < 20; i++) {
      rows[i] = i == 15 ? bad : userRow(i);
    }
    List<String> all = new ArrayList<>(List.of(rows));
    all.add(rootRow());
    assertThatThrownBy(
            () -> RootAccountState.fromCredentialReport(report(all.toArray(String[]::new))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("row 17, column password_last_used: ")
        .hasMessageNotContaining("2026-11-01,");
  }

  @Test
  void wrongFieldCount_namesRow() {
    assertThatThrownBy(() -> RootAccountState.fromCredentialReport(report(rootRow(), "a,b,c")))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("row 3");
  }

  @Test
  void missingHeader_missingRoot_duplicateRoot_empty_unclosedQuote_badUtf8() {
    assertThatThrownBy(
            () ->
                RootAccountState.fromCredentialReport(
                    (rootRow() + "\n").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("header");
    assertThatThrownBy(() -> RootAccountState.fromCredentialReport(report(userRow(1))))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("user");
    assertThatThrownBy(() -> RootAccountState.fromCredentialReport(report(rootRow(), rootRow())))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("row 3, column user");
    assertThatThrownBy(() -> RootAccountState.fromCredentialReport(new byte[0]))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("row 1");
    assertThatThrownBy(
            () -> RootAccountState.fromCredentialReport(report(rootRow(), "\"unclosed,x")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("row 3, column user");
    assertThatThrownBy(
            () -> RootAccountState.fromCredentialReport(new byte[] {(byte) 0xC3, (byte) 0x28}))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("csv");
  }

  @Test
  void accountId_fromOptionWhenArnLacksIt_andConflictRefused() {
    byte[] csv = report(rootRow("arn", "arn:aws:iam:::root"));
    assertThatThrownBy(() -> RootAccountState.fromCredentialReport(csv))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("row 2, column arn");
    RootAccountState s =
        RootAccountState.fromCredentialReport(csv, opts().accountId("210987654321").build());
    assertThat(s.accountId()).isEqualTo("210987654321");
    assertThatThrownBy(
            () ->
                RootAccountState.fromCredentialReport(
                    report(rootRow()), opts().accountId("210987654321").build()))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("accountId");
  }

  @Test
  void tenThousandUsers_rootRowNeverLost_wherever_it_is() {
    for (int rootAt : new int[] {0, 5_000, 10_000}) {
      List<String> rows = new ArrayList<>(10_001);
      for (int i = 0; i < 10_000; i++) {
        if (i == rootAt) {
          rows.add(rootRow("mfa_active", "false", "password_enabled", "true"));
        }
        rows.add(userRow(i));
      }
      if (rootAt == 10_000) {
        rows.add(rootRow("mfa_active", "false", "password_enabled", "true"));
      }
      byte[] csv = report(rows.toArray(String[]::new));
      CredentialReportParser.Parsed p = CredentialReportParser.parse(csv);
      assertThat(p.rows()).isEqualTo(10_001);
      assertThat(p.rootRow()).isEqualTo(rootAt + 2);
      RootAccountState s = RootAccountState.fromCredentialReport(csv);
      assertThat(s.mfaEnabled().value()).contains(false);
      assertThat(s.passwordEnabled().value()).contains(true);
    }
  }

  /** Endless NUL bytes, counting what was read. */
  static final class Zeros extends java.io.InputStream {
    long served;

    @Override
    public int read() {
      served++;
      return 0;
    }
  }

  @Test
  void fromStream_endlessCell_refusedNamingRowAndColumn_readsBoundedAmount() {
    Zeros z = new Zeros();
    assertThatThrownBy(() -> RootAccountState.fromCredentialReport(z, opts().build()))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("row 1, column user"));
    // the reader's buffers, not the stream's length, bound what is taken
    assertThat(z.served).isLessThan(1L << 20);
  }

  @Test
  void fromStream_sameStateAsBytes() {
    byte[] csv = report(rootRow(), userRow(1));
    RootAccountState fromStream =
        RootAccountState.fromCredentialReport(
            new java.io.ByteArrayInputStream(csv), opts().build());
    RootAccountState fromBytes = RootAccountState.fromCredentialReport(csv, opts().build());
    assertThat(fromStream.mfaEnabled()).isEqualTo(fromBytes.mfaEnabled());
    assertThat(fromStream.passwordLastUsed()).isEqualTo(fromBytes.passwordLastUsed());
    assertThat(fromStream.accessKeys()).isEqualTo(fromBytes.accessKeys());
    assertThat(fromStream.accountId()).isEqualTo(fromBytes.accountId());
  }

  @Test
  void fromStream_endlessRowOfEmptyCells_refusedNamingRow() {
    java.io.InputStream commas =
        new java.io.InputStream() {
          @Override
          public int read() {
            return ',';
          }
        };
    assertThatThrownBy(() -> RootAccountState.fromCredentialReport(commas, opts().build()))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("row 1"));
  }
}
