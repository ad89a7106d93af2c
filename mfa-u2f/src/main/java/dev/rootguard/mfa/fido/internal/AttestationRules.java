package dev.rootguard.mfa.fido.internal;

import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.attestation.AttestationTrustSource;
import com.yubico.webauthn.data.AttestationConveyancePreference;
import java.util.Optional;

/**
 * What the ceremonies need from an {@code AttestationPolicy}, in java-webauthn-server's terms, so
 * the public policy class keeps those types out of its API. {@code AttestationPolicy.rules()} makes
 * one.
 *
 * <p>Implementations are immutable and thread-safe.
 *
 * <pre>{@code
 * AttestationRules rules = policy.rules();
 * if (rules.requiresTrust() && !result.isAttestationTrusted()) { refuse(); }
 * }</pre>
 */
public interface AttestationRules {
  /**
   * What metadata says about a registered authenticator.
   *
   * @param name the authenticator's description, or empty
   * @param hardwareProtected whether its keys are in hardware (or a secure element)
   */
  record Described(String name, boolean hardwareProtected) {}

  /**
   * Returns the attestation conveyance registration asks for.
   *
   * @return {@code NONE} or {@code DIRECT}
   */
  AttestationConveyancePreference conveyance();

  /**
   * Returns whether an untrusted attestation is refused.
   *
   * @return true for the trusted-roots and metadata policies
   */
  boolean requiresTrust();

  /**
   * Returns where java-webauthn-server finds trust roots.
   *
   * @return the source, or empty when nothing is trusted
   */
  Optional<AttestationTrustSource> trustSource();

  /**
   * Describes a successful registration's authenticator.
   *
   * @param result java-webauthn-server's result
   * @return the description; never null
   */
  Described describe(RegistrationResult result);
}
