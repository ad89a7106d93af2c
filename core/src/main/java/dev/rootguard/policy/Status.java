package dev.rootguard.policy;

/**
 * The outcome of one control for one account.
 *
 * <ul>
 *   <li>{@link #PASS}: the facts prove the control is met.
 *   <li>{@link #FAIL}: the facts prove it is not met; {@link Assessment#isCompliant()} is false.
 *   <li>{@link #WARN}: met, but with a weakness worth fixing (e.g. an inactive root key that still
 *       exists); does not break compliance.
 *   <li>{@link #UNKNOWN}: a fact the control needs could not be read; never a guessed PASS. Breaks
 *       compliance: compliance must be proven.
 *   <li>{@link #MANUAL}: no API can decide it (e.g. billing access, the root password's strength);
 *       the finding carries the console steps. Does not break compliance.
 *   <li>{@link #NOT_APPLICABLE}: the control does not apply to this account (e.g. a member-account
 *       control on a standalone account). Left out of the score.
 * </ul>
 *
 * <pre>{@code
 * if (finding.status() == Status.FAIL) { ... }
 * }</pre>
 *
 * <p>New constants may be added in minor releases; handle {@code default}. Immutable and
 * thread-safe.
 *
 * @since 0.1.0
 */
public enum Status {
  /** The control is met. */
  PASS,
  /** The control is not met. */
  FAIL,
  /** Met with a weakness worth fixing. */
  WARN,
  /** A needed fact is unknown. */
  UNKNOWN,
  /** Must be checked by a person, in the console. */
  MANUAL,
  /** Does not apply to this account. */
  NOT_APPLICABLE
}
