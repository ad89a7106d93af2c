package dev.rootguard.password.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rootguard.InvalidInputException;
import dev.rootguard.RootGuardException;
import dev.rootguard.password.IamPasswordPolicy;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the JSON that {@code aws iam get-account-password-policy} prints into an {@link
 * IamPasswordPolicy}, checking each field's type and AWS's range. Thread-safe.
 */
public final class IamPolicyJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private IamPolicyJson() {}

  /**
   * Parses the JSON text. One leading byte order mark (U+FEFF, kept by {@code Files.readString}) is
   * skipped, as the stream form skips it.
   *
   * @param json {@code {"PasswordPolicy": {...}}} or the bare inner object
   * @return the policy
   * @throws InvalidInputException naming the field at fault
   */
  public static IamPasswordPolicy parse(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json.startsWith("\uFEFF") ? json.substring(1) : json);
    } catch (JsonProcessingException e) {
      throw notJson(e);
    }
    return fromTree(root);
  }

  /**
   * Parses UTF-8 JSON from a stream (not closed).
   *
   * @param json the stream
   * @return the policy
   * @throws InvalidInputException naming the field at fault
   */
  public static IamPasswordPolicy parse(InputStream json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw notJson(e);
    } catch (java.io.CharConversionException e) {
      // bytes that do not decode in the encoding Jackson detected (e.g. leading NULs read as
      // UTF-32): the content is wrong, not the stream
      throw new InvalidInputException("PasswordPolicy", "not valid JSON: not decodable text", e);
    } catch (IOException e) {
      throw new RootGuardException("cannot read the password policy JSON", e);
    }
    return fromTree(root);
  }

  private static InvalidInputException notJson(JsonProcessingException e) {
    String where =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    return new InvalidInputException("PasswordPolicy", "not valid JSON" + where, e);
  }

  private static IamPasswordPolicy fromTree(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new InvalidInputException(
          "PasswordPolicy",
          "expected a JSON object such as {\"PasswordPolicy\": {...}}, was "
              + (root == null || root.isMissingNode() ? "empty input" : kind(root)));
    }
    JsonNode policy = root;
    if (root.has("PasswordPolicy")) {
      policy = root.get("PasswordPolicy");
      if (!policy.isObject()) {
        throw new InvalidInputException(
            "PasswordPolicy", "must be a JSON object, was " + kind(policy));
      }
    }
    int minLength =
        intField(policy, "MinimumPasswordLength", 6, 128, IamPasswordPolicy.DEFAULT_MINIMUM_LENGTH);
    int maxAge = intField(policy, "MaxPasswordAge", 1, 1095, 0);
    int reuse = intField(policy, "PasswordReusePrevention", 1, 24, 0);
    boolean expire = boolField(policy, "ExpirePasswords", maxAge > 0);
    if (policy.hasNonNull("ExpirePasswords") && expire != (maxAge > 0)) {
      throw new InvalidInputException(
          "ExpirePasswords",
          "is "
              + expire
              + " but MaxPasswordAge is "
              + (maxAge > 0 ? String.valueOf(maxAge) : "absent")
              + "; AWS sets it true exactly when MaxPasswordAge is present");
    }
    return new IamPasswordPolicy(
        minLength,
        boolField(policy, "RequireSymbols", false),
        boolField(policy, "RequireNumbers", false),
        boolField(policy, "RequireUppercaseCharacters", false),
        boolField(policy, "RequireLowercaseCharacters", false),
        boolField(policy, "AllowUsersToChangePassword", false),
        maxAge,
        reuse,
        boolField(policy, "HardExpiry", false));
  }

  private static int intField(JsonNode policy, String field, int min, int max, int absent) {
    JsonNode n = policy.get(field);
    if (n == null || n.isNull()) {
      return absent;
    }
    if (!n.isIntegralNumber()) {
      throw new InvalidInputException(field, "must be a whole number, was " + kind(n));
    }
    if (!n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
      throw new InvalidInputException(field, "must be " + min + ".." + max + ", was " + n.asText());
    }
    return n.intValue();
  }

  private static boolean boolField(JsonNode policy, String field, boolean absent) {
    JsonNode n = policy.get(field);
    if (n == null || n.isNull()) {
      return absent;
    }
    if (!n.isBoolean()) {
      throw new InvalidInputException(field, "must be true or false, was " + kind(n));
    }
    return n.booleanValue();
  }

  private static String kind(JsonNode n) {
    if (n.isTextual()) {
      return "a string";
    }
    if (n.isNumber()) {
      return "the number " + n.asText();
    }
    if (n.isBoolean()) {
      return n.asText();
    }
    if (n.isArray()) {
      return "an array";
    }
    if (n.isObject()) {
      return "an object";
    }
    return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }
}
