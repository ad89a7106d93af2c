package dev.rootguard.mfa.totp;

import dev.rootguard.mfa.MfaResult;
import java.util.Objects;

/**
 * The outcome of {@link TotpEnrollment#complete}: either {@link Enrolled} with the credential to
 * store, or {@link Refused} with the reason.
 *
 * <pre>{@code
 * EnrollmentResult r = enrollment.complete(id, owner, secret, params, code1, code2);
 * if (r instanceof EnrollmentResult.Enrolled e) {
 *   repository.save(e.credential());
 * } else if (r instanceof EnrollmentResult.Refused no) {
 *   showError(no.reason().message(locale));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface EnrollmentResult
    permits EnrollmentResult.Enrolled, EnrollmentResult.Refused {

  /**
   * Returns whether the device was enrolled.
   *
   * @return true for {@link Enrolled}
   */
  default boolean isEnrolled() {
    return this instanceof Enrolled;
  }

  /**
   * The two codes matched consecutive steps: the credential is ready to store.
   *
   * @param credential the new credential; its {@link TotpCredential#enrolledStep()} is the step of
   *     the second code
   * @param firstStep the time step of the first code
   * @since 0.1.0
   */
  record Enrolled(TotpCredential credential, long firstStep) implements EnrollmentResult {
    /** Checks the argument. */
    public Enrolled {
      Objects.requireNonNull(credential, "credential");
    }
  }

  /**
   * The codes were refused.
   *
   * @param reason {@link MfaResult.Reason#MALFORMED_INPUT} or {@link MfaResult.Reason#WRONG_CODE}
   * @since 0.1.0
   */
  record Refused(MfaResult.Reason reason) implements EnrollmentResult {
    /** Checks the argument. */
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
