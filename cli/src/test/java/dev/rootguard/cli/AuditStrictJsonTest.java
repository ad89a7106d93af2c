package dev.rootguard.cli;

import static dev.rootguard.cli.AuditCommandTest.HEADER;
import static dev.rootguard.cli.AuditCommandTest.root;
import static dev.rootguard.cli.AuditCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.cli.AuditCommandTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code audit} reads the AWS CLI's JSON as strictly as {@code PasswordPolicy.fromIamJson}: what
 * AWS would never print is one line on stderr naming the option and the JSON entry, exit 2, and no
 * report — never a PASS built on a misread value.
 */
class AuditStrictJsonTest {
  static final String SUMMARY =
      "{\"SummaryMap\": {\"AccountMFAEnabled\": 1, \"AccountAccessKeysPresent\": 0,"
          + " \"AccountPasswordPresent\": 1, \"AccountSigningCertificatesPresent\": 0}}";
  static final String POLICY =
      "{\"PasswordPolicy\": {\"MinimumPasswordLength\": 14, \"PasswordReusePrevention\": 24}}";
  static final String DEVICES = "{\"VirtualMFADevices\": []}";

  static Run audit(Path dir, String summary, String devices, String policy) throws Exception {
    Path csv = Files.writeString(dir.resolve("r.csv"), HEADER + root("true", "N/A"));
    return run(
        "audit",
        "--credential-report",
        csv.toString(),
        "--generated-at",
        "2026-11-28T09:00:00Z",
        "--account-summary",
        Files.writeString(dir.resolve("s.json"), summary).toString(),
        "--virtual-mfa-devices",
        Files.writeString(dir.resolve("v.json"), devices).toString(),
        "--password-policy",
        Files.writeString(dir.resolve("p.json"), policy).toString(),
        "--organization-role",
        "standalone",
        "--policy",
        "cis1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "duplicate key | {\"PasswordPolicy\": {\"MinimumPasswordLength\": 14, \"MinimumPasswordLength\": 6}}"
            + " | --password-policy: PasswordPolicy: not valid JSON",
        "string number | {\"PasswordPolicy\": {\"MinimumPasswordLength\": \"14\"}}"
            + " | --password-policy: MinimumPasswordLength: must be a whole number, was a string",
        "fraction | {\"PasswordPolicy\": {\"MinimumPasswordLength\": 14, \"PasswordReusePrevention\": 24.9}}"
            + " | --password-policy: PasswordReusePrevention: must be a whole number, was the number 24.9",
        "trailing garbage | {\"PasswordPolicy\": {\"MinimumPasswordLength\": 14}} x"
            + " | --password-policy: PasswordPolicy: not valid JSON",
      })
  void passwordPolicy_whatAwsNeverPrints_exitTwo(
      String why, String json, String error, @TempDir Path dir) throws Exception {
    Run r = audit(dir, SUMMARY, DEVICES, json);
    assertThat(r.code()).as(why).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").startsWith("rootguard: error: " + error);
    assertThat(r.out()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "fraction | {\"SummaryMap\": {\"AccountMFAEnabled\": 0.9}}"
            + " | --account-summary: SummaryMap.AccountMFAEnabled: must be a whole number, was the number 0.9",
        "overflow | {\"SummaryMap\": {\"AccountMFAEnabled\": 4294967297}}"
            + " | --account-summary: SummaryMap.AccountMFAEnabled: must be 0..1, was 4294967297",
        "string | {\"SummaryMap\": {\"AccountAccessKeysPresent\": \"0\"}}"
            + " | --account-summary: SummaryMap.AccountAccessKeysPresent: must be a whole number, was a string",
        "duplicate | {\"SummaryMap\": {\"AccountMFAEnabled\": 1, \"AccountMFAEnabled\": 0}}"
            + " | --account-summary: SummaryMap: not valid JSON",
        "big other key | {\"SummaryMap\": {\"Users\": 99999999999999999999999}}"
            + " | --account-summary: SummaryMap.Users: must be 0..2147483647, was 99999999999999999999999",
      })
  void accountSummary_whatAwsNeverPrints_exitTwo(
      String why, String json, String error, @TempDir Path dir) throws Exception {
    Run r = audit(dir, json, DEVICES, POLICY);
    assertThat(r.code()).as(why).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").startsWith("rootguard: error: " + error);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "arn not a string | {\"VirtualMFADevices\": [{\"SerialNumber\": \"arn:aws:iam::123456789012:mfa/a\","
            + " \"User\": {\"Arn\": 123456789012}}]}"
            + " | --virtual-mfa-devices: VirtualMFADevices[0].User.Arn: must be a string, was the number 123456789012",
        "serial missing | {\"VirtualMFADevices\": [{\"User\": {\"Arn\": \"arn:aws:iam::123456789012:root\"}}]}"
            + " | --virtual-mfa-devices: VirtualMFADevices[0].SerialNumber: missing",
        "cut short | {\"VirtualMFADevices\": [], \"NextToken\": \"abc\"}"
            + " | --virtual-mfa-devices: NextToken: the list is incomplete",
        "entry not an object | {\"VirtualMFADevices\": [\"x\"]}"
            + " | --virtual-mfa-devices: VirtualMFADevices[0]: expected a JSON object, was a string",
      })
  void virtualMfaDevices_whatAwsNeverPrints_exitTwo(
      String why, String json, String error, @TempDir Path dir) throws Exception {
    Run r = audit(dir, SUMMARY, json, POLICY);
    assertThat(r.code()).as(why).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").startsWith("rootguard: error: " + error);
  }

  @org.junit.jupiter.api.Test
  void wellFormed_passesThePasswordPolicyControl(@TempDir Path dir) throws Exception {
    Run r = audit(dir, SUMMARY, DEVICES, POLICY);
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains("[PASS]     IAM_PASSWORD_POLICY");
  }
}
