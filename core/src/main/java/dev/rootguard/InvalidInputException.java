package dev.rootguard;

import java.util.Objects;

/**
 * Operator or developer input that RootGuard refuses: a builder value out of range, a bad Base32
 * secret, a malformed otpauth URI, PSKC file or credential report. The message always names the
 * field and says why, in the form {@code "period: must be >= 1 s, was PT0S"}.
 *
 * <pre>{@code
 * try {
 *   PasswordPolicy.fromIam(json);
 * } catch (InvalidInputException e) {
 *   System.err.println(e.field() + " is wrong: " + e.getMessage());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public class InvalidInputException extends RootGuardException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String reason;

  /**
   * Creates an exception for one field.
   *
   * @param field the name of the field, parameter, element or column at fault
   * @param reason why the value was refused; never the value itself when it may be secret
   */
  public InvalidInputException(String field, String reason) {
    super(Objects.requireNonNull(field, "field") + ": " + Objects.requireNonNull(reason, "reason"));
    this.field = field;
    this.reason = reason;
  }

  /**
   * Creates an exception for one field, keeping the cause.
   *
   * @param field the name of the field at fault
   * @param reason why the value was refused
   * @param cause the underlying failure
   */
  public InvalidInputException(String field, String reason, Throwable cause) {
    super(
        Objects.requireNonNull(field, "field") + ": " + Objects.requireNonNull(reason, "reason"),
        cause);
    this.field = field;
    this.reason = reason;
  }

  /**
   * Returns the name of the field, parameter, element or column at fault.
   *
   * @return the field name, never empty
   */
  public String field() {
    return field;
  }

  /**
   * Returns why the value was refused, without the field name.
   *
   * @return the reason, never empty
   * @since 0.2.0
   */
  public String reason() {
    return reason;
  }

  /**
   * Returns this refusal placed inside an outer input, e.g. a command-line option that named the
   * file: the field becomes {@code outer + ": " + field()}, the reason stays, this is the cause.
   *
   * <pre>{@code
   * try {
   *   return IamPasswordPolicy.fromJson(text);
   * } catch (InvalidInputException e) {
   *   throw e.within("--password-policy"); // "--password-policy: MinimumPasswordLength: must be ..."
   * }
   * }</pre>
   *
   * @param outer the outer input's name, not blank
   * @return a new exception
   * @since 0.2.0
   */
  public InvalidInputException within(String outer) {
    Objects.requireNonNull(outer, "outer");
    return new InvalidInputException(outer + ": " + field, reason, this);
  }
}
