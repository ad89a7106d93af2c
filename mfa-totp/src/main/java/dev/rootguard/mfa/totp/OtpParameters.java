package dev.rootguard.mfa.totp;

import dev.rootguard.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The non-secret settings of a one-time-password credential: hash algorithm, number of digits, time
 * step (period) and the time the steps are counted from ({@code T0}). HOTP credentials use only the
 * algorithm and the digits.
 *
 * <pre>{@code
 * OtpParameters aws = OtpParameters.RFC6238_DEFAULT;                    // SHA1, 6 digits, 30 s, epoch
 * OtpParameters strong = OtpParameters.of(HmacAlgorithm.SHA256, 8, 60);  // 8 digits every minute
 * long step = aws.stepAt(Instant.parse("2033-05-18T03:33:20Z"));        // floor((t - T0) / period)
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param algorithm the HMAC hash function
 * @param digits the code length: 6, 7 or 8
 * @param period the time step: whole seconds, at least 1 s, at most {@link #MAX_PERIOD}
 * @param t0 the Unix time steps are counted from: whole seconds ({@link Instant#EPOCH} in practice)
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6238#section-4">RFC 6238 §4</a>
 * @since 0.1.0
 */
public record OtpParameters(HmacAlgorithm algorithm, int digits, Duration period, Instant t0) {

  /** Smallest number of digits (RFC 4226 §5.3 requires at least 6). */
  public static final int MIN_DIGITS = 6;

  /** Largest number of digits. */
  public static final int MAX_DIGITS = 8;

  /** Longest time step accepted: one day. */
  public static final Duration MAX_PERIOD = Duration.ofDays(1);

  /** SHA-1, 6 digits, 30 seconds, counted from the Unix epoch: what authenticator apps use. */
  public static final OtpParameters RFC6238_DEFAULT =
      new OtpParameters(HmacAlgorithm.SHA1, 6, Duration.ofSeconds(30), Instant.EPOCH);

  /**
   * Validates the settings.
   *
   * @throws InvalidInputException naming {@code digits}, {@code period} or {@code t0} when a value
   *     is out of range
   */
  public OtpParameters {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(t0, "t0");
    checkDigits(digits);
    if (period.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new InvalidInputException("period", "must be >= 1 s, was " + period);
    }
    if (period.getNano() != 0) {
      throw new InvalidInputException("period", "must be whole seconds, was " + period);
    }
    if (period.compareTo(MAX_PERIOD) > 0) {
      throw new InvalidInputException("period", "must be <= " + MAX_PERIOD + ", was " + period);
    }
    if (t0.getNano() != 0) {
      throw new InvalidInputException("t0", "must be whole seconds, was " + t0);
    }
  }

  /**
   * Returns parameters counted from the Unix epoch.
   *
   * @param algorithm the HMAC hash function
   * @param digits 6, 7 or 8
   * @param periodSeconds the time step in seconds, at least 1
   * @return the parameters
   * @throws InvalidInputException naming the field when a value is out of range
   */
  public static OtpParameters of(HmacAlgorithm algorithm, int digits, long periodSeconds) {
    if (periodSeconds < 1) {
      throw new InvalidInputException("period", "must be >= 1 s, was " + periodSeconds + " s");
    }
    return new OtpParameters(algorithm, digits, Duration.ofSeconds(periodSeconds), Instant.EPOCH);
  }

  /**
   * Checks a number of digits.
   *
   * @param digits the number of digits
   * @return the same number
   * @throws InvalidInputException naming {@code digits} if it is not 6, 7 or 8
   */
  static int checkDigits(int digits) {
    if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
      throw new InvalidInputException(
          "digits", "must be " + MIN_DIGITS + ".." + MAX_DIGITS + ", was " + digits);
    }
    return digits;
  }

  /**
   * Returns the period in seconds.
   *
   * @return the period in seconds, at least 1
   */
  public long periodSeconds() {
    return period.getSeconds();
  }

  /**
   * Returns the time step (the TOTP counter {@code T}) that contains an instant: {@code
   * floor((unixTime - T0) / period)}. The result is a 64-bit value, so times past 2038 work.
   *
   * @param at the instant
   * @return the time step
   */
  public long stepAt(Instant at) {
    return stepAtEpochSecond(at.getEpochSecond());
  }

  /**
   * Returns the time step that contains a Unix time in seconds.
   *
   * @param epochSecond seconds since the Unix epoch
   * @return the time step
   */
  public long stepAtEpochSecond(long epochSecond) {
    return Math.floorDiv(epochSecond - t0.getEpochSecond(), period.getSeconds());
  }

  /**
   * Returns the first instant of a time step.
   *
   * @param step the time step
   * @return when the step begins
   */
  public Instant stepStart(long step) {
    return Instant.ofEpochSecond(
        Math.addExact(t0.getEpochSecond(), Math.multiplyExact(step, period.getSeconds())));
  }

  /**
   * Returns a copy with another algorithm.
   *
   * @param newAlgorithm the algorithm
   * @return the copy
   */
  public OtpParameters withAlgorithm(HmacAlgorithm newAlgorithm) {
    return new OtpParameters(newAlgorithm, digits, period, t0);
  }

  /**
   * Returns a copy with another number of digits.
   *
   * @param newDigits 6, 7 or 8
   * @return the copy
   * @throws InvalidInputException naming {@code digits} when out of range
   */
  public OtpParameters withDigits(int newDigits) {
    return new OtpParameters(algorithm, newDigits, period, t0);
  }

  /**
   * Returns a copy with another period.
   *
   * @param newPeriod the period, whole seconds, at least 1 s
   * @return the copy
   * @throws InvalidInputException naming {@code period} when out of range
   */
  public OtpParameters withPeriod(Duration newPeriod) {
    return new OtpParameters(algorithm, digits, newPeriod, t0);
  }

  /**
   * Returns a copy with another {@code T0}.
   *
   * @param newT0 the new origin, whole seconds
   * @return the copy
   * @throws InvalidInputException naming {@code t0} when it has a fraction of a second
   */
  public OtpParameters withT0(Instant newT0) {
    return new OtpParameters(algorithm, digits, period, newT0);
  }
}
