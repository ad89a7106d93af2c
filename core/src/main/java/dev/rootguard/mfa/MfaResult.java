package dev.rootguard.mfa;

import java.time.Instant;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * The outcome of one second-factor verification: {@link Accepted} or {@link Rejected} with a {@link
 * Reason}. Expected failures (a wrong code, a replay, a lockout) are results, never exceptions.
 *
 * <p>Results name what they verified (principal, credential), so callers can cross-check that the
 * credential is the one they asked about.
 *
 * <pre>{@code
 * MfaResult r = authenticator.authenticate(attempt);
 * if (r instanceof MfaResult.Rejected rej) {
 *   switch (rej.reason()) {
 *     case LOCKED_OUT: showLockout(); break;
 *     default: showRetry(rej.reason().message(Locale.JAPANESE));
 *   }
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface MfaResult permits MfaResult.Accepted, MfaResult.Rejected {

  /**
   * Returns who tried.
   *
   * @return the principal
   */
  Principal principal();

  /**
   * Returns the factor that was tried.
   *
   * @return the factor
   */
  Factor factor();

  /**
   * Returns when the verification happened, by the verifier's clock.
   *
   * @return the instant
   */
  Instant at();

  /**
   * Returns what the verifier learned, or {@link FactorDetail#NONE}.
   *
   * @return the detail
   */
  FactorDetail detail();

  /**
   * Returns whether the attempt was accepted.
   *
   * @return true for {@link Accepted}
   */
  default boolean isAccepted() {
    return this instanceof Accepted;
  }

  /**
   * An accepted second factor.
   *
   * @param principal who signed in
   * @param credential the credential that matched
   * @param factor the factor used
   * @param at when, by the verifier's clock
   * @param detail what the verifier learned (e.g. the TOTP step and drift)
   * @since 0.1.0
   */
  record Accepted(
      Principal principal, CredentialId credential, Factor factor, Instant at, FactorDetail detail)
      implements MfaResult {
    /** Checks the arguments. */
    public Accepted {
      Objects.requireNonNull(principal, "principal");
      Objects.requireNonNull(credential, "credential");
      Objects.requireNonNull(factor, "factor");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /**
   * A rejected second factor.
   *
   * @param principal who tried
   * @param factor the factor tried
   * @param reason why it was rejected
   * @param at when, by the verifier's clock
   * @param detail what the verifier learned (e.g. {@link FactorDetail.Lockout}), or {@link
   *     FactorDetail#NONE}
   * @since 0.1.0
   */
  record Rejected(
      Principal principal, Factor factor, Reason reason, Instant at, FactorDetail detail)
      implements MfaResult {
    /** Checks the arguments. */
    public Rejected {
      Objects.requireNonNull(principal, "principal");
      Objects.requireNonNull(factor, "factor");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(detail, "detail");
    }

    /**
     * Returns a rejection without detail.
     *
     * @param principal who tried
     * @param factor the factor tried
     * @param reason why
     * @param at when
     * @return the rejection
     */
    public static Rejected of(Principal principal, Factor factor, Reason reason, Instant at) {
      return new Rejected(principal, factor, reason, at, FactorDetail.NONE);
    }
  }

  /**
   * Why a second factor was rejected.
   *
   * <p>New constants may be added in minor releases; handle {@code default} in a {@code switch}.
   *
   * @since 0.1.0
   */
  enum Reason {
    /** The code or signature did not match. */
    WRONG_CODE(true),
    /** The answer was already used, or is older than the last one accepted. */
    REPLAYED(true),
    /**
     * Too many consecutive failures; the principal must wait (see {@link FactorDetail.Lockout}).
     */
    LOCKED_OUT(false),
    /** No credential with that id is enrolled. */
    UNKNOWN_CREDENTIAL(true),
    /** The credential exists but belongs to another principal. */
    CREDENTIAL_NOT_OWNED(true),
    /** The credential has been disabled by an administrator. */
    CREDENTIAL_DISABLED(true),
    /** The credential's validity period has ended (e.g. a hardware token past its end date). */
    CREDENTIAL_EXPIRED(true),
    /** The policy does not allow this factor for this principal. */
    FACTOR_NOT_ALLOWED(false),
    /** The submitted answer is not well-formed (letters in a code, oversized or broken JSON). */
    MALFORMED_INPUT(true),
    /** The challenge this answer belongs to has expired or was already used. */
    REQUEST_EXPIRED(true),
    /** The challenge in the answer is not the one issued. */
    CHALLENGE_MISMATCH(true),
    /** The answer was made for another origin (possible phishing). */
    ORIGIN_MISMATCH(true),
    /** The answer was made for another relying party id. */
    RP_ID_MISMATCH(true),
    /** A signature did not verify. */
    BAD_SIGNATURE(true),
    /** The signature counter went backwards: the key may have been cloned. */
    POSSIBLE_CLONE(true),
    /** User verification (PIN, biometric) was required but not performed. */
    USER_VERIFICATION_REQUIRED(true),
    /** The authenticator's attestation is not trusted by the configured policy. */
    ATTESTATION_NOT_TRUSTED(true),
    /** The verifier failed unexpectedly; RootGuard fails closed and counts the attempt. */
    VERIFIER_ERROR(true),
    /**
     * A state store (limiter, replay state, credentials, ceremonies) could not be reached or
     * failed; RootGuard fails closed. Not counted: the limiter may be the store that is down.
     *
     * @since 0.2.0
     */
    STORE_UNAVAILABLE(false),
    /**
     * The credential is registered but assigned to nobody yet (e.g. a hardware token imported from
     * a vendor file, or a Yubico OTP key added without an owner): it verifies for nobody until an
     * administrator assigns it to a user. Counted as a failure, like {@link #UNKNOWN_CREDENTIAL}
     * and {@link #CREDENTIAL_NOT_OWNED}: it answers an attempt on a credential that is not the
     * principal's, so probing serials costs attempts just as before.
     *
     * @since 0.2.0
     */
    CREDENTIAL_NOT_ASSIGNED(true);

    private final boolean countsAsFailure;

    Reason(boolean countsAsFailure) {
      this.countsAsFailure = countsAsFailure;
    }

    /**
     * Returns whether this rejection counts against the principal's consecutive-failure limit.
     * Lockouts and policy refusals do not: no guess was checked.
     *
     * @return true when the attempt limiter records a failure
     */
    public boolean countsAsFailure() {
      return countsAsFailure;
    }

    /**
     * Returns a short explanation for the person signing in, in their language (English and
     * Japanese are bundled; other locales fall back to English).
     *
     * @param locale the reader's locale
     * @return the message
     */
    public String message(Locale locale) {
      Objects.requireNonNull(locale, "locale");
      try {
        return ResourceBundle.getBundle("dev.rootguard.mfa.Messages", locale).getString(name());
      } catch (MissingResourceException e) {
        return name();
      }
    }
  }
}
