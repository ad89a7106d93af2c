package dev.rootguard.mfa.fido;

/**
 * How strongly the relying party asks for an authenticator feature (user verification, a
 * discoverable credential), as in WebAuthn's {@code UserVerificationRequirement} and {@code
 * ResidentKeyRequirement}.
 *
 * <pre>{@code
 * SecurityKeyVerifier.builder("example.com", "Example").userVerification(Requirement.REQUIRED);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @see <a href="https://www.w3.org/TR/webauthn-3/#enum-userVerificationRequirement">WebAuthn Level
 *     3 §5.8.6</a>
 * @since 0.1.0
 */
public enum Requirement {
  /** The feature must be used; a response without it is rejected. */
  REQUIRED,
  /** Use the feature when the authenticator has it; do not reject without it. */
  PREFERRED,
  /** Do not use the feature (avoids a PIN prompt on security keys). */
  DISCOURAGED
}
