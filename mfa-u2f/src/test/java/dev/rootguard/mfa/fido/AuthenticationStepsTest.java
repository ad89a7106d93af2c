package dev.rootguard.mfa.fido;

import static dev.rootguard.mfa.fido.Fixture.ALICE;
import static dev.rootguard.mfa.fido.Fixture.BOB;
import static dev.rootguard.mfa.fido.Fixture.ORIGIN;
import static dev.rootguard.mfa.fido.Fixture.reason;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.testkit.fido.LegacyU2fKey;
import dev.rootguard.testkit.fido.SoftwareAuthenticator;
import dev.rootguard.testsupport.Race;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The authentication ceremony, grouped by the WebAuthn Level 2 §7.2 step that refuses, with real
 * signed responses from the test kit's software authenticator. Every test runs on both paths:
 * RootGuard's fast ES256 signature check ({@code fast=true}) and java-webauthn-server's {@code
 * finishAssertion} ({@code fast=false}, the cross-check); both must give the same reason.
 */
class AuthenticationStepsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The pending request: single use, expiring (not a §7.2 step; RootGuard's ceremony store). */
  @Nested
  class PendingRequest {
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

    @ParameterizedTest(name = "fast={0}")
    @ValueSource(booleans = {true, false})
    void finishAuthentication_justBeforeTimeout_accepted(boolean fast) {
      Fixture f = new Fixture(fast);
      SoftwareAuthenticator key = SoftwareAuthenticator.packed();
      f.register(key, ALICE);
      CeremonyRequest req = f.verifier.startAuthentication(ALICE);
      String assertion = key.authenticate(req.optionsJson(), ORIGIN);
      f.clock.advance(Duration.ofMinutes(5).minusMillis(1));
      assertThat(f.verifier.finishAuthentication(req.requestId(), assertion).isAccepted()).isTrue();
    }

    @ParameterizedTest(name = "fast={0}")
    @ValueSource(booleans = {true, false})
    void finishAuthentication_concurrentSubmissionsOfOneAssertion_acceptedExactlyOnce(boolean fast)
        throws Exception {
      Fixture f = new Fixture(fast);
      SoftwareAuthenticator key = SoftwareAuthenticator.packed();
      f.register(key, ALICE);
      try (Race race = Race.open(8)) {
        for (int round = 0; round < 20; round++) {
          CeremonyRequest req = f.verifier.startAuthentication(ALICE);
          String assertion = key.authenticate(req.optionsJson(), ORIGIN);
          List<MfaResult> results =
              race.collect(i -> f.verifier.finishAuthentication(req.requestId(), assertion));
          int accepted = 0;
          for (MfaResult r : results) {
            if (r.isAccepted()) {
              accepted++;
            } else {
              assertThat(reason(r)).isEqualTo(Reason.REPLAYED);
            }
          }
          assertThat(accepted).as("round %d", round).isEqualTo(1);
        }
      }
    }
  }

  /**
   * §7.2 steps 3, 8, 9 and 10: reading the envelope, the client data and the authenticator data.
   */
  @Nested
  class Steps3To10Parse {
    @ParameterizedTest(name = "fast={0}")
    @ValueSource(booleans = {true, false})
    void finishAuthentication_malformedInputs_malformedNeverThrows(boolean fast) throws Exception {
      Fixture f = new Fixture(fast);
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
  }

  /** §7.2 step 11: {@code C.type}. */
  @Nested
  class Step11Type {
    @ParameterizedTest(name = "fast={0}")
    @ValueSource(booleans = {true, false})
    void finishAuthentication_wrongCeremonyType_malformed(boolean fast) {
      Fixture f = new Fixture(fast);
      SoftwareAuthenticator key = SoftwareAuthenticator.packed();
      f.register(key, ALICE);
      assertThat(reason(f.signIn(key, ALICE, o -> o.type("webauthn.create"))))
          .isEqualTo(Reason.MALFORMED_INPUT);
    }
  }

  /** §7.2 step 12: {@code C.challenge}. */
  @Nested
  class Step12Challenge {
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
  }

  /** §7.2 step 13: {@code C.origin}. */
  @Nested
  class Step13Origin {
    @ParameterizedTest(name = "fast={0}")
    @ValueSource(booleans = {true, false})
    void finishAuthentication_wrongOrigin_originMismatch(boolean fast) {
      Fixture f = new Fixture(fast);
      SoftwareAuthenticator key = SoftwareAuthenticator.packed();
      f.register(key, ALICE);
      assertThat(reason(f.signIn(key, ALICE, o -> o.origin("https://examp1e.com"))))
          .isEqualTo(Reason.ORIGIN_MISMATCH);
    }
  }

  /** §7.2 step 15: the RP id hash, or the AppID hash for legacy U2F keys. */
  @Nested
  class Step15RpIdHash {
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
  }

  /** §7.2 step 16: user presence. */
  @Nested
  class Step16UserPresent {
    @ParameterizedTest(name = "fast={0}")
    @ValueSource(booleans = {true, false})
    void finishAuthentication_userNotPresent_malformedAndCounterUnchanged(boolean fast) {
      Fixture f = new Fixture(fast);
      SoftwareAuthenticator key = SoftwareAuthenticator.packed();
      SecurityKeyCredential c = f.register(key, ALICE);
      assertThat(reason(f.signIn(key, ALICE, o -> o.userPresent(false))))
          .isEqualTo(Reason.MALFORMED_INPUT);
      assertThat(f.store.find(c.id()).orElseThrow().signatureCount()).isEqualTo(1);
    }
  }

  /** §7.2 step 17: user verification when required. */
  @Nested
  class Step17UserVerified {
    @ParameterizedTest(name = "fast={0}")
    @ValueSource(booleans = {true, false})
    void finishAuthentication_uvRequiredButNotDone_userVerificationRequired(boolean fast) {
      Fixture f = new Fixture(fast, b -> b.userVerification(Requirement.REQUIRED));
      SoftwareAuthenticator key = SoftwareAuthenticator.packed();
      f.register(key, ALICE);
      assertThat(reason(f.signIn(key, ALICE, o -> o.userVerified(false))))
          .isEqualTo(Reason.USER_VERIFICATION_REQUIRED);
    }
  }

  /** §7.2 step 7: the credential is stored. */
  @Nested
  class Step7CredentialLookup {
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
  }

  /** §7.2 step 6: the credential is the principal's. */
  @Nested
  class Step6Owner {
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

    @ParameterizedTest(name = "fast={0}")
    @ValueSource(booleans = {true, false})
    void finishAuthentication_userHandleOfAnotherAccount_credentialNotOwned(boolean fast) {
      Fixture f = new Fixture(fast);
      SoftwareAuthenticator key = SoftwareAuthenticator.packed();
      SecurityKeyCredential c = f.register(key, ALICE);
      String other = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
      assertThat(reason(f.signIn(key, ALICE, o -> o.userHandle(other))))
          .isEqualTo(Reason.CREDENTIAL_NOT_OWNED);
      assertThat(f.store.find(c.id()).orElseThrow().signatureCount()).isEqualTo(1);
    }
  }

  /** RootGuard's factor rule (not a spec step): a synced passkey is not a security key. */
  @Nested
  class FactorRule {
    @ParameterizedTest(name = "fast={0}")
    @ValueSource(booleans = {true, false})
    void syncedPasskey_isPasskeyFactor_andRefusedWhereASecurityKeyIsRequired(boolean fast) {
      Fixture f = new Fixture(fast);
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
  }

  /** §7.2 step 20: the signature. */
  @Nested
  class Step20Signature {
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
  }

  /** §7.2 step 21: the signature counter. */
  @Nested
  class Step21SignatureCounter {
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

    @ParameterizedTest(name = "fast={0}")
    @ValueSource(booleans = {true, false})
    void finishAuthentication_counterWentBackUnderWarn_acceptedWithWarning(boolean fast) {
      Fixture f = new Fixture(fast, b -> b.counterPolicy(CounterPolicy.WARN));
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
    void finishAuthentication_concurrentClonesWithSameCounter_atMostOneAccepted(boolean fast)
        throws Exception {
      Fixture f = new Fixture(fast);
      SoftwareAuthenticator key = SoftwareAuthenticator.packed();
      f.register(key, ALICE);
      try (Race race = Race.open(4)) {
        for (int round = 0; round < 10; round++) {
          List<SoftwareAuthenticator> clones =
              List.of(key.cloneKey(), key.cloneKey(), key.cloneKey(), key.cloneKey());
          List<String[]> pairs = new ArrayList<>();
          for (SoftwareAuthenticator c : clones) {
            CeremonyRequest req = f.verifier.startAuthentication(ALICE);
            pairs.add(new String[] {req.requestId(), c.authenticate(req.optionsJson(), ORIGIN)});
          }
          key.setSignCount(
              key.credentialIds().get(0), key.signCount(key.credentialIds().get(0)) + 1);
          List<MfaResult> results =
              race.collect(i -> f.verifier.finishAuthentication(pairs.get(i)[0], pairs.get(i)[1]));
          int accepted = 0;
          for (MfaResult r : results) {
            if (r.isAccepted()) {
              accepted++;
            } else {
              assertThat(reason(r)).isEqualTo(Reason.POSSIBLE_CLONE);
            }
          }
          assertThat(accepted).isEqualTo(1);
        }
      }
    }
  }
}
