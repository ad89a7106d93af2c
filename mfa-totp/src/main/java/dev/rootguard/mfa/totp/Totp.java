package dev.rootguard.mfa.totp;

import java.time.Instant;
import java.util.Objects;

/**
 * RFC 6238 TOTP code generation: the HOTP code of the time step {@code T = floor((unixTime - T0) /
 * period)}. Steps are 64-bit, so times past 2038 (and far beyond) work. For verification use {@link
 * TotpVerifier}.
 *
 * <pre>{@code
 * OtpSecret k = OtpSecret.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
 * OtpParameters p = OtpParameters.RFC6238_DEFAULT.withDigits(8);
 * String code = Totp.code(k, p, Instant.ofEpochSecond(59));   // "94287082" (RFC 6238 Appendix B)
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6238#section-4.2">RFC 6238 §4.2</a>
 * @since 0.1.0
 */
public final class Totp {
  private Totp() {}

  /**
   * Returns the TOTP code valid at an instant.
   *
   * @param secret the shared secret
   * @param parameters algorithm, digits, period and T0
   * @param at the instant
   * @return the code, exactly {@code parameters.digits()} ASCII digits
   * @throws IllegalStateException if the secret was destroyed
   */
  public static String code(OtpSecret secret, OtpParameters parameters, Instant at) {
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(at, "at");
    return codeAtStep(secret, parameters, parameters.stepAt(at));
  }

  /**
   * Returns the TOTP code of a time step.
   *
   * @param secret the shared secret
   * @param parameters algorithm and digits (the period and T0 are not used)
   * @param step the time step
   * @return the code
   * @throws IllegalStateException if the secret was destroyed
   */
  public static String codeAtStep(OtpSecret secret, OtpParameters parameters, long step) {
    Objects.requireNonNull(parameters, "parameters");
    return Hotp.code(secret, parameters.algorithm(), parameters.digits(), step);
  }
}
