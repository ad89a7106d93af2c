package dev.rootguard.mfa.fido;

import static dev.rootguard.mfa.fido.Fixture.ALICE;
import static dev.rootguard.mfa.fido.Fixture.BOB;
import static dev.rootguard.mfa.fido.Fixture.ORIGIN;
import static dev.rootguard.mfa.fido.Fixture.reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.MfaPolicy;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.testkit.fido.AttestationFormat;
import dev.rootguard.testkit.fido.LegacyU2fKey;
import dev.rootguard.testkit.fido.SoftwareAuthenticator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SecurityKeyVerifier against java-webauthn-server's real behaviour, with real signed responses
 * from the test kit's software authenticator. Every scenario runs twice: through RootGuard's fast
 * ES256 path and entirely through java-webauthn-server's {@code finishAssertion}; both must give
 * the same reason.
 */
class SecurityKeyVerifierTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "fast={0}")
  @ValueSource(booleans = {true, false})
  void registerAndSignIn_packedKey_accepted(boolean fast) {
    Fixture f = new Fixture(fast);
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    SecurityKeyCredential c = f.register(key, ALICE);
    assertThat(c.principal()).isEqualTo(ALICE);
    assertThat(c.attestationFormat()).isEqualTo("none"); // policy none(): browser strips it
    assertThat(c.signatureCount()).isEqualTo(1);
    assertThat(c.factor()).isEqualTo(Factor.SECURITY_KEY);

    MfaResult r = f.signIn(key, ALICE);
    assertThat(r).isInstanceOf(MfaResult.Accepted.class);
    MfaResult.Accepted a = (MfaResult.Accepted) r;
    assertThat(a.credential()).isEqualTo(c.id());
    assertThat(a.factor()).isEqualTo(Factor.SECURITY_KEY);
    SecurityKeyDetail d = (SecurityKeyDetail) a.detail();
    assertThat(d.signatureCount()).isEqualTo(2);
    assertThat(d.userVerified()).isTrue();
    assertThat(d.counterRegressed()).isFalse();
    assertThat(d.hardware()).isFalse(); // nothing proven without an attestation policy
    assertThat(f.store.find(c.id()).orElseThrow().signatureCount()).isEqualTo(2);
  }

  @ParameterizedTest(name = "fast={0}")
  @ValueSource(booleans = {true, false})
  void registerAndSignIn_u2fKey_accepted(boolean fast) {
    Fixture f =
        new Fixture(
            fast,
            b ->
                b.attestationPolicy(AttestationPolicy.anyAuthenticator())
                    .userVerification(Requirement.DISCOURAGED));
    SoftwareAuthenticator key = SoftwareAuthenticator.u2f();
    SecurityKeyCredential c = f.register(key, ALICE);
    assertThat(c.attestationFormat()).isEqualTo("fido-u2f");
    assertThat(c.signatureCount()).isZero();
    assertThat(c.aaguid()).isEqualTo(new java.util.UUID(0, 0));

    MfaResult r = f.signIn(key, ALICE);
    assertThat(r.isAccepted()).isTrue();
    assertThat(((SecurityKeyDetail) r.detail()).userVerified()).isFalse();
    assertThat(f.signIn(key, ALICE).isAccepted()).isTrue();
  }

  @ParameterizedTest(name = "fast={0}")
  @ValueSource(booleans = {true, false})
  void finishAuthentication_wrongOrigin_originMismatch(boolean fast) {
    Fixture f = new Fixture(fast);
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    f.register(key, ALICE);
    assertThat(reason(f.signIn(key, ALICE, o -> o.origin("https://examp1e.com"))))
        .isEqualTo(Reason.ORIGIN_MISMATCH);
  }

  @ParameterizedTest(name = "fast={0}")
  @ValueSource(booleans = {true, false})
  void finishAuthentication_wrongRpId_rpIdMismatch(boolean fast) {
    Fixture f = new Fixture(fast);
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    f.register(key, ALICE);
    assertThat(reason(f.signIn(key, ALICE, o -> o.rpId("evil.example"))))
        .isEqualTo(Reason.RP_ID_MISMATCH);
  }

  @ParameterizedTest(name = "fast={0}")
  @ValueSource(booleans = {true, false})
  void finishAuthentication_wrongChallenge_challengeMismatch(boolean fast) {
    Fixture f = new Fixture(fast);
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    f.register(key, ALICE);
    String other = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
    assertThat(reason(f.signIn(key, ALICE, o -> o.challenge(other))))
        .isEqualTo(Reason.CHALLENGE_MISMATCH);
  }

  @ParameterizedTest(name = "fast={0}")
  @ValueSource(booleans = {true, false})
  void finishAuthentication_sameAssertionTwice_replayed(boolean fast) {
    Fixture f = new Fixture(fast);
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    f.register(key, ALICE);
    CeremonyRequest req = f.verifier.startAuthentication(ALICE);
    String assertion = key.authenticate(req.optionsJson(), ORIGIN);
    assertThat(f.verifier.finishAuthentication(req.requestId(), assertion).isAccepted()).isTrue();
    assertThat(reason(f.verifier.finishAuthentication(req.requestId(), assertion)))
        .isEqualTo(Reason.REPLAYED);
    // replayed against a fresh request: the challenge does not match
    CeremonyRequest fresh = f.verifier.startAuthentication(ALICE);
    assertThat(reason(f.verifier.finishAuthentication(fresh.requestId(), assertion)))
        .isEqualTo(Reason.CHALLENGE_MISMATCH);
  }

  @ParameterizedTest(name = "fast={0}")
  @ValueSource(booleans = {true, false})
  void finishAuthentication_credentialNotRegistered_unknownCredential(boolean fast) {
    Fixture f = new Fixture(fast);
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    f.register(key, ALICE);
    Fixture elsewhere = new Fixture(fast);
    SoftwareAuthenticator stranger = SoftwareAuthenticator.packed();
    SecurityKeyCredential foreign = elsewhere.register(stranger, ALICE);
    assertThat(reason(f.signIn(stranger, ALICE, o -> o.useCredential(foreign.id().value()))))
        .isEqualTo(Reason.UNKNOWN_CREDENTIAL);
  }

  @ParameterizedTest(name = "fast={0}")
  @ValueSource(booleans = {true, false})
  void finishAuthentication_tamperedSignature_badSignature(boolean fast) {
    Fixture f = new Fixture(fast);
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    SecurityKeyCredential c = f.register(key, ALICE);
    assertThat(reason(f.signIn(key, ALICE, SoftwareAuthenticator.Overrides::tamperSignature)))
        .isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(f.store.find(c.id()).orElseThrow().signatureCount()).isEqualTo(1);
  }

  @ParameterizedTest(name = "fast={0}")
  @ValueSource(booleans = {true, false})
  void finishAuthentication_afterTimeout_requestExpired(boolean fast) {
    Fixture f = new Fixture(fast);
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    f.register(key, ALICE);
    CeremonyRequest req = f.verifier.startAuthentication(ALICE);
    String assertion = key.authenticate(req.optionsJson(), ORIGIN);
    f.clock.advance(Duration.ofMinutes(5));
    assertThat(reason(f.verifier.finishAuthentication(req.requestId(), assertion)))
        .isEqualTo(Reason.REQUEST_EXPIRED);
    assertThat(reason(f.verifier.finishAuthentication("never-issued", assertion)))
        .isEqualTo(Reason.REQUEST_EXPIRED);
  }

  @Test
  void finishAuthentication_justBeforeTimeout_accepted() {
    Fixture f = new Fixture(true);
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    f.register(key, ALICE);
    CeremonyRequest req = f.verifier.startAuthentication(ALICE);
    String assertion = key.authenticate(req.optionsJson(), ORIGIN);
    f.clock.advance(Duration.ofMinutes(5).minusMillis(1));
    assertThat(f.verifier.finishAuthentication(req.requestId(), assertion).isAccepted()).isTrue();
  }

  @ParameterizedTest(name = "fast={0}")
  @ValueSource(booleans = {true, false})
  void finishAuthentication_counterWentBack_possibleCloneAndNothingStored(boolean fast) {
    Fixture f = new Fixture(fast);
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    SecurityKeyCredential c = f.register(key, ALICE);
    SoftwareAuthenticator clone = key.cloneKey();
    assertThat(f.signIn(key, ALICE).isAccepted()).isTrue(); // counter 2
    assertThat(f.signIn(key, ALICE).isAccepted()).isTrue(); // counter 3
    MfaResult r = f.signIn(clone, ALICE); // the clone reports 2
    assertThat(reason(r)).isEqualTo(Reason.POSSIBLE_CLONE);
    assertThat(((SecurityKeyDetail) r.detail()).signatureCount()).isEqualTo(2);
    assertThat(f.store.find(c.id()).orElseThrow().signatureCount()).isEqualTo(3);
  }

  @Test
  void finishAuthentication_counterWentBackUnderWarn_acceptedWithWarning() {
    Fixture f = new Fixture(true, b -> b.counterPolicy(CounterPolicy.WARN));
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    SecurityKeyCredential c = f.register(key, ALICE);
    assertThat(f.signIn(key, ALICE).isAccepted()).isTrue();
    key.setSignCount(c.id().value(), 0);
    MfaResult r = f.signIn(key, ALICE);
    assertThat(r.isAccepted()).isTrue();
    assertThat(((SecurityKeyDetail) r.detail()).counterRegressed()).isTrue();
    assertThat(f.store.find(c.id()).orElseThrow().signatureCount()).isEqualTo(2);
  }

  @ParameterizedTest(name = "fast={0}")
  @ValueSource(booleans = {true, false})
  void finishAuthentication_uvRequiredButNotDone_userVerificationRequired(boolean fast) {
    Fixture f = new Fixture(fast, b -> b.userVerification(Requirement.REQUIRED));
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    f.register(key, ALICE);
    assertThat(reason(f.signIn(key, ALICE, o -> o.userVerified(false))))
        .isEqualTo(Reason.USER_VERIFICATION_REQUIRED);
  }

  @ParameterizedTest(name = "fast={0}")
  @ValueSource(booleans = {true, false})
  void finishAuthentication_othersCredential_credentialNotOwned(boolean fast) {
    Fixture f = new Fixture(fast);
    SoftwareAuthenticator bobsKey = SoftwareAuthenticator.packed();
    SecurityKeyCredential bobs = f.register(bobsKey, BOB);
    f.register(SoftwareAuthenticator.packed(), ALICE);
    assertThat(reason(f.signIn(bobsKey, ALICE, o -> o.useCredential(bobs.id().value()))))
        .isEqualTo(Reason.CREDENTIAL_NOT_OWNED);
    assertThat(f.store.find(bobs.id()).orElseThrow().signatureCount()).isEqualTo(1);
  }

  @Test
  void finishAuthentication_wrongCeremonyType_malformed() {
    Fixture f = new Fixture(true);
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    f.register(key, ALICE);
    assertThat(reason(f.signIn(key, ALICE, o -> o.type("webauthn.create"))))
        .isEqualTo(Reason.MALFORMED_INPUT);
  }

  @Test
  void finishAuthentication_malformedInputs_malformedNeverThrows() throws Exception {
    Fixture f = new Fixture(true);
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    f.register(key, ALICE);
    CeremonyRequest probe = f.verifier.startAuthentication(ALICE);
    String good = key.authenticate(probe.optionsJson(), ORIGIN);
    ObjectNode wrongType = (ObjectNode) JSON.readTree(good);
    wrongType.put("type", "password");
    ObjectNode numberId = (ObjectNode) JSON.readTree(good);
    numberId.put("id", 42);
    ObjectNode noResponse = (ObjectNode) JSON.readTree(good);
    noResponse.remove("response");
    ObjectNode badB64 = (ObjectNode) JSON.readTree(good);
    ((ObjectNode) badB64.get("response")).put("signature", "***");
    ObjectNode shortAuthData = (ObjectNode) JSON.readTree(good);
    ((ObjectNode) shortAuthData.get("response")).put("authenticatorData", "AAAA");
    ObjectNode clientDataNotJson = (ObjectNode) JSON.readTree(good);
    ((ObjectNode) clientDataNotJson.get("response")).put("clientDataJSON", "bm90IGpzb24");
    ObjectNode userHandleNumber = (ObjectNode) JSON.readTree(good);
    ((ObjectNode) userHandleNumber.get("response")).put("userHandle", 7);
    List<String> inputs =
        List.of(
            "",
            "not json",
            "[]",
            "null",
            "{\"id\":",
            wrongType.toString(),
            numberId.toString(),
            noResponse.toString(),
            badB64.toString(),
            shortAuthData.toString(),
            clientDataNotJson.toString(),
            userHandleNumber.toString(),
            "{\"pad\":\"" + "a".repeat(SecurityKeyVerifier.MAX_RESPONSE_LENGTH) + "\"}",
            "[".repeat(10_000));
    for (String input : inputs) {
      CeremonyRequest req = f.verifier.startAuthentication(ALICE);
      assertThat(reason(f.verifier.finishAuthentication(req.requestId(), input)))
          .as("input starting %s", input.substring(0, Math.min(40, input.length())))
          .isEqualTo(Reason.MALFORMED_INPUT);
    }
  }

  @Test
  void finishRegistration_malformedInputs_malformed() {
    Fixture f = new Fixture(true);
    for (String input : List.of("", "{}", "[1]", "{\"type\":\"public-key\",\"id\":\"AA\"}")) {
      CeremonyRequest req = f.verifier.startRegistration(ALICE);
      RegistrationOutcome out = f.verifier.finishRegistration(req.requestId(), input);
      assertThat(out).isInstanceOf(RegistrationOutcome.Rejected.class);
      assertThat(((RegistrationOutcome.Rejected) out).reason()).isEqualTo(Reason.MALFORMED_INPUT);
    }
    assertThat(f.store.findByPrincipal(ALICE)).isEmpty();
  }

  @Test
  void finishRegistration_wrongOriginRpIdChallenge_distinctReasonsAndNothingStored() {
    Fixture f = new Fixture(true);
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    assertThat(registrationReason(f, key, o -> o.origin("https://evil.example")))
        .isEqualTo(Reason.ORIGIN_MISMATCH);
    assertThat(registrationReason(f, key, o -> o.rpId("evil.example")))
        .isEqualTo(Reason.RP_ID_MISMATCH);
    assertThat(registrationReason(f, key, o -> o.challenge("AAAA")))
        .isEqualTo(Reason.CHALLENGE_MISMATCH);
    assertThat(registrationReason(f, key, o -> o.keepAttestation().tamperSignature()))
        .isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(f.store.findByPrincipal(ALICE)).isEmpty();
  }

  private static Reason registrationReason(
      Fixture f,
      SoftwareAuthenticator key,
      java.util.function.Consumer<SoftwareAuthenticator.Overrides> o) {
    Fixture g = f;
    CeremonyRequest req = g.verifier.startRegistration(ALICE);
    RegistrationOutcome out =
        g.verifier.finishRegistration(req.requestId(), key.register(req.optionsJson(), ORIGIN, o));
    return ((RegistrationOutcome.Rejected) out).reason();
  }

  @Test
  void finishRegistration_tamperedPackedAttestation_rejectedWithAnyAuthenticator() {
    Fixture f = new Fixture(true, b -> b.attestationPolicy(AttestationPolicy.anyAuthenticator()));
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    assertThat(registrationReason(f, key, SoftwareAuthenticator.Overrides::tamperSignature))
        .isEqualTo(Reason.BAD_SIGNATURE);
    SecurityKeyCredential c = f.register(key, ALICE);
    assertThat(c.attestationFormat()).isEqualTo("packed");
    assertThat(c.aaguid()).isEqualTo(key.aaguid());
    assertThat(c.attestationTrusted()).isFalse();
  }

  @Test
  void finishRegistration_tamperedU2fAttestation_badSignatureAndNothingStored() {
    Fixture f = new Fixture(true, b -> b.attestationPolicy(AttestationPolicy.anyAuthenticator()));
    SoftwareAuthenticator key = SoftwareAuthenticator.u2f();

    assertThat(registrationReason(f, key, SoftwareAuthenticator.Overrides::tamperSignature))
        .isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(f.store.findByPrincipal(ALICE)).isEmpty();
  }

  @Test
  void finishRegistration_requestUsedTwice_replayedAndIdReusedRejected() {
    Fixture f = new Fixture(true);
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    CeremonyRequest req = f.verifier.startRegistration(ALICE);
    String created = key.register(req.optionsJson(), ORIGIN);
    assertThat(f.verifier.finishRegistration(req.requestId(), created).isRegistered()).isTrue();
    assertThat(
            ((RegistrationOutcome.Rejected) f.verifier.finishRegistration(req.requestId(), created))
                .reason())
        .isEqualTo(Reason.REPLAYED);
  }

  @Test
  void startRegistration_excludesExistingCredentials() throws Exception {
    Fixture f = new Fixture(true);
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    SecurityKeyCredential c = f.register(key, ALICE);
    CeremonyRequest req = f.verifier.startRegistration(ALICE);
    assertThat(
            JSON.readTree(req.optionsJson()).path("excludeCredentials").get(0).path("id").asText())
        .isEqualTo(c.id().value());
    assertThat(JSON.readTree(req.optionsJson()).path("rp").path("id").asText())
        .isEqualTo("example.com");
    assertThatThrownBy(() -> key.register(req.optionsJson(), ORIGIN))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void finishAuthentication_concurrentSubmissionsOfOneAssertion_acceptedExactlyOnce()
      throws Exception {
    Fixture f = new Fixture(true);
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    f.register(key, ALICE);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 20; round++) {
        CeremonyRequest req = f.verifier.startAuthentication(ALICE);
        String assertion = key.authenticate(req.optionsJson(), ORIGIN);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<MfaResult>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          futures.add(
              pool.submit(
                  () -> {
                    go.await();
                    return f.verifier.finishAuthentication(req.requestId(), assertion);
                  }));
        }
        go.countDown();
        int accepted = 0;
        for (Future<MfaResult> fu : futures) {
          MfaResult r = fu.get();
          if (r.isAccepted()) {
            accepted++;
          } else {
            assertThat(reason(r)).isEqualTo(Reason.REPLAYED);
          }
        }
        assertThat(accepted).as("round %d", round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void finishAuthentication_concurrentClonesWithSameCounter_atMostOneAccepted() throws Exception {
    Fixture f = new Fixture(true);
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    f.register(key, ALICE);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 10; round++) {
        List<SoftwareAuthenticator> clones =
            List.of(key.cloneKey(), key.cloneKey(), key.cloneKey(), key.cloneKey());
        List<String[]> pairs = new ArrayList<>();
        for (SoftwareAuthenticator c : clones) {
          CeremonyRequest req = f.verifier.startAuthentication(ALICE);
          pairs.add(new String[] {req.requestId(), c.authenticate(req.optionsJson(), ORIGIN)});
        }
        key.setSignCount(key.credentialIds().get(0), key.signCount(key.credentialIds().get(0)) + 1);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<MfaResult>> futures = new ArrayList<>();
        for (String[] p : pairs) {
          futures.add(
              pool.submit(
                  () -> {
                    go.await();
                    return f.verifier.finishAuthentication(p[0], p[1]);
                  }));
        }
        go.countDown();
        int accepted = 0;
        for (Future<MfaResult> fu : futures) {
          MfaResult r = fu.get();
          if (r.isAccepted()) {
            accepted++;
          } else {
            assertThat(reason(r)).isEqualTo(Reason.POSSIBLE_CLONE);
          }
        }
        assertThat(accepted).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void syncedPasskey_isPasskeyFactor_andRefusedWhereASecurityKeyIsRequired() {
    Fixture f = new Fixture(true);
    SoftwareAuthenticator passkey = SoftwareAuthenticator.builder().syncedPasskey(true).build();
    SecurityKeyCredential c = f.register(passkey, ALICE);
    assertThat(c.backupEligible()).isTrue();
    assertThat(c.backedUp()).isTrue();
    assertThat(c.factor()).isEqualTo(Factor.PASSKEY);
    MfaResult r = f.signIn(passkey, ALICE);
    assertThat(r.isAccepted()).isTrue();
    assertThat(r.factor()).isEqualTo(Factor.PASSKEY);
    assertThat(((SecurityKeyDetail) r.detail()).kind()).isEqualTo(Factor.PASSKEY);

    CeremonyRequest req = f.verifier.startAuthentication(ALICE);
    MfaAttempt attempt =
        MfaAttempt.builder(ALICE, Factor.SECURITY_KEY)
            .requestId(req.requestId())
            .response(passkey.authenticate(req.optionsJson(), ORIGIN))
            .build();
    assertThat(reason(f.verifier.verify(attempt))).isEqualTo(Reason.FACTOR_NOT_ALLOWED);
    assertThat(f.store.find(c.id()).orElseThrow().signatureCount()).isEqualTo(2);
  }

  @Test
  void verify_throughMfaAuthenticator_acceptedAndWrongPrincipalRejected() {
    Fixture f = new Fixture(true);
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    SecurityKeyCredential c = f.register(key, ALICE);
    MfaAuthenticator auth =
        MfaAuthenticator.builder().verifier(f.verifier).policy(MfaPolicy.hardwareOnly()).build();
    CeremonyRequest req = f.verifier.startAuthentication(ALICE);
    MfaAttempt attempt =
        MfaAttempt.builder(ALICE, Factor.SECURITY_KEY)
            .credential(c.id())
            .requestId(req.requestId())
            .response(key.authenticate(req.optionsJson(), ORIGIN))
            .build();
    MfaResult r = auth.authenticate(attempt);
    assertThat(r.isAccepted()).isTrue();
    assertThat(((MfaResult.Accepted) r).credential()).isEqualTo(c.id());

    CeremonyRequest aliceReq = f.verifier.startAuthentication(ALICE);
    MfaAttempt asBob =
        MfaAttempt.builder(BOB, Factor.SECURITY_KEY)
            .requestId(aliceReq.requestId())
            .response(key.authenticate(aliceReq.optionsJson(), ORIGIN))
            .build();
    assertThat(reason(auth.authenticate(asBob))).isEqualTo(Reason.CREDENTIAL_NOT_OWNED);
    MfaAttempt noRequest = MfaAttempt.builder(ALICE, Factor.SECURITY_KEY).response("{}").build();
    assertThat(reason(f.verifier.verify(noRequest))).isEqualTo(Reason.MALFORMED_INPUT);
    assertThatThrownBy(() -> f.verifier.verify(MfaAttempt.builder(ALICE, Factor.TOTP_APP).build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "fast={0}")
  @ValueSource(booleans = {true, false})
  void legacyU2fKey_signsInThroughAppIdExtension(boolean fast) {
    String appId = "https://example.com/app-id.json";
    Fixture f = new Fixture(fast, b -> b.appId(appId).userVerification(Requirement.DISCOURAGED));
    SoftwareAuthenticator key = SoftwareAuthenticator.u2f();
    LegacyU2fKey legacy = key.registerLegacyU2f(appId);
    SecurityKeyCredential c =
        f.verifier.importLegacyU2f(ALICE, legacy.keyHandle(), legacy.publicKey());
    assertThat(c.legacyU2f()).isTrue();

    CeremonyRequest req = f.verifier.startAuthentication(ALICE);
    assertThat(req.optionsJson()).contains("\"appid\":\"" + appId + "\"");
    MfaResult r =
        f.verifier.finishAuthentication(
            req.requestId(), key.authenticate(req.optionsJson(), ORIGIN));
    assertThat(r.isAccepted()).isTrue();
    assertThat(((SecurityKeyDetail) r.detail()).viaAppId()).isTrue();
    assertThat(((SecurityKeyDetail) r.detail()).signatureCount()).isEqualTo(1);

    // the AppID hash is only acceptable when the client says it used the extension
    CeremonyRequest req2 = f.verifier.startAuthentication(ALICE);
    String assertion = key.authenticate(req2.optionsJson(), ORIGIN);
    String lying = assertion.replace("\"appid\":true", "\"appid\":false");
    assertThat(reason(f.verifier.finishAuthentication(req2.requestId(), lying)))
        .isEqualTo(Reason.RP_ID_MISMATCH);
  }

  @Test
  void importLegacyU2f_withoutAppIdOrWithBadKey_fails() {
    Fixture plain = new Fixture(true);
    assertThatThrownBy(() -> plain.verifier.importLegacyU2f(ALICE, "AAAA", "AAAA"))
        .isInstanceOf(IllegalStateException.class);
    Fixture f = new Fixture(true, b -> b.appId("https://example.com"));
    assertThatThrownBy(() -> f.verifier.importLegacyU2f(ALICE, "AAAA", "AAAA"))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("publicKey");
  }

  @Test
  void builder_badValues_failNamingTheField() {
    assertThatThrownBy(() -> SecurityKeyVerifier.builder("https://example.com", "x"))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("rpId");
    assertThatThrownBy(() -> SecurityKeyVerifier.builder("example.com", " "))
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("rpName");
    assertThatThrownBy(
            () -> SecurityKeyVerifier.builder("example.com", "x").origins(Set.of("example.com")))
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("origins");
    assertThatThrownBy(
            () ->
                SecurityKeyVerifier.builder("example.com", "x").requestTimeout(Duration.ofHours(2)))
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("requestTimeout");
    assertThatThrownBy(
            () ->
                SecurityKeyVerifier.builder("example.com", "x").appId("http://example.com").build())
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("appId");
  }

  @Test
  void u2fKey_withUvRequired_cannotRegister() {
    Fixture f = new Fixture(true, b -> b.userVerification(Requirement.REQUIRED));
    SoftwareAuthenticator key =
        SoftwareAuthenticator.builder().format(AttestationFormat.FIDO_U2F).build();
    CeremonyRequest req = f.verifier.startRegistration(ALICE);
    assertThatThrownBy(() -> key.register(req.optionsJson(), ORIGIN))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void resultsAndCredentials_nameTheCredentialId() {
    Fixture f = new Fixture(true);
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    SecurityKeyCredential c = f.register(key, ALICE);
    assertThat(key.credentialIds()).containsExactly(c.id().value());
    assertThat(c.id()).isEqualTo(CredentialId.of(key.credentialIds().get(0)));
    assertThat(f.verifier.toString()).contains("example.com");
  }
}
