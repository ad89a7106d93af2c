package dev.rootguard.mfa.fido;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.FinishAssertionOptions;
import com.yubico.webauthn.FinishRegistrationOptions;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.StartRegistrationOptions;
import com.yubico.webauthn.data.AttestedCredentialData;
import com.yubico.webauthn.data.AuthenticatorAssertionResponse;
import com.yubico.webauthn.data.AuthenticatorAttachment;
import com.yubico.webauthn.data.AuthenticatorAttestationResponse;
import com.yubico.webauthn.data.AuthenticatorSelectionCriteria;
import com.yubico.webauthn.data.AuthenticatorTransport;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.ClientAssertionExtensionOutputs;
import com.yubico.webauthn.data.ClientRegistrationExtensionOutputs;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import com.yubico.webauthn.data.ResidentKeyRequirement;
import com.yubico.webauthn.data.UserIdentity;
import com.yubico.webauthn.data.UserVerificationRequirement;
import com.yubico.webauthn.exception.AssertionFailedException;
import com.yubico.webauthn.exception.RegistrationFailedException;
import com.yubico.webauthn.extension.appid.AppId;
import com.yubico.webauthn.extension.appid.InvalidAppIdException;
import dev.rootguard.InvalidInputException;
import dev.rootguard.RootGuardException;
import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.MfaVerifier;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.mfa.fido.internal.AttestationSignature;
import dev.rootguard.mfa.fido.internal.AuthenticatorData;
import dev.rootguard.mfa.fido.internal.Ceremonies;
import dev.rootguard.mfa.fido.internal.Codec;
import dev.rootguard.mfa.fido.internal.CoseKey;
import dev.rootguard.mfa.fido.internal.Es256;
import dev.rootguard.mfa.fido.internal.Malformed;
import dev.rootguard.mfa.fido.internal.StoreCredentialRepository;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Verifies FIDO U2F and FIDO2 security keys (and passkeys) as a second factor, over Yubico's
 * java-webauthn-server: it keeps the pending ceremonies (expiring, single-use), the credential
 * store and its signature counters, the attestation policy, and turns every failure into a distinct
 * {@link Reason}. JSON strings go in and out, as the browser's {@code
 * PublicKeyCredential.parseCreationOptionsFromJSON}, {@code parseRequestOptionsFromJSON} and {@code
 * toJSON()} use them.
 *
 * <pre>{@code
 * SecurityKeyVerifier keys = SecurityKeyVerifier.builder("example.com", "Example Corp")
 *     .origins(Set.of("https://example.com"))
 *     .credentialStore(JsonFileSecurityKeyStore.open(Path.of("keys.json")))
 *     .ceremonyStore(CeremonyStore.inMemory(10_000))      // or one shared by every server
 *     .attestationPolicy(AttestationPolicy.trusted(List.of(yubicoRoot)))
 *     .build();
 * CeremonyRequest reg = keys.startRegistration(alice);          // reg.optionsJson() to the page
 * RegistrationOutcome out = keys.finishRegistration(reg.requestId(), createdJson);
 * CeremonyRequest auth = keys.startAuthentication(alice);
 * MfaResult result = keys.finishAuthentication(auth.requestId(), assertionJson);
 * }</pre>
 *
 * <p><b>How assertions are verified.</b> RootGuard first checks the parts whose failure has a
 * distinct reason itself, from the parsed response: client data type, challenge (constant-time),
 * origin, RP id hash (or the AppID hash for legacy U2F keys), user presence and verification flags,
 * that the credential exists and belongs to the principal. For ES256 keys (every U2F key and almost
 * every FIDO2 key) it then verifies the signature with Bouncy Castle's lightweight API (no JCA
 * provider is registered; global JVM state is untouched), which is several times faster than the
 * JDK's ECDSA on Java 17. Other algorithms, and all assertions when {@link
 * Builder#fastEs256(boolean) fastEs256(false)} is set, go through java-webauthn-server's {@code
 * finishAssertion}. Registrations always go through java-webauthn-server, which verifies the
 * attestation.
 *
 * <p><b>Pending ceremonies</b> wait in a {@link CeremonyStore} (default: {@link
 * CeremonyStore#inMemory in memory}, one process). Each start puts java-webauthn-server's request,
 * as its own JSON, under a fresh random id; each finish takes it atomically and at most once, so a
 * ceremony started on one server can be finished on another when both share the ceremony store and
 * the {@link SecurityKeyStore}, and of any number of concurrent finishes of one ceremony, on any
 * server, exactly one goes on. Registration and sign-in ids cannot stand in for each other. Expired
 * ceremonies are purged every 256 starts or once a minute, by the injected clock.
 *
 * <p><b>Failures</b> of a finish are results, never exceptions: malformed or oversized JSON (over
 * 64 KiB) is {@code MALFORMED_INPUT}, an unknown, expired or used request id is {@code
 * REQUEST_EXPIRED} / {@code REPLAYED}, a failing ceremony or credential store ({@link
 * StoreException}) is {@code STORE_UNAVAILABLE}, and nothing stored changes on a failed ceremony.
 * Exceptions are for misuse, and for a store failing while a ceremony starts ({@link
 * StoreException} then propagates: nothing is pending).
 *
 * <p>Thread-safe; share one instance.
 *
 * @see <a href="https://www.w3.org/TR/webauthn-3/#sctn-verifying-assertion">WebAuthn Level 3
 *     §7.2</a>
 * @since 0.1.0
 */
public final class SecurityKeyVerifier implements MfaVerifier {
  /** Stands in for the principal when a request id is unknown and no attempt names one. */
  public static final Principal UNKNOWN_PRINCIPAL = Principal.of("(unknown)");

  /** Largest accepted response JSON, in characters (64 KiB). */
  public static final int MAX_RESPONSE_LENGTH = Codec.MAX_RESPONSE_CHARS;

  private static final UUID NO_AAGUID = new UUID(0, 0);

  private final String rpId;
  private final String rpName;
  private final Set<String> origins;
  private final String appId;
  private final Requirement userVerification;
  private final Requirement residentKey;
  private final Attachment attachment;
  private final Duration requestTimeout;
  private final Clock clock;
  private final SecurityKeyStore store;
  private final AttestationPolicy attestationPolicy;
  private final CounterPolicy counterPolicy;
  private final boolean fastEs256;
  private final RelyingParty rp;
  private final Ceremonies ceremonies;
  private final Es256 es256 = new Es256();
  private final byte[] rpIdHash;
  private final byte[] appIdHash;
  private final SecureRandom random = new SecureRandom();

  private SecurityKeyVerifier(Builder b) {
    this.rpId = b.rpId;
    this.rpName = b.rpName;
    this.origins = b.origins != null ? Set.copyOf(b.origins) : Set.of("https://" + b.rpId);
    this.appId = b.appId;
    this.userVerification = b.userVerification;
    this.residentKey = b.residentKey;
    this.attachment = b.attachment;
    this.requestTimeout = b.requestTimeout;
    this.clock = b.clock;
    this.store = b.store != null ? b.store : SecurityKeyStore.inMemory();
    this.attestationPolicy = b.attestationPolicy;
    this.counterPolicy = b.counterPolicy;
    this.fastEs256 = b.fastEs256;
    this.ceremonies =
        new Ceremonies(
            b.ceremonyStore != null
                ? b.ceremonyStore
                : CeremonyStore.inMemory(b.maxPendingRequests),
            clock,
            requestTimeout);
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
            .origins(origins)
            .appId(yubicoAppId)
            .attestationConveyancePreference(attestationPolicy.conveyance())
            .attestationTrustSource(attestationPolicy.trustSource())
            .allowUntrustedAttestation(true)
            .validateSignatureCounter(false)
            .clock(clock)
            .build();
  }

  /**
   * Starts building a verifier for a relying party.
   *
   * @param rpId the relying party id: the site's registrable domain or a parent of it, e.g. {@code
   *     "example.com"} (no scheme, no port)
   * @param rpName the relying party name browsers may show, e.g. {@code "Example Corp"}
   * @return a builder; not thread-safe
   * @throws InvalidInputException if the RP id is empty or has a scheme, port or path (field {@code
   *     rpId}), or the name is blank (field {@code rpName})
   */
  public static Builder builder(String rpId, String rpName) {
    return new Builder(rpId, rpName);
  }

  @Override
  public Set<Factor> factors() {
    return Set.of(Factor.SECURITY_KEY, Factor.PASSKEY);
  }

  /**
   * Returns true: ceremonies are single-use (an atomic take from the {@link CeremonyStore}), so an
   * assertion cannot be replayed, on this server or another sharing the store.
   *
   * @return true
   */
  @Override
  public boolean guardsReplay() {
    return true;
  }

  /**
   * Returns the credential store.
   *
   * @return the store
   */
  public SecurityKeyStore credentialStore() {
    return store;
  }

  /**
   * Returns the relying party id.
   *
   * @return the RP id
   */
  public String relyingPartyId() {
    return rpId;
  }

  /**
   * Returns the accepted origins.
   *
   * @return the origins
   */
  public Set<String> origins() {
    return origins;
  }

  // ---------------------------------------------------------------- registration

  /**
   * Starts registering a new security key for a principal, using the principal id as the display
   * name.
   *
   * @param user who registers
   * @return the request id and the options JSON for {@code navigator.credentials.create}
   * @throws IllegalStateException if the default in-memory ceremony store is full ({@link
   *     Builder#maxPendingRequests})
   * @throws StoreException if the ceremony store or the credential store fails; nothing is pending
   *     then
   */
  public CeremonyRequest startRegistration(Principal user) {
    return startRegistration(user, user.id());
  }

  /**
   * Starts registering a new security key for a principal. The principal's existing credentials are
   * excluded, so the same key is not registered twice.
   *
   * @param user who registers
   * @param displayName the name the browser may show for the account
   * @return the request id and the options JSON for {@code navigator.credentials.create}
   * @throws IllegalStateException if the default in-memory ceremony store is full ({@link
   *     Builder#maxPendingRequests})
   * @throws StoreException if the ceremony store or the credential store fails; nothing is pending
   *     then
   */
  public CeremonyRequest startRegistration(Principal user, String displayName) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(displayName, "displayName");
    String handle = store.userHandle(user, this::newUserHandle);
    UserIdentity identity =
        UserIdentity.builder()
            .name(user.id())
            .displayName(displayName)
            .id(new ByteArray(Codec.decode(handle, "userHandle")))
            .build();
    AuthenticatorSelectionCriteria.AuthenticatorSelectionCriteriaBuilder sel =
        AuthenticatorSelectionCriteria.builder()
            .userVerification(uv(userVerification))
            .residentKey(rk(residentKey));
    if (attachment == Attachment.CROSS_PLATFORM) {
      sel.authenticatorAttachment(AuthenticatorAttachment.CROSS_PLATFORM);
    } else if (attachment == Attachment.PLATFORM) {
      sel.authenticatorAttachment(AuthenticatorAttachment.PLATFORM);
    }
    PublicKeyCredentialCreationOptions options =
        rp.startRegistration(
            StartRegistrationOptions.builder()
                .user(identity)
                .authenticatorSelection(sel.build())
                .timeout(requestTimeout.toMillis())
                .build());
    String json;
    String payload;
    try {
      json = publicKeyMember(options.toCredentialsCreateJson());
      payload = options.toJson();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("bug: cannot write creation options", e);
    }
    Ceremonies.Started started = ceremonies.start(Ceremonies.REGISTRATION, user, payload);
    return new CeremonyRequest(started.id(), user, json, started.expiresAt());
  }

  /**
   * Finishes a registration: checks the browser's response (client data, RP id, flags, the
   * attestation and the attestation policy) and stores the new credential. The request is used up
   * whatever the outcome.
   *
   * @param requestId the id from {@link #startRegistration}
   * @param responseJson the browser's {@code JSON.stringify(credential.toJSON())}
   * @return the stored credential, or why it was refused; {@code STORE_UNAVAILABLE} if the ceremony
   *     store or the credential store failed (the credential may or may not have been saved then: a
   *     retry with a new ceremony tells, by {@code REPLAYED})
   */
  public RegistrationOutcome finishRegistration(String requestId, String responseJson) {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(responseJson, "responseJson");
    Instant now = clock.instant();
    CeremonyStore.Taken t;
    try {
      t = ceremonies.take(requestId, Ceremonies.REGISTRATION);
    } catch (StoreException e) {
      return new RegistrationOutcome.Rejected(UNKNOWN_PRINCIPAL, Reason.STORE_UNAVAILABLE, now);
    }
    if (t.ceremony().isEmpty()) {
      return new RegistrationOutcome.Rejected(UNKNOWN_PRINCIPAL, notTaken(t.status()), now);
    }
    Principal principal = t.ceremony().get().principal();
    PublicKeyCredentialCreationOptions options;
    try {
      options = PublicKeyCredentialCreationOptions.fromJson(t.ceremony().get().payload());
    } catch (JsonProcessingException | RuntimeException e) {
      return new RegistrationOutcome.Rejected(principal, Reason.STORE_UNAVAILABLE, now);
    }
    try {
      Reason pre = precheckRegistration(options, responseJson);
      if (pre != null) {
        return new RegistrationOutcome.Rejected(principal, pre, now);
      }
      PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs> pkc;
      RegistrationResult r;
      try {
        pkc = PublicKeyCredential.parseRegistrationResponseJson(responseJson);
      } catch (IOException e) {
        return new RegistrationOutcome.Rejected(principal, Reason.MALFORMED_INPUT, now);
      }
      try {
        r =
            rp.finishRegistration(
                FinishRegistrationOptions.builder().request(options).response(pkc).build());
      } catch (RegistrationFailedException e) {
        return new RegistrationOutcome.Rejected(principal, registrationFailure(pkc), now);
      }
      if (attestationPolicy.requiresTrust() && !r.isAttestationTrusted()) {
        return new RegistrationOutcome.Rejected(principal, Reason.ATTESTATION_NOT_TRUSTED, now);
      }
      AttestationPolicy.Known known = attestationPolicy.describe(r);

      Set<String> transports =
          pkc.getResponse().getTransports().stream()
              .map(AuthenticatorTransport::getId)
              .collect(Collectors.toCollection(LinkedHashSet::new));
      JsonNode attestation = Codec.parseCbor(pkc.getResponse().getAttestationObject().getBytes());
      String fmt = attestation.path("fmt").asText("none");
      AuthenticatorData flags = authData(attestation);
      boolean backupEligible = flags.has(AuthenticatorData.BE);
      boolean backedUp = flags.has(AuthenticatorData.BS);
      boolean hardware =
          attestationPolicy.requiresTrust()
              && r.isAttestationTrusted()
              && known.hardwareProtected()
              && !backupEligible;
      SecurityKeyCredential credential =
          new SecurityKeyCredential(
              principal,
              CredentialId.of(Codec.encode(r.getKeyId().getId().getBytes())),
              Codec.encode(options.getUser().getId().getBytes()),
              Codec.encode(r.getPublicKeyCose().getBytes()),
              r.getSignatureCount(),
              uuid(r.getAaguid()),
              known.name(),
              fmt,
              r.isAttestationTrusted(),
              backupEligible,
              backedUp,
              hardware,
              transports,
              false,
              now);
      if (!store.add(credential)) {
        return new RegistrationOutcome.Rejected(
            principal, alreadyRegistered(credential.id(), principal), now);
      }
      return new RegistrationOutcome.Registered(credential);
    } catch (Malformed | InvalidInputException e) {
      return new RegistrationOutcome.Rejected(principal, Reason.MALFORMED_INPUT, now);
    } catch (RuntimeException e) {
      // A store failure, also when java-webauthn-server met it in the credential repository;
      // otherwise java-webauthn-server rejected broken input with an unchecked exception.
      Reason reason = storeFailure(e) ? Reason.STORE_UNAVAILABLE : Reason.MALFORMED_INPUT;
      return new RegistrationOutcome.Rejected(principal, reason, now);
    }
  }

  /** Whether a failure is, or was caused by, a store failure (by type, never by message). */
  private static boolean storeFailure(Throwable e) {
    Throwable t = e;
    for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
      if (t instanceof StoreException) {
        return true;
      }
    }
    return false;
  }

  private Reason alreadyRegistered(CredentialId id, Principal principal) {
    return store.find(id).filter(c -> !c.principal().equals(principal)).isPresent()
        ? Reason.CREDENTIAL_NOT_OWNED
        : Reason.REPLAYED;
  }

  private Reason precheckRegistration(PublicKeyCredentialCreationOptions options, String json) {
    if (json.length() > MAX_RESPONSE_LENGTH) {
      return Reason.MALFORMED_INPUT;
    }
    JsonNode root = Codec.parseObject(json);
    JsonNode response = envelope(root);
    JsonNode clientData = Codec.parseObject(Codec.bytes(response, "clientDataJSON"));
    JsonNode att = Codec.parseCbor(Codec.bytes(response, "attestationObject"));
    AuthenticatorData ad = authData(att);
    Reason r = checkClientData(clientData, "webauthn.create", options.getChallenge().getBytes());
    if (r != null) {
      return r;
    }
    if (!ad.rpIdHash().sameAs(rpIdHash)) {
      return Reason.RP_ID_MISMATCH;
    }
    if (!ad.has(AuthenticatorData.UP) || !ad.has(AuthenticatorData.AT)) {
      return Reason.MALFORMED_INPUT;
    }
    if (userVerification == Requirement.REQUIRED && !ad.has(AuthenticatorData.UV)) {
      return Reason.USER_VERIFICATION_REQUIRED;
    }
    CredentialId id = CredentialId.of(Codec.text(root, "id"));
    if (store.find(id).isPresent()) {
      return alreadyRegisteredPre(id, options);
    }
    return null;
  }

  private static AuthenticatorData authData(JsonNode attestationObject) {
    JsonNode authData = attestationObject.get("authData");
    if (authData == null || !authData.isBinary()) {
      throw new Malformed("attestationObject.authData: missing");
    }
    try {
      return AuthenticatorData.parse(authData.binaryValue());
    } catch (IOException e) {
      throw new Malformed("attestationObject.authData: unreadable");
    }
  }

  private Reason alreadyRegisteredPre(CredentialId id, PublicKeyCredentialCreationOptions options) {
    String handle = Codec.encode(options.getUser().getId().getBytes());
    return store.find(id).filter(c -> !c.userHandle().equals(handle)).isPresent()
        ? Reason.CREDENTIAL_NOT_OWNED
        : Reason.REPLAYED;
  }

  /**
   * Names why java-webauthn-server refused a registration. Every check with a reason of its own
   * (client data, RP id, flags, user verification, a known credential id) ran before it, and trust
   * is decided after it from its result, so what is left is the attestation statement: RootGuard
   * checks an ES256 {@code packed} or {@code fido-u2f} signature itself to tell {@code
   * BAD_SIGNATURE} from a statement it refused for other reasons ({@code MALFORMED_INPUT}). The
   * exception's message text is not read: it changes between releases.
   */
  private Reason registrationFailure(
      PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs>
          pkc) {
    AuthenticatorAttestationResponse response = pkc.getResponse();
    Optional<AttestedCredentialData> attested =
        response.getAttestation().getAuthenticatorData().getAttestedCredentialData();
    if (attested.isEmpty()) {
      return Reason.MALFORMED_INPUT;
    }
    AttestationSignature.Verdict v =
        AttestationSignature.check(
            es256,
            Codec.parseCbor(response.getAttestationObject().getBytes()),
            response.getClientDataJSON().getBytes(),
            attested.get().getCredentialId().getBytes(),
            attested.get().getCredentialPublicKey().getBytes());
    return v == AttestationSignature.Verdict.INVALID
        ? Reason.BAD_SIGNATURE
        : Reason.MALFORMED_INPUT;
  }

  /**
   * Imports a key registered with the old U2F JavaScript API, so it keeps working through the AppID
   * extension. Requires {@link Builder#appId(String)}.
   *
   * @param owner who owns the key
   * @param keyHandle the U2F key handle, base64url
   * @param publicKey the U2F public key (uncompressed P-256 point, 65 bytes), base64url
   * @return the stored credential
   * @throws IllegalStateException if no AppID is configured
   * @throws InvalidInputException if the key handle or public key is malformed or already stored
   */
  public SecurityKeyCredential importLegacyU2f(
      Principal owner, String keyHandle, String publicKey) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(keyHandle, "keyHandle");
    Objects.requireNonNull(publicKey, "publicKey");
    if (appId == null) {
      throw new IllegalStateException("appId: configure the U2F AppID before importing U2F keys");
    }
    byte[] cose;
    try {
      Codec.decode(keyHandle, "keyHandle");
      cose = CoseKey.fromRawP256(Codec.decode(publicKey, "publicKey"));
    } catch (Malformed e) {
      throw new InvalidInputException("keyHandle", e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("publicKey", e.getMessage());
    }
    String handle = store.userHandle(owner, this::newUserHandle);
    SecurityKeyCredential c =
        new SecurityKeyCredential(
            owner,
            CredentialId.of(keyHandle),
            handle,
            Codec.encode(cose),
            0,
            NO_AAGUID,
            "",
            "fido-u2f",
            false,
            false,
            false,
            false,
            Set.of("usb"),
            true,
            clock.instant());
    if (!store.add(c)) {
      throw new InvalidInputException("keyHandle", "a credential with this id is already stored");
    }
    return c;
  }

  // ---------------------------------------------------------------- authentication

  /**
   * Starts a sign-in with one of the principal's registered keys.
   *
   * @param user who signs in
   * @return the request id and the options JSON for {@code navigator.credentials.get}
   * @throws IllegalStateException if the default in-memory ceremony store is full ({@link
   *     Builder#maxPendingRequests})
   * @throws StoreException if the ceremony store or the credential store fails; nothing is pending
   *     then
   */
  public CeremonyRequest startAuthentication(Principal user) {
    Objects.requireNonNull(user, "user");
    AssertionRequest request =
        rp.startAssertion(
            StartAssertionOptions.builder()
                .username(user.id())
                .userVerification(uv(userVerification))
                .timeout(requestTimeout.toMillis())
                .build());
    String json;
    String payload;
    try {
      json = publicKeyMember(request.toCredentialsGetJson());
      payload = request.toJson();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("bug: cannot write request options", e);
    }
    Ceremonies.Started started = ceremonies.start(Ceremonies.AUTHENTICATION, user, payload);
    return new CeremonyRequest(started.id(), user, json, started.expiresAt());
  }

  /**
   * Finishes a sign-in: verifies the assertion against the pending request and the stored
   * credential, and advances the signature counter atomically. The request is used up whatever the
   * outcome.
   *
   * @param requestId the id from {@link #startAuthentication}
   * @param responseJson the browser's {@code JSON.stringify(credential.toJSON())}
   * @return the result; accepted ones carry a {@link SecurityKeyDetail}. A failing ceremony store
   *     or credential store gives {@code STORE_UNAVAILABLE}, never an acceptance
   */
  public MfaResult finishAuthentication(String requestId, String responseJson) {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(responseJson, "responseJson");
    return finish(requestId, responseJson, null, null, null);
  }

  /**
   * Verifies an attempt: {@link MfaAttempt#requestId()} names the pending request from {@link
   * #startAuthentication} and {@link MfaAttempt#response()} is the assertion JSON. An attempt for
   * {@link Factor#SECURITY_KEY} answered by a synced passkey is rejected with {@code
   * FACTOR_NOT_ALLOWED}.
   *
   * @param attempt the attempt
   * @return the result
   * @throws IllegalArgumentException if the attempt's factor is not a FIDO factor
   */
  @Override
  public MfaResult verify(MfaAttempt attempt) {
    Objects.requireNonNull(attempt, "attempt");
    if (!factors().contains(attempt.factor())) {
      throw new IllegalArgumentException(
          "factor: SecurityKeyVerifier serves SECURITY_KEY and PASSKEY, not " + attempt.factor());
    }
    if (attempt.requestId().isEmpty()) {
      return MfaResult.Rejected.of(
          attempt.principal(), attempt.factor(), Reason.MALFORMED_INPUT, clock.instant());
    }
    return finish(
        attempt.requestId().get(),
        attempt.response(),
        attempt.principal(),
        attempt.factor(),
        attempt.credential().orElse(null));
  }

  private MfaResult finish(
      String requestId,
      String json,
      Principal expectedPrincipal,
      Factor requestedFactor,
      CredentialId expectedCredential) {
    Instant now = clock.instant();
    Factor factor = requestedFactor != null ? requestedFactor : Factor.SECURITY_KEY;
    Principal asked = expectedPrincipal != null ? expectedPrincipal : UNKNOWN_PRINCIPAL;
    CeremonyStore.Taken t;
    try {
      t = ceremonies.take(requestId, Ceremonies.AUTHENTICATION);
    } catch (StoreException e) {
      return MfaResult.Rejected.of(asked, factor, Reason.STORE_UNAVAILABLE, now);
    }
    if (t.ceremony().isEmpty()) {
      return MfaResult.Rejected.of(asked, factor, notTaken(t.status()), now);
    }
    Principal principal = t.ceremony().get().principal();
    if (expectedPrincipal != null && !expectedPrincipal.equals(principal)) {
      return MfaResult.Rejected.of(expectedPrincipal, factor, Reason.CREDENTIAL_NOT_OWNED, now);
    }
    AssertionRequest request;
    try {
      request = AssertionRequest.fromJson(t.ceremony().get().payload());
    } catch (JsonProcessingException | RuntimeException e) {
      // The store handed back something this version cannot read: fail closed.
      return MfaResult.Rejected.of(principal, factor, Reason.STORE_UNAVAILABLE, now);
    }
    try {
      return verifyAssertion(
          request, json, principal, factor, requestedFactor, expectedCredential, now);
    } catch (Malformed | InvalidInputException e) {
      return MfaResult.Rejected.of(principal, factor, Reason.MALFORMED_INPUT, now);
    } catch (StoreException e) {
      return MfaResult.Rejected.of(principal, factor, Reason.STORE_UNAVAILABLE, now);
    }
  }

  private MfaResult verifyAssertion(
      AssertionRequest request,
      String json,
      Principal principal,
      Factor factor,
      Factor requestedFactor,
      CredentialId expectedCredential,
      Instant now) {
    if (json.length() > MAX_RESPONSE_LENGTH) {
      return MfaResult.Rejected.of(principal, factor, Reason.MALFORMED_INPUT, now);
    }
    JsonNode root = Codec.parseObject(json);
    JsonNode response = envelope(root);
    byte[] clientDataJson = Codec.bytes(response, "clientDataJSON");
    byte[] authData = Codec.bytes(response, "authenticatorData");
    byte[] signature = Codec.bytes(response, "signature");
    JsonNode uh = response.get("userHandle");
    String userHandle =
        uh != null && uh.isTextual() && !uh.textValue().isEmpty() ? uh.textValue() : null;
    if (uh != null && !uh.isNull() && !uh.isTextual()) {
      throw new Malformed("userHandle: not a string");
    }
    JsonNode clientData = Codec.parseObject(clientDataJson);
    AuthenticatorData ad = AuthenticatorData.parse(authData);
    Reason r =
        checkClientData(
            clientData,
            "webauthn.get",
            request.getPublicKeyCredentialRequestOptions().getChallenge().getBytes());
    if (r != null) {
      return MfaResult.Rejected.of(principal, factor, r, now);
    }
    boolean appIdRequested =
        appIdHash != null
            && request
                .getPublicKeyCredentialRequestOptions()
                .getExtensions()
                .getAppid()
                .isPresent();
    JsonNode appIdOutput = root.path("clientExtensionResults").path("appid");
    boolean viaAppId = appIdRequested && appIdOutput.isBoolean() && appIdOutput.booleanValue();
    if (!ad.rpIdHash().sameAs(viaAppId ? appIdHash : rpIdHash)) {
      return MfaResult.Rejected.of(principal, factor, Reason.RP_ID_MISMATCH, now);
    }
    if (!ad.has(AuthenticatorData.UP)) {
      return MfaResult.Rejected.of(principal, factor, Reason.MALFORMED_INPUT, now);
    }
    if (userVerification == Requirement.REQUIRED && !ad.has(AuthenticatorData.UV)) {
      return MfaResult.Rejected.of(principal, factor, Reason.USER_VERIFICATION_REQUIRED, now);
    }
    CredentialId id = CredentialId.of(Codec.text(root, "id"));
    Optional<SecurityKeyCredential> found = store.find(id);
    if (found.isEmpty()) {
      return MfaResult.Rejected.of(principal, factor, Reason.UNKNOWN_CREDENTIAL, now);
    }
    SecurityKeyCredential credential = found.get();
    if (!credential.principal().equals(principal)
        || (expectedCredential != null && !expectedCredential.equals(id))
        || (userHandle != null && !userHandle.equals(credential.userHandle()))) {
      return MfaResult.Rejected.of(principal, factor, Reason.CREDENTIAL_NOT_OWNED, now);
    }
    Factor actual =
        credential.backupEligible() || ad.has(AuthenticatorData.BE)
            ? Factor.PASSKEY
            : Factor.SECURITY_KEY;
    if (requestedFactor == Factor.SECURITY_KEY && actual == Factor.PASSKEY) {
      return MfaResult.Rejected.of(principal, factor, Reason.FACTOR_NOT_ALLOWED, now);
    }
    CoseKey key = CoseKey.parse(Codec.decode(credential.publicKey(), "publicKey"));
    if (fastEs256 && key.isEs256()) {
      byte[] signed =
          ByteBuffer.allocate(authData.length + 32)
              .put(authData)
              .put(Codec.sha256(clientDataJson))
              .array();
      if (!es256.verify(key, signed, signature)) {
        return MfaResult.Rejected.of(principal, factor, Reason.BAD_SIGNATURE, now);
      }
    } else {
      Reason y = verifyWithJavaWebauthnServer(request, json);
      if (y != null) {
        return MfaResult.Rejected.of(principal, factor, y, now);
      }
    }
    return counter(credential, ad, principal, factor, actual, viaAppId, now);
  }

  private MfaResult counter(
      SecurityKeyCredential credential,
      AuthenticatorData ad,
      Principal principal,
      Factor factor,
      Factor actual,
      boolean viaAppId,
      Instant now) {
    long reported = ad.signCount();
    boolean regressed = false;
    SecurityKeyCredential c = credential;
    while (true) {
      long stored = c.signatureCount();
      if (reported == 0 && stored == 0) {
        break; // the authenticator keeps no counter
      }
      if (reported <= stored) {
        if (counterPolicy == CounterPolicy.REJECT) {
          return new MfaResult.Rejected(
              principal, factor, Reason.POSSIBLE_CLONE, now, detail(c, ad, actual, true, viaAppId));
        }
        regressed = true;
        break;
      }
      if (store.updateSignatureCount(c.id(), stored, reported)) {
        break;
      }
      Optional<SecurityKeyCredential> again = store.find(c.id());
      if (again.isEmpty()) {
        return MfaResult.Rejected.of(principal, factor, Reason.UNKNOWN_CREDENTIAL, now);
      }
      c = again.get();
    }
    return new MfaResult.Accepted(
        principal, c.id(), actual, now, detail(c, ad, actual, regressed, viaAppId));
  }

  private static SecurityKeyDetail detail(
      SecurityKeyCredential c,
      AuthenticatorData ad,
      Factor actual,
      boolean regressed,
      boolean viaAppId) {
    return new SecurityKeyDetail(
        actual,
        c.aaguid(),
        c.authenticatorName(),
        c.hardware() && actual == Factor.SECURITY_KEY,
        ad.signCount(),
        regressed,
        ad.has(AuthenticatorData.UV),
        ad.has(AuthenticatorData.BE),
        ad.has(AuthenticatorData.BS),
        viaAppId);
  }

  private Reason verifyWithJavaWebauthnServer(AssertionRequest request, String json) {
    try {
      PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs> pkc =
          PublicKeyCredential.parseAssertionResponseJson(json);
      AssertionResult result =
          rp.finishAssertion(
              FinishAssertionOptions.builder().request(request).response(pkc).build());
      return result.isSuccess() ? null : Reason.BAD_SIGNATURE;
    } catch (IOException e) {
      return Reason.MALFORMED_INPUT;
    } catch (AssertionFailedException e) {
      return assertionFailure(e);
    } catch (RootGuardException e) {
      throw e;
    } catch (RuntimeException e) {
      return storeFailure(e) ? Reason.STORE_UNAVAILABLE : Reason.MALFORMED_INPUT;
    }
  }

  /**
   * Every check with a reason of its own (client data type, challenge, origin, RP id, flags,
   * credential ownership) ran before java-webauthn-server was called, and its signature counter
   * check is off (the store's compare-and-set decides), so what it still refuses is the signature.
   * Its message text is not read: it changes between releases.
   */
  private static Reason assertionFailure(AssertionFailedException e) {
    return Reason.BAD_SIGNATURE;
  }

  // ---------------------------------------------------------------- helpers

  private Reason checkClientData(JsonNode clientData, String type, byte[] challenge) {
    if (!type.equals(Codec.text(clientData, "type"))) {
      return Reason.MALFORMED_INPUT;
    }
    byte[] got = Codec.decode(Codec.text(clientData, "challenge"), "clientData.challenge");
    if (!MessageDigest.isEqual(got, challenge)) {
      return Reason.CHALLENGE_MISMATCH;
    }
    if (!origins.contains(Codec.text(clientData, "origin"))) {
      return Reason.ORIGIN_MISMATCH;
    }
    JsonNode cross = clientData.get("crossOrigin");
    if (cross != null && cross.isBoolean() && cross.booleanValue()) {
      return Reason.ORIGIN_MISMATCH;
    }
    if ("present".equals(clientData.path("tokenBinding").path("status").asText())) {
      return Reason.MALFORMED_INPUT; // token binding is not supported (as java-webauthn-server)
    }
    return null;
  }

  private static JsonNode envelope(JsonNode root) {
    if (!"public-key".equals(Codec.text(root, "type"))) {
      throw new Malformed("type: not public-key");
    }
    String id = Codec.text(root, "id");
    Codec.decode(id, "id");
    JsonNode rawId = root.get("rawId");
    if (rawId != null && !(rawId.isTextual() && rawId.textValue().equals(id))) {
      throw new Malformed("rawId: differs from id");
    }
    JsonNode response = root.get("response");
    if (response == null || !response.isObject()) {
      throw new Malformed("response: missing or not an object");
    }
    JsonNode ext = root.get("clientExtensionResults");
    if (ext != null && !ext.isObject()) {
      throw new Malformed("clientExtensionResults: not an object");
    }
    return response;
  }

  private static Reason notTaken(CeremonyStore.Status s) {
    return s == CeremonyStore.Status.USED ? Reason.REPLAYED : Reason.REQUEST_EXPIRED;
  }

  private static String publicKeyMember(String wrapped) {
    JsonNode n = Codec.parseObject(wrapped);
    return n.get("publicKey").toString();
  }

  private String newUserHandle() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Codec.encode(b);
  }

  private static UUID uuid(ByteArray aaguid) {
    byte[] b = aaguid.getBytes();
    if (b.length != 16) {
      return NO_AAGUID;
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    return new UUID(buf.getLong(), buf.getLong());
  }

  private static UserVerificationRequirement uv(Requirement r) {
    switch (r) {
      case REQUIRED:
        return UserVerificationRequirement.REQUIRED;
      case DISCOURAGED:
        return UserVerificationRequirement.DISCOURAGED;
      default:
        return UserVerificationRequirement.PREFERRED;
    }
  }

  private static ResidentKeyRequirement rk(Requirement r) {
    switch (r) {
      case REQUIRED:
        return ResidentKeyRequirement.REQUIRED;
      case PREFERRED:
        return ResidentKeyRequirement.PREFERRED;
      default:
        return ResidentKeyRequirement.DISCOURAGED;
    }
  }

  @Override
  public String toString() {
    return "SecurityKeyVerifier[rpId="
        + rpId
        + ", origins="
        + origins
        + ", appId="
        + appId
        + ", userVerification="
        + userVerification
        + ", attestation="
        + attestationPolicy
        + ", counterPolicy="
        + counterPolicy
        + ", store="
        + store
        + "]";
  }

  /**
   * Builds a {@link SecurityKeyVerifier}. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    private final String rpId;
    private final String rpName;
    private Set<String> origins;
    private String appId;
    private Requirement userVerification = Requirement.PREFERRED;
    private Requirement residentKey = Requirement.DISCOURAGED;
    private Attachment attachment = Attachment.ANY;
    private Duration requestTimeout = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();
    private SecurityKeyStore store;
    private AttestationPolicy attestationPolicy = AttestationPolicy.none();
    private CounterPolicy counterPolicy = CounterPolicy.REJECT;
    private boolean fastEs256 = true;
    private int maxPendingRequests = 100_000;
    private CeremonyStore ceremonyStore;

    private Builder(String rpId, String rpName) {
      Objects.requireNonNull(rpId, "rpId");
      Objects.requireNonNull(rpName, "rpName");
      if (rpId.isEmpty()
          || rpId.contains("/")
          || rpId.contains(":")
          || !rpId.equals(rpId.strip())
          || !rpId.equals(rpId.toLowerCase(Locale.ROOT))) {
        throw new InvalidInputException(
            "rpId", "must be a lower-case domain without scheme, port or path, was '" + rpId + "'");
      }
      if (rpName.isBlank()) {
        throw new InvalidInputException("rpName", "must not be blank");
      }
      this.rpId = rpId;
      this.rpName = rpName;
    }

    /**
     * Sets the origins the browser may be on, exactly as the browser reports them (scheme, host and
     * non-default port). Default: {@code https://<rpId>}.
     *
     * @param origins the origins, e.g. {@code Set.of("https://example.com",
     *     "https://login.example.com")}
     * @return this builder
     * @throws InvalidInputException if empty or an origin is not {@code scheme://host[:port]}
     *     (field {@code origins})
     */
    public Builder origins(Set<String> origins) {
      Objects.requireNonNull(origins, "origins");
      if (origins.isEmpty()) {
        throw new InvalidInputException("origins", "at least one origin is required");
      }
      for (String o : origins) {
        URI u;
        try {
          u = URI.create(o);
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException("origins", "not a URI: '" + o + "'");
        }
        if (u.getScheme() == null
            || u.getHost() == null
            || (u.getPath() != null && !u.getPath().isEmpty())
            || u.getQuery() != null) {
          throw new InvalidInputException(
              "origins", "must be scheme://host[:port] without a path, was '" + o + "'");
        }
      }
      this.origins = Set.copyOf(origins);
      return this;
    }

    /**
     * Sets the U2F AppID under which legacy U2F keys were registered, so they keep working through
     * the WebAuthn AppID extension. It must be an https URL. Default: none.
     *
     * @param appId the AppID, e.g. {@code "https://example.com/app-id.json"}
     * @return this builder
     */
    public Builder appId(String appId) {
      this.appId = Objects.requireNonNull(appId, "appId");
      return this;
    }

    /**
     * Sets whether the authenticator must verify the user (PIN or biometric). With {@link
     * Requirement#REQUIRED}, assertions without the UV flag are rejected with {@code
     * USER_VERIFICATION_REQUIRED} (and U2F keys, which cannot verify users, cannot be used).
     * Default: {@link Requirement#PREFERRED}.
     *
     * @param requirement the requirement
     * @return this builder
     */
    public Builder userVerification(Requirement requirement) {
      this.userVerification = Objects.requireNonNull(requirement, "requirement");
      return this;
    }

    /**
     * Sets whether registrations should create discoverable credentials (passkeys). Default: {@link
     * Requirement#DISCOURAGED}, which suits security keys as a second factor.
     *
     * @param requirement the requirement
     * @return this builder
     */
    public Builder residentKey(Requirement requirement) {
      this.residentKey = Objects.requireNonNull(requirement, "requirement");
      return this;
    }

    /**
     * Sets which kind of authenticator registration asks for. Default: {@link Attachment#ANY}.
     *
     * @param attachment the attachment
     * @return this builder
     */
    public Builder attachment(Attachment attachment) {
      this.attachment = Objects.requireNonNull(attachment, "attachment");
      return this;
    }

    /**
     * Sets how long a started ceremony may be finished. Default: 5 minutes. Maximum: 1 hour.
     *
     * @param timeout the time to live of a pending request
     * @return this builder
     * @throws InvalidInputException if not within 1 second to 1 hour (field {@code requestTimeout})
     */
    public Builder requestTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
        throw new InvalidInputException("requestTimeout", "must be 1 s to 1 h, was " + timeout);
      }
      this.requestTimeout = timeout;
      return this;
    }

    /**
     * Sets the clock for request expiry, registration times and attestation validity. Default: the
     * system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets where credentials are kept. Share one store between every server that finishes the same
     * ceremonies (see {@link #ceremonyStore}). Default: a new {@link SecurityKeyStore#inMemory()},
     * which serves one process only.
     *
     * @param store the store
     * @return this builder
     */
    public Builder credentialStore(SecurityKeyStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets which authenticators registration accepts. Default: {@link AttestationPolicy#none()}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder attestationPolicy(AttestationPolicy policy) {
      this.attestationPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets what a signature counter that does not go up means. Default: {@link
     * CounterPolicy#REJECT}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder counterPolicy(CounterPolicy policy) {
      this.counterPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets whether ES256 assertion signatures are verified with Bouncy Castle's lightweight API (no
     * provider registration) instead of through java-webauthn-server and the JDK's provider. Both
     * give the same verdicts; the fast path is several times faster on Java 17. Default: true.
     *
     * @param fast false to send every assertion through java-webauthn-server's {@code
     *     finishAssertion}
     * @return this builder
     */
    public Builder fastEs256(boolean fast) {
      this.fastEs256 = fast;
      return this;
    }

    /**
     * Sets where started ceremonies wait for their answer. Share one store (and one {@link
     * #credentialStore credential store}) between every server behind a load balancer, so a
     * ceremony started on one can be finished on another; the store's {@code take} makes each
     * ceremony single-use across all of them. Default: {@link CeremonyStore#inMemory} bounded by
     * {@link #maxPendingRequests}, which serves one process only.
     *
     * @param store the store
     * @return this builder
     * @since 0.2.0
     */
    public Builder ceremonyStore(CeremonyStore store) {
      this.ceremonyStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets how many started ceremonies (and used ones, kept until they expire to detect replays)
     * the default in-memory ceremony store holds at once: a bound on memory. Ignored when a {@link
     * #ceremonyStore} is set. Default: 100,000. Maximum: 10,000,000.
     *
     * @param max the bound
     * @return this builder
     * @throws InvalidInputException if not within 1 to 10,000,000 (field {@code
     *     maxPendingRequests})
     */
    public Builder maxPendingRequests(int max) {
      if (max < 1 || max > 10_000_000) {
        throw new InvalidInputException(
            "maxPendingRequests", "must be 1 to 10,000,000, was " + max);
      }
      this.maxPendingRequests = max;
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     * @throws InvalidInputException if the AppID is not a valid https AppID (field {@code appId})
     */
    public SecurityKeyVerifier build() {
      return new SecurityKeyVerifier(this);
    }
  }
}
