package dev.rootguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AuditCommandTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    CliRunner.Result r = CliRunner.exec(args);
    return new Run(r.exit(), r.out(), r.err());
  }

  private static AuditCommand auditOf(CommandLine cl) {
    return cl.getSubcommands().get("audit").getCommand();
  }

  static final String HEADER =
      "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
          + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
          + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
          + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
          + "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
          + "cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n";

  static String root(String mfa, String lastUsed) {
    return "<root_account>,arn:aws:iam::123456789012:root,2019-05-05T12:00:00+00:00,true,"
        + lastUsed
        + ",not_supported,not_supported,"
        + mfa
        + ",false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";
  }

  @Test
  void demo_text_showsBothSamplesAndExitsOne() {
    Run r = run("audit", "--demo");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains("Account 111122223333 (acme-prod)")
        .contains("Account 444455556666 (legacy-sandbox)")
        .contains("Verdict: COMPLIANT")
        .contains("Verdict: NOT COMPLIANT")
        .contains("[FAIL]     ROOT_NO_ACCESS_KEYS")
        .contains("arn:aws:iam::444455556666:mfa/root-account-mfa-device")
        .contains("Accounts: 2, compliant: 1, not compliant: 1")
        .doesNotContain("\u001b[");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void demo_japanese() {
    Run r = run("audit", "--demo", "--lang", "ja");
    assertThat(r.out()).contains("判定: 準拠").contains("判定: 非準拠").contains("対応方法");
  }

  @Test
  void demo_json_twoAssessments() throws Exception {
    Run r = run("audit", "--demo", "--format", "json", "--policy", "cis2");
    assertThat(r.code()).isEqualTo(1);
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertThat(n.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(n.get("assessments")).hasSize(2);
    assertThat(n.get("assessments").get(0).get("policy").get("name").asText())
        .isEqualTo("cis-level-2");
    assertThat(n.get("assessments").get(0).get("compliant").asBoolean()).isTrue();
    assertThat(n.get("assessments").get(1).get("compliant").asBoolean()).isFalse();
  }

  @Test
  void demo_htmlToFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("report.html");
    Run r =
        run("audit", "--demo", "--format", "html", "--output", f.toString(), "--color", "always");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("Report written to").contains("2 account(s), 1 compliant");
    String html = Files.readString(f, StandardCharsets.UTF_8);
    assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("\u001b");
  }

  @Test
  void demo_colourAlways_usesAnsi_markdownNever() {
    assertThat(run("audit", "--demo", "--color", "always").out()).contains("\u001b[");
    assertThat(run("audit", "--demo", "--format", "md", "--color", "always").out())
        .doesNotContain("\u001b[")
        .contains("| **FAIL** |");
  }

  @Test
  void credentialReport_offlineCompliant_exitZero(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("status_reports.csv");
    Files.writeString(csv, HEADER + root("true", "2026-01-02T03:04:05+00:00"));
    Run r =
        run(
            "audit",
            "--credential-report",
            csv.toString(),
            "--generated-at",
            "2026-11-28T09:00:00Z",
            "--summary",
            "AccountMFAEnabled=1",
            "--summary",
            "AccountAccessKeysPresent=0",
            "--root-virtual-mfa",
            "none",
            "--billing-access",
            "activated",
            "--account-name",
            "ops");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out())
        .contains("Account 123456789012 (ops)")
        .contains("Verdict: COMPLIANT")
        .contains("status_reports.csv @ 2026-11-28 09:00 UTC");
  }

  @Test
  void accountNameWithBidiOverride_escapedInText_exactInJson(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("status_reports.csv");
    Files.writeString(csv, HEADER + root("true", "2026-01-02T03:04:05+00:00"));
    String name = "ops\u202Eved\u2028x";
    String[] args = {
      "audit",
      "--credential-report",
      csv.toString(),
      "--generated-at",
      "2026-11-28T09:00:00Z",
      "--account-name",
      name
    };
    Run text = run(args);
    assertThat(text.out())
        .contains("Account 123456789012 (ops\\u202Eved\\u2028x)")
        .doesNotContain("\u202E")
        .doesNotContain("\u2028");
    String[] asJson = java.util.Arrays.copyOf(args, args.length + 2);
    asJson[args.length] = "--format";
    asJson[args.length + 1] = "json";
    Run json = run(asJson);
    assertThat(json.out()).contains("ops\\u202Eved\\u2028x").doesNotContain("\u202E");
    assertThat(
            new ObjectMapper()
                .readTree(json.out())
                .get("assessments")
                .get(0)
                .get("account")
                .get("name")
                .asText())
        .isEqualTo(name);
  }

  @Test
  void credentialReport_withAwsCliJson_cisLevel2Compliant(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("status_reports.csv");
    Files.writeString(csv, HEADER + root("true", "2026-01-02T03:04:05+00:00"));
    Path summary = dir.resolve("summary.json");
    Files.writeString(
        summary,
        "{\"SummaryMap\": {\"Users\": 3, \"AccountMFAEnabled\": 1,"
            + " \"AccountAccessKeysPresent\": 0, \"AccountSigningCertificatesPresent\": 0,"
            + " \"AccountPasswordPresent\": 1, \"MFADevices\": 2}}");
    Path mfa = dir.resolve("mfa.json");
    Files.writeString(
        mfa,
        "{\"VirtualMFADevices\": ["
            + "{\"SerialNumber\": \"arn:aws:iam::123456789012:mfa/alice-phone\", \"User\": {\"Arn\":"
            + " \"arn:aws:iam::123456789012:user/alice\"}},"
            + "{\"SerialNumber\": \"arn:aws:iam::123456789012:mfa/spare\"}]}");
    Path pp = dir.resolve("pp.json");
    Files.writeString(
        pp,
        "{\"PasswordPolicy\": {\"MinimumPasswordLength\": 14,"
            + " \"RequireSymbols\": true, \"ExpirePasswords\": false, \"PasswordReusePrevention\": 24}}");
    String[] base = {
      "audit",
      "--credential-report",
      csv.toString(),
      "--generated-at",
      "2026-11-28T09:00:00Z",
      "--account-summary",
      summary.toString(),
      "--virtual-mfa-devices",
      mfa.toString(),
      "--password-policy",
      pp.toString(),
      "--organization-role",
      "standalone",
      "--policy",
      "cis2"
    };
    Run r = run(base);
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("Verdict: COMPLIANT")
        .contains("summary.json @ 2026-11-28 09:00 UTC");
    assertThat(r.code()).isEqualTo(0);

    // a root virtual MFA device, matched on User.Arn although its name is free
    Files.writeString(
        mfa,
        "{\"VirtualMFADevices\": [{\"SerialNumber\":"
            + " \"arn:aws:iam::123456789012:mfa/my-authenticator\", \"User\": {\"UserId\":"
            + " \"123456789012\", \"Arn\": \"arn:aws:iam::123456789012:root\"}}]}");
    Run virtual = run(base);
    assertThat(virtual.code()).isEqualTo(1);
    assertThat(virtual.out())
        .contains("[FAIL]     ROOT_HARDWARE_MFA")
        .contains("arn:aws:iam::123456789012:mfa/my-authenticator");

    // no custom password policy: fails like AWS Config
    String[] none = base.clone();
    none[10] = "none";
    assertThat(run(none).out()).contains("[FAIL]     IAM_PASSWORD_POLICY");

    Files.writeString(pp, "{\"PasswordPolicy\": {\"MinimumPasswordLength\": 200}}");
    Run bad = run(base);
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("MinimumPasswordLength: must be 6..128");
    Files.writeString(summary, "[1,2]");
    assertThat(run(base).err()).contains("--account-summary: SummaryMap: expected a JSON object");
  }

  @Test
  void credentialReport_withoutExtras_isNotProvenCompliant(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("r.csv");
    Files.writeString(csv, HEADER + root("true", "no_information"));
    Run r = run("audit", "--credential-report", csv.toString(), "--format", "json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("\"UNKNOWN\"");
  }

  @Test
  void credentialReport_rootUsedYesterday_findings(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("r.csv");
    Files.writeString(csv, HEADER + root("false", "2026-11-27T09:00:00+00:00"));
    Run r =
        run(
            "audit",
            "--credential-report",
            csv.toString(),
            "--generated-at",
            "2026-11-28T09:00:00Z");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains("[FAIL]     ROOT_MFA_ENABLED")
        .contains("[FAIL]     ROOT_NOT_USED_RECENTLY");
  }

  @Test
  void malformedReport_exitTwo_oneLineNamingRowAndColumn(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, HEADER + root("maybe", "no_information"));
    Run r = run("audit", "--credential-report", csv.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo("rootguard: error: row 2, column mfa_active: expected true or false");
    assertThat(r.out()).isEmpty();
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
  void credentialReport_devZero_oneLineExitTwoPromptly() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
    Run r = run("audit", "--credential-report", "/dev/zero");
    assertThat(r.code()).isEqualTo(2);
    // NUL bytes are one endless cell: refused at the cell limit, long before the size limit
    assertThat(r.err().strip())
        .doesNotContain("\n")
        .startsWith("rootguard: error: row 1, column user:");
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
  void accountSummary_devZero_oneLineExitTwoPromptly(@TempDir Path dir) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
    Path csv = Files.writeString(dir.resolve("r.csv"), HEADER + root("true", "N/A"));
    Run r = run("audit", "--credential-report", csv.toString(), "--account-summary", "/dev/zero");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains("--account-summary");
  }

  @Test
  void credentialReport_overLimit_refusedNamingTheOption(@TempDir Path dir) throws Exception {
    StringBuilder sb = new StringBuilder(HEADER).append(root("true", "N/A"));
    for (int i = 0; i < 20; i++) {
      sb.append(root("true", "N/A").replace("<root_account>", "user" + i));
    }
    Path csv = Files.writeString(dir.resolve("big.csv"), sb);
    CliRunner.Result r =
        CliRunner.cli()
            .withSetup(cl -> auditOf(cl).maxReportBytes = 1000)
            .run("audit", "--credential-report", csv.toString());
    int code = r.exit();
    assertThat(code).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo(
            "rootguard: error: --credential-report: input is larger than 1000 bytes (or does not"
                + " end)");
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
  void credentialReport_fifo_oneLineExitTwoPromptly(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("report.fifo");
    boolean made;
    try {
      made =
          new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor() == 0
              && Files.exists(fifo);
    } catch (java.io.IOException e) {
      made = false;
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(
        made, "mkfifo is not available; FIFO test skipped");
    Thread writer =
        new Thread(
            () -> {
              byte[] rows =
                  root("true", "N/A")
                      .replace("<root_account>", "user")
                      .getBytes(StandardCharsets.UTF_8);
              try (java.io.OutputStream o = Files.newOutputStream(fifo)) {
                o.write(HEADER.getBytes(StandardCharsets.UTF_8));
                while (true) {
                  o.write(rows);
                }
              } catch (java.io.IOException e) {
                // the reader stopped: expected
              }
            });
    writer.setDaemon(true);
    writer.start();
    CliRunner.Result r =
        CliRunner.cli()
            .withSetup(cl -> auditOf(cl).maxReportBytes = 100_000)
            .run(
                "audit",
                "--credential-report",
                fifo.toString(),
                "--generated-at",
                "2026-11-28T09:00:00Z");
    int code = r.exit();
    assertThat(code).isEqualTo(2);
    assertThat(r.err().strip())
        .doesNotContain("\n")
        .contains("--credential-report: input is larger than 100000 bytes");
  }

  @Test
  void inputErrors_exitTwo() {
    assertThat(run("audit", "--demo", "--policy", "cis3").err())
        .contains("--policy: must be recommended, cis1 or cis2");
    assertThat(run("audit", "--demo", "--format", "pdf").code()).isEqualTo(2);
    assertThat(run("audit", "--demo", "--lang", "fr").code()).isEqualTo(2);
    assertThat(run("audit", "--demo", "--max-days-since-root-use", "0").err())
        .contains("maxDaysSinceRootUse");
    assertThat(run("audit", "--demo", "--credential-report", "x.csv").err())
        .contains("either --demo or --credential-report");
    assertThat(run("audit", "--credential-report", "/nonexistent/r.csv").err())
        .contains("no such file");
    assertThat(run("audit", "--credential-report", "/nonexistent/r.csv").err())
        .doesNotContain("Exception");
    assertThat(run("audit", "--bogus").code()).isEqualTo(2);
  }

  @Test
  void unknownSummaryKey_refused(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("r.csv");
    Files.writeString(csv, HEADER + root("true", "no_information"));
    Run r = run("audit", "--credential-report", csv.toString(), "--summary", "Users=3");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--summary: unknown key Users");
  }

  @Test
  void runDemo_forTheLeadsDemoCommand() {
    StringWriter sw = new StringWriter();
    int code = DemoReports.auditSamples(new PrintWriter(sw), Locale.ENGLISH, false);
    assertThat(code).isEqualTo(1);
    assertThat(sw.toString())
        .contains("acme-prod")
        .contains("legacy-sandbox")
        .contains("Verdict: COMPLIANT");
  }

  @Test
  void demoSamples_haveTheIntendedVerdicts() {
    var p = dev.rootguard.policy.RootSecurityPolicy.recommended();
    var good = p.evaluate(DemoAccounts.compliant());
    var bad = p.evaluate(DemoAccounts.neglected());
    assertThat(good.blockingFindings()).isEmpty();
    assertThat(bad.blockingFindings().stream().map(f -> f.control().name()))
        .containsExactlyInAnyOrder(
            "ROOT_NO_ACCESS_KEYS", "ROOT_HARDWARE_MFA", "ROOT_NOT_USED_RECENTLY");
  }
}
