package dev.rootguard.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rootguard.InvalidInputException;
import dev.rootguard.internal.StrictJson;
import dev.rootguard.policy.CredentialReportOptions;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what the AWS CLI prints for {@code aws iam get-account-summary} and {@code aws iam
 * list-virtual-mfa-devices}, by {@link StrictJson}'s rules: errors name the JSON path ({@code
 * SummaryMap.AccountMFAEnabled}, {@code VirtualMFADevices[2].User.Arn}) and never echo a value.
 *
 * <p>Stateless and thread-safe.
 */
public final class AwsCliJson {
  private AwsCliJson() {}

  /**
   * Reads {@code {"SummaryMap": {...}}} (or the bare map). Every value must be a whole number; the
   * keys RootGuard uses ({@link CredentialReportOptions#SUMMARY_KEYS}) must be 0 or 1.
   *
   * @param json the JSON
   * @return the map, in the file's order
   * @throws InvalidInputException naming the entry at fault
   */
  public static Map<String, Integer> accountSummary(byte[] json) {
    JsonNode root =
        StrictJson.object(
            StrictJson.read(json, "SummaryMap"),
            "SummaryMap",
            "a JSON object such as {\"SummaryMap\": {...}} (aws iam get-account-summary)");
    JsonNode map = root.has("SummaryMap") ? root.get("SummaryMap") : root;
    StrictJson.object(map, "SummaryMap", "a JSON object");
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String field = "SummaryMap." + shortName(e.getKey());
      int max = CredentialReportOptions.SUMMARY_KEYS.contains(e.getKey()) ? 1 : Integer.MAX_VALUE;
      out.put(e.getKey(), StrictJson.wholeNumber(e.getValue(), field, 0, max));
    }
    return out;
  }

  /**
   * Reads {@code {"VirtualMFADevices": [...]}}: each device's serial number and, when it is
   * assigned, the ARN of its user. A list the CLI cut short ({@code IsTruncated}, {@code Marker} or
   * {@code NextToken} present) is refused: a device missing from it could be the root's.
   *
   * @param json the JSON
   * @return serial number to user ARN, assigned devices only, in the file's order
   * @throws InvalidInputException naming the entry at fault
   */
  public static Map<String, String> virtualMfaDevices(byte[] json) {
    JsonNode root =
        StrictJson.object(
            StrictJson.read(json, "VirtualMFADevices"),
            "VirtualMFADevices",
            "a JSON object such as {\"VirtualMFADevices\": [...]} (aws iam"
                + " list-virtual-mfa-devices)");
    JsonNode list = root.get("VirtualMFADevices");
    if (list == null || !list.isArray()) {
      throw new InvalidInputException(
          "VirtualMFADevices",
          "expected an array (the output of aws iam list-virtual-mfa-devices), was "
              + StrictJson.kind(list));
    }
    for (String more : List.of("IsTruncated", "Marker", "NextToken")) {
      JsonNode n = root.get(more);
      if (n != null && !n.isNull() && !(n.isBoolean() && !n.booleanValue())) {
        throw new InvalidInputException(
            more,
            "the list is incomplete; run aws iam list-virtual-mfa-devices without --max-items"
                + " or --no-paginate");
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "VirtualMFADevices[" + i + "]";
      JsonNode d = StrictJson.object(list.get(i), at, "a JSON object");
      String serial = StrictJson.text(d.get("SerialNumber"), at + ".SerialNumber");
      JsonNode user = d.get("User");
      if (user == null || user.isNull()) {
        continue; // not assigned
      }
      StrictJson.object(user, at + ".User", "a JSON object");
      String arn = StrictJson.text(user.get("Arn"), at + ".User.Arn");
      if (out.putIfAbsent(serial, arn) != null) {
        throw new InvalidInputException(at + ".SerialNumber", "listed twice");
      }
    }
    return out;
  }

  /**
   * Returns the serial numbers of the virtual MFA devices the options list as assigned to {@code
   * rootArn} (matched on the user ARN, never on the serial's name, which users choose).
   *
   * @param o the options
   * @param rootArn the root user's ARN
   * @return the serials, or empty when the options list no devices
   */
  static Optional<List<String>> rootVirtualMfaSerials(CredentialReportOptions o, String rootArn) {
    return o.virtualMfaDevices()
        .map(
            m ->
                m.entrySet().stream()
                    .filter(e -> e.getValue().equals(rootArn))
                    .map(Map.Entry::getKey)
                    .toList());
  }

  private static String shortName(String key) {
    String s = key.length() > 64 ? key.substring(0, 61) + "..." : key;
    return dev.rootguard.Printable.escape(s);
  }
}
