package dev.rootguard.policy.internal;

import dev.rootguard.InvalidInputException;
import dev.rootguard.policy.AccessKey;
import dev.rootguard.policy.CredentialReportOptions;
import dev.rootguard.policy.Fact;
import dev.rootguard.policy.LastUse;
import dev.rootguard.policy.RootAccountState;
import dev.rootguard.policy.Source;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one mapping from an IAM credential report's root row and the {@code iam:GetAccountSummary}
 * values to root-user facts. The offline path ({@link RootAccountState#fromCredentialReport}) and
 * the live collector in {@code dev.rootguard.aws} both come here, so the same report gives the same
 * facts however it was obtained.
 *
 * <p>The rules, cell by cell (an unknown fact never passes a control):
 *
 * <ul>
 *   <li>{@code password_enabled}: {@code true}/{@code false}; {@code not_supported} falls back to
 *       {@code AccountPasswordPresent}, else unknown.
 *   <li>{@code password_last_used}: a date; {@code N/A} (no password) and {@code no_information}
 *       (never used since tracking began) are "never"; {@code not_supported} or an empty cell is
 *       unknown.
 *   <li>{@code mfa_active}: {@code AccountMFAEnabled} wins when given.
 *   <li>Access keys: a slot is listed when it is active, or has a rotation or last-use date. {@code
 *       AccountAccessKeysPresent} decides presence (it also counts inactive keys); without it an
 *       active key proves presence and anything else is unknown. Signing certificates alike.
 *   <li>Without a report (it could not be fetched or read), the summary values still give what they
 *       can and every report-only fact is unknown with the reason.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class RootReportFacts {
  private static final Pattern ROOT_ARN =
      Pattern.compile("arn:(aws(?:-[a-z]+)*):iam::([0-9]{12}):root");

  private RootReportFacts() {}

  /** The account a report belongs to: its id and partition. */
  public record Account(String id, String partition) {}

  /**
   * Reads a whole report (bytes) into a state with the options' extras.
   *
   * @param csv the report
   * @param o the options
   * @return the state
   * @throws InvalidInputException for a malformed report or conflicting account ids
   */
  public static RootAccountState toState(byte[] csv, CredentialReportOptions o) {
    return toState(CredentialReportParser.parse(csv), o);
  }

  /**
   * Reads a whole report (stream, not closed) into a state with the options' extras.
   *
   * @param csv the report
   * @param o the options
   * @return the state
   * @throws InvalidInputException for a malformed report or conflicting account ids
   */
  public static RootAccountState toState(InputStream csv, CredentialReportOptions o) {
    return toState(CredentialReportParser.parse(csv), o);
  }

  private static RootAccountState toState(
      CredentialReportParser.Parsed p, CredentialReportOptions o) {
    Account a = account(p, o);
    RootAccountState.Builder b =
        RootAccountState.builder(a.id()).partition(a.partition()).collectedAt(o.generatedAt());
    apply(b, p, o, null);
    String rootArn = cell(p.root(), "arn");
    AwsCliJson.rootVirtualMfaSerials(o, rootArn)
        .ifPresent(
            l ->
                b.virtualMfaSerials(
                    Fact.known(l, Source.of(o.virtualMfaOrigin(), o.generatedAt()))));
    return b.build();
  }

  /**
   * Returns the account of a report: from the root ARN, checked against {@link
   * CredentialReportOptions#accountId()} when both are present.
   *
   * @param p the parsed report
   * @param o the options
   * @return the account
   * @throws InvalidInputException when the ids disagree, or the ARN is not a root ARN and the
   *     options name no account
   */
  public static Account account(CredentialReportParser.Parsed p, CredentialReportOptions o) {
    Matcher m = ROOT_ARN.matcher(cell(p.root(), "arn"));
    if (m.matches()) {
      if (o.accountId().isPresent() && !o.accountId().get().equals(m.group(2))) {
        throw new InvalidInputException(
            "accountId",
            "the report's root ARN (row "
                + p.rootRow()
                + ") names account "
                + m.group(2)
                + ", not the account id given");
      }
      return new Account(m.group(2), m.group(1));
    }
    if (o.accountId().isPresent()) {
      return new Account(o.accountId().get(), "aws");
    }
    throw new InvalidInputException(
        "row " + p.rootRow() + ", column arn",
        "the root ARN does not have the form arn:<partition>:iam::<12-digit account>:root;"
            + " give the account id explicitly");
  }

  /**
   * Sets the report and summary facts on a builder: password enabled and last used, MFA enabled,
   * access keys and their presence, signing certificate presence, account creation time and name.
   *
   * @param b the builder to fill
   * @param p the parsed report, or null when there is none
   * @param o the options (summary values, origins, generation time, account name)
   * @param gap why there is no report (the reason of the facts only a report gives); used only when
   *     {@code p} is null
   * @return {@code b}
   */
  public static RootAccountState.Builder apply(
      RootAccountState.Builder b,
      CredentialReportParser.Parsed p,
      CredentialReportOptions o,
      String gap) {
    Instant at = o.generatedAt();
    Source rep = Source.of(o.origin(), at);
    Source sum = Source.of(o.summaryOrigin(), at);
    Map<String, Integer> summary = o.accountSummary();
    o.accountName().ifPresent(n -> b.accountName(Fact.known(n, Source.of("caller", at))));
    List<String> r = p == null ? null : p.root();
    String noReport = gap == null ? "no credential report" : gap;

    if (r != null) {
      Instant created = CredentialReportParser.parseInstant(cell(r, "user_creation_time"));
      if (created != null) {
        b.accountCreatedAt(Fact.known(created, rep));
      }
    }

    Boolean pwd = r == null ? null : bool(cell(r, "password_enabled"));
    if (pwd != null) {
      b.passwordEnabled(Fact.known(pwd, rep));
    } else if (summary.containsKey("AccountPasswordPresent")) {
      b.passwordEnabled(Fact.known(summary.get("AccountPasswordPresent") == 1, sum));
    } else {
      b.passwordEnabled(
          Fact.unknown(
              r == null
                  ? noReport
                  : "the credential report says not_supported for the root password and"
                      + " AccountPasswordPresent was not supplied",
              rep));
    }

    if (r == null) {
      b.passwordLastUsed(Fact.unknown(noReport, rep));
    } else {
      String plu = cell(r, "password_last_used");
      Instant pluAt = CredentialReportParser.parseInstant(plu);
      if (pluAt != null) {
        b.passwordLastUsed(Fact.known(LastUse.at(pluAt), rep));
      } else if (plu.equalsIgnoreCase("not_supported")) {
        b.passwordLastUsed(Fact.unknown("the credential report says not_supported", rep));
      } else if (plu.isEmpty()) {
        b.passwordLastUsed(Fact.unknown("the credential report's cell is empty", rep));
      } else {
        b.passwordLastUsed(Fact.known(LastUse.never(), rep));
      }
    }

    if (summary.containsKey("AccountMFAEnabled")) {
      b.mfaEnabled(Fact.known(summary.get("AccountMFAEnabled") == 1, sum));
    } else if (r != null) {
      b.mfaEnabled(Fact.known(bool(cell(r, "mfa_active")), rep));
    } else {
      b.mfaEnabled(Fact.unknown("AccountMFAEnabled missing from the summary; " + noReport, sum));
    }

    boolean anyActive = false;
    if (r != null) {
      List<AccessKey> keys = new ArrayList<>(2);
      for (int k = 1; k <= 2; k++) {
        String prefix = "access_key_" + k + "_";
        boolean active = bool(cell(r, prefix + "active"));
        Instant rotated = CredentialReportParser.parseInstant(cell(r, prefix + "last_rotated"));
        Instant used = CredentialReportParser.parseInstant(cell(r, prefix + "last_used_date"));
        if (active || rotated != null || used != null) {
          keys.add(
              new AccessKey(
                  "key-" + k,
                  active,
                  used == null ? LastUse.never() : LastUse.at(used),
                  rotated == null ? Instant.EPOCH : rotated));
        }
        anyActive |= active;
      }
      b.accessKeys(Fact.known(keys, rep));
    } else {
      b.accessKeys(Fact.unknown(noReport, rep));
    }
    if (summary.containsKey("AccountAccessKeysPresent")) {
      b.accessKeysPresent(Fact.known(summary.get("AccountAccessKeysPresent") == 1, sum));
    } else if (anyActive) {
      b.accessKeysPresent(Fact.known(true, rep));
    } else {
      b.accessKeysPresent(
          Fact.unknown(
              r == null
                  ? "AccountAccessKeysPresent missing from the summary; " + noReport
                  : "the credential report does not show inactive access keys and"
                      + " AccountAccessKeysPresent was not supplied",
              r == null ? sum : rep));
    }

    boolean certActive =
        r != null && (bool(cell(r, "cert_1_active")) || bool(cell(r, "cert_2_active")));
    if (summary.containsKey("AccountSigningCertificatesPresent")) {
      b.signingCertificatesPresent(
          Fact.known(summary.get("AccountSigningCertificatesPresent") == 1, sum));
    } else if (certActive) {
      b.signingCertificatesPresent(Fact.known(true, rep));
    } else {
      b.signingCertificatesPresent(
          Fact.unknown(
              r == null
                  ? "AccountSigningCertificatesPresent missing from the summary; " + noReport
                  : "the credential report does not show inactive signing certificates and"
                      + " AccountSigningCertificatesPresent was not supplied",
              r == null ? sum : rep));
    }
    return b;
  }

  private static String cell(List<String> root, String column) {
    return root.get(CredentialReportParser.COLUMNS.indexOf(column));
  }

  private static Boolean bool(String v) {
    if (v.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (v.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    return null;
  }
}
