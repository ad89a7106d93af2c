package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PskcTest {
  static final byte[] ASCII_20 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  static final byte[] FIGURE6_KEY = HexFormat.of().parseHex("12345678901234567890123456789012");

  static PskcImport resource(String name, PskcKey key) throws IOException {
    try (InputStream in = PskcTest.class.getResourceAsStream("/pskc/" + name)) {
      return Pskc.read(in, key);
    }
  }

  static PskcImport xml(String xml, PskcKey key) {
    return Pskc.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), key);
  }

  static String plainKey(String id, String serial, String algorithm, String extra) {
    return "<KeyPackage><DeviceInfo><Manufacturer>Acme</Manufacturer><SerialNo>"
        + serial
        + "</SerialNo></DeviceInfo><Key Id=\""
        + id
        + "\" Algorithm=\""
        + algorithm
        + "\"><Data><Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret>"
        + extra
        + "</Data></Key></KeyPackage>";
  }

  static String container(String body) {
    return "<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\">"
        + body
        + "</KeyContainer>";
  }

  @Nested
  @DisplayName("RFC 6030 example figures")
  class Rfc6030Figures {
    @Test
    @DisplayName("Figure 2: plaintext secret, no device info; its 4-byte seed is below the minimum")
    void figure2_plaintext_seedTooShort_keyRefused() throws IOException {
      // Issue 11 §3.1: one rule everywhere, at least 10 bytes (HardwareToken.MIN_SECRET_LENGTH).
      PskcImport r = resource("rfc6030-figure2.xml", PskcKey.none());
      assertThat(r.tokens()).isEmpty();
      assertThat(r.errors())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.keyId()).isEqualTo("12345678");
                assertThat(e.element()).endsWith("Data/Secret");
                assertThat(e.reason()).contains("was 4 bytes").doesNotContain("MTIzNA");
              });
    }

    @Test
    @DisplayName("Figure 3: supplementary data (serial, manufacturer, 8 digits, counter)")
    void figure3_supplementaryData_read() throws IOException {
      HardwareToken t = resource("rfc6030-figure3.xml", PskcKey.none()).requireComplete().get(0);
      assertThat(t.serial()).isEqualTo("987654321");
      assertThat(t.manufacturer()).contains("Manufacturer");
      assertThat(t.digits()).isEqualTo(8);
      assertThat(t.counter()).isZero();
      assertThat(t.revealSecret()).isEqualTo(ASCII_20);
    }

    @Test
    @DisplayName("Figure 6: AES-128-CBC with a pre-shared key, HMAC-SHA1 MAC")
    void figure6_preSharedKey_decrypted() throws IOException {
      HardwareToken t =
          resource("rfc6030-figure6.xml", PskcKey.preShared("Pre-shared-key", FIGURE6_KEY))
              .requireComplete()
              .get(0);
      assertThat(t.serial()).isEqualTo("987654321");
      assertThat(t.digits()).isEqualTo(8);
      assertThat(t.revealSecret()).isEqualTo(ASCII_20);
    }

    @Test
    @DisplayName("Figure 6 without a key name check")
    void figure6_unnamedKey_decrypted() throws IOException {
      HardwareToken t =
          resource("rfc6030-figure6.xml", PskcKey.preShared(FIGURE6_KEY)).requireComplete().get(0);
      assertThat(t.revealSecret()).isEqualTo(ASCII_20);
    }

    @Test
    @DisplayName("Figure 7: key derived with PBKDF2 from a password (§6.2)")
    void figure7_password_decrypted() throws IOException {
      HardwareToken t =
          resource("rfc6030-figure7.xml", PskcKey.password("qwerty".toCharArray()))
              .requireComplete()
              .get(0);
      assertThat(t.serial()).isEqualTo("987654321");
      assertThat(t.manufacturer()).contains("TokenVendorAcme");
      assertThat(t.keyId()).isEqualTo("123456");
      assertThat(t.revealSecret()).isEqualTo(ASCII_20);
    }

    @Test
    void figure6_wrongKeyName_refusedNamingKeyName() {
      assertThatThrownBy(
              () -> resource("rfc6030-figure6.xml", PskcKey.preShared("other-key", FIGURE6_KEY)))
          .isInstanceOf(InvalidInputException.class)
          .extracting(e -> ((InvalidInputException) e).field())
          .isEqualTo("EncryptionKey/KeyName");
    }

    @Test
    void figure6_wrongKey_refusedBeforeAnySecretIsUsed() {
      byte[] wrong = FIGURE6_KEY.clone();
      wrong[0] ^= 1;
      // Either the MAC key fails to decrypt (file level) or every ValueMAC mismatches.
      try {
        PskcImport r = resource("rfc6030-figure6.xml", PskcKey.preShared(wrong));
        assertThat(r.tokens()).isEmpty();
        assertThat(r.errors())
            .singleElement()
            .satisfies(
                e -> {
                  assertThat(e.keyId()).isEqualTo("12345678");
                  assertThat(e.element()).endsWith("ValueMAC");
                });
      } catch (InvalidInputException | IOException e) {
        assertThat(((InvalidInputException) e).field()).startsWith("MACMethod/MACKey");
      }
    }

    @Test
    void figure7_wrongPassword_refused() {
      try {
        PskcImport r = resource("rfc6030-figure7.xml", PskcKey.password("qwertz".toCharArray()));
        assertThat(r.tokens()).isEmpty();
        assertThat(r.errors())
            .singleElement()
            .satisfies(e -> assertThat(e.element()).endsWith("ValueMAC"));
      } catch (InvalidInputException | IOException e) {
        assertThat(((InvalidInputException) e).field()).startsWith("MACMethod/MACKey");
      }
    }

    @Test
    void figure6_noKey_refusedNamingEncryptionKey() {
      assertThatThrownBy(() -> resource("rfc6030-figure6.xml", PskcKey.none()))
          .isInstanceOf(InvalidInputException.class)
          .extracting(e -> ((InvalidInputException) e).field())
          .isEqualTo("EncryptionKey/KeyName");
    }

    @Test
    void figure7_preSharedKeyInsteadOfPassword_refused() {
      assertThatThrownBy(() -> resource("rfc6030-figure7.xml", PskcKey.preShared(FIGURE6_KEY)))
          .isInstanceOf(InvalidInputException.class)
          .extracting(e -> ((InvalidInputException) e).field())
          .isEqualTo("EncryptionKey/DerivedKey");
    }

    @Test
    void figure6_tamperedValueMac_reportedForTheKey() throws IOException {
      String xml;
      try (InputStream in = PskcTest.class.getResourceAsStream("/pskc/rfc6030-figure6.xml")) {
        xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      String tampered = xml.replace("Su+NvtQfmvfJzF6bmQiJqoLRExc=", "Su+MvtQfmvfJzF6bmQiJqoLRExc=");
      PskcImport r = xml(tampered, PskcKey.preShared(FIGURE6_KEY));
      assertThat(r.tokens()).isEmpty();
      assertThat(r.errors())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.keyId()).isEqualTo("12345678");
                assertThat(e.element()).isEqualTo("KeyPackage[1]/Key/Data/Secret/ValueMAC");
              });
      assertThatThrownBy(r::requireComplete)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("12345678");
    }

    @Test
    void figure6_tamperedCiphertext_failsTheMacNotTheDecryption() throws IOException {
      String xml;
      try (InputStream in = PskcTest.class.getResourceAsStream("/pskc/rfc6030-figure6.xml")) {
        xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      String tampered = xml.replace("AAECAwQFBgcICQoLDA0OD+cI", "AAECAwQFBgcICQoLDA0OD+cJ");
      PskcImport r = xml(tampered, PskcKey.preShared(FIGURE6_KEY));
      assertThat(r.errors())
          .singleElement()
          .satisfies(e -> assertThat(e.element()).endsWith("ValueMAC"));
    }
  }

  @Nested
  @DisplayName("hardened XML")
  class Hardening {
    @Test
    void xxe_refusedNamingDoctype() {
      assertThatThrownBy(() -> resource("xxe.xml", PskcKey.none()))
          .isInstanceOf(InvalidInputException.class)
          .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("DOCTYPE"))
          .hasMessageNotContaining("root:");
    }

    @Test
    void billionLaughs_refusedNamingDoctype() {
      assertThatThrownBy(() -> resource("billion-laughs.xml", PskcKey.none()))
          .isInstanceOf(InvalidInputException.class)
          .extracting(e -> ((InvalidInputException) e).field())
          .isEqualTo("DOCTYPE");
    }

    @Test
    void oversizedFile_refusedWithoutReadingItAll() {
      InputStream endless =
          new InputStream() {
            @Override
            public int read() {
              return ' ';
            }

            @Override
            public int read(byte[] b, int off, int len) {
              java.util.Arrays.fill(b, off, off + len, (byte) ' ');
              return len;
            }
          };
      assertThatThrownBy(() -> Pskc.read(endless, PskcKey.none()))
          .isInstanceOf(InvalidInputException.class)
          .extracting(e -> ((InvalidInputException) e).field())
          .isEqualTo("file");
    }

    @Test
    void notXml_refusedNamingKeyContainer() {
      assertThatThrownBy(() -> xml("this is not xml", PskcKey.none()))
          .isInstanceOf(InvalidInputException.class)
          .extracting(e -> ((InvalidInputException) e).field())
          .isEqualTo("KeyContainer");
    }

    @Test
    void wrongRoot_refused() {
      assertThatThrownBy(() -> xml("<KeyContainer Version=\"1.0\"/>", PskcKey.none()))
          .isInstanceOf(InvalidInputException.class)
          .extracting(e -> ((InvalidInputException) e).field())
          .isEqualTo("KeyContainer");
    }

    @Test
    void wrongVersion_refused() {
      assertThatThrownBy(
              () ->
                  xml(
                      "<KeyContainer Version=\"2.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\"/>",
                      PskcKey.none()))
          .isInstanceOf(InvalidInputException.class)
          .extracting(e -> ((InvalidInputException) e).field())
          .isEqualTo("KeyContainer/@Version");
    }

    @Test
    void noKeys_refused() {
      assertThatThrownBy(() -> xml(container(""), PskcKey.none()))
          .isInstanceOf(InvalidInputException.class)
          .extracting(e -> ((InvalidInputException) e).field())
          .isEqualTo("KeyContainer/KeyPackage");
    }
  }

  @Nested
  @DisplayName("malformed keys: each error names the element and the key id")
  class MalformedKeys {
    static final String HOTP = "urn:ietf:params:xml:ns:keyprov:pskc:hotp";
    static final String TOTP = "urn:ietf:params:xml:ns:keyprov:pskc:totp";

    PskcError onlyError(String badKey) {
      PskcImport r = xml(container(plainKey("good", "S1", HOTP, "") + badKey), PskcKey.none());
      assertThat(r.tokens()).extracting(HardwareToken::serial).containsExactly("S1");
      assertThat(r.errors()).hasSize(1);
      return r.errors().get(0);
    }

    @Test
    void unknownAlgorithm() {
      PskcError e = onlyError(plainKey("bad", "S2", "urn:example:ocra", ""));
      assertThat(e.keyId()).isEqualTo("bad");
      assertThat(e.element()).isEqualTo("KeyPackage[2]/Key/@Algorithm");
    }

    @Test
    void missingSecret() {
      PskcError e =
          onlyError(
              "<KeyPackage><Key Id=\"k2\" Algorithm=\"" + HOTP + "\"><Data/></Key></KeyPackage>");
      assertThat(e.keyId()).isEqualTo("k2");
      assertThat(e.element()).isEqualTo("KeyPackage[2]/Key/Data/Secret");
    }

    @Test
    void secretNotBase64() {
      PskcError e =
          onlyError(
              "<KeyPackage><Key Id=\"k3\" Algorithm=\""
                  + HOTP
                  + "\"><Data><Secret><PlainValue>%%%</PlainValue></Secret></Data></Key></KeyPackage>");
      assertThat(e.element()).isEqualTo("KeyPackage[2]/Key/Data/Secret/PlainValue");
    }

    @Test
    void counterNotInteger() {
      PskcError e =
          onlyError(plainKey("k4", "S4", HOTP, "<Counter><PlainValue>x1</PlainValue></Counter>"));
      assertThat(e.keyId()).isEqualTo("k4");
      assertThat(e.element()).isEqualTo("KeyPackage[2]/Key/Data/Counter/PlainValue");
    }

    @Test
    void zeroTimeInterval() {
      PskcError e =
          onlyError(
              plainKey(
                  "k5", "S5", TOTP, "<TimeInterval><PlainValue>0</PlainValue></TimeInterval>"));
      assertThat(e.element()).isEqualTo("KeyPackage[2]/Key/Data/TimeInterval");
    }

    @Test
    void badDigits() {
      PskcError e =
          onlyError(
              "<KeyPackage><Key Id=\"k6\" Algorithm=\""
                  + HOTP
                  + "\"><AlgorithmParameters><ResponseFormat Length=\"12\" Encoding=\"DECIMAL\"/>"
                  + "</AlgorithmParameters><Data><Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret>"
                  + "</Data></Key></KeyPackage>");
      assertThat(e.element())
          .isEqualTo("KeyPackage[2]/Key/AlgorithmParameters/ResponseFormat/@Length");
    }

    @Test
    void badDate() {
      PskcError e =
          onlyError(
              "<KeyPackage><Key Id=\"k7\" Algorithm=\""
                  + HOTP
                  + "\"><Data><Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret></Data>"
                  + "<Policy><ExpiryDate>next tuesday</ExpiryDate></Policy></Key></KeyPackage>");
      assertThat(e.element()).isEqualTo("KeyPackage[2]/Key/Policy/ExpiryDate");
    }

    @Test
    void encryptedWithoutEncryptionKey() {
      PskcError e =
          onlyError(
              "<KeyPackage><Key Id=\"k8\" Algorithm=\""
                  + HOTP
                  + "\"><Data><Secret><EncryptedValue/></Secret></Data></Key></KeyPackage>");
      assertThat(e.element()).isEqualTo("KeyPackage[2]/Key/Data/Secret/EncryptedValue");
    }

    @Test
    void keyWithoutIdIsNamedByPosition() {
      PskcError e =
          onlyError("<KeyPackage><Key Algorithm=\"" + HOTP + "\"><Data/></Key></KeyPackage>");
      assertThat(e.keyId()).isEqualTo("#2");
    }
  }

  @Test
  void totpAttributes_read() {
    String body =
        "<KeyPackage><DeviceInfo><Manufacturer>Acme</Manufacturer><SerialNo>T-1</SerialNo>"
            + "<ExpiryDate>2031-01-01T00:00:00Z</ExpiryDate></DeviceInfo>"
            + "<Key Id=\"t1\" Algorithm=\"urn:ietf:params:xml:ns:keyprov:pskc:totp\">"
            + "<AlgorithmParameters><Suite>HMAC-SHA256</Suite><ResponseFormat Length=\"8\"/></AlgorithmParameters>"
            + "<Data><Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret>"
            + "<Time><PlainValue>60</PlainValue></Time><TimeInterval><PlainValue>60</PlainValue></TimeInterval>"
            + "<TimeDrift><PlainValue>-2</PlainValue></TimeDrift></Data>"
            + "<Policy><StartDate>2021-01-01T00:00:00Z</StartDate></Policy></Key></KeyPackage>";
    HardwareToken t = xml(container(body), PskcKey.none()).requireComplete().get(0);
    assertThat(t.type()).isEqualTo(OathType.TOTP);
    assertThat(t.algorithm()).isEqualTo(dev.rootguard.mfa.totp.HmacAlgorithm.SHA256);
    assertThat(t.digits()).isEqualTo(8);
    // RFC 6030 §4.3.4: <Time> counts time steps (60 steps here); it is not T0, which stays the
    // Unix epoch (issue 11: it used to be read as T0 = 60 s).
    assertThat(t.t0()).isEqualTo(Instant.EPOCH);
    assertThat(t.timeStep()).isEqualTo(Duration.ofSeconds(60));
    assertThat(t.timeDrift()).isEqualTo(-2);
    assertThat(t.validFrom()).contains(Instant.parse("2021-01-01T00:00:00Z"));
    assertThat(t.validUntil()).contains(Instant.parse("2031-01-01T00:00:00Z"));
    assertThat(t.isExpiredAt(Instant.parse("2031-01-01T00:00:00Z"))).isTrue();
    assertThat(t.isExpiredAt(Instant.parse("2030-12-31T23:59:59Z"))).isFalse();
  }

  @Test
  void toStrings_neverRevealSecrets() throws IOException {
    PskcKey key = PskcKey.preShared("Pre-shared-key", FIGURE6_KEY);
    HardwareToken t = resource("rfc6030-figure6.xml", key).requireComplete().get(0);
    String hexSecret = HexFormat.of().formatHex(t.revealSecret());
    assertThat(t.toString())
        .doesNotContain(hexSecret)
        .doesNotContain("1234567890")
        .contains("redacted");
    assertThat(key.toString()).doesNotContain("1234567890").contains("redacted");
    t.destroy();
    assertThat(t.isDestroyed()).isTrue();
    assertThatThrownBy(t::revealSecret).isInstanceOf(IllegalStateException.class);
  }
}
