package dev.rootguard.mfa.fido;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.Principal;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One registered FIDO credential (a security key or a passkey) as RootGuard stores it. Nothing in
 * it is secret: the private key never leaves the authenticator.
 *
 * <pre>{@code
 * RegistrationOutcome out = keys.finishRegistration(requestId, responseJson);
 * if (out instanceof RegistrationOutcome.Registered r) {
 *   SecurityKeyCredential c = r.credential();
 *   log.debug("registered {} ({}), hardware: {}", c.id(), c.authenticatorName(), c.hardware());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param principal who owns the credential
 * @param id the credential id (base64url, no padding)
 * @param userHandle the WebAuthn user handle of the owner (base64url, no padding)
 * @param publicKey the credential public key as a COSE_Key (base64url, no padding)
 * @param signatureCount the last signature counter seen (0 if the authenticator has none)
 * @param aaguid the authenticator's AAGUID (all zero for U2F keys and unattested registrations)
 * @param authenticatorName the authenticator's name from FIDO metadata, or empty when unknown
 * @param attestationFormat the attestation statement format at registration ({@code packed}, {@code
 *     fido-u2f}, {@code none}, …; {@code u2f-legacy} for an imported U2F key)
 * @param attestationTrusted whether the attestation chained to a trusted root
 * @param backupEligible whether the credential may be synced (a passkey) - WebAuthn's BE flag
 * @param backedUp whether the credential was backed up at registration - WebAuthn's BS flag
 * @param hardware whether it counts as hardware MFA for CIS: device-bound and attested by a trusted
 *     hardware authenticator
 * @param transports the transports the browser reported ({@code usb}, {@code nfc}, …)
 * @param legacyU2f whether it was registered with the old U2F API and is used through the AppID
 *     extension
 * @param registeredAt when it was registered (or imported), by the verifier's clock
 * @since 0.1.0
 */
public record SecurityKeyCredential(
    Principal principal,
    CredentialId id,
    String userHandle,
    String publicKey,
    long signatureCount,
    UUID aaguid,
    String authenticatorName,
    String attestationFormat,
    boolean attestationTrusted,
    boolean backupEligible,
    boolean backedUp,
    boolean hardware,
    Set<String> transports,
    boolean legacyU2f,
    Instant registeredAt) {

  /**
   * Checks the arguments.
   *
   * @throws IllegalArgumentException if the signature counter is outside 0..2^32-1
   */
  public SecurityKeyCredential {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userHandle, "userHandle");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(aaguid, "aaguid");
    Objects.requireNonNull(authenticatorName, "authenticatorName");
    Objects.requireNonNull(attestationFormat, "attestationFormat");
    Objects.requireNonNull(registeredAt, "registeredAt");
    transports = Set.copyOf(transports);
    if (signatureCount < 0 || signatureCount > 0xffffffffL) {
      throw new IllegalArgumentException(
          "signatureCount: must be 0..2^32-1, was " + signatureCount);
    }
  }

  /**
   * Returns the factor this credential is: a device-bound {@link Factor#SECURITY_KEY} or a synced
   * {@link Factor#PASSKEY} (backup eligible).
   *
   * @return the factor
   */
  public Factor factor() {
    return backupEligible ? Factor.PASSKEY : Factor.SECURITY_KEY;
  }

  /**
   * Returns a copy with another signature counter.
   *
   * @param count the new counter
   * @return the copy
   */
  public SecurityKeyCredential withSignatureCount(long count) {
    return new SecurityKeyCredential(
        principal,
        id,
        userHandle,
        publicKey,
        count,
        aaguid,
        authenticatorName,
        attestationFormat,
        attestationTrusted,
        backupEligible,
        backedUp,
        hardware,
        transports,
        legacyU2f,
        registeredAt);
  }
}
