package dev.rootguard.mfa.fido;

import static dev.rootguard.mfa.fido.Fixture.ALICE;
import static dev.rootguard.mfa.fido.Fixture.BOB;
import static dev.rootguard.mfa.fido.Fixture.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.testkit.fido.AttestationFormat;
import dev.rootguard.testkit.fido.SoftwareAuthenticator;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The registration ceremony, grouped by the WebAuthn Level 2 §7.1 step that refuses, with real
 * responses from the test kit's software authenticator. Registration always goes through
 * java-webauthn-server, so its two paths are the two credential stores it writes through ({@link
 * KeyStoreKind}): every test runs on both.
 */
class RegistrationStepsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Fixture fixture(KeyStoreKind kind) {
    return fixture(kind, b -> {});
  }

  private Fixture fixture(KeyStoreKind kind, Consumer<SecurityKeyVerifier.Builder> config) {
    return new Fixture(kind.open(dir), config);
  }

  static Reason registrationReason(
      Fixture f, SoftwareAuthenticator key, Consumer<SoftwareAuthenticator.Overrides> o) {
    CeremonyRequest req = f.verifier.startRegistration(ALICE);
    RegistrationOutcome out =
        f.verifier.finishRegistration(req.requestId(), key.register(req.optionsJson(), ORIGIN, o));
    return ((RegistrationOutcome.Rejected) out).reason();
  }

  private static Reason rejected(RegistrationOutcome out) {
    assertThat(out).isInstanceOf(RegistrationOutcome.Rejected.class);
    return ((RegistrationOutcome.Rejected) out).reason();
  }

  /** §7.1 step 1: the options. */
  @Nested
  class Step1Options {
    @ParameterizedTest
    @EnumSource(KeyStoreKind.class)
    void startRegistration_excludesExistingCredentials(KeyStoreKind kind) throws Exception {
      Fixture f = fixture(kind);
      SoftwareAuthenticator key = SoftwareAuthenticator.packed();
      SecurityKeyCredential c = f.register(key, ALICE);
      CeremonyRequest req = f.verifier.startRegistration(ALICE);
      assertThat(
              JSON.readTree(req.optionsJson())
                  .path("excludeCredentials")
                  .get(0)
                  .path("id")
                  .asText())
          .isEqualTo(c.id().value());
      assertThat(JSON.readTree(req.optionsJson()).path("rp").path("id").asText())
          .isEqualTo("example.com");
      assertThatThrownBy(() -> key.register(req.optionsJson(), ORIGIN))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  /** The pending request: single use. */
  @Nested
  class PendingRequest {
    @ParameterizedTest
    @EnumSource(KeyStoreKind.class)
    void finishRegistration_requestUsedTwice_replayedAndIdReusedRejected(KeyStoreKind kind) {
      Fixture f = fixture(kind);
      SoftwareAuthenticator key = SoftwareAuthenticator.packed();
      CeremonyRequest req = f.verifier.startRegistration(ALICE);
      String created = key.register(req.optionsJson(), ORIGIN);
      assertThat(f.verifier.finishRegistration(req.requestId(), created).isRegistered()).isTrue();
      assertThat(
              ((RegistrationOutcome.Rejected)
                      f.verifier.finishRegistration(req.requestId(), created))
                  .reason())
          .isEqualTo(Reason.REPLAYED);
    }
  }

  /** §7.1 steps 3, 5, 6 and 12: reading the envelope, the client data and the CBOR. */
  @Nested
  class Steps3To6And12Parse {
    @ParameterizedTest
    @EnumSource(KeyStoreKind.class)
    void finishRegistration_malformedInputs_malformed(KeyStoreKind kind) {
      Fixture f = fixture(kind);
      for (String input : List.of("", "{}", "[1]", "{\"type\":\"public-key\",\"id\":\"AA\"}")) {
        CeremonyRequest req = f.verifier.startRegistration(ALICE);
        RegistrationOutcome out = f.verifier.finishRegistration(req.requestId(), input);
        assertThat(out).isInstanceOf(RegistrationOutcome.Rejected.class);
        assertThat(((RegistrationOutcome.Rejected) out).reason()).isEqualTo(Reason.MALFORMED_INPUT);
      }
      assertThat(f.store.findByPrincipal(ALICE)).isEmpty();
    }
  }

  /** §7.1 step 7: {@code C.type}. */
  @Nested
  class Step7Type {
    @ParameterizedTest
    @EnumSource(KeyStoreKind.class)
    void finishRegistration_typeOfASignIn_malformedAndNothingStored(KeyStoreKind kind) {
      Fixture f = fixture(kind);
      SoftwareAuthenticator key = SoftwareAuthenticator.packed();
      assertThat(registrationReason(f, key, o -> o.type("webauthn.get")))
          .isEqualTo(Reason.MALFORMED_INPUT);
      assertThat(f.store.findByPrincipal(ALICE)).isEmpty();
    }
  }

  /** §7.1 step 8: {@code C.challenge}. */
  @Nested
  class Step8Challenge {
    @ParameterizedTest
    @EnumSource(KeyStoreKind.class)
    void finishRegistration_wrongChallenge_challengeMismatchAndNothingStored(KeyStoreKind kind) {
      Fixture f = fixture(kind);
      SoftwareAuthenticator key = SoftwareAuthenticator.packed();
      assertThat(registrationReason(f, key, o -> o.challenge("AAAA")))
          .isEqualTo(Reason.CHALLENGE_MISMATCH);
      assertThat(f.store.findByPrincipal(ALICE)).isEmpty();
    }
  }

  /** §7.1 step 9: {@code C.origin}. */
  @Nested
  class Step9Origin {
    @ParameterizedTest
    @EnumSource(KeyStoreKind.class)
    void finishRegistration_wrongOrigin_originMismatchAndNothingStored(KeyStoreKind kind) {
      Fixture f = fixture(kind);
      SoftwareAuthenticator key = SoftwareAuthenticator.packed();
      assertThat(registrationReason(f, key, o -> o.origin("https://evil.example")))
          .isEqualTo(Reason.ORIGIN_MISMATCH);
      assertThat(f.store.findByPrincipal(ALICE)).isEmpty();
    }
  }

  /** §7.1 step 13: the RP id hash. */
  @Nested
  class Step13RpIdHash {
    @ParameterizedTest
    @EnumSource(KeyStoreKind.class)
    void finishRegistration_wrongRpId_rpIdMismatchAndNothingStored(KeyStoreKind kind) {
      Fixture f = fixture(kind);
      SoftwareAuthenticator key = SoftwareAuthenticator.packed();
      assertThat(registrationReason(f, key, o -> o.rpId("evil.example")))
          .isEqualTo(Reason.RP_ID_MISMATCH);
      assertThat(f.store.findByPrincipal(ALICE)).isEmpty();
    }
  }

  /** §7.1 step 14: user presence (and attested credential data). */
  @Nested
  class Step14UserPresent {
    @ParameterizedTest
    @EnumSource(KeyStoreKind.class)
    void finishRegistration_userNotPresent_malformedAndNothingStored(KeyStoreKind kind) {
      Fixture f = fixture(kind);
      SoftwareAuthenticator key = SoftwareAuthenticator.packed();
      assertThat(registrationReason(f, key, o -> o.userPresent(false)))
          .isEqualTo(Reason.MALFORMED_INPUT);
      assertThat(f.store.findByPrincipal(ALICE)).isEmpty();
    }
  }

  /** §7.1 step 15: user verification when required. */
  @Nested
  class Step15UserVerified {
    @ParameterizedTest
    @EnumSource(KeyStoreKind.class)
    void u2fKey_withUvRequired_cannotRegister(KeyStoreKind kind) {
      Fixture f = fixture(kind, b -> b.userVerification(Requirement.REQUIRED));
      SoftwareAuthenticator key =
          SoftwareAuthenticator.builder().format(AttestationFormat.FIDO_U2F).build();
      CeremonyRequest req = f.verifier.startRegistration(ALICE);
      assertThatThrownBy(() -> key.register(req.optionsJson(), ORIGIN))
          .isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(KeyStoreKind.class)
    void finishRegistration_clientIgnoredUvRequired_userVerificationRequired(KeyStoreKind kind) {
      Fixture f = fixture(kind, b -> b.userVerification(Requirement.REQUIRED));
      SoftwareAuthenticator key = SoftwareAuthenticator.builder().userVerifying(false).build();
      CeremonyRequest req = f.verifier.startRegistration(ALICE);
      String relaxed = req.optionsJson().replace("\"required\"", "\"discouraged\"");
      assertThat(relaxed).isNotEqualTo(req.optionsJson());
      RegistrationOutcome out =
          f.verifier.finishRegistration(req.requestId(), key.register(relaxed, ORIGIN));
      assertThat(rejected(out)).isEqualTo(Reason.USER_VERIFICATION_REQUIRED);
      assertThat(f.store.findByPrincipal(ALICE)).isEmpty();
    }
  }

  /** §7.1 step 19: the attestation signature. */
  @Nested
  class Step19AttestationSignature {
    @ParameterizedTest
    @EnumSource(KeyStoreKind.class)
    void finishRegistration_tamperedKeptAttestationUnderNone_badSignatureAndNothingStored(
        KeyStoreKind kind) {
      Fixture f = fixture(kind);
      SoftwareAuthenticator key = SoftwareAuthenticator.packed();
      assertThat(registrationReason(f, key, o -> o.keepAttestation().tamperSignature()))
          .isEqualTo(Reason.BAD_SIGNATURE);
      assertThat(f.store.findByPrincipal(ALICE)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(KeyStoreKind.class)
    void finishRegistration_tamperedPackedAttestation_rejectedWithAnyAuthenticator(
        KeyStoreKind kind) {
      Fixture f = fixture(kind, b -> b.attestationPolicy(AttestationPolicy.anyAuthenticator()));
      SoftwareAuthenticator key = SoftwareAuthenticator.packed();
      assertThat(registrationReason(f, key, SoftwareAuthenticator.Overrides::tamperSignature))
          .isEqualTo(Reason.BAD_SIGNATURE);
      SecurityKeyCredential c = f.register(key, ALICE);
      assertThat(c.attestationFormat()).isEqualTo("packed");
      assertThat(c.aaguid()).isEqualTo(key.aaguid());
      assertThat(c.attestationTrusted()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(KeyStoreKind.class)
    void finishRegistration_tamperedU2fAttestation_badSignatureAndNothingStored(KeyStoreKind kind) {
      Fixture f = fixture(kind, b -> b.attestationPolicy(AttestationPolicy.anyAuthenticator()));
      SoftwareAuthenticator key = SoftwareAuthenticator.u2f();

      assertThat(registrationReason(f, key, SoftwareAuthenticator.Overrides::tamperSignature))
          .isEqualTo(Reason.BAD_SIGNATURE);
      assertThat(f.store.findByPrincipal(ALICE)).isEmpty();
    }
  }

  /** §7.1 step 22: a credential id already stored. */
  @Nested
  class Step22CredentialIdUnused {
    private String withId(String created, String id) throws Exception {
      ObjectNode n = (ObjectNode) JSON.readTree(created);
      n.put("id", id);
      n.put("rawId", id);
      return n.toString();
    }

    @ParameterizedTest
    @EnumSource(KeyStoreKind.class)
    void finishRegistration_idStoredForAnotherUser_credentialNotOwned(KeyStoreKind kind)
        throws Exception {
      Fixture f = fixture(kind);
      SecurityKeyCredential alices = f.register(SoftwareAuthenticator.packed(), ALICE);
      CeremonyRequest req = f.verifier.startRegistration(BOB);
      String created = SoftwareAuthenticator.packed().register(req.optionsJson(), ORIGIN);
      RegistrationOutcome out =
          f.verifier.finishRegistration(req.requestId(), withId(created, alices.id().value()));
      assertThat(rejected(out)).isEqualTo(Reason.CREDENTIAL_NOT_OWNED);
      assertThat(f.store.findByPrincipal(BOB)).isEmpty();
      assertThat(f.store.find(alices.id()).orElseThrow().principal()).isEqualTo(ALICE);
    }

    @ParameterizedTest
    @EnumSource(KeyStoreKind.class)
    void finishRegistration_idStoredForThisUser_replayed(KeyStoreKind kind) throws Exception {
      Fixture f = fixture(kind);
      SecurityKeyCredential first = f.register(SoftwareAuthenticator.packed(), ALICE);
      CeremonyRequest req = f.verifier.startRegistration(ALICE);
      String created = SoftwareAuthenticator.packed().register(req.optionsJson(), ORIGIN);
      RegistrationOutcome out =
          f.verifier.finishRegistration(req.requestId(), withId(created, first.id().value()));
      assertThat(rejected(out)).isEqualTo(Reason.REPLAYED);
      assertThat(f.store.findByPrincipal(ALICE))
          .extracting(SecurityKeyCredential::id)
          .containsExactly(first.id());
    }
  }

  /**
   * The stored id is the attested credential data's: a client cannot pick another (fuzz finding).
   */
  @Nested
  class CredentialIdIsTheAttestedOne {
    private String withIds(String created, String id, String rawId) throws Exception {
      ObjectNode n = (ObjectNode) JSON.readTree(created);
      n.put("id", id);
      n.put("rawId", rawId);
      return n.toString();
    }

    @ParameterizedTest
    @EnumSource(KeyStoreKind.class)
    void finishRegistration_idNotTheAttestedOne_malformedAndNothingStored(KeyStoreKind kind)
        throws Exception {
      Fixture f = fixture(kind);
      String chosen =
          java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
      for (boolean both : new boolean[] {true, false}) {
        CeremonyRequest req = f.verifier.startRegistration(ALICE);
        String created = SoftwareAuthenticator.packed().register(req.optionsJson(), ORIGIN);
        String genuineId = JSON.readTree(created).get("id").asText();
        String sent = both ? withIds(created, chosen, chosen) : withIds(created, chosen, genuineId);
        assertThat(rejected(f.verifier.finishRegistration(req.requestId(), sent)))
            .isEqualTo(Reason.MALFORMED_INPUT);
      }
      assertThat(f.store.findByPrincipal(ALICE)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(KeyStoreKind.class)
    void finishRegistration_genuine_storesTheAttestedId(KeyStoreKind kind) throws Exception {
      Fixture f = fixture(kind);
      CeremonyRequest req = f.verifier.startRegistration(ALICE);
      String created = SoftwareAuthenticator.packed().register(req.optionsJson(), ORIGIN);
      RegistrationOutcome out = f.verifier.finishRegistration(req.requestId(), created);
      assertThat(out).isInstanceOf(RegistrationOutcome.Registered.class);
      assertThat(((RegistrationOutcome.Registered) out).credential().id().value())
          .isEqualTo(JSON.readTree(created).get("rawId").asText());
    }
  }
}
