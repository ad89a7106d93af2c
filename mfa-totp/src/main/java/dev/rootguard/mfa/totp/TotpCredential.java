package dev.rootguard.mfa.totp;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.internal.OtpKey;
import java.util.Objects;

/**
 * An enrolled TOTP device (a virtual MFA app): its id, its owner, its secret and settings, and the
 * time step consumed at enrollment, which can never be accepted again. {@link TotpEnrollment}
 * creates one after two consecutive codes; store it (the secret encrypted) and hand it to {@link
 * TotpVerifier}.
 *
 * <pre>{@code
 * TotpCredential phone = TotpCredential.builder(CredentialId.of("alice-phone"), Principal.of("alice"), secret)
 *     .parameters(OtpParameters.RFC6238_DEFAULT)
 *     .build();
 * MfaResult r = verifier.verify(phone, "492039");
 * }</pre>
 *
 * <p>Holds a secret: {@link #toString()} is redacted and there is no {@code equals}. Thread-safe;
 * share one instance.
 *
 * @since 0.1.0
 */
public final class TotpCredential extends OtpCredential {
  private final OtpParameters parameters;
  private final long enrolledStep;
  private final int enrolledDrift;

  private TotpCredential(Builder b) {
    super(b);
    this.parameters = b.parameters;
    this.enrolledStep = b.enrolledStep;
    this.enrolledDrift = b.enrolledDrift;
  }

  /**
   * Starts a builder.
   *
   * @param id the credential's stable id
   * @param owner the principal it belongs to
   * @param secret the shared secret
   * @return a builder; not thread-safe
   */
  public static Builder builder(CredentialId id, Principal owner, OtpSecret secret) {
    return new Builder(id, owner, secret);
  }

  /**
   * Returns the non-secret settings.
   *
   * @return the parameters
   */
  public OtpParameters parameters() {
    return parameters;
  }

  /**
   * Returns the last time step consumed at enrollment ({@link Long#MIN_VALUE} if none): steps up to
   * and including it are refused as replays.
   *
   * @return the enrolled step
   */
  public long enrolledStep() {
    return enrolledStep;
  }

  /**
   * Returns the drift observed at enrollment, used until a verification records its own.
   *
   * @return the drift in steps
   */
  public int enrolledDrift() {
    return enrolledDrift;
  }

  @Override
  OtpKey key() {
    return secret().key(parameters.algorithm());
  }

  /** Returns a description without the secret. */
  @Override
  public String toString() {
    return "TotpCredential[id="
        + id()
        + ", owner="
        + owner()
        + ", "
        + parameters
        + ", secret="
        + secret()
        + "]";
  }

  /**
   * Builds a {@link TotpCredential}. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder extends CommonBuilder {
    private OtpParameters parameters = OtpParameters.RFC6238_DEFAULT;
    private long enrolledStep = Long.MIN_VALUE;
    private int enrolledDrift;

    private Builder(CredentialId id, Principal owner, OtpSecret secret) {
      super(id, owner, secret);
    }

    /**
     * Sets the settings. Default: {@link OtpParameters#RFC6238_DEFAULT}.
     *
     * @param parameters the settings
     * @return this builder
     */
    public Builder parameters(OtpParameters parameters) {
      this.parameters = Objects.requireNonNull(parameters, "parameters");
      return this;
    }

    /**
     * Records the last time step consumed at enrollment, so the enrollment codes cannot be
     * replayed. Default: none.
     *
     * @param step the step
     * @return this builder
     */
    public Builder enrolledStep(long step) {
      this.enrolledStep = step;
      return this;
    }

    /**
     * Records the drift observed at enrollment. Default: 0.
     *
     * @param drift the drift in steps
     * @return this builder
     */
    public Builder enrolledDrift(int drift) {
      this.enrolledDrift = drift;
      return this;
    }

    /**
     * Builds the credential.
     *
     * @return the credential
     * @throws IllegalStateException if the secret was destroyed
     */
    public TotpCredential build() {
      requireLiveSecret();
      return new TotpCredential(this);
    }
  }
}
