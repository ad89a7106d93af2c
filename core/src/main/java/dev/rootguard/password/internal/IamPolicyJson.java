package dev.rootguard.password.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rootguard.InvalidInputException;
import dev.rootguard.internal.StrictJson;
import dev.rootguard.password.IamPasswordPolicy;
import java.io.InputStream;

/**
 * Reads the JSON that {@code aws iam get-account-password-policy} prints into an {@link
 * IamPasswordPolicy}, checking each field's type and AWS's range ({@link StrictJson} rules).
 * Thread-safe.
 */
public final class IamPolicyJson {
  private static final String FIELD = "PasswordPolicy";

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
    return fromTree(StrictJson.read(json, FIELD));
  }

  /**
   * Parses UTF-8 JSON from a stream (not closed).
   *
   * @param json the stream
   * @return the policy
   * @throws InvalidInputException naming the field at fault
   */
  public static IamPasswordPolicy parse(InputStream json) {
    return fromTree(StrictJson.read(json, FIELD));
  }

  private static IamPasswordPolicy fromTree(JsonNode root) {
    StrictJson.object(root, FIELD, "a JSON object such as {\"PasswordPolicy\": {...}}");
    JsonNode policy = root;
    if (root.has(FIELD)) {
      policy = root.get(FIELD);
      if (!policy.isObject()) {
        throw new InvalidInputException(
            FIELD, "must be a JSON object, was " + StrictJson.kind(policy));
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
    return n == null || n.isNull() ? absent : StrictJson.wholeNumber(n, field, min, max);
  }

  private static boolean boolField(JsonNode policy, String field, boolean absent) {
    JsonNode n = policy.get(field);
    return n == null || n.isNull() ? absent : StrictJson.bool(n, field);
  }
}
