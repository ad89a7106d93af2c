package dev.rootguard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.aws.LocalAwsEndpoint.FakeAccount;
import dev.rootguard.policy.Assessment;
import dev.rootguard.policy.Control;
import dev.rootguard.policy.CredentialReportOptions;
import dev.rootguard.policy.Fact;
import dev.rootguard.policy.RootAccountState;
import dev.rootguard.policy.RootSecurityPolicy;
import dev.rootguard.policy.Status;
import dev.rootguard.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The same credential report and account summary, read live (the real IAM client against the local
 * endpoint) and offline ({@link RootAccountState#fromCredentialReport(byte[],
 * CredentialReportOptions)}), give the same facts and the same control verdicts. The corpus varies
 * each root-row cell through every value AWS documents for it ({@code N/A}, {@code not_supported},
 * {@code no_information}, empty, dates, booleans in both cases), with and without the summary.
 */
class ReportMappingAgreementTest {
  static final String ACCT = "444455556666";
  static final Instant GENERATED = Instant.parse("2026-11-28T00:00:00Z"); // the endpoint's
  static final String HEADER =
      "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
          + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
          + "access_key_1_last_used_date,access_key_1_last_used_region,"
          + "access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
          + "access_key_2_last_used_date,access_key_2_last_used_region,"
          + "access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,"
          + "cert_2_last_rotated";
  static final String[] COLUMNS = HEADER.split(",");
  static final String D1 = "2026-11-27T10:00:00+00:00";
  static final String D2 = "2019-05-05T12:00:00+00:00";

  static LocalAwsEndpoint aws;
  static IamClient iam;

  @BeforeAll
  static void start() {
    aws = LocalAwsEndpoint.start(ACCT);
    iam = aws.iam();
  }

  @AfterAll
  static void stop() {
    iam.close();
    aws.close();
  }

  @AfterEach
  void reset() {
    aws.management().reportCsv = null;
    aws.management().summaryOverride = null;
  }

  /** The reference root row (aws-root-facts.md §4.3), one cell per column. */
  static Map<String, String> baseRow() {
    String[] cells = {
      "<root_account>",
      "arn:aws:iam::" + ACCT + ":root",
      D2,
      "not_supported",
      D1,
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
    Map<String, String> row = new LinkedHashMap<>();
    for (int i = 0; i < COLUMNS.length; i++) {
      row.put(COLUMNS[i], cells[i]);
    }
    return row;
  }

  static Stream<Arguments> corpus() {
    List<Map<String, String>> rows = new ArrayList<>();
    rows.add(baseRow());
    Map<String, List<String>> values = new LinkedHashMap<>();
    values.put("user_creation_time", List.of("N/A", "", "2019-05-05T12:00:00Z"));
    values.put("password_enabled", List.of("true", "false", "TRUE", "FALSE", "not_supported"));
    values.put("password_last_used", List.of("N/A", "no_information", "not_supported", "", D2));
    values.put("password_last_changed", List.of("N/A", "", D2));
    values.put("mfa_active", List.of("false", "TRUE"));
    values.put("cert_1_active", List.of("true"));
    values.put("cert_2_active", List.of("TRUE"));
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      for (String v : e.getValue()) {
        Map<String, String> r = baseRow();
        r.put(e.getKey(), v);
        rows.add(r);
      }
    }
    // access key slots: active / rotated / used / region / service
    String[][] keys = {
      {"true", D2, D1, "us-east-1", "iam"},
      {"true", D2, "N/A", "N/A", "N/A"},
      {"false", D2, "N/A", "N/A", "N/A"},
      {"false", "N/A", D1, "N/A", "s3"},
      {"false", "", "", "", ""},
      {"FALSE", "N/A", "no_information", "N/A", "N/A"},
    };
    for (int slot = 1; slot <= 2; slot++) {
      for (String[] k : keys) {
        Map<String, String> r = baseRow();
        String p = "access_key_" + slot + "_";
        r.put(p + "active", k[0]);
        r.put(p + "last_rotated", k[1]);
        r.put(p + "last_used_date", k[2]);
        r.put(p + "last_used_region", k[3]);
        r.put(p + "last_used_service", k[4]);
        rows.add(r);
      }
    }
    List<Map<String, Integer>> summaries = new ArrayList<>();
    summaries.add(Map.of("Users", 3)); // none of the keys RootGuard reads
    summaries.add(
        Map.of(
            "AccountMFAEnabled", 0,
            "AccountAccessKeysPresent", 1,
            "AccountPasswordPresent", 1,
            "AccountSigningCertificatesPresent", 0));
    summaries.add(
        Map.of(
            "AccountMFAEnabled", 1,
            "AccountAccessKeysPresent", 0,
            "AccountPasswordPresent", 0,
            "AccountSigningCertificatesPresent", 1));
    summaries.add(Map.of("AccountPasswordPresent", 1, "Users", 0));
    List<Arguments> out = new ArrayList<>();
    for (Map<String, String> r : rows) {
      for (Map<String, Integer> s : summaries) {
        out.add(Arguments.of(csv(r), s));
      }
    }
    return out.stream();
  }

  static String csv(Map<String, String> root) {
    String user =
        "alice,arn:aws:iam::"
            + ACCT
            + ":user/alice,2020-01-01T00:00:00+00:00,true,no_information,"
            + "2020-01-01T00:00:00+00:00,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,"
            + "false,N/A,false,N/A";
    return HEADER + "\n" + user + "\n" + String.join(",", root.values()) + "\n";
  }

  @ParameterizedTest(name = "[{index}] summary {1}")
  @MethodSource("corpus")
  void liveAndOffline_sameFactsSameVerdicts(String csv, Map<String, Integer> summary) {
    FakeAccount a = aws.management();
    a.reportCsv = csv;
    a.summaryOverride = summary;
    RootAccountState live =
        AwsRootCollector.builder(iam).clock(new MutableClock(GENERATED)).build().collect();
    RootAccountState offline =
        RootAccountState.fromCredentialReport(
            csv.getBytes(StandardCharsets.UTF_8),
            CredentialReportOptions.builder()
                .origin("credential-report.csv")
                .generatedAt(GENERATED)
                .accountSummary(summary)
                .build());

    assertThat(live.accountId()).isEqualTo(offline.accountId());
    assertThat(live.partition()).isEqualTo(offline.partition());
    List<Function<RootAccountState, Fact<?>>> facts =
        List.of(
            RootAccountState::passwordEnabled,
            RootAccountState::passwordLastUsed,
            RootAccountState::mfaEnabled,
            RootAccountState::accessKeys,
            RootAccountState::accessKeysPresent,
            RootAccountState::signingCertificatesPresent);
    for (Function<RootAccountState, Fact<?>> f : facts) {
      Fact<?> l = f.apply(live);
      Fact<?> o = f.apply(offline);
      assertThat(l.isKnown()).as("known? live %s, offline %s", l, o).isEqualTo(o.isKnown());
      assertThat(l.value()).as("live %s, offline %s", l, o).isEqualTo(o.value());
    }

    // the controls that read only these facts give the same verdict on both paths
    RootSecurityPolicy p = RootSecurityPolicy.recommended();
    Assessment al = p.evaluate(live);
    Assessment ao = p.evaluate(offline);
    for (Control c :
        List.of(
            Control.ROOT_NOT_USED_RECENTLY,
            Control.ROOT_MFA_ENABLED,
            Control.ROOT_NO_ACCESS_KEYS,
            Control.ROOT_NO_SIGNING_CERTIFICATES,
            Control.ROOT_ACCESS_KEYS_INACTIVE)) {
      assertThat(statusIfEvaluated(al, c)).as(c.name()).isEqualTo(statusIfEvaluated(ao, c));
    }
    assertThat(statusIfEvaluated(al, Control.ROOT_NOT_USED_RECENTLY)).isPresent();
  }

  @org.junit.jupiter.api.Test
  void passwordLastUsedNotSupported_isUnknownLive_neverPasses() {
    Map<String, String> r = baseRow();
    r.put("password_last_used", "not_supported");
    aws.management().reportCsv = csv(r);
    RootAccountState live =
        AwsRootCollector.builder(iam).clock(new MutableClock(GENERATED)).build().collect();
    assertThat(live.passwordLastUsed().isKnown()).isFalse();
    assertThat(
            status(RootSecurityPolicy.recommended().evaluate(live), Control.ROOT_NOT_USED_RECENTLY))
        .isEqualTo(Status.UNKNOWN);
  }

  private static java.util.Optional<Status> statusIfEvaluated(Assessment a, Control c) {
    return a.findings().stream().filter(f -> f.control() == c).findFirst().map(f -> f.status());
  }

  private static Status status(Assessment a, Control c) {
    return a.findings().stream()
        .filter(f -> f.control() == c)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no finding for " + c))
        .status();
  }
}
