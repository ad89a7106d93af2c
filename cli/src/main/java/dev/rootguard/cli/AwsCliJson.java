package dev.rootguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rootguard.InvalidInputException;
import dev.rootguard.password.IamPasswordPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the JSON the AWS CLI prints for the few IAM calls an offline audit can use: {@code aws iam
 * get-account-summary}, {@code aws iam list-virtual-mfa-devices} and {@code aws iam
 * get-account-password-policy}. Errors name the option and the JSON field.
 */
final class AwsCliJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AwsCliJson() {}

  private static JsonNode read(byte[] json, String option) {
    try {
      JsonNode n = MAPPER.readTree(json);
      if (n == null || !n.isObject()) {
        throw new InvalidInputException(option, "expected a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new InvalidInputException(option, "not valid JSON");
    }
  }

  /** {@code {"SummaryMap": {"AccountMFAEnabled": 1, ...}}} to a map of integers. */
  static Map<String, Integer> accountSummary(byte[] json, String option) {
    JsonNode map = read(json, option).get("SummaryMap");
    if (map == null || !map.isObject()) {
      throw new InvalidInputException(
          option + ": SummaryMap",
          "missing; expected the output of" + " aws iam get-account-summary");
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().canConvertToInt()) {
        throw new InvalidInputException(option + ": SummaryMap." + e.getKey(), "not an integer");
      }
      out.put(e.getKey(), e.getValue().asInt());
    }
    return out;
  }

  /**
   * The serials of virtual MFA devices whose {@code User.Arn} is the root ARN (never matched on the
   * serial's name, which users choose).
   */
  static List<String> rootVirtualMfaSerials(byte[] json, String rootArn, String option) {
    JsonNode list = read(json, option).get("VirtualMFADevices");
    if (list == null || !list.isArray()) {
      throw new InvalidInputException(
          option + ": VirtualMFADevices",
          "missing; expected the" + " output of aws iam list-virtual-mfa-devices");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode d : list) {
      JsonNode user = d.get("User");
      if (user != null && rootArn.equals(user.path("Arn").asText())) {
        String serial = d.path("SerialNumber").asText("");
        if (serial.isEmpty()) {
          throw new InvalidInputException(option + ": VirtualMFADevices[].SerialNumber", "missing");
        }
        out.add(serial);
      }
    }
    return out;
  }

  /** {@code {"PasswordPolicy": {...}}}; ranges are checked by {@link IamPasswordPolicy}. */
  static Optional<IamPasswordPolicy> passwordPolicy(byte[] json, String option) {
    JsonNode p = read(json, option).get("PasswordPolicy");
    if (p == null || !p.isObject()) {
      throw new InvalidInputException(
          option + ": PasswordPolicy",
          "missing; expected the output"
              + " of aws iam get-account-password-policy (or use --password-policy none)");
    }
    return Optional.of(
        new IamPasswordPolicy(
            p.path("MinimumPasswordLength").asInt(IamPasswordPolicy.DEFAULT_MINIMUM_LENGTH),
            p.path("RequireSymbols").asBoolean(false),
            p.path("RequireNumbers").asBoolean(false),
            p.path("RequireUppercaseCharacters").asBoolean(false),
            p.path("RequireLowercaseCharacters").asBoolean(false),
            p.path("AllowUsersToChangePassword").asBoolean(false),
            p.path("MaxPasswordAge").asInt(0),
            p.path("PasswordReusePrevention").asInt(0),
            p.path("HardExpiry").asBoolean(false)));
  }
}
