package dev.rootguard.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.aws.AuditSummary;
import dev.rootguard.aws.AwsRootCollector;
import dev.rootguard.aws.LocalAwsEndpoint;
import dev.rootguard.aws.OrganizationAuditor;
import dev.rootguard.policy.RootAccountState;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;

/** The README's AWS snippet, run against the local AWS endpoint (via the SDK's own settings). */
class AwsCollectorSnippetTest {
  static final List<String> PROPS =
      List.of("aws.endpointUrl", "aws.accessKeyId", "aws.secretAccessKey");

  LocalAwsEndpoint aws;

  @BeforeEach
  void start() {
    aws = LocalAwsEndpoint.start("123456789012");
    for (int i = 1; i <= 3; i++) {
      aws.account("20000000000" + i);
    }
    // what a user's environment would say: AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, ...
    System.setProperty("aws.endpointUrl", aws.uri().toString());
    System.setProperty("aws.accessKeyId", LocalAwsEndpoint.MANAGEMENT_KEY);
    System.setProperty("aws.secretAccessKey", "s");
  }

  @AfterEach
  void stop() {
    PROPS.forEach(System::clearProperty);
    aws.close();
  }

  @Test
  void awsCollector() {
    java.io.PrintStream stdout = System.out;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      run();
    } finally {
      System.setOut(stdout);
    }
    String printed = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(printed.lines())
        .containsExactlyInAnyOrder(
            "123456789012 MFA on: true",
            "123456789012 collected",
            "200000000001 collected",
            "200000000002 collected",
            "200000000003 collected",
            "4 collected, 0 failed");
    assertThat(aws.count("iam:GetAccountSummary")).isEqualTo(5); // one account, then four
  }

  void run() {
    // snippet: aws-collector
    try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).build();
        StsClient sts = StsClient.builder().region(Region.US_EAST_1).build();
        OrganizationsClient organizations =
            OrganizationsClient.builder().region(Region.US_EAST_1).build()) {
      RootAccountState state = AwsRootCollector.builder(iam).sts(sts).build().collect();
      boolean rootMfa = state.mfaEnabled().value().orElse(false);
      System.out.println(state.accountId() + " MFA on: " + rootMfa);

      AuditSummary summary =
          OrganizationAuditor.builder(organizations, sts)
              .managementIam(iam) // audits the caller's own account too
              .concurrency(8)
              .progress(p -> System.err.print("\r" + p.completed() + "/" + p.listed()))
              .build()
              .audit(
                  result ->
                      System.out.println(
                          result.accountId()
                              + (result.succeeded() ? " collected" : " failed: " + result)));
      System.out.println(summary.collected() + " collected, " + summary.failed() + " failed");
    }
    // end snippet
  }
}
