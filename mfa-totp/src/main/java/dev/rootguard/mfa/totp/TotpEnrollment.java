package dev.rootguard.mfa.totp;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.internal.OtpEngine;
import dev.rootguard.mfa.totp.internal.OtpKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;

/**
 * Enrolls a virtual MFA device the way AWS {@code EnableMFADevice} does: the user scans the secret,
 * then types two consecutive codes ({@code AuthenticationCode1} and {@code AuthenticationCode2}).
 * The pair proves the app computes the right codes and shows how far its clock is off; the step of
 * the second code is recorded in the credential, so neither code can be replayed at the first
 * sign-in.
 *
 * <pre>{@code
 * OtpSecret secret = OtpSecret.generate();
 * OtpAuthUri uri = OtpAuthUri.totp("Example", "alice@example.com", secret, OtpParameters.RFC6238_DEFAULT);
 * // show uri as a QR code, then ask for two codes
 * TotpEnrollment enrollment = TotpEnrollment.builder().clock(clock).build();
 * EnrollmentResult r = enrollment.complete(CredentialId.of("alice-phone"), Principal.of("alice"),
 *     secret, OtpParameters.RFC6238_DEFAULT, code1, code2);
 * }</pre>
 *
 * <p>Thread-safe; share one instance.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/APIReference/API_EnableMFADevice.html">AWS
 *     EnableMFADevice</a>
 * @since 0.1.0
 */
public final class TotpEnrollment {
  /** Largest allowed {@link Builder#searchWindow(int)}. */
  public static final int MAX_SEARCH_WINDOW = 120;

  private final Clock clock;
  private final int searchWindow;

  private TotpEnrollment(Builder b) {
    this.clock = b.clock;
    this.searchWindow = b.searchWindow;
  }

  /**
   * Starts a builder.
   *
   * @return a builder; not thread-safe
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks two consecutive codes and, if they match steps {@code s} and {@code s + 1} with {@code
   * s} within the search window around the current step, returns the new credential. Every
   * candidate step is computed and compared; of several matches the one closest to the current step
   * wins.
   *
   * @param id the id to give the credential
   * @param owner the principal enrolling
   * @param secret the secret the app was given
   * @param parameters the settings the app was given
   * @param code1 the first code shown
   * @param code2 the code shown next
   * @return {@link EnrollmentResult.Enrolled} or {@link EnrollmentResult.Refused}
   * @throws IllegalStateException if the secret was destroyed
   */
  public EnrollmentResult complete(
      CredentialId id,
      Principal owner,
      OtpSecret secret,
      OtpParameters parameters,
      CharSequence code1,
      CharSequence code2) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(code1, "code1");
    Objects.requireNonNull(code2, "code2");
    int digits = parameters.digits();
    OtpKey.Scratch scratch = OtpKey.scratch();
    byte[] a = scratch.given(digits);
    byte[] b = scratch.second(digits);
    try {
      if (!OtpEngine.normalize(code1, a) || !OtpEngine.normalize(code2, b)) {
        return new EnrollmentResult.Refused(Reason.MALFORMED_INPUT);
      }
      OtpKey key = secret.key(parameters.algorithm());
      long now = parameters.stepAt(clock.instant());
      // A new credential has no used step: every pair is fresh, the one nearest to now wins.
      long best =
          OtpEngine.findPair(
              key,
              digits,
              a,
              b,
              now - searchWindow,
              now + searchWindow,
              Long.MIN_VALUE,
              now,
              scratch);
      if (best == OtpEngine.NONE) {
        return new EnrollmentResult.Refused(Reason.WRONG_CODE);
      }
      // A second code from the future means the device's clock runs fast: remember that. One
      // from the past may just mean a slow typist, so it teaches nothing.
      long drift = Math.max(0, best + 1 - now);
      TotpCredential credential =
          TotpCredential.builder(id, owner, secret)
              .parameters(parameters)
              .enrolledStep(best + 1)
              .enrolledDrift((int) drift)
              .build();
      return new EnrollmentResult.Enrolled(credential, best);
    } finally {
      Arrays.fill(a, (byte) 0);
      Arrays.fill(b, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "TotpEnrollment[searchWindow=" + searchWindow + "]";
  }

  /**
   * Builds a {@link TotpEnrollment}. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private Clock clock;
    private int searchWindow = 10;

    private Builder() {}

    /**
     * Sets the clock. Required.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how many steps before and after the current one the first code may come from, so a
     * device whose clock is off (or a user who is slow to type) can still enroll. Default: 10 steps
     * (5 minutes at 30 s). Maximum: {@value TotpEnrollment#MAX_SEARCH_WINDOW}.
     *
     * @param steps 0 to {@value TotpEnrollment#MAX_SEARCH_WINDOW}
     * @return this builder
     * @throws InvalidInputException naming {@code searchWindow} when out of range
     */
    public Builder searchWindow(int steps) {
      if (steps < 0 || steps > MAX_SEARCH_WINDOW) {
        throw new InvalidInputException(
            "searchWindow", "must be 0.." + MAX_SEARCH_WINDOW + " steps, was " + steps);
      }
      this.searchWindow = steps;
      return this;
    }

    /**
     * Builds the enrollment.
     *
     * @return the enrollment
     * @throws InvalidInputException naming {@code clock} if no clock was set
     */
    public TotpEnrollment build() {
      if (clock == null) {
        throw new InvalidInputException("clock", "is required");
      }
      return new TotpEnrollment(this);
    }
  }
}
