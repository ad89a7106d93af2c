package dev.rootguard.mfa;

import java.util.OptionalLong;

/**
 * What a verifier learned beyond accept or reject: the TOTP time step and drift, the HOTP counter,
 * a FIDO authenticator's AAGUID, when a lockout ends. Each verifier module defines its own records
 * implementing this interface; callers test with {@code instanceof}.
 *
 * <pre>{@code
 * if (result instanceof MfaResult.Accepted a && a.detail() instanceof OtpMatch m) {
 *   log.debug("drift {} steps", m.drift());
 * }
 * }</pre>
 *
 * <p>Implementations MUST be immutable and MUST NOT contain secrets.
 *
 * @since 0.1.0
 */
public interface FactorDetail {
  /** No detail. */
  FactorDetail NONE =
      new FactorDetail() {
        @Override
        public String toString() {
          return "none";
        }
      };

  /**
   * Returns the monotonic sequence number the accepted answer used (TOTP time step, HOTP counter,
   * Yubico OTP counter), which {@link MfaAuthenticator}'s replay guard records for verifiers that
   * do not guard replay themselves.
   *
   * @return the sequence, or empty when the factor has none
   */
  default OptionalLong sequence() {
    return OptionalLong.empty();
  }

  /**
   * Detail of a {@link MfaResult.Reason#LOCKED_OUT} rejection.
   *
   * @param until when the principal may try again
   * @since 0.1.0
   */
  record Lockout(java.time.Instant until) implements FactorDetail {
    /** Checks the argument. */
    public Lockout {
      java.util.Objects.requireNonNull(until, "until");
    }
  }
}
