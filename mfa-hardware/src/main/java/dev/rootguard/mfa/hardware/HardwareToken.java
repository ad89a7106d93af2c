package dev.rootguard.mfa.hardware;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.mfa.totp.OtpSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.Destroyable;

/**
 * One OATH hardware token (a HOTP or TOTP key fob) as its vendor delivered it: the serial number
 * printed on the device, its OTP parameters, its validity period, and its secret seed.
 *
 * <p>This type holds a secret. {@link #toString()} never shows it, there is no {@code equals}
 * (compare seeds with {@link #sameSecretAs}), and {@link #destroy()} zero-fills this object's copy
 * (best effort: the JCA keeps its own copies while computing codes, and the garbage collector may
 * have copied arrays before).
 *
 * <pre>{@code
 * HardwareToken token = HardwareToken.builder("GALT12345678", OathType.TOTP, seed)
 *     .manufacturer("Gemalto")
 *     .digits(6)
 *     .timeStep(Duration.ofSeconds(30))
 *     .validUntil(Instant.parse("2031-01-01T00:00:00Z"))
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe (immutable apart from {@link #destroy()}).
 *
 * <p>About 600 lines because it is a published value type with a documented accessor per field and
 * a {@code Builder} whose thirteen setters each state their range; the OTP parameters themselves
 * live in one {@link dev.rootguard.mfa.totp.OtpParameters}.
 *
 * @since 0.1.0
 */
public final class HardwareToken implements Destroyable {
  /** Longest accepted serial number. */
  public static final int MAX_SERIAL_LENGTH = 128;

  /**
   * Shortest accepted seed, in bytes: {@value}, the same floor as {@link OtpSecret#MIN_LENGTH} (80
   * bits), so every token that can be built can also compute codes.
   *
   * <p>{@code oathtool} and most tokens compute codes for any seed length, even the 4-byte {@code
   * 1234} of RFC 6030 figure 2, but RFC 4226 §4 (R6) asks for at least 128 bits: with a few
   * observed codes and their counters an attacker tries every 32-bit seed offline in about an hour
   * on one CPU core with the JDK's own HMAC (about 1.3 million seeds a second), far less on a GPU.
   * 80 bits is the floor RootGuard accepts everywhere because services still issue 80-bit secrets.
   *
   * @since 0.2.0
   */
  public static final int MIN_SECRET_LENGTH = OtpSecret.MIN_LENGTH;

  /**
   * Longest accepted seed, in bytes: {@value}.
   *
   * @since 0.2.0
   */
  public static final int MAX_SECRET_LENGTH = 128;

  private final String serial;
  private final String keyId;
  private final String manufacturer;
  private final String issuer;
  private final OathType type;
  // Algorithm, digits, time step and T0: composed, not copied (issue 12).
  private final OtpParameters parameters;
  private final long counter;
  private final int timeDrift;
  private final Instant validFrom;
  private final Instant validUntil;
  private final byte[] secret;
  private volatile boolean destroyed;
  private volatile OtpSecret otpSecret;

  private HardwareToken(Builder b) {
    this.serial = b.serial;
    this.keyId = b.keyId == null ? b.serial : b.keyId;
    this.manufacturer = b.manufacturer;
    this.issuer = b.issuer;
    this.type = b.type;
    this.parameters = new OtpParameters(b.algorithm, b.digits, b.timeStep, b.t0);
    this.counter = b.counter;
    this.timeDrift = b.timeDrift;
    this.validFrom = b.validFrom;
    this.validUntil = b.validUntil;
    this.secret = b.secret.clone();
  }

  /**
   * Starts a builder.
   *
   * @param serial the serial number printed on the device (1 to {@value #MAX_SERIAL_LENGTH}
   *     printable characters)
   * @param type HOTP or TOTP
   * @param secret the seed, {@value #MIN_SECRET_LENGTH} to {@value #MAX_SECRET_LENGTH} bytes;
   *     copied, so the caller may zero its array afterwards
   * @return a builder; not thread-safe
   * @throws InvalidInputException naming {@code serial}, or {@code secret} with its length and the
   *     allowed range (never its value), if the serial or secret is unusable
   */
  public static Builder builder(String serial, OathType type, byte[] secret) {
    return new Builder(serial, type, secret);
  }

  /**
   * Returns a builder holding this token's values (and a copy of its secret).
   *
   * @return a builder; not thread-safe
   */
  public Builder toBuilder() {
    Builder b = new Builder(serial, type, secretBytes());
    b.keyId = keyId;
    b.manufacturer = manufacturer;
    b.issuer = issuer;
    b.algorithm = parameters.algorithm();
    b.digits = parameters.digits();
    b.timeStep = parameters.period();
    b.t0 = parameters.t0();
    b.counter = counter;
    b.timeDrift = timeDrift;
    b.validFrom = validFrom;
    b.validUntil = validUntil;
    return b;
  }

  /**
   * Returns the serial number printed on the device; the token's id in a {@link TokenStore}.
   *
   * @return the serial
   */
  public String serial() {
    return serial;
  }

  /**
   * Returns the key's id in the file it came from (PSKC {@code Key/@Id}); the serial when built by
   * hand.
   *
   * @return the key id
   */
  public String keyId() {
    return keyId;
  }

  /**
   * Returns the manufacturer, if the vendor named one.
   *
   * @return the manufacturer, or empty
   */
  public Optional<String> manufacturer() {
    return Optional.ofNullable(manufacturer);
  }

  /**
   * Returns the issuer, if the vendor named one.
   *
   * @return the issuer, or empty
   */
  public Optional<String> issuer() {
    return Optional.ofNullable(issuer);
  }

  /**
   * Returns whether the token shows HOTP or TOTP codes.
   *
   * @return the type
   */
  public OathType type() {
    return type;
  }

  /**
   * Returns the HMAC hash function. Default: SHA-1.
   *
   * @return the hash
   */
  public HmacAlgorithm algorithm() {
    return parameters.algorithm();
  }

  /**
   * Returns the OTP parameters (algorithm, digits, time step and T0) in the mfa-totp module's
   * terms, for computing codes with {@link dev.rootguard.mfa.totp.Totp} and {@link
   * dev.rootguard.mfa.totp.Hotp}. The token holds them as one value; {@link #algorithm()}, {@link
   * #digits()}, {@link #timeStep()} and {@link #t0()} read from it.
   *
   * @return the parameters
   */
  public OtpParameters parameters() {
    return parameters;
  }

  /**
   * Returns the seed as the mfa-totp module's secret, made once and cached; its HMAC key states are
   * prepared once, so checking a wide resync window is fast.
   *
   * @return the secret
   * @throws IllegalStateException if destroyed
   */
  OtpSecret otpSecret() {
    OtpSecret s = otpSecret;
    if (s == null) {
      byte[] b = secretBytes();
      try {
        s = OtpSecret.fromBytes(b);
      } finally {
        Arrays.fill(b, (byte) 0);
      }
      otpSecret = s;
    }
    if (destroyed) {
      throw new IllegalStateException("secret: token " + serial + " was destroyed");
    }
    return s;
  }

  /**
   * Returns the number of digits in a code (6 to 8).
   *
   * @return the digits
   */
  public int digits() {
    return parameters.digits();
  }

  /**
   * Returns the TOTP time step. Default: 30 s. Meaningless for HOTP.
   *
   * @return the step
   */
  public Duration timeStep() {
    return parameters.period();
  }

  /**
   * Returns the TOTP start time T0. Default: the epoch.
   *
   * @return T0
   */
  public Instant t0() {
    return parameters.t0();
  }

  /**
   * Returns the HOTP counter the token starts from (the vendor's value at shipping). Default: 0.
   *
   * @return the counter
   */
  public long counter() {
    return counter;
  }

  /**
   * Returns the clock drift the vendor measured, in time steps (negative: the device is slow).
   * Default: 0.
   *
   * @return the drift in steps
   */
  public int timeDrift() {
    return timeDrift;
  }

  /**
   * Returns when the token becomes usable, if the vendor said.
   *
   * @return the start, or empty
   */
  public Optional<Instant> validFrom() {
    return Optional.ofNullable(validFrom);
  }

  /**
   * Returns when the token stops being usable (battery end of life, key expiry), if the vendor
   * said.
   *
   * @return the end, or empty
   */
  public Optional<Instant> validUntil() {
    return Optional.ofNullable(validUntil);
  }

  /**
   * Returns whether the token's validity has ended at {@code now}.
   *
   * @param now the instant to test
   * @return true if {@link #validUntil()} is at or before {@code now}
   */
  public boolean isExpiredAt(Instant now) {
    Objects.requireNonNull(now, "now");
    return validUntil != null && !now.isBefore(validUntil);
  }

  /**
   * Returns whether the token is not yet valid at {@code now}.
   *
   * @param now the instant to test
   * @return true if {@link #validFrom()} is after {@code now}
   */
  public boolean isNotYetValidAt(Instant now) {
    Objects.requireNonNull(now, "now");
    return validFrom != null && now.isBefore(validFrom);
  }

  /**
   * Returns the secret's length in bytes.
   *
   * @return the length
   */
  public int secretLength() {
    return secret.length;
  }

  /**
   * Returns a copy of the secret seed. Named so exports are easy to find in a code review; the
   * caller should zero the copy when done.
   *
   * @return a copy of the seed
   * @throws IllegalStateException if destroyed
   */
  public byte[] revealSecret() {
    return secretBytes();
  }

  private byte[] secretBytes() {
    if (destroyed) {
      throw new IllegalStateException("secret: token " + serial + " was destroyed");
    }
    return secret.clone();
  }

  /**
   * Compares the seeds of two tokens in constant time.
   *
   * @param other the other token
   * @return true if both seeds are equal
   */
  public boolean sameSecretAs(HardwareToken other) {
    Objects.requireNonNull(other, "other");
    byte[] a = secretBytes();
    byte[] b = other.secretBytes();
    try {
      return java.security.MessageDigest.isEqual(a, b);
    } finally {
      Arrays.fill(a, (byte) 0);
      Arrays.fill(b, (byte) 0);
    }
  }

  /** Zero-fills this object's copy of the seed; later access throws IllegalStateException. */
  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(secret, (byte) 0);
    OtpSecret s = otpSecret;
    if (s != null) {
      s.destroy();
    }
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  /** Returns a description without the seed. */
  @Override
  public String toString() {
    return "HardwareToken[serial="
        + serial
        + (keyId.equals(serial) ? "" : ", keyId=" + keyId)
        + (manufacturer == null ? "" : ", manufacturer=" + manufacturer)
        + ", type="
        + type
        + ", algorithm="
        + parameters.algorithm()
        + ", digits="
        + parameters.digits()
        + (type == OathType.TOTP
            ? ", timeStep=" + parameters.periodSeconds() + "s"
            : ", counter=" + counter)
        + (validUntil == null ? "" : ", validUntil=" + validUntil)
        + ", secret=<redacted "
        + secret.length
        + " bytes>]";
  }

  /**
   * Builds a {@link HardwareToken}. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final String serial;
    private final OathType type;
    private final byte[] secret;
    private String keyId;
    private String manufacturer;
    private String issuer;
    private HmacAlgorithm algorithm = HmacAlgorithm.SHA1;
    private int digits = 6;
    private Duration timeStep = Duration.ofSeconds(30);
    private Instant t0 = Instant.EPOCH;
    private long counter;
    private int timeDrift;
    private Instant validFrom;
    private Instant validUntil;

    private Builder(String serial, OathType type, byte[] secret) {
      this.serial = checkText("serial", serial, MAX_SERIAL_LENGTH);
      this.type = Objects.requireNonNull(type, "type");
      Objects.requireNonNull(secret, "secret");
      if (secret.length < MIN_SECRET_LENGTH || secret.length > MAX_SECRET_LENGTH) {
        throw new InvalidInputException(
            "secret",
            "must be "
                + MIN_SECRET_LENGTH
                + " to "
                + MAX_SECRET_LENGTH
                + " bytes (at least 80 bits, RFC 4226 §4 R6), was "
                + secret.length
                + " bytes");
      }
      this.secret = secret.clone();
    }

    /**
     * Sets the key's id in its source file. Default: the serial.
     *
     * @param keyId the key id
     * @return this builder
     */
    public Builder keyId(String keyId) {
      this.keyId = checkText("keyId", keyId, 256);
      return this;
    }

    /**
     * Sets the manufacturer.
     *
     * @param manufacturer the manufacturer
     * @return this builder
     */
    public Builder manufacturer(String manufacturer) {
      this.manufacturer = checkText("manufacturer", manufacturer, 256);
      return this;
    }

    /**
     * Sets the issuer.
     *
     * @param issuer the issuer
     * @return this builder
     */
    public Builder issuer(String issuer) {
      this.issuer = checkText("issuer", issuer, 256);
      return this;
    }

    /**
     * Sets the HMAC hash. Default: SHA1.
     *
     * @param algorithm the hash
     * @return this builder
     */
    public Builder algorithm(HmacAlgorithm algorithm) {
      this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /**
     * Sets the HMAC hash by name ({@code SHA1}, {@code SHA256}, {@code SHA512}; {@code
     * HMAC-SHA-256} and similar spellings are accepted, as in PSKC's {@code Suite}).
     *
     * @param name the hash name
     * @return this builder
     * @throws InvalidInputException naming {@code algorithm} if the hash is not supported
     */
    public Builder algorithm(String name) {
      Objects.requireNonNull(name, "algorithm");
      return algorithm(HmacAlgorithm.fromName(name.replace("_", "")));
    }

    /**
     * Sets the number of digits. Default: 6. Allowed: 6 to 8.
     *
     * @param digits the digits
     * @return this builder
     */
    public Builder digits(int digits) {
      if (digits < OtpParameters.MIN_DIGITS || digits > OtpParameters.MAX_DIGITS) {
        throw new InvalidInputException(
            "digits",
            "must be "
                + OtpParameters.MIN_DIGITS
                + ".."
                + OtpParameters.MAX_DIGITS
                + ", was "
                + digits);
      }
      this.digits = digits;
      return this;
    }

    /**
     * Sets the TOTP time step. Default: 30 s. Allowed: 1 s to 1 hour, whole seconds.
     *
     * @param step the step
     * @return this builder
     */
    public Builder timeStep(Duration step) {
      Objects.requireNonNull(step, "timeStep");
      if (step.getNano() != 0 || step.getSeconds() < 1 || step.getSeconds() > 3600) {
        throw new InvalidInputException(
            "timeStep", "must be whole seconds from 1 s to 1 h, was " + step);
      }
      this.timeStep = step;
      return this;
    }

    /**
     * Sets the TOTP start time T0. Default: the epoch.
     *
     * @param t0 the start time, whole seconds
     * @return this builder
     * @throws InvalidInputException naming {@code t0} if it has a fraction of a second
     */
    public Builder t0(Instant t0) {
      Objects.requireNonNull(t0, "t0");
      if (t0.getNano() != 0) {
        throw new InvalidInputException("t0", "must be whole seconds, was " + t0);
      }
      this.t0 = t0;
      return this;
    }

    /**
     * Sets the HOTP counter. Default: 0.
     *
     * @param counter the counter, not negative
     * @return this builder
     */
    public Builder counter(long counter) {
      if (counter < 0) {
        throw new InvalidInputException("counter", "must be >= 0, was " + counter);
      }
      this.counter = counter;
      return this;
    }

    /**
     * Sets the measured clock drift in steps. Default: 0. Allowed: -10,000 to 10,000.
     *
     * @param steps the drift
     * @return this builder
     */
    public Builder timeDrift(int steps) {
      if (Math.abs(steps) > 10_000) {
        throw new InvalidInputException("timeDrift", "must be within ±10000 steps, was " + steps);
      }
      this.timeDrift = steps;
      return this;
    }

    /**
     * Sets when the token becomes usable.
     *
     * @param from the start
     * @return this builder
     */
    public Builder validFrom(Instant from) {
      this.validFrom = Objects.requireNonNull(from, "validFrom");
      return this;
    }

    /**
     * Sets when the token stops being usable.
     *
     * @param until the end
     * @return this builder
     */
    public Builder validUntil(Instant until) {
      this.validUntil = Objects.requireNonNull(until, "validUntil");
      return this;
    }

    /**
     * Builds the token.
     *
     * @return the token
     * @throws InvalidInputException if the validity period ends before it starts
     */
    public HardwareToken build() {
      if (validFrom != null && validUntil != null && validUntil.isBefore(validFrom)) {
        throw new InvalidInputException(
            "validUntil", "must not be before validFrom (" + validFrom + "), was " + validUntil);
      }
      return new HardwareToken(this);
    }
  }

  static String checkText(String field, String value, int max) {
    Objects.requireNonNull(value, field);
    if (value.isEmpty() || value.length() > max) {
      throw new InvalidInputException(
          field, "must be 1 to " + max + " characters, was " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new InvalidInputException(field, "must not contain control characters");
      }
    }
    return value;
  }
}
