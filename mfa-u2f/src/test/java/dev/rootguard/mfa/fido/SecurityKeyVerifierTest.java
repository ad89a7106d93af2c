package dev.rootguard.mfa.fido;

import static dev.rootguard.mfa.fido.Fixture.ALICE;
import static dev.rootguard.mfa.fido.Fixture.BOB;
import static dev.rootguard.mfa.fido.Fixture.ORIGIN;
import static dev.rootguard.mfa.fido.Fixture.reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.MfaPolicy;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.testkit.fido.SoftwareAuthenticator;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SecurityKeyVerifier as a whole, against java-webauthn-server's real behaviour, with real signed
 * responses from the test kit's software authenticator: full registrations and sign-ins on both
 * assertion paths (RootGuard's fast ES256 path and java-webauthn-server's {@code finishAssertion}),
 * the {@code MfaVerifier} contract, the legacy U2F import and the builder. The refusals of each
 * ceremony step are in {@link RegistrationStepsTest} (§7.1) and {@link AuthenticationStepsTest}
 * (§7.2).
 */
class SecurityKeyVerifierTest {
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
  void resultsAndCredentials_nameTheCredentialId() {
    Fixture f = new Fixture(true);
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    SecurityKeyCredential c = f.register(key, ALICE);
    assertThat(key.credentialIds()).containsExactly(c.id().value());
    assertThat(c.id()).isEqualTo(CredentialId.of(key.credentialIds().get(0)));
    assertThat(f.verifier.toString()).contains("example.com");
  }
}
