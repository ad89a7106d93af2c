package dev.rootguard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rootguard.aws.LocalAwsEndpoint.Call;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * kms-sealer-policy.json allows exactly the KMS actions {@link KmsSecretSealer} calls, on one key,
 * under the sealer's encryption context. (minimal-iam-policy.json stays the collector's.)
 */
class KmsSealerPolicyTest {
  static JsonNode policy() throws Exception {
    try (InputStream in = KmsSecretSealer.class.getResourceAsStream("kms-sealer-policy.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void policy_coversExactlyTheActionsTheSealerCalls() throws Exception {
    Set<String> allowed = new TreeSet<>();
    for (JsonNode st : policy().get("Statement")) {
      assertThat(st.get("Effect").asText()).isEqualTo("Allow");
      st.get("Action").forEach(a -> allowed.add(a.asText()));
    }
    try (LocalAwsEndpoint aws = LocalAwsEndpoint.start("100000000001");
        KmsClient kms = aws.kmsClient()) {
      String key = aws.kms().createKey();
      String sealed = KmsSecretSealer.builder(kms, key).build().seal(new byte[20], "token:T1");
      KmsSecretSealer.builder(kms, key).build().open(sealed, "token:T1");

      Set<String> called =
          aws.calls().stream().map(Call::action).collect(Collectors.toCollection(TreeSet::new));

      assertThat(called).isEqualTo(allowed).containsExactly("kms:Decrypt", "kms:GenerateDataKey");
    }
  }

  @Test
  void policy_isScopedToOneKeyAndTheSealersEncryptionContext() throws Exception {
    for (JsonNode st : policy().get("Statement")) {
      assertThat(st.get("Resource").asText()).startsWith("arn:aws:kms:").contains(":key/");
      Map<String, String> condition = new HashMap<>();
      st.get("Condition")
          .get("StringEquals")
          .properties()
          .forEach(e -> condition.put(e.getKey(), e.getValue().asText()));
      Map<String, String> expected = new HashMap<>();
      KmsSecretSealer.ENCRYPTION_CONTEXT.forEach(
          (k, v) -> expected.put("kms:EncryptionContext:" + k, v));

      assertThat(condition).isEqualTo(expected);
    }
  }

  @Test
  void moduleCopy_matchesTheResource() throws Exception {
    Path copy = Path.of("kms-sealer-policy.json");
    Path resource = Path.of("src/main/resources/dev/rootguard/aws/kms-sealer-policy.json");
    assertThat(Files.readString(copy, StandardCharsets.UTF_8))
        .isEqualTo(Files.readString(resource, StandardCharsets.UTF_8));
  }
}
