package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.internal.TokenFile;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * "Secrets never reach toString": every type holding a secret names what it is (id, kind, whether
 * destroyed) and shows the secret in no form (hex, Base32, Base64, raw); and the destroy contract:
 * after {@code destroy()} the secret cannot be read (IllegalStateException) and {@code
 * isDestroyed()} says so, before it does not.
 */
class SecretsNotShownTest {
  static final byte[] SEED = HexFormat.of().parseHex("3132333435363738393031323334353637383930");
  static final byte[] AES = HexFormat.of().parseHex("ecde18dbe76fbd0c33330f1c354871db");
  static final byte[] PRIVATE_ID = HexFormat.of().parseHex("8792ebfe26cc");
  static final byte[] PSK = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

  // ---- toString ----

  @Test
  void hardwareToken_totp_namesSerialKeyIdManufacturerParameters_notTheSeed() {
    HardwareToken t =
        HardwareToken.builder("GALT-1", OathType.TOTP, SEED)
            .keyId("key-9")
            .manufacturer("Acme")
            .algorithm(HmacAlgorithm.SHA256)
            .digits(8)
            .timeStep(Duration.ofSeconds(60))
            .validUntil(Instant.parse("2030-01-01T00:00:00Z"))
            .build();
    String s = t.toString();
    assertThat(s)
        .contains("serial=GALT-1")
        .contains("keyId=key-9")
        .contains("manufacturer=Acme")
        .contains("type=TOTP")
        .contains("algorithm=SHA256")
        .contains("digits=8")
        .contains("timeStep=60s")
        .contains("validUntil=2030-01-01T00:00:00Z")
        .contains("20 bytes")
        .doesNotContain("counter=");
    SecretForms.assertHides(s, SEED);
  }

  @Test
  void hardwareToken_hotp_namesCounter_omitsWhatIsUnset() {
    HardwareToken t = HardwareToken.builder("H-1", OathType.HOTP, SEED).counter(42).build();
    String s = t.toString();
    assertThat(s)
        .contains("serial=H-1")
        .contains("type=HOTP")
        .contains("counter=42")
        .doesNotContain("keyId=")
        .doesNotContain("manufacturer=")
        .doesNotContain("validUntil=")
        .doesNotContain("timeStep=");
    SecretForms.assertHides(s, SEED);
  }

  @Test
  void tokenState_namesEveryField() {
    TokenState st =
        TokenState.of(Optional.of(Principal.of("alice")), true, -2, OptionalLong.of(77), 5);
    assertThat(st.toString())
        .contains("alice")
        .contains("disabled=true")
        .contains("driftSteps=-2")
        .contains("lastSequence=77")
        .contains("version=5");
    assertThat(TokenState.NEW.toString()).contains("lastSequence=none").contains("version=0");
    assertThat(TokenState.of(Optional.empty(), false, 0, OptionalLong.of(0), 0).toString())
        .contains("lastSequence=0");
  }

  @Test
  void tokenState_negativeLastSequence_refused_zeroAccepted() {
    assertThatThrownBy(() -> TokenState.of(Optional.empty(), false, 0, OptionalLong.of(-1), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lastSequence");
    assertThat(TokenState.of(Optional.empty(), false, 0, OptionalLong.of(0), 0).lastSequence())
        .hasValue(0);
  }

  @Test
  void yubicoKey_namesPublicId_notPrivateIdOrAesKey() {
    YubicoKey k = YubicoKey.of("vvcccccbhlnc", PRIVATE_ID, AES);
    String s = k.toString();
    assertThat(s).contains("vvcccccbhlnc");
    SecretForms.assertHidesAll(s, PRIVATE_ID, AES);
  }

  @Test
  void pskcKey_namesKindAndName_notTheKeyOrPassword() {
    PskcKey named = PskcKey.preShared("Vendor PSK", PSK);
    assertThat(named.toString())
        .contains("pre-shared")
        .contains("16 bytes")
        .contains("name=Vendor PSK")
        .doesNotContain("plaintext allowed");
    SecretForms.assertHides(named.toString(), PSK);
    assertThat(PskcKey.preShared(PSK).toString()).doesNotContain("name=");
    assertThat(named.allowPlaintextSecrets().toString()).contains("plaintext allowed");

    PskcKey pw = PskcKey.password("correct horse".toCharArray());
    assertThat(pw.toString()).contains("password").doesNotContain("correct horse");
    assertThat(pw.toString()).doesNotContain("plaintext allowed");
    assertThat(pw.allowPlaintextSecrets().toString())
        .contains("password")
        .contains("plaintext allowed")
        .doesNotContain("correct horse");

    assertThat(PskcKey.none().toString()).contains("none").doesNotContain("plaintext allowed");
    assertThat(PskcKey.none().allowPlaintextSecrets().toString())
        .contains("none")
        .contains("plaintext allowed");
  }

  static final String GOOD_KEY =
      "<KeyPackage><DeviceInfo><SerialNo>S-1</SerialNo></DeviceInfo><Key Id=\"good\""
          + " Algorithm=\"urn:ietf:params:xml:ns:keyprov:pskc:hotp\"><Data><Secret><PlainValue>"
          + java.util.Base64.getEncoder().encodeToString(SEED)
          + "</PlainValue></Secret></Data></Key></KeyPackage>";
  static final String BAD_KEY =
      "<KeyPackage><DeviceInfo><SerialNo>S-2</SerialNo></DeviceInfo><Key Id=\"bad\""
          + " Algorithm=\"urn:ietf:params:xml:ns:keyprov:pskc:hotp\"><Data><Secret><PlainValue>"
          + "MTIzNA==</PlainValue></Secret></Data></Key></KeyPackage>";

  static PskcImport pskc(String... packages) {
    String xml =
        "<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\">"
            + String.join("", packages)
            + "</KeyContainer>";
    return Pskc.read(
        new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), PskcKey.none());
  }

  @Test
  void pskcImportAndError_nameCountsKeyAndElement_notTheSecret() {
    PskcImport r = pskc(GOOD_KEY, BAD_KEY);
    assertThat(r.tokens()).hasSize(1);
    PskcError e = r.errors().get(0);
    assertThat(e.toString()).startsWith("key bad: ").contains(e.element()).contains(e.reason());
    assertThat(r.toString()).contains("tokens=1").contains("key bad");
    SecretForms.assertHides(r.toString(), SEED);
    SecretForms.assertHides(r.toString(), "1234".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void requireComplete_oneBadKey_namesItWithoutCount_twoBadKeys_countsTheOthers() {
    assertThatThrownBy(() -> pskc(GOOD_KEY, BAD_KEY).requireComplete())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("key bad")
        .hasMessageNotContaining("more bad keys");
    String bad2 = BAD_KEY.replace("Id=\"bad\"", "Id=\"bad2\"").replace("S-2", "S-3");
    String bad3 = BAD_KEY.replace("Id=\"bad\"", "Id=\"bad3\"").replace("S-2", "S-4");
    assertThatThrownBy(() -> pskc(BAD_KEY, bad2).requireComplete())
        .hasMessageContaining("key bad")
        .hasMessageContaining("(and 1 more bad keys)");
    assertThatThrownBy(() -> pskc(BAD_KEY, bad2, bad3, GOOD_KEY).requireComplete())
        .hasMessageContaining("(and 2 more bad keys)");
    assertThat(pskc(GOOD_KEY).requireComplete()).hasSize(1);
  }

  @Test
  void tokenFileEntry_namesAttributesAndState_notTheSecret() {
    HardwareToken t = HardwareToken.builder("E-1", OathType.HOTP, SEED).build();
    TokenFile.Entry<HardwareToken> e = new TokenFile.Entry<>(t, null, TokenState.NEW);
    assertThat(e.toString()).contains("serial=E-1").contains("version=0");
    SecretForms.assertHides(e.toString(), SEED);
    YubicoKey k = YubicoKey.of("vvcccccbhlnc", PRIVATE_ID, AES);
    TokenFile.Entry<YubicoKey> y = new TokenFile.Entry<>(k, null, TokenState.NEW);
    assertThat(y.toString()).contains("vvcccccbhlnc");
    SecretForms.assertHidesAll(y.toString(), PRIVATE_ID, AES);
  }

  @Test
  void yubicoOtpVerifier_namesItsStore_noKeys() {
    InMemoryTokenStore store = new InMemoryTokenStore();
    store.addYubicoKey(YubicoKey.of("vvcccccbhlnc", PRIVATE_ID, AES));
    String s = YubicoOtpVerifier.builder(store).build().toString();
    assertThat(s).contains("YubicoOtpVerifier").contains("InMemoryTokenStore");
    SecretForms.assertHidesAll(s, PRIVATE_ID, AES);
  }

  // ---- destroy ----

  @Test
  void pskcKey_destroyed_keyAndPasswordUnreadable() {
    PskcKey k = PskcKey.preShared(PSK);
    assertThat(k.isDestroyed()).isFalse();
    assertThat(k.keyBytes()).isEqualTo(PSK);
    k.destroy();
    assertThat(k.isDestroyed()).isTrue();
    assertThatThrownBy(k::keyBytes).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(k::passwordChars).isInstanceOf(IllegalStateException.class);

    PskcKey pw = PskcKey.password("secret-pw".toCharArray());
    assertThat(pw.passwordChars()).containsExactly("secret-pw".toCharArray());
    PskcKey view = pw.allowPlaintextSecrets();
    pw.destroy();
    assertThat(view.isDestroyed()).as("the view shares the material").isTrue();
    assertThatThrownBy(view::passwordChars).isInstanceOf(IllegalStateException.class);
    // a destroyed key decrypts nothing
    assertThatThrownBy(
            () ->
                Pskc.read(
                    PskcEncryptedDataTest.class.getResourceAsStream("/pskc/rfc6030-figure6.xml"),
                    k))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void pskcKeyNone_destroy_isANoOp() {
    PskcKey.none().destroy();
    assertThat(PskcKey.none().isDestroyed()).isFalse();
    assertThat(pskc(GOOD_KEY).tokens()).hasSize(1);
  }

  @Test
  void yubicoKey_destroyed_secretsUnreadable_andOtpsRefused() {
    YubicoKey k = YubicoKey.of("vvcccccbhlnc", PRIVATE_ID, AES);
    assertThat(k.isDestroyed()).isFalse();
    assertThat(k.revealPrivateId()).isEqualTo(PRIVATE_ID);
    k.destroy();
    assertThat(k.isDestroyed()).isTrue();
    assertThatThrownBy(k::revealPrivateId)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("vvcccccbhlnc");
    assertThatThrownBy(k::revealAesKey).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> k.decryptBlock(new byte[16], new byte[16]))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> k.privateIdMatches(new byte[16]))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void hardwareToken_destroyed_isDestroyedOnlyAfter() {
    HardwareToken t = HardwareToken.builder("D-1", OathType.TOTP, SEED).build();
    assertThat(t.isDestroyed()).isFalse();
    // derive the OTP secret first, so destroy must reach it too
    dev.rootguard.mfa.totp.OtpSecret derived = t.otpSecret();
    t.destroy();
    assertThat(t.isDestroyed()).isTrue();
    assertThat(derived.isDestroyed()).isTrue();
    assertThatThrownBy(t::revealSecret).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(t::otpSecret).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void hardwareToken_sameSecretAs_comparesSeeds() {
    HardwareToken a = HardwareToken.builder("A", OathType.TOTP, SEED).build();
    HardwareToken b = HardwareToken.builder("B", OathType.HOTP, SEED.clone()).build();
    byte[] other = SEED.clone();
    other[19] ^= 1;
    HardwareToken c = HardwareToken.builder("C", OathType.TOTP, other).build();
    assertThat(a.sameSecretAs(b)).isTrue();
    assertThat(a.sameSecretAs(c)).isFalse();
    assertThat(a.revealSecret()).as("comparing leaves the seeds intact").isEqualTo(SEED);
  }

  @Test
  void pskcImport_destroyAll_destroysEveryToken() {
    PskcImport r = pskc(GOOD_KEY, GOOD_KEY.replace("good", "good2").replace("S-1", "S-9"));
    List<HardwareToken> tokens = r.tokens();
    assertThat(tokens).hasSize(2).noneMatch(HardwareToken::isDestroyed);
    r.destroyAll();
    assertThat(tokens).allMatch(HardwareToken::isDestroyed);
  }
}
