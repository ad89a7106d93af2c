package dev.rootguard.mfa.fido.internal;

import dev.rootguard.mfa.MfaResult.Reason;
import java.util.Objects;

/**
 * Internal control flow: a ceremony step refused the response, for a known {@link Reason}. Thrown
 * by the step methods of {@link RegistrationCeremony} and {@link AuthenticationCeremony}, turned
 * into a result by {@link FailureMapper}; never leaves the module. It carries no submitted content
 * and no stack trace.
 *
 * <p>Immutable; thread-safe.
 *
 * <pre>{@code
 * throw new StepFailed(Reason.RP_ID_MISMATCH);
 * }</pre>
 */
public final class StepFailed extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the step refused. */
  private final Reason reason;

  /**
   * Creates the signal.
   *
   * @param reason why the step refused
   */
  public StepFailed(Reason reason) {
    super(Objects.requireNonNull(reason, "reason").name(), null, false, false);
    this.reason = reason;
  }

  /**
   * Returns why the step refused.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
