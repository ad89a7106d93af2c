package dev.rootguard.mfa.fido.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import com.yubico.webauthn.data.ResidentKeyRequirement;
import com.yubico.webauthn.data.UserVerificationRequirement;
import com.yubico.webauthn.extension.appid.AppId;
import com.yubico.webauthn.extension.appid.InvalidAppIdException;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.fido.Attachment;
import dev.rootguard.mfa.fido.CounterPolicy;
import dev.rootguard.mfa.fido.Requirement;
import dev.rootguard.mfa.fido.SecurityKeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What both ceremonies of one {@code SecurityKeyVerifier} share: the relying party's settings as
 * the builder left them, their derived values (RP id and AppID hashes), the credential store, and
 * the java-webauthn-server {@link RelyingParty} configured from them. The facade builds one; the
 * {@link RegistrationCeremony} and {@link AuthenticationCeremony} read it.
 *
 * <p>Immutable apart from the stores it refers to; thread-safe.
 *
 * <pre>{@code
 * RelyingPartyContext ctx = new RelyingPartyContext("example.com", "Example",
 *     Set.of("https://example.com"), null, Requirement.PREFERRED, Requirement.DISCOURAGED,
 *     Attachment.ANY, Duration.ofMinutes(5), Clock.systemUTC(), SecurityKeyStore.inMemory(),
 *     AttestationPolicy.none().rules(), CounterPolicy.REJECT, true);
 * }</pre>
 */
public final class RelyingPartyContext {
  final String rpId;
  final Set<String> origins;
  final String appId;
  final Requirement userVerification;
  final Requirement residentKey;
  final Attachment attachment;
  final Duration requestTimeout;
  final Clock clock;
  final SecurityKeyStore store;
  final AttestationRules attestation;
  final CounterPolicy counterPolicy;
  final boolean fastEs256;
  final RelyingParty rp;
  final Es256 es256 = new Es256();
  private final byte[] rpIdHash;
  private final byte[] appIdHash;
  private final SecureRandom random = new SecureRandom();

  /**
   * Derives the context from the builder's settings.
   *
   * @param rpId the relying party id (already validated)
   * @param rpName the relying party name (already validated)
   * @param origins the accepted origins
   * @param appId the U2F AppID, or null for none
   * @param userVerification the user verification requirement
   * @param residentKey the resident key requirement
   * @param attachment the attachment registration asks for
   * @param requestTimeout how long a ceremony may be finished
   * @param clock the injected clock
   * @param store the credential store
   * @param attestation the attestation policy, as rules
   * @param counterPolicy the signature counter policy
   * @param fastEs256 whether ES256 assertions are verified with Bouncy Castle
   * @throws InvalidInputException if the AppID is not a valid https AppID (field {@code appId})
   */
  public RelyingPartyContext(
      String rpId,
      String rpName,
      Set<String> origins,
      String appId,
      Requirement userVerification,
      Requirement residentKey,
      Attachment attachment,
      Duration requestTimeout,
      Clock clock,
      SecurityKeyStore store,
      AttestationRules attestation,
      CounterPolicy counterPolicy,
      boolean fastEs256) {
    this.rpId = Objects.requireNonNull(rpId, "rpId");
    this.origins = Set.copyOf(origins);
    this.appId = appId;
    this.userVerification = Objects.requireNonNull(userVerification, "userVerification");
    this.residentKey = Objects.requireNonNull(residentKey, "residentKey");
    this.attachment = Objects.requireNonNull(attachment, "attachment");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.store = Objects.requireNonNull(store, "store");
    this.attestation = Objects.requireNonNull(attestation, "attestation");
    this.counterPolicy = Objects.requireNonNull(counterPolicy, "counterPolicy");
    this.fastEs256 = fastEs256;
    this.rpIdHash = Codec.sha256(rpId);
    Optional<AppId> yubicoAppId;
    try {
      yubicoAppId = appId == null ? Optional.empty() : Optional.of(new AppId(appId));
    } catch (InvalidAppIdException e) {
      throw new InvalidInputException("appId", "not a valid U2F AppID (must be https): " + appId);
    }
    this.appIdHash = appId == null ? null : Codec.sha256(appId);
    this.rp =
        RelyingParty.builder()
            .identity(RelyingPartyIdentity.builder().id(rpId).name(rpName).build())
            .credentialRepository(new StoreCredentialRepository(store))
            .origins(this.origins)
            .appId(yubicoAppId)
            .attestationConveyancePreference(attestation.conveyance())
            .attestationTrustSource(attestation.trustSource())
            .allowUntrustedAttestation(true)
            .validateSignatureCounter(false)
            .clock(clock)
            .build();
  }

  /**
   * Returns the accepted origins.
   *
   * @return the origins, immutable
   */
  public Set<String> origins() {
    return origins;
  }

  /**
   * Returns the U2F AppID.
   *
   * @return the AppID, or null when none is configured
   */
  public String appId() {
    return appId;
  }

  /**
   * Returns the credential store.
   *
   * @return the store
   */
  public SecurityKeyStore store() {
    return store;
  }

  /**
   * Returns the injected clock.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns whether the RP id hash in authenticator data names this relying party.
   *
   * @param ad the authenticator data
   * @return true if it is SHA-256 of the RP id
   */
  boolean isRpIdHash(AuthenticatorData ad) {
    return ad.rpIdHash().sameAs(rpIdHash);
  }

  /**
   * Returns whether the RP id hash in authenticator data is SHA-256 of the AppID.
   *
   * @param ad the authenticator data
   * @return false also when no AppID is configured
   */
  boolean isAppIdHash(AuthenticatorData ad) {
    return appIdHash != null && ad.rpIdHash().sameAs(appIdHash);
  }

  /**
   * Makes a fresh random user handle (32 bytes, base64url).
   *
   * @return the handle
   */
  public String newUserHandle() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Codec.encode(b);
  }

  UserVerificationRequirement yubicoUserVerification() {
    switch (userVerification) {
      case REQUIRED:
        return UserVerificationRequirement.REQUIRED;
      case DISCOURAGED:
        return UserVerificationRequirement.DISCOURAGED;
      default:
        return UserVerificationRequirement.PREFERRED;
    }
  }

  ResidentKeyRequirement yubicoResidentKey() {
    switch (residentKey) {
      case REQUIRED:
        return ResidentKeyRequirement.REQUIRED;
      case PREFERRED:
        return ResidentKeyRequirement.PREFERRED;
      default:
        return ResidentKeyRequirement.DISCOURAGED;
    }
  }

  /** The {@code publicKey} member of java-webauthn-server's {@code toCredentials…Json()}. */
  static String publicKeyMember(String wrapped) {
    JsonNode n = Codec.parseObject(wrapped);
    return n.get("publicKey").toString();
  }
}
