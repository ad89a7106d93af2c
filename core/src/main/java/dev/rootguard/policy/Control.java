package dev.rootguard.policy;

import dev.rootguard.policy.internal.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The root-user controls RootGuard knows, each with a stable id ({@link #name()}), a severity,
 * English and Japanese title, rationale and remediation (with console steps), and its references in
 * CIS AWS Foundations (v1.2.0 to v7.0.0), AWS Security Hub and AWS Config.
 *
 * <p>The ids are stable: they appear in JSON reports and may be stored by callers. A {@link
 * RootSecurityPolicy} enables a subset and tunes them.
 *
 * <pre>{@code
 * Control c = Control.ROOT_MFA_ENABLED;
 * c.title(Locale.JAPANESE);                      // "ルートユーザーの MFA が有効になっている"
 * c.references();                                 // CIS v1.2.0 1.13 ... v7.0.0 2.5, IAM.9, ...
 * Control.byId("ROOT_NO_ACCESS_KEYS");
 * }</pre>
 *
 * <p>New constants may be added in minor releases; handle {@code default}. Immutable and
 * thread-safe.
 *
 * @since 0.1.0
 */
public enum Control {
  /**
   * Root duty 1, strong password: whether the root user has a console password and when it was last
   * used. The password itself cannot be read, so a present password gives a {@link Status#MANUAL}
   * reminder to check it against the AWS root preset ({@code rootguard password check}).
   */
  ROOT_PASSWORD_STRONG(Severity.HIGH, List.of()),

  /**
   * Root duty 2: the root user has MFA. CIS {@code 1.13} (v1.2.0) … {@code 2.5} (v7.0.0), Security
   * Hub {@code IAM.9}, Config {@code root-account-mfa-enabled}.
   */
  ROOT_MFA_ENABLED(
      Severity.CRITICAL,
      refs(
          cis("1.13", "1.5", "1.5", "1.4", "2.4", "2.5"),
          new Reference(Reference.SECURITY_HUB, "", "IAM.9"),
          new Reference(Reference.AWS_CONFIG, "", "root-account-mfa-enabled"),
          new Reference(Reference.PROWLER, "", "iam_root_mfa_enabled"))),

  /**
   * Root duty 3: the root user has no access key (active or inactive). CIS {@code 1.12} (v1.2.0) …
   * {@code 2.4} (v7.0.0), Security Hub {@code IAM.4}, Config {@code iam-root-access-key-check}.
   */
  ROOT_NO_ACCESS_KEYS(
      Severity.CRITICAL,
      refs(
          cis("1.12", "1.4", "1.4", "1.3", "2.3", "2.4"),
          new Reference(Reference.SECURITY_HUB, "", "IAM.4"),
          new Reference(Reference.AWS_CONFIG, "", "iam-root-access-key-check"),
          new Reference(Reference.PROWLER, "", "iam_no_root_access_key"))),

  /**
   * Root duty 4: IAM user and role access to Billing information is activated, so nobody needs the
   * root user to see bills. No public API reads this setting: {@link Status#MANUAL} with console
   * steps unless the caller supplies the fact.
   */
  IAM_BILLING_ACCESS_ACTIVATED(Severity.MEDIUM, List.of()),

  /**
   * Every root MFA device is hardware (FIDO security key or hardware TOTP token), none virtual. CIS
   * Level 2: {@code 1.14} (v1.2.0) … {@code 2.6} (v7.0.0), Security Hub {@code IAM.6}, Config
   * {@code root-account-hardware-mfa-enabled}.
   */
  ROOT_HARDWARE_MFA(
      Severity.CRITICAL,
      refs(
          cis("1.14", "1.6", "1.6", "1.5", "2.5", "2.6"),
          new Reference(Reference.SECURITY_HUB, "", "IAM.6"),
          new Reference(Reference.AWS_CONFIG, "", "root-account-hardware-mfa-enabled"),
          new Reference(Reference.PROWLER, "", "iam_root_hardware_mfa_enabled"))),

  /**
   * The root user was not used (password or access key) within {@link
   * RootSecurityPolicy#maxDaysSinceRootUse()} days. CIS {@code 1.1} (v1.2.0) … {@code 2.7}
   * (v7.0.0); monitoring of root use is CIS {@code 3.3}/{@code 4.3}/{@code 5.3} and Security Hub
   * {@code CloudWatch.1}.
   */
  ROOT_NOT_USED_RECENTLY(
      Severity.HIGH,
      refs(
          cis("1.1", "1.7", "1.7", "1.6", "2.6", "2.7"),
          new Reference(Reference.SECURITY_HUB, "", "IAM.20"),
          new Reference(Reference.SECURITY_HUB, "", "CloudWatch.1"),
          new Reference(Reference.PROWLER, "", "iam_avoid_root_usage"))),

  /** The root user has no X.509 signing certificate ({@code AccountSigningCertificatesPresent}). */
  ROOT_NO_SIGNING_CERTIFICATES(Severity.HIGH, List.of()),

  /**
   * A softer check than {@link #ROOT_NO_ACCESS_KEYS}: root access keys that exist are at least
   * inactive and not used recently.
   */
  ROOT_ACCESS_KEYS_INACTIVE(
      Severity.MEDIUM, refs(new Reference(Reference.PROWLER, "", "iam_no_root_access_key"))),

  /**
   * The account's IAM password policy meets a {@link PasswordPolicyBaseline} (default CIS: length
   * at least 14, reuse prevention 24). CIS {@code 1.9}/{@code 1.10} (v1.2.0) … {@code 2.8}/{@code
   * 2.9} (v7.0.0), Security Hub {@code IAM.15}/{@code IAM.16}, Config {@code iam-password-policy}.
   */
  IAM_PASSWORD_POLICY(
      Severity.MEDIUM,
      refs(
          cis("1.9", "1.8", "1.8", "1.7", "2.7", "2.8"),
          cis("1.10", "1.9", "1.9", "1.8", "2.8", "2.9"),
          new Reference(Reference.SECURITY_HUB, "", "IAM.15"),
          new Reference(Reference.SECURITY_HUB, "", "IAM.16"),
          new Reference(Reference.AWS_CONFIG, "", "iam-password-policy"))),

  /**
   * AWS Organizations centralized root access: enabled for the organization, and member accounts
   * hold no root password, access key or MFA device. CIS {@code 2.1.1} (v7.0.0).
   */
  ORG_ROOT_CREDENTIALS_CENTRALIZED(
      Severity.HIGH,
      refs(
          List.of(new Reference(Reference.CIS, "7.0.0", "2.1.1")),
          new Reference(Reference.PROWLER, "", "iam_root_credentials_management_enabled")));

  private final Severity severity;
  private final List<Reference> references;

  Control(Severity severity, List<Reference> references) {
    this.severity = severity;
    this.references = List.copyOf(references);
  }

  private static List<Reference> cis(
      String v12, String v14to30, String v40, String v50, String v60, String v70) {
    return List.of(
        new Reference(Reference.CIS, "1.2.0", v12),
        new Reference(Reference.CIS, "1.4.0", v14to30),
        new Reference(Reference.CIS, "1.5.0", v14to30),
        new Reference(Reference.CIS, "2.0.0", v14to30),
        new Reference(Reference.CIS, "3.0.0", v14to30),
        new Reference(Reference.CIS, "4.0.0", v40),
        new Reference(Reference.CIS, "5.0.0", v50),
        new Reference(Reference.CIS, "6.0.0", v60),
        new Reference(Reference.CIS, "7.0.0", v70));
  }

  private static List<Reference> refs(Object... parts) {
    List<Reference> out = new ArrayList<>();
    for (Object p : parts) {
      if (p instanceof Reference r) {
        out.add(r);
      } else {
        for (Object o : (List<?>) p) {
          out.add((Reference) o);
        }
      }
    }
    return out;
  }

  /**
   * Returns the control with this id.
   *
   * @param id a stable id such as {@code "ROOT_MFA_ENABLED"}
   * @return the control, or empty if RootGuard has none by that id
   */
  public static Optional<Control> byId(String id) {
    Objects.requireNonNull(id, "id");
    for (Control c : values()) {
      if (c.name().equals(id)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the severity of a failure of this control.
   *
   * @return the severity
   */
  public Severity severity() {
    return severity;
  }

  /**
   * Returns the control's references: CIS recommendations per version, Security Hub control ids,
   * AWS Config rules, Prowler checks. Empty when no public benchmark numbers it.
   *
   * @return the references, unmodifiable
   */
  public List<Reference> references() {
    return references;
  }

  /**
   * Returns the control's title.
   *
   * @param locale English or Japanese (other locales get English)
   * @return the title
   */
  public String title(Locale locale) {
    return Texts.get(locale, "control." + name() + ".title");
  }

  /**
   * Returns why the control matters.
   *
   * @param locale English or Japanese (other locales get English)
   * @return the rationale
   */
  public String rationale(Locale locale) {
    return Texts.get(locale, "control." + name() + ".rationale");
  }

  /**
   * Returns how to fix a failure, with AWS console steps.
   *
   * @param locale English or Japanese (other locales get English)
   * @return the remediation
   */
  public String remediation(Locale locale) {
    return Texts.get(locale, "control." + name() + ".remediation");
  }
}
