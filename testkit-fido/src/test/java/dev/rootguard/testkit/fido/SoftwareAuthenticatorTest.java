package dev.rootguard.testkit.fido;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SoftwareAuthenticatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CREATE =
      "{\"publicKey\":{\"rp\":{\"id\":\"example.com\",\"name\":\"Ex\"},\"user\":{\"id\":\"AAEC\",\"name\":\"a\",\"displayName\":\"a\"},"
          + "\"challenge\":\"Y2hhbGxlbmdl\",\"pubKeyCredParams\":[{\"type\":\"public-key\",\"alg\":-7}],\"attestation\":\"direct\"}}";
  private static final String GET = "{\"challenge\":\"b3RoZXI\",\"rpId\":\"example.com\"}";

  private static byte[] b64(JsonNode n) {
    return Base64.getUrlDecoder().decode(n.asText());
  }

  @Test
  void register_thenAuthenticate_countersAdvanceAndClientDataIsRight() throws Exception {
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    JsonNode reg = JSON.readTree(key.register(CREATE, "https://example.com"));
    assertThat(reg.path("type").asText()).isEqualTo("public-key");
    assertThat(reg.path("id").asText()).isEqualTo(reg.path("rawId").asText());
    JsonNode cd = JSON.readTree(b64(reg.path("response").path("clientDataJSON")));
    assertThat(cd.path("type").asText()).isEqualTo("webauthn.create");
    assertThat(cd.path("challenge").asText()).isEqualTo("Y2hhbGxlbmdl");
    assertThat(cd.path("origin").asText()).isEqualTo("https://example.com");
    String id = reg.path("id").asText();
    assertThat(key.signCount(id)).isEqualTo(1);

    JsonNode a = JSON.readTree(key.authenticate(GET, "https://example.com"));
    byte[] authData = b64(a.path("response").path("authenticatorData"));
    assertThat(ByteBuffer.wrap(authData, 33, 4).getInt()).isEqualTo(2);
    assertThat(authData[32] & 0x05).isEqualTo(0x05); // UP and UV
    assertThat(a.path("response").path("userHandle").asText()).isEqualTo("AAEC");
  }

  @Test
  void assertionSignature_verifiesWithTheCredentialKeyUnlessTampered() throws Exception {
    SoftwareAuthenticator key = SoftwareAuthenticator.u2f();
    JsonNode reg = JSON.readTree(key.register(CREATE, "https://example.com"));
    assertThat(key.signCount(reg.path("id").asText())).isZero();
    // the attestation certificate's key is P-256 and chains to the root
    assertThat(key.attestationCertificate().getPublicKey()).isInstanceOf(ECPublicKey.class);
    key.attestationCertificate().verify(key.attestationRootCertificate().getPublicKey());
    assertThat(key.attestationRootCrl().getIssuerX500Principal())
        .isEqualTo(key.attestationRootCertificate().getSubjectX500Principal());

    LegacyU2fKey legacy = key.registerLegacyU2f("https://example.com/app-id.json");
    String get =
        "{\"challenge\":\"b3RoZXI\",\"rpId\":\"example.com\",\"extensions\":{\"appid\":\"https://example.com/app-id.json\"},"
            + "\"allowCredentials\":[{\"type\":\"public-key\",\"id\":\""
            + legacy.keyHandle()
            + "\"}]}";
    for (boolean tamper : new boolean[] {false, true}) {
      JsonNode a =
          JSON.readTree(
              key.authenticate(
                  get,
                  "https://example.com",
                  o -> {
                    if (tamper) o.tamperSignature();
                  }));
      assertThat(a.path("clientExtensionResults").path("appid").asBoolean()).isTrue();
      byte[] authData = b64(a.path("response").path("authenticatorData"));
      byte[] clientData = b64(a.path("response").path("clientDataJSON"));
      byte[] raw = Base64.getUrlDecoder().decode(legacy.publicKey());
      java.security.spec.ECPublicKeySpec spec =
          new java.security.spec.ECPublicKeySpec(
              new java.security.spec.ECPoint(
                  new java.math.BigInteger(1, Arrays.copyOfRange(raw, 1, 33)),
                  new java.math.BigInteger(1, Arrays.copyOfRange(raw, 33, 65))),
              ((ECPublicKey) key.attestationCertificate().getPublicKey()).getParams());
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initVerify(java.security.KeyFactory.getInstance("EC").generatePublic(spec));
      s.update(authData);
      s.update(java.security.MessageDigest.getInstance("SHA-256").digest(clientData));
      assertThat(s.verify(b64(a.path("response").path("signature")))).isEqualTo(!tamper);
    }
  }

  @Test
  void cloneKey_sharesKeysButNotCounters() {
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    key.register(CREATE, "https://example.com");
    String id = key.credentialIds().get(0);
    SoftwareAuthenticator clone = key.cloneKey();
    key.authenticate(GET, "https://example.com");
    assertThat(key.signCount(id)).isEqualTo(2);
    assertThat(clone.signCount(id)).isEqualTo(1);
    assertThatThrownBy(() -> key.setSignCount(id, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void u2f_cannotVerifyUsers_andRefusesWhatAKeyWould() {
    assertThatThrownBy(
            () ->
                SoftwareAuthenticator.builder()
                    .format(AttestationFormat.FIDO_U2F)
                    .userVerifying(true)
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
    SoftwareAuthenticator key = SoftwareAuthenticator.u2f();
    assertThatThrownBy(() -> key.authenticate(GET, "https://example.com"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> key.register("not json", "https://example.com"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(key.toString()).contains("fido-u2f");
  }
}
