package dev.rootguard.mfa.fido.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.yubico.webauthn.FinishRegistrationOptions;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.StartRegistrationOptions;
import com.yubico.webauthn.data.AttestedCredentialData;
import com.yubico.webauthn.data.AuthenticatorAttachment;
import com.yubico.webauthn.data.AuthenticatorAttestationResponse;
import com.yubico.webauthn.data.AuthenticatorSelectionCriteria;
import com.yubico.webauthn.data.AuthenticatorTransport;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.ClientRegistrationExtensionOutputs;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.UserIdentity;
import com.yubico.webauthn.exception.RegistrationFailedException;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.mfa.fido.Attachment;
import dev.rootguard.mfa.fido.CeremonyRequest;
import dev.rootguard.mfa.fido.RegistrationOutcome;
import dev.rootguard.mfa.fido.Requirement;
import dev.rootguard.mfa.fido.SecurityKeyCredential;
import dev.rootguard.mfa.fido.SecurityKeyVerifier;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The registration ceremony, WebAuthn Level 2 §7.1, with one method per step RootGuard checks
 * (named {@code stepN…} after the spec's numbering), in the spirit of java-webauthn-server's {@code
 * FinishRegistrationSteps}.
 *
 * <p>Every step whose failure has a reason of its own runs here, before java-webauthn-server is
 * called, so the reason never has to be guessed from a library exception: client data (7–10), RP id
 * hash (13), flags (14–15), a credential id already stored (22, checked early so nothing is
 * verified for a key that cannot be stored), and — for ES256 {@code packed} and {@code fido-u2f}
 * statements — the attestation signature (19, {@code BAD_SIGNATURE}). java-webauthn-server then
 * verifies everything again and what only it checks (16–21: algorithm, extensions, format,
 * statement, trust path); a {@link RegistrationFailedException} from it is therefore an attestation
 * statement wrong in another way ({@code MALFORMED_INPUT}, see {@link FailureMapper}). The policy
 * (24) and storing (23) follow. Steps run in the order of the methods below; the order decides
 * which reason a response wrong in two ways gets.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * RegistrationCeremony reg = new RegistrationCeremony(ctx, new PendingRegistrations(ceremonies));
 * CeremonyRequest started = reg.start(alice, "Alice");
 * RegistrationOutcome out = reg.finish(started.requestId(), createdJson);
 * }</pre>
 *
 * @see <a href="https://www.w3.org/TR/webauthn-2/#sctn-registering-a-new-credential">WebAuthn Level
 *     2 §7.1</a>
 */
public final class RegistrationCeremony {
  /** The response as RootGuard reads it (§7.1 steps 3, 5, 6 and 12). A carrier: no equals. */
  static final class Parsed {
    final JsonNode root;
    final JsonNode clientData;
    final JsonNode attestationObject;
    final AuthenticatorData authData;

    Parsed(
        JsonNode root,
        JsonNode clientData,
        JsonNode attestationObject,
        AuthenticatorData authData) {
      this.root = root;
      this.clientData = clientData;
      this.attestationObject = attestationObject;
      this.authData = authData;
    }
  }

  private static final UUID NO_AAGUID = new UUID(0, 0);

  private final RelyingPartyContext ctx;
  private final PendingRegistrations pending;

  /**
   * Creates the ceremony.
   *
   * @param ctx the relying party
   * @param pending where started registrations wait
   */
  public RegistrationCeremony(RelyingPartyContext ctx, PendingRegistrations pending) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.pending = Objects.requireNonNull(pending, "pending");
  }

  /**
   * Starts a registration (the options of §7.1 step 1).
   *
   * @param user who registers
   * @param displayName the name the browser may show
   * @return the request id and the options JSON
   * @throws StoreException if a store fails; nothing is pending then
   * @throws IllegalStateException if an in-memory ceremony store is full
   */
  public CeremonyRequest start(Principal user, String displayName) {
    String handle = ctx.store.userHandle(user, ctx::newUserHandle);
    UserIdentity identity =
        UserIdentity.builder()
            .name(user.id())
            .displayName(displayName)
            .id(new ByteArray(Codec.decode(handle, "userHandle")))
            .build();
    AuthenticatorSelectionCriteria.AuthenticatorSelectionCriteriaBuilder sel =
        AuthenticatorSelectionCriteria.builder()
            .userVerification(ctx.yubicoUserVerification())
            .residentKey(ctx.yubicoResidentKey());
    if (ctx.attachment == Attachment.CROSS_PLATFORM) {
      sel.authenticatorAttachment(AuthenticatorAttachment.CROSS_PLATFORM);
    } else if (ctx.attachment == Attachment.PLATFORM) {
      sel.authenticatorAttachment(AuthenticatorAttachment.PLATFORM);
    }
    PublicKeyCredentialCreationOptions options =
        ctx.rp.startRegistration(
            StartRegistrationOptions.builder()
                .user(identity)
                .authenticatorSelection(sel.build())
                .timeout(ctx.requestTimeout.toMillis())
                .build());
    String json;
    try {
      json = RelyingPartyContext.publicKeyMember(options.toCredentialsCreateJson());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("bug: cannot write creation options", e);
    }
    Ceremonies.Started started = pending.put(user, options);
    return new CeremonyRequest(started.id(), user, json, started.expiresAt());
  }

  /**
   * Finishes a registration. The request is used up whatever the outcome; nothing is stored unless
   * every step passes.
   *
   * @param requestId the id from {@link #start}
   * @param json the browser's response JSON
   * @return the stored credential, or why it was refused
   */
  public RegistrationOutcome finish(String requestId, String json) {
    Instant now = ctx.clock.instant();
    PendingCeremonies.Taken<PublicKeyCredentialCreationOptions> taken = pending.take(requestId);
    if (!(taken
        instanceof PendingCeremonies.Taken.Found<PublicKeyCredentialCreationOptions> found)) {
      Principal who =
          taken.principal() != null ? taken.principal() : SecurityKeyVerifier.UNKNOWN_PRINCIPAL;
      return new RegistrationOutcome.Rejected(who, taken.refusal().orElseThrow(), now);
    }
    Principal principal = found.principal();
    try {
      return new RegistrationOutcome.Registered(steps(found.request(), principal, json, now));
    } catch (RegistrationFailedException | RuntimeException e) {
      // A refused step, broken input (also when java-webauthn-server's parsers threw), or a store
      // failure (also when java-webauthn-server met it in the credential repository).
      return new RegistrationOutcome.Rejected(principal, FailureMapper.reason(e), now);
    }
  }

  private SecurityKeyCredential steps(
      PublicKeyCredentialCreationOptions options, Principal principal, String json, Instant now)
      throws RegistrationFailedException {
    Parsed p = parse(json);
    step7Type(p.clientData);
    step8Challenge(p.clientData, options);
    step9Origin(p.clientData);
    step10TokenBinding(p.clientData);
    step13RpIdHash(p.authData);
    step14UserPresentAndAttestedData(p.authData);
    step15UserVerified(p.authData);
    step22CredentialIdUnused(CredentialId.of(Codec.text(p.root, "id")), options);
    PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs> pkc =
        libraryParse(json);
    credentialIdIsTheAttestedOne(p.root, pkc);
    step19AttestationSignature(pkc);
    RegistrationResult result = steps16To21Library(options, pkc);
    step24AttestationPolicy(result);
    return step23Register(options, principal, pkc, p, result, now);
  }

  /**
   * Steps 3, 5, 6 and 12: the size bound, the envelope, the client data JSON and the CBOR
   * attestation object with its authenticator data.
   *
   * @throws Malformed if any part is malformed
   */
  Parsed parse(String json) {
    if (json.length() > Codec.MAX_RESPONSE_CHARS) {
      throw new StepFailed(Reason.MALFORMED_INPUT);
    }
    JsonNode root = Codec.parseObject(json);
    JsonNode response = ClientDataSteps.envelope(root);
    JsonNode clientData = Codec.parseObject(Codec.bytes(response, "clientDataJSON"));
    JsonNode att = Codec.parseCbor(Codec.bytes(response, "attestationObject"));
    return new Parsed(root, clientData, att, authData(att));
  }

  /** Step 7: {@code C.type} is {@code webauthn.create} ({@code MALFORMED_INPUT}). */
  void step7Type(JsonNode clientData) {
    ClientDataSteps.type(clientData, "webauthn.create");
  }

  /** Step 8: {@code C.challenge} is the request's ({@code CHALLENGE_MISMATCH}). */
  void step8Challenge(JsonNode clientData, PublicKeyCredentialCreationOptions options) {
    ClientDataSteps.challenge(clientData, options.getChallenge().getBytes());
  }

  /** Step 9: {@code C.origin} is accepted, not cross-origin ({@code ORIGIN_MISMATCH}). */
  void step9Origin(JsonNode clientData) {
    ClientDataSteps.origin(clientData, ctx.origins);
  }

  /** Step 10: token binding is not {@code present} ({@code MALFORMED_INPUT}). */
  void step10TokenBinding(JsonNode clientData) {
    ClientDataSteps.tokenBinding(clientData);
  }

  /** Step 13: the RP id hash is SHA-256 of the RP id ({@code RP_ID_MISMATCH}). */
  void step13RpIdHash(AuthenticatorData ad) {
    if (!ctx.isRpIdHash(ad)) {
      throw new StepFailed(Reason.RP_ID_MISMATCH);
    }
  }

  /**
   * Step 14: the user was present; and attested credential data is included (there is a credential
   * to register). Either missing is {@code MALFORMED_INPUT}.
   */
  void step14UserPresentAndAttestedData(AuthenticatorData ad) {
    if (!ad.has(AuthenticatorData.UP) || !ad.has(AuthenticatorData.AT)) {
      throw new StepFailed(Reason.MALFORMED_INPUT);
    }
  }

  /**
   * Step 15: if user verification is required, it was done ({@code USER_VERIFICATION_REQUIRED}).
   */
  void step15UserVerified(AuthenticatorData ad) {
    if (ctx.userVerification == Requirement.REQUIRED && !ad.has(AuthenticatorData.UV)) {
      throw new StepFailed(Reason.USER_VERIFICATION_REQUIRED);
    }
  }

  /**
   * Step 22, checked early: the credential id is not stored yet. Stored for another user handle is
   * {@code CREDENTIAL_NOT_OWNED}; for this one, {@code REPLAYED} (the same key registered twice).
   */
  void step22CredentialIdUnused(CredentialId id, PublicKeyCredentialCreationOptions options) {
    Optional<SecurityKeyCredential> stored = ctx.store.find(id);
    if (stored.isPresent()) {
      String handle = Codec.encode(options.getUser().getId().getBytes());
      throw new StepFailed(
          !stored.get().userHandle().equals(handle)
              ? Reason.CREDENTIAL_NOT_OWNED
              : Reason.REPLAYED);
    }
  }

  /**
   * The credential id the client reports ({@code id} and {@code rawId}) is the one in the attested
   * credential data ({@code MALFORMED_INPUT} otherwise). The credential record's id is the attested
   * {@code credentialId} (WebAuthn §7.1, "credentialId" in the authenticator data); java-webauthn-
   * server stores the client's {@code id}, which under "none" attestation nothing signs, so a
   * client could otherwise store a key under an id of its choosing. Found by fuzzing ({@code
   * WebAuthnFuzzTest#finishRegistration}).
   */
  void credentialIdIsTheAttestedOne(
      JsonNode root,
      PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs>
          pkc) {
    Optional<AttestedCredentialData> attested =
        pkc.getResponse().getAttestation().getAuthenticatorData().getAttestedCredentialData();
    if (attested.isEmpty()) {
      throw new StepFailed(Reason.MALFORMED_INPUT);
    }
    byte[] id = attested.get().getCredentialId().getBytes();
    byte[] idText = Codec.decode(Codec.text(root, "id"), "id");
    if (!java.security.MessageDigest.isEqual(id, pkc.getId().getBytes())
        || !java.security.MessageDigest.isEqual(id, idText)) {
      throw new StepFailed(Reason.MALFORMED_INPUT);
    }
  }

  private static PublicKeyCredential<
          AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs>
      libraryParse(String json) {
    try {
      return PublicKeyCredential.parseRegistrationResponseJson(json);
    } catch (IOException e) {
      throw new StepFailed(FailureMapper.reason(e));
    }
  }

  /**
   * Step 19, RootGuard's own part: an ES256 {@code packed} or {@code fido-u2f} attestation
   * signature that does not verify is {@code BAD_SIGNATURE}. Other formats and algorithms are left
   * to java-webauthn-server. Checked before java-webauthn-server, whose exception type does not
   * tell a bad signature from other refusals.
   */
  void step19AttestationSignature(
      PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs>
          pkc) {
    AuthenticatorAttestationResponse response = pkc.getResponse();
    Optional<AttestedCredentialData> attested =
        response.getAttestation().getAuthenticatorData().getAttestedCredentialData();
    if (attested.isEmpty()) {
      throw new StepFailed(Reason.MALFORMED_INPUT);
    }
    AttestationSignature.Verdict v =
        AttestationSignature.check(
            ctx.es256,
            Codec.parseCbor(response.getAttestationObject().getBytes()),
            response.getClientDataJSON().getBytes(),
            attested.get().getCredentialId().getBytes(),
            attested.get().getCredentialPublicKey().getBytes());
    if (v == AttestationSignature.Verdict.INVALID) {
      throw new StepFailed(Reason.BAD_SIGNATURE);
    }
  }

  /**
   * Steps 16–21 by java-webauthn-server (and again every step above): algorithm, extensions,
   * format, the attestation statement and its trust path. Its {@link RegistrationFailedException}
   * is classified by {@link FailureMapper}.
   */
  private RegistrationResult steps16To21Library(
      PublicKeyCredentialCreationOptions options,
      PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs> pkc)
      throws RegistrationFailedException {
    return ctx.rp.finishRegistration(
        FinishRegistrationOptions.builder().request(options).response(pkc).build());
  }

  /**
   * Step 24: an attestation that is not trusted is refused when the policy requires trust ({@code
   * ATTESTATION_NOT_TRUSTED}).
   */
  void step24AttestationPolicy(RegistrationResult result) {
    if (ctx.attestation.requiresTrust() && !result.isAttestationTrusted()) {
      throw new StepFailed(Reason.ATTESTATION_NOT_TRUSTED);
    }
  }

  /**
   * Step 23: stores the credential. A store that already holds the id (a concurrent registration)
   * gives {@code CREDENTIAL_NOT_OWNED} if another principal has it, else {@code REPLAYED}.
   */
  private SecurityKeyCredential step23Register(
      PublicKeyCredentialCreationOptions options,
      Principal principal,
      PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs> pkc,
      Parsed p,
      RegistrationResult r,
      Instant now) {
    AttestationRules policy = ctx.attestation;
    AttestationRules.Described known = policy.describe(r);
    Set<String> transports =
        pkc.getResponse().getTransports().stream()
            .map(AuthenticatorTransport::getId)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    String fmt = p.attestationObject.path("fmt").asText("none");
    AuthenticatorData flags = p.authData;
    boolean backupEligible = flags.has(AuthenticatorData.BE);
    boolean backedUp = flags.has(AuthenticatorData.BS);
    boolean hardware =
        policy.requiresTrust()
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
    if (!ctx.store.add(credential)) {
      throw new StepFailed(
          ctx.store.find(credential.id()).filter(c -> !c.principal().equals(principal)).isPresent()
              ? Reason.CREDENTIAL_NOT_OWNED
              : Reason.REPLAYED);
    }
    return credential;
  }

  /**
   * Imports a key registered with the old U2F JavaScript API (no ceremony: the key handle and
   * public key come from the relying party's own records).
   *
   * @param owner who owns the key
   * @param keyHandle the U2F key handle, base64url
   * @param publicKey the uncompressed P-256 point, base64url
   * @return the stored credential
   * @throws IllegalStateException if no AppID is configured
   * @throws InvalidInputException if the key handle or public key is malformed or already stored
   */
  public SecurityKeyCredential importLegacyU2f(
      Principal owner, String keyHandle, String publicKey) {
    if (ctx.appId == null) {
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
    String handle = ctx.store.userHandle(owner, ctx::newUserHandle);
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
            ctx.clock.instant());
    if (!ctx.store.add(c)) {
      throw new InvalidInputException("keyHandle", "a credential with this id is already stored");
    }
    return c;
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

  private static UUID uuid(ByteArray aaguid) {
    byte[] b = aaguid.getBytes();
    if (b.length != 16) {
      return NO_AAGUID;
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    return new UUID(buf.getLong(), buf.getLong());
  }
}
