package dev.rootguard.password;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on one password: every violation (AWS would refuse it) and every warning (AWS would
 * take it, best practice says no), plus a strength estimate. Holds nothing derived from the
 * password's characters except which rules fired and the estimate.
 *
 * <pre>{@code
 * PasswordCheck c = validator.check(pw, ctx);
 * if (!c.isValid()) {
 *   c.violations().forEach(v -> System.out.println(v.message(Locale.JAPANESE)));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class PasswordCheck {
  private final PasswordFinding[] violationTable;
  private final PasswordFinding[] warningTable;
  private final long violationBits;
  private final long warningBits;
  private final Strength strength;
  private final String policyName;

  PasswordCheck(
      PasswordFinding[] violationTable,
      PasswordFinding[] warningTable,
      long violationBits,
      long warningBits,
      Strength strength,
      String policyName) {
    this.violationTable = violationTable;
    this.warningTable = warningTable;
    this.violationBits = violationBits;
    this.warningBits = warningBits;
    this.strength = strength;
    this.policyName = policyName;
  }

  /**
   * Returns whether the password has no violations: AWS (or the policy) would accept it.
   *
   * @return true if there are no violations
   */
  public boolean isValid() {
    return violationBits == 0;
  }

  /**
   * Returns whether the password has neither violations nor warnings.
   *
   * @return true if recommended
   */
  public boolean isRecommended() {
    return violationBits == 0 && warningBits == 0;
  }

  /**
   * Returns every violation, in {@link PasswordRule} order.
   *
   * @return the violations, possibly empty
   */
  public List<PasswordFinding> violations() {
    return list(violationTable, violationBits);
  }

  /**
   * Returns every warning, in {@link PasswordRule} order.
   *
   * @return the warnings, possibly empty
   */
  public List<PasswordFinding> warnings() {
    return list(warningTable, warningBits);
  }

  /**
   * Returns the violations followed by the warnings.
   *
   * @return all findings
   */
  public List<PasswordFinding> findings() {
    List<PasswordFinding> all = new ArrayList<>(violations());
    all.addAll(warnings());
    return Collections.unmodifiableList(all);
  }

  /**
   * Returns whether a rule fired, as a violation or a warning.
   *
   * @param rule the rule
   * @return true if it fired
   */
  public boolean has(PasswordRule rule) {
    long bit = 1L << Objects.requireNonNull(rule, "rule").ordinal();
    return ((violationBits | warningBits) & bit) != 0;
  }

  /**
   * Returns whether a rule fired as a violation.
   *
   * @param rule the rule
   * @return true if it is a violation here
   */
  public boolean violates(PasswordRule rule) {
    return (violationBits & (1L << Objects.requireNonNull(rule, "rule").ordinal())) != 0;
  }

  /**
   * Returns the strength estimate; empty when the validator was built without one ({@link
   * PasswordValidator.Builder#estimateStrength(boolean)}).
   *
   * @return the estimate, or empty
   */
  public Optional<Strength> strength() {
    return Optional.ofNullable(strength);
  }

  /**
   * Returns the name of the policy that was applied, e.g. {@code aws-root}.
   *
   * @return the policy name
   */
  public String policyName() {
    return policyName;
  }

  private static List<PasswordFinding> list(PasswordFinding[] table, long bits) {
    if (bits == 0) {
      return List.of();
    }
    List<PasswordFinding> out = new ArrayList<>(Long.bitCount(bits));
    for (long b = bits; b != 0; b &= b - 1) {
      out.add(table[Long.numberOfTrailingZeros(b)]);
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PasswordCheck c
        && violationBits == c.violationBits
        && warningBits == c.warningBits
        && policyName.equals(c.policyName)
        && violations().equals(c.violations())
        && warnings().equals(c.warnings())
        && Objects.equals(strength, c.strength);
  }

  @Override
  public int hashCode() {
    return Objects.hash(violationBits, warningBits, policyName, strength);
  }

  @Override
  public String toString() {
    return "PasswordCheck["
        + policyName
        + ", valid="
        + isValid()
        + ", violations="
        + violations()
        + ", warnings="
        + warnings()
        + (strength == null ? "" : ", score=" + strength.score())
        + "]";
  }
}
