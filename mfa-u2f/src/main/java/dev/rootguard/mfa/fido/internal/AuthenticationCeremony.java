package dev.rootguard.mfa.fido.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.FinishAssertionOptions;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.data.AuthenticatorAssertionResponse;
import com.yubico.webauthn.data.ClientAssertionExtensionOutputs;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.exception.AssertionFailedException;
import dev.rootguard.InvalidInputException;
import dev.rootguard.RootGuardException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.mfa.fido.CeremonyRequest;
import dev.rootguard.mfa.fido.Requirement;
import dev.rootguard.mfa.fido.SecurityKeyCredential;
import dev.rootguard.mfa.fido.SecurityKeyDetail;
import dev.rootguard.mfa.fido.SecurityKeyVerifier;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The authentication ceremony, WebAuthn Level 2 §7.2, with one method per step RootGuard checks
 * (named {@code stepN…} after the spec's numbering), in the spirit of java-webauthn-server's {@code
 * FinishAssertionSteps}.
 *
 * <p>Every step whose failure has a reason of its own runs here: client data (11–14), RP id or
 * AppID hash (15), flags (16–17), the credential lookup (7) and its owner (6), RootGuard's factor
 * rule, then the signature (20) and the counter (21, {@link SignatureCounter}). The order is the
 * order of the calls in {@code steps}, not the spec's numbering (the credential is looked up after
 * the cheap checks of the response), and decides which reason a response wrong in two ways gets.
 * The signature of an ES256 key is verified with Bouncy Castle unless {@code fastEs256} is off;
 * otherwise java-webauthn-server's {@code finishAssertion} verifies the whole assertion again, and
 * since everything else already passed, its {@link AssertionFailedException} means {@code
 * BAD_SIGNATURE} ({@link FailureMapper}).
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * AuthenticationCeremony auth =
 *     new AuthenticationCeremony(ctx, new PendingAuthentications(ceremonies));
 * CeremonyRequest started = auth.start(alice);
 * MfaResult r = auth.finish(started.requestId(), assertionJson, null, null, null);
 * }</pre>
 *
 * @see <a href="https://www.w3.org/TR/webauthn-2/#sctn-verifying-assertion">WebAuthn Level 2
 *     §7.2</a>
 */
public final class AuthenticationCeremony {
  /**
   * The response as RootGuard reads it (§7.2 steps 3, 8, 9, 10). A carrier, not a value: no equals,
   * and its arrays are never copied.
   */
  static final class Parsed {
    final JsonNode root;
    final JsonNode clientData;
    final byte[] clientDataJson;
    final byte[] authDataBytes;
    final AuthenticatorData authData;
    final byte[] signature;
    final String userHandle;

    Parsed(
        JsonNode root,
        JsonNode clientData,
        byte[] clientDataJson,
        byte[] authDataBytes,
        AuthenticatorData authData,
        byte[] signature,
        String userHandle) {
      this.root = root;
      this.clientData = clientData;
      this.clientDataJson = clientDataJson;
      this.authDataBytes = authDataBytes;
      this.authData = authData;
      this.signature = signature;
      this.userHandle = userHandle;
    }
  }

  /** What the caller of a finish expects. */
  private record Expected(Principal principal, Factor factor, CredentialId credential) {}

  private final RelyingPartyContext ctx;
  private final PendingAuthentications pending;
  private final SignatureCounter counter;

  /**
   * Creates the ceremony.
   *
   * @param ctx the relying party
   * @param pending where started sign-ins wait
   */
  public AuthenticationCeremony(RelyingPartyContext ctx, PendingAuthentications pending) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.pending = Objects.requireNonNull(pending, "pending");
    this.counter = new SignatureCounter(ctx.store, ctx.counterPolicy);
  }

  /**
   * Starts a sign-in (the options of §7.2 step 1) with the principal's registered keys.
   *
   * @param user who signs in
   * @return the request id and the options JSON
   * @throws StoreException if a store fails; nothing is pending then
   * @throws IllegalStateException if an in-memory ceremony store is full
   */
  public CeremonyRequest start(Principal user) {
    AssertionRequest request =
        ctx.rp.startAssertion(
            StartAssertionOptions.builder()
                .username(user.id())
                .userVerification(ctx.yubicoUserVerification())
                .timeout(ctx.requestTimeout.toMillis())
                .build());
    String json;
    try {
      json = RelyingPartyContext.publicKeyMember(request.toCredentialsGetJson());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("bug: cannot write request options", e);
    }
    Ceremonies.Started started = pending.put(user, request);
    return new CeremonyRequest(started.id(), user, json, started.expiresAt());
  }

  /**
   * Finishes a sign-in. The request is used up whatever the outcome; the counter is stored only on
   * acceptance.
   *
   * @param requestId the id from {@link #start}
   * @param json the browser's assertion JSON
   * @param expectedPrincipal who the caller says signs in, or null
   * @param requestedFactor the factor the caller asked for, or null ({@link Factor#SECURITY_KEY} is
   *     reported then, and passkeys are allowed)
   * @param expectedCredential the credential the caller expects, or null
   * @return the result; never an exception for bad input or a failing store
   */
  public MfaResult finish(
      String requestId,
      String json,
      Principal expectedPrincipal,
      Factor requestedFactor,
      CredentialId expectedCredential) {
    Instant now = ctx.clock.instant();
    Factor factor = requestedFactor != null ? requestedFactor : Factor.SECURITY_KEY;
    PendingCeremonies.Taken<AssertionRequest> taken = pending.take(requestId);
    Principal principal = taken.principal();
    if (principal == null) { // unknown, expired, used, or a failing store
      Principal asked =
          expectedPrincipal != null ? expectedPrincipal : SecurityKeyVerifier.UNKNOWN_PRINCIPAL;
      return MfaResult.Rejected.of(asked, factor, taken.refusal().orElseThrow(), now);
    }
    if (expectedPrincipal != null && !expectedPrincipal.equals(principal)) {
      return MfaResult.Rejected.of(expectedPrincipal, factor, Reason.CREDENTIAL_NOT_OWNED, now);
    }
    if (!(taken instanceof PendingCeremonies.Taken.Found<AssertionRequest> found)) {
      // The store handed back something this version cannot read: fail closed.
      return MfaResult.Rejected.of(principal, factor, taken.refusal().orElseThrow(), now);
    }
    Expected expected = new Expected(principal, requestedFactor, expectedCredential);
    try {
      return steps(found.request(), json, expected, factor, now);
    } catch (StepFailed | Malformed | InvalidInputException | StoreException e) {
      return MfaResult.Rejected.of(principal, factor, FailureMapper.reason(e), now);
    }
  }

  private MfaResult steps(
      AssertionRequest request, String json, Expected expected, Factor factor, Instant now) {
    Parsed p = parse(json);
    step11Type(p.clientData);
    step12Challenge(p.clientData, request);
    step13Origin(p.clientData);
    step14TokenBinding(p.clientData);
    boolean viaAppId = step15RpIdHash(p, request);
    step16UserPresent(p.authData);
    step17UserVerified(p.authData);
    SecurityKeyCredential credential = step7LookUpCredential(p);
    step6Owner(credential, p, expected);
    Factor actual = factorAllowed(credential, p.authData, expected.factor());
    step20Signature(credential, p, request, json);
    return step21SignatureCounter(
        credential, p.authData, expected.principal(), factor, actual, viaAppId, now);
  }

  /**
   * Steps 3, 8, 9 and 10: the size bound, the envelope, the three binary members, an optional
   * string user handle, the client data JSON and the authenticator data.
   *
   * @throws StepFailed or {@link Malformed}, both {@code MALFORMED_INPUT}
   */
  Parsed parse(String json) {
    if (json.length() > Codec.MAX_RESPONSE_CHARS) {
      throw new StepFailed(Reason.MALFORMED_INPUT);
    }
    JsonNode root = Codec.parseObject(json);
    JsonNode response = ClientDataSteps.envelope(root);
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
    return new Parsed(root, clientData, clientDataJson, authData, ad, signature, userHandle);
  }

  /** Step 11: {@code C.type} is {@code webauthn.get} ({@code MALFORMED_INPUT}). */
  void step11Type(JsonNode clientData) {
    ClientDataSteps.type(clientData, "webauthn.get");
  }

  /** Step 12: {@code C.challenge} is the request's ({@code CHALLENGE_MISMATCH}). */
  void step12Challenge(JsonNode clientData, AssertionRequest request) {
    ClientDataSteps.challenge(
        clientData, request.getPublicKeyCredentialRequestOptions().getChallenge().getBytes());
  }

  /** Step 13: {@code C.origin} is accepted, not cross-origin ({@code ORIGIN_MISMATCH}). */
  void step13Origin(JsonNode clientData) {
    ClientDataSteps.origin(clientData, ctx.origins);
  }

  /** Step 14: token binding is not {@code present} ({@code MALFORMED_INPUT}). */
  void step14TokenBinding(JsonNode clientData) {
    ClientDataSteps.tokenBinding(clientData);
  }

  /**
   * Step 15: the RP id hash is SHA-256 of the RP id, or of the AppID when the request offered the
   * AppID extension and the client says it used it ({@code RP_ID_MISMATCH}).
   *
   * @return whether the AppID was used
   */
  boolean step15RpIdHash(Parsed p, AssertionRequest request) {
    boolean appIdRequested =
        ctx.appId != null
            && request
                .getPublicKeyCredentialRequestOptions()
                .getExtensions()
                .getAppid()
                .isPresent();
    JsonNode appIdOutput = p.root.path("clientExtensionResults").path("appid");
    boolean viaAppId = appIdRequested && appIdOutput.isBoolean() && appIdOutput.booleanValue();
    if (!(viaAppId ? ctx.isAppIdHash(p.authData) : ctx.isRpIdHash(p.authData))) {
      throw new StepFailed(Reason.RP_ID_MISMATCH);
    }
    return viaAppId;
  }

  /** Step 16: the user was present ({@code MALFORMED_INPUT}). */
  void step16UserPresent(AuthenticatorData ad) {
    if (!ad.has(AuthenticatorData.UP)) {
      throw new StepFailed(Reason.MALFORMED_INPUT);
    }
  }

  /**
   * Step 17: if user verification is required, it was done ({@code USER_VERIFICATION_REQUIRED}).
   */
  void step17UserVerified(AuthenticatorData ad) {
    if (ctx.userVerification == Requirement.REQUIRED && !ad.has(AuthenticatorData.UV)) {
      throw new StepFailed(Reason.USER_VERIFICATION_REQUIRED);
    }
  }

  /** Step 7: the credential is stored ({@code UNKNOWN_CREDENTIAL}). */
  SecurityKeyCredential step7LookUpCredential(Parsed p) {
    Optional<SecurityKeyCredential> found =
        ctx.store.find(CredentialId.of(Codec.text(p.root, "id")));
    if (found.isEmpty()) {
      throw new StepFailed(Reason.UNKNOWN_CREDENTIAL);
    }
    return found.get();
  }

  /**
   * Step 6: the credential belongs to the principal who started the ceremony, is the one the caller
   * expects (if any), and a user handle sent is the credential's ({@code CREDENTIAL_NOT_OWNED}).
   */
  private void step6Owner(SecurityKeyCredential credential, Parsed p, Expected expected) {
    CredentialId id = CredentialId.of(Codec.text(p.root, "id"));
    if (!credential.principal().equals(expected.principal())
        || (expected.credential() != null && !expected.credential().equals(id))
        || (p.userHandle != null && !p.userHandle.equals(credential.userHandle()))) {
      throw new StepFailed(Reason.CREDENTIAL_NOT_OWNED);
    }
  }

  /**
   * RootGuard's rule, not a spec step: a backup-eligible credential is a {@link Factor#PASSKEY},
   * refused where the caller asked for a {@link Factor#SECURITY_KEY} ({@code FACTOR_NOT_ALLOWED}).
   *
   * @return the factor the credential actually is
   */
  static Factor factorAllowed(
      SecurityKeyCredential credential, AuthenticatorData ad, Factor requested) {
    Factor actual =
        credential.backupEligible() || ad.has(AuthenticatorData.BE)
            ? Factor.PASSKEY
            : Factor.SECURITY_KEY;
    if (requested == Factor.SECURITY_KEY && actual == Factor.PASSKEY) {
      throw new StepFailed(Reason.FACTOR_NOT_ALLOWED);
    }
    return actual;
  }

  /**
   * Steps 19–20: the signature over authenticator data and the client data hash, by Bouncy Castle
   * for an ES256 key on the fast path, else by java-webauthn-server ({@code BAD_SIGNATURE}).
   */
  void step20Signature(
      SecurityKeyCredential credential, Parsed p, AssertionRequest request, String json) {
    CoseKey key = CoseKey.parse(Codec.decode(credential.publicKey(), "publicKey"));
    if (ctx.fastEs256 && key.isEs256()) {
      byte[] signed =
          ByteBuffer.allocate(p.authDataBytes.length + 32)
              .put(p.authDataBytes)
              .put(Codec.sha256(p.clientDataJson))
              .array();
      if (!ctx.es256.verify(key, signed, p.signature)) {
        throw new StepFailed(Reason.BAD_SIGNATURE);
      }
      return;
    }
    try {
      PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs> pkc =
          PublicKeyCredential.parseAssertionResponseJson(json);
      AssertionResult result =
          ctx.rp.finishAssertion(
              FinishAssertionOptions.builder().request(request).response(pkc).build());
      if (!result.isSuccess()) {
        throw new StepFailed(Reason.BAD_SIGNATURE);
      }
    } catch (IOException | AssertionFailedException e) {
      throw new StepFailed(FailureMapper.reason(e));
    } catch (StepFailed | RootGuardException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StepFailed(FailureMapper.reason(e));
    }
  }

  /** Step 21: the signature counter ({@link SignatureCounter}; {@code POSSIBLE_CLONE}). */
  private MfaResult step21SignatureCounter(
      SecurityKeyCredential credential,
      AuthenticatorData ad,
      Principal principal,
      Factor factor,
      Factor actual,
      boolean viaAppId,
      Instant now) {
    SignatureCounter.Update u = counter.update(credential, ad.signCount());
    SecurityKeyCredential c = u.credential();
    switch (u.status()) {
      case POSSIBLE_CLONE:
        return new MfaResult.Rejected(
            principal, factor, Reason.POSSIBLE_CLONE, now, detail(c, ad, actual, true, viaAppId));
      case CREDENTIAL_GONE:
        return MfaResult.Rejected.of(principal, factor, Reason.UNKNOWN_CREDENTIAL, now);
      case REGRESSED_ACCEPTED:
        return new MfaResult.Accepted(
            principal, c.id(), actual, now, detail(c, ad, actual, true, viaAppId));
      default:
        return new MfaResult.Accepted(
            principal, c.id(), actual, now, detail(c, ad, actual, false, viaAppId));
    }
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
}
