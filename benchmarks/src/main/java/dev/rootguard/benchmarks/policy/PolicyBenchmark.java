package dev.rootguard.benchmarks.policy;

import dev.rootguard.password.IamPasswordPolicy;
import dev.rootguard.policy.AccessKey;
import dev.rootguard.policy.Assessment;
import dev.rootguard.policy.CredentialReportOptions;
import dev.rootguard.policy.Fact;
import dev.rootguard.policy.LastUse;
import dev.rootguard.policy.MfaDevice;
import dev.rootguard.policy.RootAccountState;
import dev.rootguard.policy.RootSecurityPolicy;
import dev.rootguard.policy.Source;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Root security policy speed: evaluating one account (target at most 20 µs), parsing a 10,000-user
 * credential report (target at most 50 ms), rendering a report.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
public class PolicyBenchmark {
  static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");

  RootSecurityPolicy recommended;
  RootSecurityPolicy all;
  RootAccountState state;
  byte[] report10k;
  CredentialReportOptions options;
  Assessment assessment;

  @Setup(Level.Trial)
  public void setUp() {
    recommended = RootSecurityPolicy.recommended();
    all = RootSecurityPolicy.builder().enableAll().build();
    Source s = Source.of("iam:GetAccountSummary", NOW);
    state =
        RootAccountState.builder("123456789012")
            .collectedAt(NOW)
            .accountName(Fact.known("acme-prod", s))
            .passwordEnabled(Fact.known(true, s))
            .passwordLastUsed(Fact.known(LastUse.at(NOW.minusSeconds(86400L * 3)), s))
            .mfaEnabled(Fact.known(true, s))
            .mfaDevices(
                Fact.known(List.of(MfaDevice.fromSerial("arn:aws:iam::123456789012:mfa/phone")), s))
            .virtualMfaSerials(Fact.known(List.of("arn:aws:iam::123456789012:mfa/phone"), s))
            .accessKeysPresent(Fact.known(true, s))
            .accessKeys(
                Fact.known(
                    List.of(new AccessKey("key-1", true, LastUse.at(NOW.minusSeconds(3600)), NOW)),
                    s))
            .signingCertificatesPresent(Fact.known(false, s))
            .passwordPolicy(
                Fact.known(
                    Optional.of(
                        new IamPasswordPolicy(8, false, true, true, true, true, 0, 0, false)),
                    s))
            .organizationRole(Fact.known(RootAccountState.OrganizationRole.MEMBER, s))
            .centralRootCredentialsManagement(Fact.known(true, s))
            .build();
    report10k = report(10_000);
    options =
        CredentialReportOptions.builder()
            .generatedAt(NOW)
            .accountSummary(Map.of("AccountMFAEnabled", 1, "AccountAccessKeysPresent", 0))
            .build();
    assessment = all.evaluate(state);
  }

  static byte[] report(int users) {
    StringBuilder sb =
        new StringBuilder(
            "user,arn,user_creation_time,password_enabled,password_last_used,"
                + "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,"
                + "access_key_1_last_rotated,access_key_1_last_used_date,"
                + "access_key_1_last_used_region,access_key_1_last_used_service,"
                + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
                + "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
                + "cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n");
    for (int i = 0; i < users; i++) {
      if (i == users / 2) {
        sb.append(
            "<root_account>,arn:aws:iam::123456789012:root,2019-05-05T12:00:00+00:00,"
                + "not_supported,2024-01-02T03:04:05+00:00,not_supported,not_supported,true,"
                + "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
      }
      sb.append("user-")
          .append(i)
          .append(",arn:aws:iam::123456789012:user/team/user-")
          .append(i)
          .append(",2020-01-01T00:00:00+00:00,true,2026-11-01T10:00:00+00:00,")
          .append("2026-01-01T00:00:00+00:00,2027-01-01T00:00:00+00:00,true,true,")
          .append("2026-01-01T00:00:00+00:00,2026-11-20T00:00:00+00:00,us-east-1,s3,")
          .append(
              i % 3 == 0
                  ? "true,2025-06-01T00:00:00+00:00,2026-10-01T08:30:00+00:00,"
                      + "ap-northeast-1,ec2,"
                  : "false,N/A,N/A,N/A,N/A,")
          .append("false,N/A,false,N/A\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The recommended policy (6 controls) on one fully known account. Target: at most 20 µs. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Assessment evaluateRecommended() {
    return recommended.evaluate(state);
  }

  /** Every control (10) on one account. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Assessment evaluateAllControls() {
    return all.evaluate(state);
  }

  /** Parse and check a 10,000-user credential report (about 2.9 MB). Target: at most 50 ms. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public RootAccountState parseCredentialReport10k() {
    return RootAccountState.fromCredentialReport(report10k, options);
  }

  /** Render one assessment as JSON (for context). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String renderJson() {
    return assessment.render(Assessment.Format.JSON, Locale.ENGLISH);
  }
}
