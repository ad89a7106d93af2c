package dev.rootguard.testkit.fido;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootguard.testkit.fido.internal.AttestationCa;
import dev.rootguard.testkit.fido.internal.AttestationObject;
import dev.rootguard.testkit.fido.internal.AuthenticatorData;
import dev.rootguard.testkit.fido.internal.CoseKeys;
import dev.rootguard.testkit.fido.internal.CredentialStore;
import dev.rootguard.testkit.fido.internal.CredentialStore.Credential;
import dev.rootguard.testkit.fido.internal.Digests;
import dev.rootguard.testkit.fido.internal.EcSigner;
import dev.rootguard.testkit.fido.internal.WebAuthnJson;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * A software FIDO authenticator for unit tests: it answers WebAuthn creation and request options
 * (the JSON a relying party gives {@code navigator.credentials}) with the JSON a browser's {@code
 * PublicKeyCredential.toJSON()} produces, signed with real ES256 keys and real {@code packed} or
 * {@code fido-u2f} attestations under a self-made attestation CA. Platform teams test their
 * registration and sign-in flows with it, without hardware or a browser.
 *
 * <p>Keys are generated with Bouncy Castle; the provider is used by instance and never registered
 * in the JVM. Every ceremony can be bent with {@link Overrides} (another origin, RP id, challenge,
 * signature counter, a flipped signature bit) to test that a verifier rejects it.
 *
 * <pre>{@code
 * SoftwareAuthenticator key = SoftwareAuthenticator.builder().format(AttestationFormat.PACKED).build();
 * String created = key.register(creationOptionsJson, "https://example.com");
 * String asserted = key.authenticate(requestOptionsJson, "https://example.com");
 * String phished = key.authenticate(requestOptionsJson, "https://example.com",
 *     o -> o.origin("https://examp1e.com"));
 * }</pre>
 *
 * <p>Never use it in production: its keys live in memory and its attestation CA is made up.
 *
 * <p>Thread-safe; share one instance.
 *
 * <p>This class is the ceremony flow (which options it honours, what a real authenticator would
 * refuse, how {@link Overrides} bend each step); the encodings it uses live in {@code
 * dev.rootguard.testkit.fido.internal}: authenticator data, attestation objects, COSE keys, client
 * data and credential JSON, the attestation CA, the signer and the credential store. It stays over
 * 600 lines because about 250 of them are the documented setters of its nested {@link Overrides}
 * and {@link Builder}, which are part of the published API and so stay where they are.
 *
 * @since 0.1.0
 */
public final class SoftwareAuthenticator {
  private final EcSigner signer;
  private final AttestationFormat format;
  private final UUID aaguid;
  private final boolean userVerifying;
  private final boolean backupEligible;
  private final boolean backupState;
  private final AttestationCa ca;
  private final CredentialStore keys;

  private SoftwareAuthenticator(Builder b) {
    this.signer = new EcSigner(new BouncyCastleProvider(), new SecureRandom());
    this.format = b.format;
    this.aaguid = b.aaguid != null ? b.aaguid : defaultAaguid(b.format);
    this.userVerifying =
        b.userVerifying != null ? b.userVerifying : b.format != AttestationFormat.FIDO_U2F;
    this.backupEligible = b.backupEligible;
    this.backupState = b.backupState;
    this.keys = new CredentialStore();
    this.ca =
        AttestationCa.create(
            signer,
            b.attestationCa != null ? b.attestationCa.ca : null,
            aaguid,
            format == AttestationFormat.PACKED);
    if (format == AttestationFormat.FIDO_U2F && userVerifying) {
      throw new IllegalArgumentException(
          "userVerifying: a fido-u2f authenticator cannot verify users");
    }
  }

  private SoftwareAuthenticator(SoftwareAuthenticator original) {
    this.signer = original.signer;
    this.format = original.format;
    this.aaguid = original.aaguid;
    this.userVerifying = original.userVerifying;
    this.backupEligible = original.backupEligible;
    this.backupState = original.backupState;
    this.ca = original.ca;
    this.keys = original.keys.copy();
  }

  private static UUID defaultAaguid(AttestationFormat format) {
    return format == AttestationFormat.FIDO_U2F
        ? new UUID(0, 0)
        : UUID.fromString("726f6f74-6775-6172-642d-746573746b69");
  }

  /**
   * Starts building a software authenticator.
   *
   * @return a builder; not thread-safe
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a software authenticator with {@code packed} attestation and user verification.
   *
   * @return the authenticator
   */
  public static SoftwareAuthenticator packed() {
    return builder().build();
  }

  /**
   * Returns a software U2F (CTAP1) authenticator with {@code fido-u2f} attestation.
   *
   * @return the authenticator
   */
  public static SoftwareAuthenticator u2f() {
    return builder().format(AttestationFormat.FIDO_U2F).build();
  }

  /**
   * Returns the self-made root certificate that signed this authenticator's attestation
   * certificate: give it to a relying party's attestation trust policy.
   *
   * @return the root certificate
   */
  public X509Certificate attestationRootCertificate() {
    return ca.rootCertificate();
  }

  /**
   * Returns an empty certificate revocation list signed by the attestation root, valid from
   * yesterday for a year, for relying parties that check revocation.
   *
   * @return the CRL
   */
  public X509CRL attestationRootCrl() {
    return ca.emptyCrl();
  }

  /**
   * Returns the attestation (leaf) certificate this authenticator puts in its attestation
   * statements.
   *
   * @return the attestation certificate
   */
  public X509Certificate attestationCertificate() {
    return ca.attestationCertificate();
  }

  /**
   * Returns the AAGUID this authenticator reports ({@code 00000000-…} for U2F).
   *
   * @return the AAGUID
   */
  public UUID aaguid() {
    return aaguid;
  }

  /**
   * Returns the attestation format produced at registration.
   *
   * @return the format
   */
  public AttestationFormat format() {
    return format;
  }

  /**
   * Returns the ids (base64url) of the credentials this authenticator holds.
   *
   * @return the ids, in no particular order
   */
  public List<String> credentialIds() {
    return keys.ids();
  }

  /**
   * Returns the signature counter of a credential: the value its last ceremony reported.
   *
   * @param credentialId the credential id, base64url
   * @return the counter
   * @throws IllegalArgumentException if the credential is not held here
   */
  public long signCount(String credentialId) {
    return keys.get(credentialId).signCount();
  }

  /**
   * Sets a credential's signature counter, for example back to a lower value to play a cloned key.
   *
   * @param credentialId the credential id, base64url
   * @param signCount the new counter; the next assertion reports {@code signCount + 1}
   * @throws IllegalArgumentException if the credential is not held here or the count is negative
   */
  public void setSignCount(String credentialId, long signCount) {
    if (signCount < 0 || signCount > 0xffffffffL) {
      throw new IllegalArgumentException("signCount: must be 0..2^32-1, was " + signCount);
    }
    keys.get(credentialId).setSignCount(signCount);
  }

  /**
   * Returns an independent copy of this authenticator holding the same private keys and counters: a
   * cloned key. The two then advance their counters independently.
   *
   * @return the clone
   */
  public SoftwareAuthenticator cloneKey() {
    return new SoftwareAuthenticator(this);
  }

  /**
   * Answers {@code navigator.credentials.create()} options. Like a browser, it sends attestation
   * format {@code none} with a zero AAGUID when the options ask for attestation {@code "none"} (or
   * do not ask); {@code "direct"} or {@code "indirect"} get this authenticator's own format.
   *
   * @param creationOptionsJson the options, either the {@code publicKey} object or wrapped as
   *     {@code {"publicKey": {...}}}
   * @param origin the origin the "browser" is on, for example {@code "https://example.com"}
   * @return the registration response JSON, as {@code PublicKeyCredential.toJSON()} gives it
   * @throws IllegalArgumentException if the options are not valid JSON options
   * @throws IllegalStateException if a real authenticator would refuse (an excluded credential is
   *     held here, or user verification or a resident key is required from a U2F key)
   */
  public String register(String creationOptionsJson, String origin) {
    return register(creationOptionsJson, origin, o -> {});
  }

  /**
   * Answers {@code navigator.credentials.create()} options, bent by overrides.
   *
   * @param creationOptionsJson the options
   * @param origin the origin the "browser" is on
   * @param overrides changes to make to the ceremony
   * @return the registration response JSON
   * @throws IllegalArgumentException if the options are not valid JSON options
   * @throws IllegalStateException if a real authenticator would refuse
   */
  public String register(String creationOptionsJson, String origin, Consumer<Overrides> overrides) {
    Objects.requireNonNull(origin, "origin");
    Overrides o = new Overrides();
    overrides.accept(o);
    JsonNode options = WebAuthnJson.options(creationOptionsJson, "creationOptionsJson");
    String rpId = WebAuthnJson.text(options.path("rp"), "id", null);
    if (rpId == null) {
      rpId = java.net.URI.create(origin).getHost();
    }
    byte[] challenge =
        WebAuthnJson.decode(WebAuthnJson.text(options, "challenge", null), "challenge");
    byte[] userHandle =
        WebAuthnJson.decode(WebAuthnJson.text(options.path("user"), "id", null), "user.id");
    for (JsonNode ex : options.path("excludeCredentials")) {
      if (keys.contains(ex.path("id").asText())) {
        throw new IllegalStateException("InvalidStateError: an excluded credential is held here");
      }
    }
    String uv = options.path("authenticatorSelection").path("userVerification").asText("preferred");
    String rk = options.path("authenticatorSelection").path("residentKey").asText("discouraged");
    if (format == AttestationFormat.FIDO_U2F && ("required".equals(rk))) {
      throw new IllegalStateException("NotAllowedError: a U2F key cannot create resident keys");
    }
    boolean uvDone = userVerification(uv, o);
    boolean es256 = false;
    for (JsonNode p : options.path("pubKeyCredParams")) {
      es256 |= p.path("alg").asInt() == -7;
    }
    if (!es256) {
      throw new IllegalStateException("NotSupportedError: only ES256 (-7) is supported");
    }
    // like a browser: attestation "none" (the default) strips the statement and the AAGUID
    AttestationFormat fmt =
        "none".equals(options.path("attestation").asText("none")) && !o.keepAttestation
            ? AttestationFormat.NONE
            : format;
    byte[] credentialId = new byte[format == AttestationFormat.FIDO_U2F ? 64 : 32];
    signer.random().nextBytes(credentialId);
    KeyPair kp = signer.newKeyPair();
    long count = format == AttestationFormat.FIDO_U2F ? 0 : 1;
    Credential stored = new Credential(credentialId, kp, rpId, null, userHandle, count);
    String id = WebAuthnJson.encode(credentialId);

    byte[] clientData =
        WebAuthnJson.clientData(
            o.type != null ? o.type : "webauthn.create",
            o.challenge != null ? o.challenge : WebAuthnJson.encode(challenge),
            o.origin != null ? o.origin : origin);
    byte[] rpIdHash = Digests.sha256(o.rpId != null ? o.rpId : rpId);
    int flags =
        AuthenticatorData.flags(
            uvDone, format != AttestationFormat.FIDO_U2F && backupEligible, backupState, true);
    if (o.userPresent != null && !o.userPresent) {
      flags &= ~AuthenticatorData.FLAG_UP;
    }
    ECPublicKey publicKey = (ECPublicKey) kp.getPublic();
    UUID reportedAaguid = fmt == AttestationFormat.NONE ? new UUID(0, 0) : aaguid;
    byte[] authData =
        AuthenticatorData.forRegistration(
            rpIdHash,
            flags,
            o.signCount != null ? o.signCount : count,
            reportedAaguid,
            credentialId,
            CoseKeys.es256(publicKey));
    byte[] clientDataHash = Digests.sha256(clientData);
    byte[] attestationObject;
    switch (fmt) {
      case PACKED:
        attestationObject =
            AttestationObject.packed(authData, clientDataHash, ca, o.tamperSignature);
        break;
      case FIDO_U2F:
        attestationObject =
            AttestationObject.fidoU2f(
                authData,
                rpIdHash,
                clientDataHash,
                credentialId,
                CoseKeys.raw(publicKey),
                ca,
                o.tamperSignature);
        break;
      default:
        attestationObject = AttestationObject.none(authData);
    }
    keys.put(stored);

    ObjectNode response = WebAuthnJson.object();
    response.put("clientDataJSON", WebAuthnJson.encode(clientData));
    response.put("attestationObject", WebAuthnJson.encode(attestationObject));
    response.putArray("transports").add("usb");
    return WebAuthnJson.credential(id, response, WebAuthnJson.object());
  }

  /**
   * Registers a key through the old U2F API (no WebAuthn), under an AppID, as a platform that used
   * U2F before WebAuthn has them on file. Sign in with it later through the AppID extension.
   *
   * @param appId the U2F AppID, for example {@code "https://example.com/app-id.json"}
   * @return what the platform stored for the key
   */
  public LegacyU2fKey registerLegacyU2f(String appId) {
    Objects.requireNonNull(appId, "appId");
    byte[] keyHandle = new byte[64];
    signer.random().nextBytes(keyHandle);
    KeyPair kp = signer.newKeyPair();
    keys.put(new Credential(keyHandle, kp, null, appId, null, 0));
    return new LegacyU2fKey(
        appId,
        WebAuthnJson.encode(keyHandle),
        WebAuthnJson.encode(CoseKeys.raw((ECPublicKey) kp.getPublic())));
  }

  /**
   * Answers {@code navigator.credentials.get()} options.
   *
   * @param requestOptionsJson the options, either the {@code publicKey} object or wrapped as {@code
   *     {"publicKey": {...}}}
   * @param origin the origin the "browser" is on
   * @return the assertion response JSON, as {@code PublicKeyCredential.toJSON()} gives it
   * @throws IllegalArgumentException if the options are not valid JSON options
   * @throws IllegalStateException if no held credential fits the options, or user verification is
   *     required from a key that cannot verify users
   */
  public String authenticate(String requestOptionsJson, String origin) {
    return authenticate(requestOptionsJson, origin, o -> {});
  }

  /**
   * Answers {@code navigator.credentials.get()} options, bent by overrides.
   *
   * @param requestOptionsJson the options
   * @param origin the origin the "browser" is on
   * @param overrides changes to make to the ceremony
   * @return the assertion response JSON
   * @throws IllegalArgumentException if the options are not valid JSON options
   * @throws IllegalStateException if no held credential fits the options
   */
  public String authenticate(
      String requestOptionsJson, String origin, Consumer<Overrides> overrides) {
    Objects.requireNonNull(origin, "origin");
    Overrides o = new Overrides();
    overrides.accept(o);
    JsonNode options = WebAuthnJson.options(requestOptionsJson, "requestOptionsJson");
    String rpId = WebAuthnJson.text(options, "rpId", null);
    if (rpId == null) {
      rpId = java.net.URI.create(origin).getHost();
    }
    String appId = WebAuthnJson.text(options.path("extensions"), "appid", null);
    byte[] challenge =
        WebAuthnJson.decode(WebAuthnJson.text(options, "challenge", null), "challenge");
    Credential key =
        choose(options, rpId, appId, o)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "NotAllowedError: no credential held here fits the request"));
    boolean viaAppId = key.rpId() == null || (appId != null && appId.equals(key.appId()));
    boolean uvDone = userVerification(options.path("userVerification").asText("preferred"), o);
    long count = key.next();
    if (o.signCount != null) {
      count = o.signCount;
    }
    byte[] clientData =
        WebAuthnJson.clientData(
            o.type != null ? o.type : "webauthn.get",
            o.challenge != null ? o.challenge : WebAuthnJson.encode(challenge),
            o.origin != null ? o.origin : origin);
    byte[] rpIdHash = Digests.sha256(o.rpId != null ? o.rpId : viaAppId ? key.appId() : rpId);
    int flags =
        AuthenticatorData.flags(
            uvDone,
            format != AttestationFormat.FIDO_U2F && key.rpId() != null && backupEligible,
            backupState,
            false);
    if (o.userPresent != null && !o.userPresent) {
      flags &= ~AuthenticatorData.FLAG_UP;
    }
    byte[] authData = AuthenticatorData.forAssertion(rpIdHash, flags, count);
    byte[] sig =
        signer.sign(
            key.keyPair().getPrivate(),
            Digests.concat(authData, Digests.sha256(clientData)),
            o.tamperSignature);
    String id = WebAuthnJson.encode(key.credentialId());

    ObjectNode response = WebAuthnJson.object();
    response.put("clientDataJSON", WebAuthnJson.encode(clientData));
    response.put("authenticatorData", WebAuthnJson.encode(authData));
    response.put("signature", WebAuthnJson.encode(sig));
    if (o.userHandle != null) {
      response.put("userHandle", o.userHandle);
    } else if (key.userHandle() != null) {
      response.put("userHandle", WebAuthnJson.encode(key.userHandle()));
    }
    ObjectNode ext = WebAuthnJson.object();
    if (appId != null) {
      ext.put("appid", viaAppId);
    }
    return WebAuthnJson.credential(o.credentialId != null ? o.credentialId : id, response, ext);
  }

  private Optional<Credential> choose(JsonNode options, String rpId, String appId, Overrides o) {
    if (o.useCredential != null) {
      return Optional.of(keys.get(o.useCredential));
    }
    List<String> allowIds = new ArrayList<>();
    JsonNode allow = options.path("allowCredentials");
    if (allow.isArray()) {
      for (JsonNode c : allow) {
        allowIds.add(c.path("id").asText());
      }
    }
    return keys.choose(allowIds, rpId, appId);
  }

  private boolean userVerification(String requirement, Overrides o) {
    if (o.userVerified != null) {
      return o.userVerified;
    }
    if ("required".equals(requirement) && !userVerifying) {
      throw new IllegalStateException("NotAllowedError: this key cannot verify users");
    }
    return userVerifying && !"discouraged".equals(requirement);
  }

  @Override
  public String toString() {
    return "SoftwareAuthenticator[format="
        + format.id()
        + ", aaguid="
        + aaguid
        + ", credentials="
        + keys.size()
        + "]";
  }

  /**
   * Changes to make to one ceremony, to test that a relying party rejects it. Unset values keep the
   * honest behaviour. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Overrides {
    private String origin;
    private String rpId;
    private String challenge;
    private String type;
    private Long signCount;
    private Boolean userVerified;
    private Boolean userPresent;
    private boolean tamperSignature;
    private boolean keepAttestation;
    private String credentialId;
    private String useCredential;
    private String userHandle;

    private Overrides() {}

    /**
     * Puts another origin in the client data (a phishing page).
     *
     * @param origin the origin
     * @return this
     */
    public Overrides origin(String origin) {
      this.origin = Objects.requireNonNull(origin, "origin");
      return this;
    }

    /**
     * Hashes another RP id into the authenticator data.
     *
     * @param rpId the RP id
     * @return this
     */
    public Overrides rpId(String rpId) {
      this.rpId = Objects.requireNonNull(rpId, "rpId");
      return this;
    }

    /**
     * Puts another challenge (base64url) in the client data.
     *
     * @param challenge the challenge
     * @return this
     */
    public Overrides challenge(String challenge) {
      this.challenge = Objects.requireNonNull(challenge, "challenge");
      return this;
    }

    /**
     * Puts another ceremony type in the client data (e.g. {@code "webauthn.create"} in an
     * assertion).
     *
     * @param type the type
     * @return this
     */
    public Overrides type(String type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * Reports this signature counter instead of the next one (the key's own counter still
     * advances).
     *
     * @param signCount the counter to report
     * @return this
     */
    public Overrides signCount(long signCount) {
      this.signCount = signCount;
      return this;
    }

    /**
     * Sets or clears the user-verified flag regardless of the request.
     *
     * @param verified whether to report user verification
     * @return this
     */
    public Overrides userVerified(boolean verified) {
      this.userVerified = verified;
      return this;
    }

    /**
     * Sets or clears the user-present flag.
     *
     * @param present whether to report user presence
     * @return this
     */
    public Overrides userPresent(boolean present) {
      this.userPresent = present;
      return this;
    }

    /**
     * Flips one bit of the signature after signing.
     *
     * @return this
     */
    public Overrides tamperSignature() {
      this.tamperSignature = true;
      return this;
    }

    /**
     * Sends the attestation statement even when the options ask for attestation {@code "none"} (a
     * browser would strip it).
     *
     * @return this
     */
    public Overrides keepAttestation() {
      this.keepAttestation = true;
      return this;
    }

    /**
     * Reports another credential id (base64url) in the response than the key that signed.
     *
     * @param credentialId the id to report
     * @return this
     */
    public Overrides reportCredentialId(String credentialId) {
      this.credentialId = Objects.requireNonNull(credentialId, "credentialId");
      return this;
    }

    /**
     * Signs with this held credential regardless of the request's allow list.
     *
     * @param credentialId the held credential's id, base64url
     * @return this
     */
    public Overrides useCredential(String credentialId) {
      this.useCredential = Objects.requireNonNull(credentialId, "credentialId");
      return this;
    }

    /**
     * Reports this user handle (base64url) in the assertion.
     *
     * @param userHandle the user handle
     * @return this
     */
    public Overrides userHandle(String userHandle) {
      this.userHandle = Objects.requireNonNull(userHandle, "userHandle");
      return this;
    }
  }

  /**
   * Builds a {@link SoftwareAuthenticator}. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private AttestationFormat format = AttestationFormat.PACKED;
    private UUID aaguid;
    private Boolean userVerifying;
    private boolean backupEligible;
    private boolean backupState;
    private SoftwareAuthenticator attestationCa;

    private Builder() {}

    /**
     * Sets the attestation format. Default: {@link AttestationFormat#PACKED}.
     *
     * @param format the format
     * @return this
     */
    public Builder format(AttestationFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * Sets the AAGUID reported by a {@code packed} authenticator. Default: a fixed RootGuard test
     * AAGUID ({@code 726f6f74-6775-6172-642d-746573746b69}); zero for U2F.
     *
     * @param aaguid the AAGUID
     * @return this
     */
    public Builder aaguid(UUID aaguid) {
      this.aaguid = Objects.requireNonNull(aaguid, "aaguid");
      return this;
    }

    /**
     * Sets whether the authenticator can verify users (a PIN or fingerprint). Default: true for
     * {@code packed} and {@code none}, false (and not allowed) for {@code fido-u2f}.
     *
     * @param userVerifying whether user verification is possible
     * @return this
     */
    public Builder userVerifying(boolean userVerifying) {
      this.userVerifying = userVerifying;
      return this;
    }

    /**
     * Makes this authenticator act as a synced passkey provider: the backup-eligible flag (and,
     * when {@code backedUp}, the backup-state flag) are set. Default: a device-bound key.
     *
     * @param backedUp whether the credential is already backed up
     * @return this
     */
    public Builder syncedPasskey(boolean backedUp) {
      this.backupEligible = true;
      this.backupState = backedUp;
      return this;
    }

    /**
     * Uses the attestation root of another software authenticator, so one trust root covers a fleet
     * of test keys. Default: a fresh root per authenticator.
     *
     * @param other the authenticator whose root signs this one's attestation certificate
     * @return this
     */
    public Builder sameAttestationRootAs(SoftwareAuthenticator other) {
      this.attestationCa = Objects.requireNonNull(other, "other");
      return this;
    }

    /**
     * Builds the authenticator, generating its keys and certificates.
     *
     * @return the authenticator
     * @throws IllegalArgumentException if a {@code fido-u2f} key is set to verify users
     */
    public SoftwareAuthenticator build() {
      return new SoftwareAuthenticator(this);
    }
  }
}
