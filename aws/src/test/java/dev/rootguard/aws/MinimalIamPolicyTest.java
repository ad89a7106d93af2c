package dev.rootguard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rootguard.aws.LocalAwsEndpoint.Call;
import dev.rootguard.aws.LocalAwsEndpoint.Key;
import dev.rootguard.aws.internal.CollectorEngine;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Every action the collector, the auditor and the remediator call is in minimal-iam-policy.json,
 * and nothing more. The KMS sealer's actions have their own file (see {@link KmsSealerPolicyTest}).
 */
class MinimalIamPolicyTest {
  /** Actions the AWS-managed task policies grant inside sts:AssumeRoot sessions (facts §6.3). */
  static final Set<String> ROOT_TASK_ACTIONS =
      Set.of(
          "iam:ListAccessKeys",
          "iam:ListSigningCertificates",
          "iam:GetLoginProfile",
          "iam:ListMFADevices",
          "iam:GetUser",
          "iam:GetAccessKeyLastUsed",
          "iam:GetAccountSummary",
          "iam:DeleteAccessKey",
          "iam:DeleteSigningCertificate",
          "iam:DeleteLoginProfile",
          "iam:DeactivateMFADevice");

  static Set<String> policyActions() throws Exception {
    try (InputStream in = AwsRootCollector.class.getResourceAsStream("minimal-iam-policy.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      Set<String> out = new TreeSet<>();
      for (JsonNode st : root.get("Statement")) {
        assertThat(st.get("Effect").asText()).isEqualTo("Allow");
        st.get("Action").forEach(a -> out.add(a.asText()));
      }
      return out;
    }
  }

  @Test
  void policy_coversExactlyTheActionsTheCodeCalls() throws Exception {
    Set<String> policy = policyActions();
    String mgmt = "100000000001";
    try (LocalAwsEndpoint aws = LocalAwsEndpoint.start(mgmt);
        IamClient iam = aws.iam();
        StsClient sts = aws.sts();
        OrganizationsClient org = aws.organizations();
        AccountClient account = aws.accountClient()) {
      aws.account("200000000001").keys.add(new Key("AKIAK1", true, null));
      aws.account("200000000001").certificates.add("C1");
      aws.account("200000000002");
      AwsRootCollector.builder(iam).sts(sts).account(account).build().collect();
      OrganizationAuditor.builder(org, sts)
          .managementIam(iam)
          .accessMode(AccessMode.ASSUME_ROLE)
          .iamClientFactory(s -> aws.iam(s.credentials()))
          .build()
          .audit(r -> {});
      OrganizationAuditor.builder(org, sts)
          .managementIam(iam)
          .accessMode(AccessMode.ASSUME_ROOT)
          .iamClientFactory(s -> aws.iam(s.credentials()))
          .remediate(RootCredentialRemediator.builder(sts, s -> aws.iam(s.credentials())).build())
          .build()
          .audit(r -> {});
      RootCredentialRemediator.builder(sts, s -> aws.iam(s.credentials()))
          .execute()
          .build()
          .remediate("200000000001");

      Set<String> callerActions =
          aws.calls().stream()
              .filter(c -> !c.rootSession())
              .map(Call::action)
              .collect(Collectors.toCollection(TreeSet::new));
      Set<String> rootSessionActions =
          aws.calls().stream()
              .filter(Call::rootSession)
              .map(Call::action)
              .collect(Collectors.toCollection(TreeSet::new));

      assertThat(policy).containsAll(callerActions);
      assertThat(callerActions).containsAll(policy);
      assertThat(ROOT_TASK_ACTIONS).containsAll(rootSessionActions);
      assertThat(policy).containsAll(CollectorEngine.ACTIONS);
    }
  }

  @Test
  void moduleCopy_matchesTheResource() throws Exception {
    Path copy = Path.of("minimal-iam-policy.json");
    Path resource = Path.of("src/main/resources/dev/rootguard/aws/minimal-iam-policy.json");
    assertThat(Files.readString(copy)).isEqualTo(Files.readString(resource));
  }
}
