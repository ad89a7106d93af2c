package dev.rootguard.policy;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The result of one control for one account: its status, the evidence in plain words, and the
 * sources of the facts it used.
 *
 * <pre>{@code
 * for (Finding f : assessment.findings()) {
 *   System.out.println(f.status() + " " + f.control() + ": " + f.evidence().text(Locale.ENGLISH));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param control the control
 * @param status the outcome
 * @param evidence why, in plain words
 * @param sources where the facts used came from (API call or file, and when)
 * @since 0.1.0
 */
public record Finding(Control control, Status status, Evidence evidence, List<Source> sources) {
  /** Checks the arguments and copies the list. */
  public Finding {
    Objects.requireNonNull(control, "control");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(evidence, "evidence");
    sources = List.copyOf(sources);
  }

  /**
   * Returns the control's severity.
   *
   * @return the severity
   */
  public Severity severity() {
    return control.severity();
  }

  /**
   * Returns how to fix this finding, with console steps (the control's remediation).
   *
   * @param locale English or Japanese
   * @return the remediation
   */
  public String remediation(Locale locale) {
    return control.remediation(locale);
  }

  /**
   * Returns whether this finding needs action: FAIL, WARN, UNKNOWN or MANUAL.
   *
   * @return true unless PASS or NOT_APPLICABLE
   */
  public boolean needsAttention() {
    return status != Status.PASS && status != Status.NOT_APPLICABLE;
  }
}
