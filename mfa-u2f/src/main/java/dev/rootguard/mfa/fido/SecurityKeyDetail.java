package dev.rootguard.mfa.fido;

import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.FactorDetail;
import java.util.Objects;
import java.util.UUID;

/**
 * What a FIDO sign-in told RootGuard: which authenticator (AAGUID, name from metadata), whether it
 * counts as hardware for CIS, device-bound key or synced passkey, and the signature counter.
 *
 * <pre>{@code
 * if (result instanceof MfaResult.Accepted a && a.detail() instanceof SecurityKeyDetail d) {
 *   if (d.counterRegressed()) alertSecurityTeam(a.credential());
 *   if (!d.hardware()) requireStepUp();
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind {@link Factor#SECURITY_KEY} (device-bound) or {@link Factor#PASSKEY} (synced)
 * @param aaguid the authenticator's AAGUID from registration (all zero when unknown)
 * @param authenticatorName the authenticator's name from FIDO metadata, or empty when unknown
 * @param hardware whether it counts as hardware MFA for CIS {@code 1.6} / Security Hub {@code
 *     IAM.6}
 * @param signatureCount the signature counter this assertion reported
 * @param counterRegressed true when the counter did not go up and the {@link CounterPolicy#WARN}
 *     policy accepted it anyway: the key may be cloned
 * @param userVerified whether the authenticator verified the user (PIN, biometric)
 * @param backupEligible WebAuthn's BE flag
 * @param backedUp WebAuthn's BS flag
 * @param viaAppId whether a legacy U2F credential answered through the AppID extension
 * @since 0.1.0
 */
public record SecurityKeyDetail(
    Factor kind,
    UUID aaguid,
    String authenticatorName,
    boolean hardware,
    long signatureCount,
    boolean counterRegressed,
    boolean userVerified,
    boolean backupEligible,
    boolean backedUp,
    boolean viaAppId)
    implements FactorDetail {
  /** Checks the arguments. */
  public SecurityKeyDetail {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(aaguid, "aaguid");
    Objects.requireNonNull(authenticatorName, "authenticatorName");
  }
}
