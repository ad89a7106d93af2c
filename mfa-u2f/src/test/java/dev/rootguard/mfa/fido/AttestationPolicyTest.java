package dev.rootguard.mfa.fido;

import static dev.rootguard.mfa.fido.Fixture.ALICE;
import static dev.rootguard.mfa.fido.Fixture.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.testkit.fido.AttestationFormat;
import dev.rootguard.testkit.fido.SoftwareAuthenticator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttestationPolicyTest {
  private static SoftwareAuthenticator packed;
  private static SoftwareAuthenticator u2fSameRoot;
  private static SoftwareAuthenticator stranger;
  private static TestMetadataBlob mds;
  private static TestMetadataBlob otherMds;

  @BeforeAll
  static void keys() throws Exception {
    mds = new TestMetadataBlob();
    otherMds = new TestMetadataBlob();
    packed = SoftwareAuthenticator.packed();
    u2fSameRoot =
        SoftwareAuthenticator.builder()
            .format(AttestationFormat.FIDO_U2F)
            .sameAttestationRootAs(packed)
            .build();
    stranger = SoftwareAuthenticator.packed();
  }

  private static RegistrationOutcome register(Fixture f, SoftwareAuthenticator key) {
    CeremonyRequest req = f.verifier.startRegistration(ALICE);
    return f.verifier.finishRegistration(req.requestId(), key.register(req.optionsJson(), ORIGIN));
  }

  @Test
  void trusted_keyUnderTrustedRoot_registeredAsHardware() {
    Fixture f =
        new Fixture(
            true,
            b ->
                b.attestationPolicy(
                        AttestationPolicy.trusted(List.of(packed.attestationRootCertificate())))
                    .userVerification(Requirement.DISCOURAGED));
    RegistrationOutcome out = register(f, packed);
    SecurityKeyCredential c = ((RegistrationOutcome.Registered) out).credential();
    assertThat(c.attestationFormat()).isEqualTo("packed");
    assertThat(c.attestationTrusted()).isTrue();
    assertThat(c.hardware()).isTrue();
    assertThat(c.aaguid()).isEqualTo(packed.aaguid());
    MfaResult r = f.signIn(packed, ALICE);
    assertThat(((SecurityKeyDetail) r.detail()).hardware()).isTrue();

    SecurityKeyCredential u2f =
        ((RegistrationOutcome.Registered) register(f, u2fSameRoot)).credential();
    assertThat(u2f.attestationFormat()).isEqualTo("fido-u2f");
    assertThat(u2f.attestationTrusted()).isTrue();
  }

  @Test
  void trusted_keyUnderOtherRoot_attestationNotTrustedAndNothingStored() {
    Fixture f =
        new Fixture(
            true,
            b ->
                b.attestationPolicy(
                    AttestationPolicy.trusted(List.of(packed.attestationRootCertificate()))));
    RegistrationOutcome out = register(f, stranger);
    assertThat(((RegistrationOutcome.Rejected) out).reason())
        .isEqualTo(Reason.ATTESTATION_NOT_TRUSTED);
    assertThat(f.store.findByPrincipal(ALICE)).isEmpty();
  }

  @Test
  void trusted_syncedPasskeyUnderTrustedRoot_notHardware() {
    SoftwareAuthenticator passkey =
        SoftwareAuthenticator.builder().syncedPasskey(false).sameAttestationRootAs(packed).build();
    Fixture f =
        new Fixture(
            true,
            b ->
                b.attestationPolicy(
                    AttestationPolicy.trusted(List.of(packed.attestationRootCertificate()))));
    SecurityKeyCredential c = ((RegistrationOutcome.Registered) register(f, passkey)).credential();
    assertThat(c.attestationTrusted()).isTrue();
    assertThat(c.backupEligible()).isTrue();
    assertThat(c.backedUp()).isFalse();
    assertThat(c.hardware()).isFalse();
  }

  @Test
  void none_packedKey_notHardwareAndAaguidHidden() {
    Fixture f = new Fixture(true);
    SecurityKeyCredential c = ((RegistrationOutcome.Registered) register(f, packed)).credential();
    assertThat(c.hardware()).isFalse();
    assertThat(c.aaguid()).isEqualTo(new UUID(0, 0));
  }

  @Test
  void trusted_emptyRoots_failsNamingRoots() {
    assertThatThrownBy(() -> AttestationPolicy.trusted(List.of()))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("roots");
  }

  @Test
  void fidoMetadata_signedTestBlob_namesAuthenticatorAndTrustsIt(@TempDir Path dir)
      throws Exception {
    Path blob = dir.resolve("blob.jwt");
    Files.writeString(
        blob,
        mds.blob(
            packed.aaguid(),
            packed.attestationRootCertificate(),
            "RootGuard Test Key",
            "hardware"));
    AttestationPolicy policy =
        AttestationPolicy.fidoMetadata(
            blob, mds.root, List.of(mds.rootCrl, packed.attestationRootCrl()), Clock.systemUTC());
    assertThat(policy.toString()).contains("1 entries");
    Fixture f = new Fixture(true, b -> b.attestationPolicy(policy));
    SecurityKeyCredential c = ((RegistrationOutcome.Registered) register(f, packed)).credential();
    assertThat(c.authenticatorName()).isEqualTo("RootGuard Test Key");
    assertThat(c.attestationTrusted()).isTrue();
    assertThat(c.hardware()).isTrue();
    MfaResult r = f.signIn(packed, ALICE);
    SecurityKeyDetail d = (SecurityKeyDetail) r.detail();
    assertThat(d.authenticatorName()).isEqualTo("RootGuard Test Key");
    assertThat(d.aaguid()).isEqualTo(packed.aaguid());
    assertThat(d.hardware()).isTrue();

    // an authenticator the BLOB does not list is refused
    RegistrationOutcome out = register(f, stranger);
    assertThat(((RegistrationOutcome.Rejected) out).reason())
        .isEqualTo(Reason.ATTESTATION_NOT_TRUSTED);
  }

  @Test
  void fidoMetadata_softwareKeyProtection_trustedButNotHardware(@TempDir Path dir)
      throws Exception {
    Path blob = dir.resolve("blob.jwt");
    Files.writeString(
        blob,
        mds.blob(packed.aaguid(), packed.attestationRootCertificate(), "Soft Key", "software"));
    AttestationPolicy policy =
        AttestationPolicy.fidoMetadata(
            blob, mds.root, List.of(mds.rootCrl, packed.attestationRootCrl()), Clock.systemUTC());
    Fixture f = new Fixture(true, b -> b.attestationPolicy(policy));
    SecurityKeyCredential c = ((RegistrationOutcome.Registered) register(f, packed)).credential();
    assertThat(c.attestationTrusted()).isTrue();
    assertThat(c.hardware()).isFalse();
  }

  @Test
  void fidoMetadata_crlsGivenButNotForAttestationRoot_notTrusted(@TempDir Path dir)
      throws Exception {
    Path blob = dir.resolve("blob.jwt");
    Files.writeString(
        blob, mds.blob(packed.aaguid(), packed.attestationRootCertificate(), "K", "hardware"));
    AttestationPolicy policy =
        AttestationPolicy.fidoMetadata(blob, mds.root, List.of(mds.rootCrl), Clock.systemUTC());
    Fixture f = new Fixture(true, b -> b.attestationPolicy(policy));
    RegistrationOutcome out = register(f, packed);
    assertThat(((RegistrationOutcome.Rejected) out).reason())
        .isEqualTo(Reason.ATTESTATION_NOT_TRUSTED);
  }

  @Test
  void fidoMetadata_blobSignedUnderOtherRootOrTampered_rejectedNamingBlobFile(@TempDir Path dir)
      throws Exception {
    TestMetadataBlob other = otherMds;
    Path blob = dir.resolve("blob.jwt");
    String jwt = mds.blob(packed.aaguid(), packed.attestationRootCertificate(), "K", "hardware");
    Files.writeString(blob, jwt);
    assertThatThrownBy(
            () ->
                AttestationPolicy.fidoMetadata(
                    blob, other.root, List.of(other.rootCrl), Clock.systemUTC()))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("blobFile");
    String[] parts = jwt.split("\\.");
    Files.writeString(blob, parts[0] + "." + parts[1] + "x." + parts[2]);
    assertThatThrownBy(
            () ->
                AttestationPolicy.fidoMetadata(
                    blob, mds.root, List.of(mds.rootCrl), Clock.systemUTC()))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () ->
                AttestationPolicy.fidoMetadata(
                    dir.resolve("missing.jwt"), mds.root, List.of(), Clock.systemUTC()))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void fidoMetadata_defaultRoot_isTheJvmsGlobalSignR3AndRejectsOtherBlobs(@TempDir Path dir)
      throws Exception {
    Path blob = dir.resolve("blob.jwt");
    Files.writeString(
        blob, mds.blob(packed.aaguid(), packed.attestationRootCertificate(), "K", "hardware"));
    // our test BLOB does not chain to the FIDO Alliance root, so it must not verify; the
    // message shows the root itself was found in cacerts
    assertThatThrownBy(() -> AttestationPolicy.fidoMetadata(blob))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageNotContaining("lacks GlobalSign")
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("blobFile");
  }
}
