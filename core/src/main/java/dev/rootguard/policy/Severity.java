package dev.rootguard.policy;

/**
 * How much a failed control matters, aligned with AWS Security Hub's severity labels. Each has a
 * weight used by {@link Assessment#score()}.
 *
 * <pre>{@code
 * Severity s = Control.ROOT_MFA_ENABLED.severity(); // CRITICAL
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public enum Severity {
  /** Weight 10. */
  CRITICAL(10),
  /** Weight 5. */
  HIGH(5),
  /** Weight 3. */
  MEDIUM(3),
  /** Weight 1. */
  LOW(1);

  private final int weight;

  Severity(int weight) {
    this.weight = weight;
  }

  /**
   * Returns the weight of a control of this severity in the score.
   *
   * @return 10, 5, 3 or 1
   */
  public int weight() {
    return weight;
  }
}
