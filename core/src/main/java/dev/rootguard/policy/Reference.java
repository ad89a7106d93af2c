package dev.rootguard.policy;

import java.util.Objects;

/**
 * Where a control comes from in a public benchmark or managed rule set: a CIS AWS Foundations
 * Benchmark recommendation (with its version, because CIS renumbers), an AWS Security Hub control
 * id, an AWS Config managed rule, or a Prowler check.
 *
 * <pre>{@code
 * new Reference(Reference.CIS, "7.0.0", "2.5");              // root MFA in CIS v7.0.0
 * new Reference(Reference.SECURITY_HUB, "", "IAM.9");
 * new Reference(Reference.AWS_CONFIG, "", "root-account-mfa-enabled");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param framework {@link #CIS}, {@link #SECURITY_HUB}, {@link #AWS_CONFIG} or {@link #PROWLER}
 * @param version the framework version (CIS only), else empty
 * @param id the recommendation number, control id or rule name
 * @since 0.1.0
 */
public record Reference(String framework, String version, String id) {
  /** The CIS Amazon Web Services Foundations Benchmark. */
  public static final String CIS = "CIS AWS Foundations";

  /** AWS Security Hub (CSPM) controls. */
  public static final String SECURITY_HUB = "AWS Security Hub";

  /** AWS Config managed rules. */
  public static final String AWS_CONFIG = "AWS Config";

  /** Prowler checks. */
  public static final String PROWLER = "Prowler";

  /** Checks the arguments. */
  public Reference {
    Objects.requireNonNull(framework, "framework");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(id, "id");
  }

  /**
   * Returns a short label, e.g. {@code "CIS AWS Foundations v7.0.0 2.5"} or {@code "AWS Security
   * Hub IAM.9"}.
   *
   * @return the label
   */
  public String label() {
    return version.isEmpty() ? framework + " " + id : framework + " v" + version + " " + id;
  }
}
