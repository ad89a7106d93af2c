package dev.rootguard.mfa.fido.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.yubico.webauthn.data.AttestedCredentialData;
import com.yubico.webauthn.data.PublicKeyCredential;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.AttestationPolicy;
import dev.rootguard.mfa.fido.SecurityKeyVerifier;
import dev.rootguard.mfa.fido.internal.AttestationSignature.Verdict;
import dev.rootguard.testkit.fido.AttestationFormat;
import dev.rootguard.testkit.fido.SoftwareAuthenticator;
import java.util.Base64;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * RootGuard's own attestation signature verdict, against responses the test kit's software
 * authenticator signs (WebAuthn §8.2 packed, §8.6 fido-u2f).
 */
class AttestationSignatureTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ORIGIN = "https://example.com";

  private final SecurityKeyVerifier rp =
      SecurityKeyVerifier.builder("example.com", "Example")
          .attestationPolicy(AttestationPolicy.anyAuthenticator())
          .build();

  private record Parts(JsonNode attestationObject, byte[] clientData, byte[] id, byte[] cose) {}

  private Parts register(AttestationFormat format, Consumer<SoftwareAuthenticator.Overrides> o)
      throws Exception {
    SoftwareAuthenticator key = SoftwareAuthenticator.builder().format(format).build();
    String options = rp.startRegistration(Principal.of("alice")).optionsJson();
    String json = key.register(options, ORIGIN, o);
    JsonNode response = JSON.readTree(json).get("response");
    Base64.Decoder b64 = Base64.getUrlDecoder();
    AttestedCredentialData attested =
        PublicKeyCredential.parseRegistrationResponseJson(json)
            .getResponse()
            .getAttestation()
            .getAuthenticatorData()
            .getAttestedCredentialData()
            .orElseThrow();
    return new Parts(
        Codec.parseCbor(b64.decode(response.get("attestationObject").asText())),
        b64.decode(response.get("clientDataJSON").asText()),
        attested.getCredentialId().getBytes(),
        attested.getCredentialPublicKey().getBytes());
  }

  private static Verdict check(Parts p) {
    return AttestationSignature.check(
        new Es256(), p.attestationObject(), p.clientData(), p.id(), p.cose());
  }

  @Test
  void check_packedSignedByTheAttestationCertificate_valid() throws Exception {
    assertThat(check(register(AttestationFormat.PACKED, o -> {}))).isEqualTo(Verdict.VALID);
  }

  @Test
  void check_packedWithAFlippedSignatureBit_invalid() throws Exception {
    Parts p = register(AttestationFormat.PACKED, SoftwareAuthenticator.Overrides::tamperSignature);
    assertThat(check(p)).isEqualTo(Verdict.INVALID);
  }

  @Test
  void check_fidoU2fSignedByTheAttestationCertificate_valid() throws Exception {
    assertThat(check(register(AttestationFormat.FIDO_U2F, o -> {}))).isEqualTo(Verdict.VALID);
  }

  @Test
  void check_fidoU2fWithAFlippedSignatureBit_invalid() throws Exception {
    Parts p =
        register(AttestationFormat.FIDO_U2F, SoftwareAuthenticator.Overrides::tamperSignature);
    assertThat(check(p)).isEqualTo(Verdict.INVALID);
  }

  @Test
  void check_fidoU2fOverAnotherCredentialId_invalid() throws Exception {
    Parts p = register(AttestationFormat.FIDO_U2F, o -> {});
    byte[] other = p.id().clone();
    other[0] ^= 0x01;
    assertThat(check(new Parts(p.attestationObject(), p.clientData(), other, p.cose())))
        .isEqualTo(Verdict.INVALID);
  }

  @Test
  void check_packedOverOtherClientData_invalid() throws Exception {
    Parts p = register(AttestationFormat.PACKED, o -> {});
    byte[] other = p.clientData().clone();
    other[other.length - 2] ^= 0x01;
    assertThat(check(new Parts(p.attestationObject(), other, p.id(), p.cose())))
        .isEqualTo(Verdict.INVALID);
  }

  @Test
  void check_formatNone_notChecked() throws Exception {
    assertThat(check(register(AttestationFormat.NONE, o -> {}))).isEqualTo(Verdict.NOT_CHECKED);
  }

  @Test
  void check_statementWithoutSignature_notChecked() throws Exception {
    Parts p = register(AttestationFormat.PACKED, o -> {});
    ((com.fasterxml.jackson.databind.node.ObjectNode) p.attestationObject().get("attStmt"))
        .remove("sig");
    assertThat(check(p)).isEqualTo(Verdict.NOT_CHECKED);
  }
}
