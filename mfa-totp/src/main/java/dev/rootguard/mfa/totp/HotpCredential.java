package dev.rootguard.mfa.totp;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.internal.OtpKey;
import java.util.Objects;

/**
 * An enrolled RFC 4226 HOTP token (event-based: each button press advances its counter): id, owner,
 * secret, algorithm, digits and the counter the token starts from. The counter's progress lives in
 * an {@link OtpStateStore}, not here, so one instance can be shared.
 *
 * <pre>{@code
 * HotpCredential fob = HotpCredential.builder(CredentialId.of("fob-1234"), Principal.of("root"), seed)
 *     .digits(6)
 *     .initialCounter(0)
 *     .build();
 * MfaResult r = hotpVerifier.verify(fob, "755224");
 * }</pre>
 *
 * <p>Holds a secret: {@link #toString()} is redacted and there is no {@code equals}. Thread-safe;
 * share one instance.
 *
 * @since 0.1.0
 */
public final class HotpCredential extends OtpCredential {
  private final HmacAlgorithm algorithm;
  private final int digits;
  private final long initialCounter;

  private HotpCredential(Builder b) {
    super(b);
    this.algorithm = b.algorithm;
    this.digits = b.digits;
    this.initialCounter = b.initialCounter;
  }

  /**
   * Starts a builder.
   *
   * @param id the credential's stable id (e.g. the token serial)
   * @param owner the principal it belongs to
   * @param secret the token seed
   * @return a builder; not thread-safe
   */
  public static Builder builder(CredentialId id, Principal owner, OtpSecret secret) {
    return new Builder(id, owner, secret);
  }

  /**
   * Returns the HMAC hash.
   *
   * @return the algorithm
   */
  public HmacAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Returns the code length.
   *
   * @return 6, 7 or 8
   */
  public int digits() {
    return digits;
  }

  /**
   * Returns the first counter value the token will use (codes for lower counters are refused).
   *
   * @return the initial counter
   */
  public long initialCounter() {
    return initialCounter;
  }

  @Override
  OtpKey key() {
    return secret().key(algorithm);
  }

  /** Returns a description without the secret. */
  @Override
  public String toString() {
    return "HotpCredential[id="
        + id()
        + ", owner="
        + owner()
        + ", "
        + algorithm
        + ", digits="
        + digits
        + ", initialCounter="
        + initialCounter
        + ", secret="
        + secret()
        + "]";
  }

  /**
   * Builds a {@link HotpCredential}. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder extends CommonBuilder {
    private HmacAlgorithm algorithm = HmacAlgorithm.SHA1;
    private int digits = 6;
    private long initialCounter;

    private Builder(CredentialId id, Principal owner, OtpSecret secret) {
      super(id, owner, secret);
    }

    /**
     * Sets the HMAC hash. Default: SHA-1.
     *
     * @param algorithm the algorithm
     * @return this builder
     */
    public Builder algorithm(HmacAlgorithm algorithm) {
      this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /**
     * Sets the code length. Default: 6.
     *
     * @param digits 6, 7 or 8
     * @return this builder
     * @throws dev.rootguard.InvalidInputException naming {@code digits} when out of range
     */
    public Builder digits(int digits) {
      this.digits = OtpParameters.checkDigits(digits);
      return this;
    }

    /**
     * Sets the first counter the token uses. Default: 0.
     *
     * @param counter the counter, not negative
     * @return this builder
     * @throws dev.rootguard.InvalidInputException naming {@code counter} when negative
     */
    public Builder initialCounter(long counter) {
      if (counter < 0) {
        throw new dev.rootguard.InvalidInputException("counter", "must be >= 0, was " + counter);
      }
      this.initialCounter = counter;
      return this;
    }

    /**
     * Builds the credential.
     *
     * @return the credential
     * @throws IllegalStateException if the secret was destroyed
     */
    public HotpCredential build() {
      requireLiveSecret();
      return new HotpCredential(this);
    }
  }
}
