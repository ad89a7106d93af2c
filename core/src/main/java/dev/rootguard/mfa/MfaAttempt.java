package dev.rootguard.mfa;

import java.util.Objects;
import java.util.Optional;

/**
 * One sign-in attempt with a second factor: who, with which factor, optionally which credential,
 * and what the user (or their authenticator) answered.
 *
 * <p>The {@linkplain #response() response} is the submitted one-time code, Yubico OTP, or the
 * WebAuthn assertion JSON; it never appears in {@link #toString()}. For challenge-response factors
 * (FIDO) the {@linkplain #requestId() request id} names the pending challenge.
 *
 * <pre>{@code
 * MfaAttempt attempt = MfaAttempt.builder(Principal.of("alice"), Factor.TOTP_APP)
 *     .credential(CredentialId.of("phone-1"))
 *     .response("492039")
 *     .build();
 * MfaResult result = authenticator.authenticate(attempt);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class MfaAttempt {
  /** Largest accepted response, in characters (a WebAuthn assertion is well below this). */
  public static final int MAX_RESPONSE_LENGTH = 64 * 1024;

  private final Principal principal;
  private final Factor factor;
  private final CredentialId credential;
  private final String response;
  private final String requestId;

  private MfaAttempt(Builder b) {
    this.principal = b.principal;
    this.factor = b.factor;
    this.credential = b.credential;
    this.response = b.response;
    this.requestId = b.requestId;
  }

  /**
   * Starts an attempt for a principal and factor.
   *
   * @param principal who is signing in
   * @param factor the factor they are using
   * @return a builder; not thread-safe
   */
  public static Builder builder(Principal principal, Factor factor) {
    return new Builder(principal, factor);
  }

  /**
   * Returns an attempt with a credential and a response, the common case for one-time codes.
   *
   * @param principal who is signing in
   * @param factor the factor they are using
   * @param credential the credential the code belongs to
   * @param response the submitted code
   * @return the attempt
   */
  public static MfaAttempt of(
      Principal principal, Factor factor, CredentialId credential, CharSequence response) {
    return builder(principal, factor).credential(credential).response(response).build();
  }

  /**
   * Returns who is signing in.
   *
   * @return the principal
   */
  public Principal principal() {
    return principal;
  }

  /**
   * Returns the factor used.
   *
   * @return the factor
   */
  public Factor factor() {
    return factor;
  }

  /**
   * Returns the credential the attempt names, if it names one (a Yubico OTP or a FIDO assertion
   * carries its own).
   *
   * @return the credential id, or empty
   */
  public Optional<CredentialId> credential() {
    return Optional.ofNullable(credential);
  }

  /**
   * Returns what was submitted, exactly as given (verifiers normalize it).
   *
   * @return the response; empty string if none was given
   */
  public String response() {
    return response;
  }

  /**
   * Returns the id of the pending challenge this attempt answers, for challenge-response factors.
   *
   * @return the request id, or empty
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** Returns a description without the response. */
  @Override
  public String toString() {
    return "MfaAttempt[principal="
        + principal
        + ", factor="
        + factor
        + ", credential="
        + credential
        + ", response=<redacted "
        + response.length()
        + " chars>"
        + (requestId == null ? "" : ", requestId=" + requestId)
        + "]";
  }

  /**
   * Builds an {@link MfaAttempt}. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Principal principal;
    private final Factor factor;
    private CredentialId credential;
    private String response = "";
    private String requestId;

    private Builder(Principal principal, Factor factor) {
      this.principal = Objects.requireNonNull(principal, "principal");
      this.factor = Objects.requireNonNull(factor, "factor");
    }

    /**
     * Names the credential.
     *
     * @param credential the credential id
     * @return this builder
     */
    public Builder credential(CredentialId credential) {
      this.credential = Objects.requireNonNull(credential, "credential");
      return this;
    }

    /**
     * Sets what the user submitted. Responses longer than {@link #MAX_RESPONSE_LENGTH} are cut to
     * that length plus one, so a verifier still sees them as malformed without holding megabytes.
     *
     * @param response the code, OTP or assertion JSON
     * @return this builder
     */
    public Builder response(CharSequence response) {
      Objects.requireNonNull(response, "response");
      int n = Math.min(response.length(), MAX_RESPONSE_LENGTH + 1);
      this.response = response.subSequence(0, n).toString();
      return this;
    }

    /**
     * Sets the id of the pending challenge this attempt answers.
     *
     * @param requestId the request id from {@code startAuthentication}
     * @return this builder
     */
    public Builder requestId(String requestId) {
      this.requestId = Objects.requireNonNull(requestId, "requestId");
      return this;
    }

    /**
     * Builds the attempt.
     *
     * @return the attempt
     */
    public MfaAttempt build() {
      return new MfaAttempt(this);
    }
  }
}
