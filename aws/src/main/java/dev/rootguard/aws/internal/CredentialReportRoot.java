package dev.rootguard.aws.internal;

import dev.rootguard.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The root row of an IAM credential report (columns per the IAM User Guide), parsed just far enough
 * for the collector. Users' rows are skipped without being split. Immutable.
 */
public final class CredentialReportRoot {
  /** The literal user name of the root row. */
  public static final String ROOT_USER = "<root_account>";

  private static final Pattern ROOT_ARN =
      Pattern.compile("arn:([a-z][a-z0-9-]*):iam::([0-9]{12}):root");
  private static final List<String> REQUIRED =
      List.of(
          "user",
          "arn",
          "password_enabled",
          "password_last_used",
          "mfa_active",
          "access_key_1_active",
          "access_key_1_last_rotated",
          "access_key_1_last_used_date",
          "access_key_2_active",
          "access_key_2_last_rotated",
          "access_key_2_last_used_date",
          "cert_1_active",
          "cert_2_active");

  private final Map<String, String> row;
  private final String partition;
  private final String accountId;

  private CredentialReportRoot(Map<String, String> row, String partition, String accountId) {
    this.row = row;
    this.partition = partition;
    this.accountId = accountId;
  }

  /**
   * Finds and parses the root row.
   *
   * @param csv the report as AWS returns it (UTF-8 CSV)
   * @return the root row
   * @throws InvalidInputException naming the line/column at fault
   */
  public static CredentialReportRoot parse(byte[] csv) {
    String text = new String(csv, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String[] lines = text.split("\r?\n", -1);
    if (lines.length == 0 || lines[0].isBlank()) {
      throw new InvalidInputException("credential report", "is empty");
    }
    List<String> header = split(lines[0], 1);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      index.put(header.get(i).trim().toLowerCase(Locale.ROOT), i);
    }
    for (String column : REQUIRED) {
      if (!index.containsKey(column)) {
        throw new InvalidInputException("credential report line 1", "missing column " + column);
      }
    }
    for (int n = 1; n < lines.length; n++) {
      String line = lines[n];
      if (!line.startsWith(ROOT_USER + ",") && !line.startsWith("\"" + ROOT_USER + "\"")) {
        continue;
      }
      List<String> cells = split(line, n + 1);
      if (cells.size() < header.size()) {
        throw new InvalidInputException(
            "credential report line " + (n + 1),
            "has " + cells.size() + " columns, header has " + header.size());
      }
      Map<String, String> row = new HashMap<>();
      for (Map.Entry<String, Integer> e : index.entrySet()) {
        row.put(e.getKey(), cells.get(e.getValue()).trim());
      }
      Matcher m = ROOT_ARN.matcher(row.get("arn"));
      if (!m.matches()) {
        throw new InvalidInputException(
            "credential report line " + (n + 1) + " column arn", "is not a root user ARN");
      }
      CredentialReportRoot root = new CredentialReportRoot(row, m.group(1), m.group(2));
      // fail here, with the column named, rather than when a fact is read
      root.passwordLastUsed();
      for (int slot = 1; slot <= 2; slot++) {
        root.accessKeyLastRotated(slot);
        root.accessKeyLastUsed(slot);
      }
      return root;
    }
    throw new InvalidInputException("credential report", "has no " + ROOT_USER + " row");
  }

  private static List<String> split(String line, int lineNo) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    if (quoted) {
      throw new InvalidInputException("credential report line " + lineNo, "unterminated quote");
    }
    out.add(cell.toString());
    return out;
  }

  /**
   * Returns the partition from the root ARN.
   *
   * @return e.g. {@code aws}
   */
  public String partition() {
    return partition;
  }

  /**
   * Returns the account id from the root ARN.
   *
   * @return 12 digits
   */
  public String accountId() {
    return accountId;
  }

  /**
   * Returns {@code password_enabled}: true, false, or empty for {@code not_supported}.
   *
   * @return the tri-state value
   */
  public Optional<Boolean> passwordEnabled() {
    return bool("password_enabled");
  }

  /**
   * Returns {@code password_last_used}: an instant, or empty for {@code no_information} / {@code
   * N/A}.
   *
   * @return the instant if the password was used
   */
  public Optional<Instant> passwordLastUsed() {
    return date("password_last_used");
  }

  /**
   * Returns {@code mfa_active}.
   *
   * @return the value, empty if not a boolean
   */
  public Optional<Boolean> mfaActive() {
    return bool("mfa_active");
  }

  /**
   * Returns whether access key slot 1 or 2 is active.
   *
   * @param slot 1 or 2
   * @return the value, empty if not a boolean
   */
  public Optional<Boolean> accessKeyActive(int slot) {
    return bool("access_key_" + slot + "_active");
  }

  /**
   * Returns when access key slot 1 or 2 was last rotated.
   *
   * @param slot 1 or 2
   * @return the instant, empty for {@code N/A}
   */
  public Optional<Instant> accessKeyLastRotated(int slot) {
    return date("access_key_" + slot + "_last_rotated");
  }

  /**
   * Returns when access key slot 1 or 2 was last used.
   *
   * @param slot 1 or 2
   * @return the instant, empty for {@code N/A}
   */
  public Optional<Instant> accessKeyLastUsed(int slot) {
    return date("access_key_" + slot + "_last_used_date");
  }

  /**
   * Returns whether signing certificate slot 1 or 2 is active.
   *
   * @param slot 1 or 2
   * @return the value, empty if not a boolean
   */
  public Optional<Boolean> certActive(int slot) {
    return bool("cert_" + slot + "_active");
  }

  private Optional<Boolean> bool(String column) {
    String v = row.get(column);
    if ("true".equalsIgnoreCase(v)) {
      return Optional.of(true);
    }
    if ("false".equalsIgnoreCase(v)) {
      return Optional.of(false);
    }
    return Optional.empty();
  }

  private Optional<Instant> date(String column) {
    String v = row.get(column);
    if (v == null
        || v.isEmpty()
        || v.equalsIgnoreCase("N/A")
        || v.equalsIgnoreCase("no_information")
        || v.equalsIgnoreCase("not_supported")) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(v).toInstant());
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(Instant.parse(v));
      } catch (DateTimeParseException e2) {
        throw new InvalidInputException(
            "credential report root row column " + column, "is not an ISO-8601 date", e2);
      }
    }
  }
}
