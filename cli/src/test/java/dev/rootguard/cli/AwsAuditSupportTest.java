package dev.rootguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.aws.AccountResult;
import dev.rootguard.aws.AuditProgress;
import dev.rootguard.aws.AuditSummary;
import dev.rootguard.aws.AwsCollectionException;
import dev.rootguard.aws.LocalAwsEndpoint;
import dev.rootguard.policy.RootAccountState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the CLI's AWS half against the local endpoint, configured the way a user would. */
class AwsAuditSupportTest {
  static final String MGMT = "100000000000";
  static final List<String> PROPS =
      List.of(
          "aws.endpointUrl",
          "aws.accessKeyId",
          "aws.secretAccessKey",
          "aws.sharedCredentialsFile",
          "aws.configFile");

  LocalAwsEndpoint aws;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    aws = LocalAwsEndpoint.start(MGMT);
    System.setProperty("aws.endpointUrl", aws.uri().toString());
    Path creds = dir.resolve("credentials");
    Files.writeString(
        creds,
        "[audit]\naws_access_key_id = "
            + LocalAwsEndpoint.MANAGEMENT_KEY
            + "\naws_secret_access_key = s\n");
    System.setProperty("aws.sharedCredentialsFile", creds.toString());
    System.setProperty("aws.configFile", dir.resolve("config").toString());
  }

  @AfterEach
  void stop() {
    PROPS.forEach(System::clearProperty);
    aws.close();
  }

  @Test
  void collectAccount_namedProfile_collectsTheCallersAccount() {
    RootAccountState s = AwsAuditSupport.collectAccount("audit", "eu-west-1");
    assertThat(s.accountId()).isEqualTo(MGMT);
    assertThat(s.accountName().value()).contains("account-" + MGMT);
    assertThat(aws.calls()).allMatch(c -> c.accessKeyId().equals(LocalAwsEndpoint.MANAGEMENT_KEY));
  }

  @Test
  void collectAccount_defaultChain_usesSystemProperties() {
    System.setProperty("aws.accessKeyId", LocalAwsEndpoint.MANAGEMENT_KEY);
    System.setProperty("aws.secretAccessKey", "s");
    RootAccountState s = AwsAuditSupport.collectAccount(null, null);
    assertThat(s.mfaEnabled().value()).contains(true);
  }

  @Test
  void collectAccount_summaryDenied_errorNamesTheAction() {
    aws.deny("iam:GetAccountSummary");
    assertThatThrownBy(() -> AwsAuditSupport.collectAccount("audit", "us-east-1"))
        .isInstanceOf(AwsCollectionException.class)
        .hasMessageContaining("iam:GetAccountSummary");
  }

  @Test
  void auditOrganization_streamsEveryAccountAndDrawsAProgressBar() {
    for (int i = 1; i <= 12; i++) {
      aws.account(String.format("2%011d", i));
    }
    aws.failAssumeRole("200000000005");
    List<AccountResult> results = Collections.synchronizedList(new ArrayList<>());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AuditSummary summary =
        AwsAuditSupport.auditOrganization(
            "audit",
            "us-east-1",
            null,
            4,
            results::add,
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(results).hasSize(13);
    assertThat(summary.failed()).isEqualTo(1);
    assertThat(summary.collected()).isEqualTo(12);
    String bar = err.toString(StandardCharsets.UTF_8);
    assertThat(bar).contains("\r[").endsWith("13/13 accounts, 1 failed" + System.lineSeparator());
  }

  @Test
  void bar_halfway_halfFilled() {
    assertThat(AwsAuditSupport.bar(new AuditProgress(10, 5, 1, true)))
        .isEqualTo("[###############...............] 5/10 accounts, 1 failed");
    assertThat(AwsAuditSupport.bar(new AuditProgress(20, 5, 0, false))).contains("5/20+");
  }

  @Test
  void badOptions_errorNamesTheOption() {
    assertThatThrownBy(() -> AwsAuditSupport.collectAccount("audit", "Mars"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("--region"));
    assertThatThrownBy(() -> AwsAuditSupport.collectAccount("bad profile", null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("--profile"));
    assertThatThrownBy(
            () -> AwsAuditSupport.auditOrganization("audit", null, null, 0, r -> {}, null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("--concurrency"));
    assertThatThrownBy(
            () -> AwsAuditSupport.auditOrganization("audit", null, "no spaces!", 8, r -> {}, null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("--role"));
  }

  private static String[] cli(String... args) {
    return args;
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    CliRunner.Result r = CliRunner.exec(args);
    return new Run(r.exit(), r.out(), r.err());
  }

  @Test
  void auditCommand_liveAccount_rendersTheCollectedAccount() {
    Run r = run(cli("audit", "--profile", "audit", "--region", "us-east-1", "--format", "json"));
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isIn(0, 1);
    assertThat(r.out()).contains("\"" + MGMT + "\"").contains("ROOT_MFA_ENABLED");
  }

  @Test
  void auditCommand_liveOrganization_reportsEveryAccountAndTheFailedOnes() {
    for (int i = 1; i <= 6; i++) {
      aws.account(String.format("2%011d", i));
    }
    aws.failAssumeRole("200000000003");
    Run r =
        run(
            cli(
                "audit",
                "--profile",
                "audit",
                "--organization",
                "--concurrency",
                "3",
                "--format",
                "md"));
    assertThat(r.code()).isEqualTo(1);
    for (int i = 1; i <= 6; i++) {
      String id = String.format("2%011d", i);
      if (i == 3) {
        assertThat(r.err()).contains(id);
      } else {
        assertThat(r.out()).contains(id);
      }
    }
    assertThat(r.err())
        .contains("Could not audit 1 account(s)")
        .containsPattern("sts:AssumeRo(le|ot)");
  }

  @Test
  void auditCommand_roleWithoutOrganization_inputError() {
    Run r = run(cli("audit", "--profile", "audit", "--role", "Auditor"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--role").doesNotContain("Exception");
  }
}
