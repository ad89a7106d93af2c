package dev.rootguard.mfa.hardware;

import static dev.rootguard.mfa.hardware.PskcTest.FIGURE6_KEY;
import static dev.rootguard.mfa.hardware.PskcTest.container;
import static dev.rootguard.mfa.hardware.PskcTest.plainKey;
import static dev.rootguard.mfa.hardware.PskcTest.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Issue 11: hostile PSKC files (MAC downgrade, policies, bounds, namespaces, serials). */
class PskcHostileFilesTest {
  static final String HOTP = "urn:ietf:params:xml:ns:keyprov:pskc:hotp";
  static final String TOTP = "urn:ietf:params:xml:ns:keyprov:pskc:totp";

  /** A seed the attacker knows: "attacker-knows-this!" (20 bytes). */
  static final byte[] PLANTED = "attacker-knows-this!".getBytes(StandardCharsets.US_ASCII);

  static String figure6() throws IOException {
    try (InputStream in = PskcTest.class.getResourceAsStream("/pskc/rfc6030-figure6.xml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String between(String s, String from, String to) {
    int a = s.indexOf(from);
    int b = s.indexOf(to, a) + to.length();
    return s.substring(a, b);
  }

  static InvalidInputException refused(String xml, PskcKey key) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> xml(xml, key));
    assertThat(t).isInstanceOf(InvalidInputException.class);
    return (InvalidInputException) t;
  }

  @Nested
  @DisplayName("1. MAC downgrade: a plaintext secret in an encrypted, MAC-protected file")
  class MacDowngrade {
    String planted() throws IOException {
      String f = figure6();
      String encrypted = between(f, "<EncryptedValue>", "</ValueMAC>");
      return f.replace(
          encrypted,
          "<PlainValue>" + Base64.getEncoder().encodeToString(PLANTED) + "</PlainValue>");
    }

    @Test
    void plainValueInsteadOfEncryptedValue_refusedNamingTheKey() throws IOException {
      PskcImport r = xml(planted(), PskcKey.preShared("Pre-shared-key", FIGURE6_KEY));
      assertThat(r.tokens()).isEmpty();
      assertThat(r.errors())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.keyId()).isEqualTo("12345678");
                assertThat(e.element()).isEqualTo("KeyPackage[1]/Key/Data/Secret/PlainValue");
                assertThat(e.reason())
                    .contains("plaintext secret")
                    .contains("allowPlaintextSecrets");
              });
    }

    @Test
    void plainValueNextToTheEncryptedValue_refused() throws IOException {
      String f = figure6();
      String tampered =
          f.replace(
              "<EncryptedValue>",
              "<PlainValue>"
                  + Base64.getEncoder().encodeToString(PLANTED)
                  + "</PlainValue><EncryptedValue>");
      PskcImport r = xml(tampered, PskcKey.preShared(FIGURE6_KEY).allowPlaintextSecrets());
      assertThat(r.tokens()).isEmpty();
      assertThat(r.errors())
          .singleElement()
          .satisfies(e -> assertThat(e.element()).isEqualTo("KeyPackage[1]/Key/Data/Secret"));
    }

    @Test
    void macMethodAloneAlsoProtects() {
      String body =
          "<MACMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#hmac-sha1\"/>"
              + plainKey("k1", "S1", HOTP, "");
      PskcImport r = xml(container(body), PskcKey.none());
      assertThat(r.tokens()).isEmpty();
      assertThat(r.errors())
          .singleElement()
          .satisfies(e -> assertThat(e.element()).endsWith("Data/Secret/PlainValue"));
    }

    @Test
    void namedRelaxation_importsIt_andSharesTheSecretForDestroy() throws IOException {
      PskcKey strict = PskcKey.preShared("Pre-shared-key", FIGURE6_KEY);
      PskcKey relaxed = strict.allowPlaintextSecrets();
      assertThat(strict.allowsPlaintextSecrets()).isFalse();
      assertThat(relaxed.allowsPlaintextSecrets()).isTrue();
      HardwareToken t = xml(planted(), relaxed).requireComplete().get(0);
      assertThat(t.revealSecret()).isEqualTo(PLANTED);
      // Counter stays plaintext in RFC 6030 Figure 6 itself: still accepted without the opt-in.
      assertThat(xml(figure6(), strict).requireComplete()).hasSize(1);
      strict.destroy();
      assertThat(relaxed.isDestroyed()).isTrue();
      assertThat(relaxed.toString()).contains("plaintext allowed").doesNotContain("1234567890");
    }

    @Test
    void plaintextFile_stillImportsWithoutTheOptIn() {
      assertThat(xml(container(plainKey("k1", "S1", HOTP, "")), PskcKey.none()).requireComplete())
          .hasSize(1);
    }
  }

  @Nested
  @DisplayName("2. Policy (RFC 6030 §5) is enforced per key")
  class Policies {
    String keyWithPolicy(String id, String serial, String policy) {
      return "<KeyPackage><DeviceInfo><SerialNo>"
          + serial
          + "</SerialNo></DeviceInfo><Key Id=\""
          + id
          + "\" Algorithm=\""
          + HOTP
          + "\"><Data><Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret></Data>"
          + "<Policy>"
          + policy
          + "</Policy></Key></KeyPackage>";
    }

    PskcError onlyError(String policy) {
      PskcImport r =
          xml(
              container(plainKey("good", "S1", HOTP, "") + keyWithPolicy("bad", "S2", policy)),
              PskcKey.none());
      assertThat(r.tokens()).extracting(HardwareToken::serial).containsExactly("S1");
      assertThat(r.errors()).hasSize(1);
      assertThat(r.errors().get(0).keyId()).isEqualTo("bad");
      return r.errors().get(0);
    }

    HardwareToken imported(String policy) {
      return xml(container(keyWithPolicy("ok", "S9", policy)), PskcKey.none())
          .requireComplete()
          .get(0);
    }

    @Test
    void keyUsageWithoutOtp_refused() {
      PskcError e = onlyError("<KeyUsage>CR</KeyUsage><KeyUsage>Encrypt</KeyUsage>");
      assertThat(e.element()).isEqualTo("KeyPackage[2]/Key/Policy/KeyUsage");
      assertThat(e.reason()).contains("OTP").contains("CR, Encrypt");
    }

    @Test
    void keyUsageListingOtp_imported() {
      assertThat(imported("<KeyUsage>CR</KeyUsage><KeyUsage>OTP</KeyUsage>").serial())
          .isEqualTo("S9");
    }

    @Test
    void unknownKeyUsageValue_refused() {
      PskcError e = onlyError("<KeyUsage>OTP</KeyUsage><KeyUsage>Teleport</KeyUsage>");
      assertThat(e.element()).isEqualTo("KeyPackage[2]/Key/Policy/KeyUsage");
      assertThat(e.reason()).contains("not understood");
    }

    @Test
    void unknownPolicyElement_refused() {
      PskcError e = onlyError("<KeyUsage>OTP</KeyUsage><Geofence>home</Geofence>");
      assertThat(e.element()).isEqualTo("KeyPackage[2]/Key/Policy/Geofence");
      assertThat(e.reason()).contains("not understood");
    }

    @Test
    void foreignNamespacePolicyElement_refused() {
      PskcError e = onlyError("<x:KeyUsage xmlns:x=\"urn:example\">OTP</x:KeyUsage>");
      assertThat(e.element()).isEqualTo("KeyPackage[2]/Key/Policy/KeyUsage");
      assertThat(e.reason()).contains("urn:example");
    }

    @Test
    void unknownPinPolicyAttribute_refused() {
      PskcError e = onlyError("<PINPolicy PINUsageMode=\"Local\" WipeAfter=\"3\"/>");
      assertThat(e.element()).isEqualTo("KeyPackage[2]/Key/Policy/PINPolicy/@WipeAfter");
    }

    @Test
    void pinPolicyChildElement_refused() {
      PskcError e = onlyError("<PINPolicy PINUsageMode=\"Local\"><Extra/></PINPolicy>");
      assertThat(e.element()).isEqualTo("KeyPackage[2]/Key/Policy/PINPolicy/Extra");
    }

    @Test
    void pinCheckedOnTheDevice_imported() {
      assertThat(
              imported(
                      "<PINPolicy MinLength=\"4\" MaxLength=\"8\" PINKeyId=\"p1\""
                          + " PINUsageMode=\"Local\" MaxFailedAttempts=\"3\""
                          + " PINEncoding=\"DECIMAL\"/><KeyUsage>OTP</KeyUsage>")
                  .serial())
          .isEqualTo("S9");
    }

    @Test
    void pinInsideTheOtp_refusedForEachMode() {
      for (String mode : new String[] {"Prepend", "Append", "Algorithmic"}) {
        PskcError e = onlyError("<PINPolicy PINUsageMode=\"" + mode + "\"/>");
        assertThat(e.element()).isEqualTo("KeyPackage[2]/Key/Policy/PINPolicy/@PINUsageMode");
        assertThat(e.reason()).startsWith(mode).contains("PIN").contains("Local");
      }
    }

    @Test
    void pinPolicyWithoutMode_refused() {
      PskcError e = onlyError("<PINPolicy MinLength=\"4\"/>");
      assertThat(e.element()).isEqualTo("KeyPackage[2]/Key/Policy/PINPolicy/@PINUsageMode");
    }

    @Test
    void numberOfTransactions_refusedWithTheReason() {
      PskcError e = onlyError("<NumberOfTransactions>100</NumberOfTransactions>");
      assertThat(e.element()).isEqualTo("KeyPackage[2]/Key/Policy/NumberOfTransactions");
      assertThat(e.reason()).contains("cannot enforce");
    }

    @Test
    void unknownPolicyAttribute_refused() {
      PskcImport r =
          xml(
              container(
                  keyWithPolicy("bad", "S2", "<KeyUsage>OTP</KeyUsage>")
                      .replace("<Policy>", "<Policy Strict=\"yes\">")),
              PskcKey.none());
      assertThat(r.tokens()).isEmpty();
      assertThat(r.errors().get(0).element()).isEqualTo("KeyPackage[1]/Key/Policy/@Strict");
    }

    @Test
    void startAndExpiryDates_becomeTheValidity_narrowestOfKeyAndDevice() {
      String body =
          "<KeyPackage><DeviceInfo><SerialNo>S1</SerialNo>"
              + "<StartDate>2020-01-01T00:00:00Z</StartDate>"
              + "<ExpiryDate>2040-01-01T00:00:00Z</ExpiryDate></DeviceInfo>"
              + "<Key Id=\"k\" Algorithm=\""
              + HOTP
              + "\"><Data><Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret>"
              + "</Data><Policy><StartDate>2026-06-01T12:00:00+02:00</StartDate>"
              + "<ExpiryDate>2030-01-01T00:00:00Z</ExpiryDate><KeyUsage>OTP</KeyUsage></Policy>"
              + "</Key></KeyPackage>";
      HardwareToken t = xml(container(body), PskcKey.none()).requireComplete().get(0);
      assertThat(t.validFrom()).contains(Instant.parse("2026-06-01T10:00:00Z"));
      assertThat(t.validUntil()).contains(Instant.parse("2030-01-01T00:00:00Z"));
      assertThat(t.isNotYetValidAt(Instant.parse("2026-06-01T09:59:59Z"))).isTrue();
      assertThat(t.isExpiredAt(Instant.parse("2030-01-01T00:00:00Z"))).isTrue();
      // The device's dates narrow the key's further: the later start, the earlier expiry.
      HardwareToken narrower =
          xml(
                  container(
                      body.replace("2020-01-01T00:00:00Z", "2027-01-01T00:00:00Z")
                          .replace("2040-01-01T00:00:00Z", "2028-01-01T00:00:00Z")),
                  PskcKey.none())
              .requireComplete()
              .get(0);
      assertThat(narrower.validFrom()).contains(Instant.parse("2027-01-01T00:00:00Z"));
      assertThat(narrower.validUntil()).contains(Instant.parse("2028-01-01T00:00:00Z"));
    }

    @Test
    void pythonPskcPolicyFile_key1ImportedKeys2to4Refused() throws IOException {
      PskcImport r = PskcTest.resource("policy.xml", PskcKey.none());
      assertThat(r.tokens()).extracting(HardwareToken::keyId).containsExactly("policy-1");
      assertThat(r.errors())
          .extracting(PskcError::keyId)
          .containsExactly("policy-2", "policy-3", "policy-4");
      assertThat(r.errors())
          .extracting(PskcError::element)
          .containsExactly(
              "KeyPackage[2]/Key/Policy/Timezone",
              "KeyPackage[3]/Key/Policy/PINPolicy/@Reset",
              "KeyPackage[4]/Key/Policy/PINPolicy/Hint");
    }
  }

  @Nested
  @DisplayName("3. Bounded work: limits, never an Error")
  class Bounds {
    @Test
    void twoHundredThousandNestedElementsInSerialNo_refusedNamingTheDepthLimit() {
      int levels = 200_000; // the reporter's file: a StackOverflowError before
      String body =
          "<KeyPackage><DeviceInfo><SerialNo>"
              + "<a>".repeat(levels)
              + "x"
              + "</a>".repeat(levels)
              + "</SerialNo></DeviceInfo></KeyPackage>";
      InvalidInputException e = refused(container(body), PskcKey.none());
      assertThat(e.getMessage()).contains("limit of " + Pskc.MAX_ELEMENT_DEPTH);
      assertThat(e.field()).startsWith("KeyContainer/KeyPackage/DeviceInfo/SerialNo/a");
    }

    @Test
    void depthAtTheLimit_isFine_onePastIsRefused() {
      // KeyContainer(1)/KeyPackage(2)/Key(3)/Extensions(4)/b... up to the given total depth.
      java.util.function.IntFunction<String> file =
          depth ->
              container(
                  plainKey("k", "S1", HOTP, "")
                      .replace(
                          "</Key>",
                          "<Extensions>"
                              + "<b>".repeat(depth - 4)
                              + "</b>".repeat(depth - 4)
                              + "</Extensions></Key>"));
      assertThat(xml(file.apply(Pskc.MAX_ELEMENT_DEPTH), PskcKey.none()).requireComplete())
          .hasSize(1);
      assertThat(refused(file.apply(Pskc.MAX_ELEMENT_DEPTH + 1), PskcKey.none()).getMessage())
          .contains("nested deeper than the limit");
    }

    @Test
    void tooManyElementsInOneKeyPackage_refusedNamingTheLimit() {
      String body =
          plainKey("k", "S1", HOTP, "")
              .replace("</Key>", "<Extensions>" + "<e/>".repeat(10_000) + "</Extensions></Key>");
      InvalidInputException e = refused(container(body), PskcKey.none());
      assertThat(e.getMessage()).contains("limit of 10000 elements in one KeyPackage");
    }

    @Test
    void tooManyKeys_refusedNamingTheLimit() {
      InvalidInputException e =
          refused(container("<KeyPackage/>".repeat(Pskc.MAX_KEYS + 1)), PskcKey.none());
      assertThat(e.field()).isEqualTo("KeyContainer/KeyPackage");
      assertThat(e.getMessage()).contains("limit of " + Pskc.MAX_KEYS + " keys");
    }

    @Test
    void hugeTextInOneElement_refusedNamingTheLimit() {
      String body =
          "<KeyPackage><DeviceInfo><SerialNo>"
              + "<![CDATA[x]]>".repeat(70_000)
              + "</SerialNo></DeviceInfo></KeyPackage>";
      InvalidInputException e = refused(container(body), PskcKey.none());
      assertThat(e.field()).isEqualTo("KeyContainer/KeyPackage/DeviceInfo/SerialNo");
      assertThat(e.getMessage()).contains("limit of 65536 characters");
    }

    @Test
    void hugeTagOrText_refusedNamingTheRunLimit() {
      String attr = "<KeyPackage x=\"" + "y".repeat(2 * 1024 * 1024) + "\"/>";
      assertThat(refused(container(attr), PskcKey.none()).getMessage())
          .contains("limit of 1048576 bytes");
      // A long text is cut by whichever limit the parser's chunks reach first.
      String text = "<KeyPackage>" + "y".repeat(2 * 1024 * 1024) + "</KeyPackage>";
      assertThat(refused(container(text), PskcKey.none()).getMessage())
          .containsAnyOf("limit of 65536 characters", "limit of 1048576 bytes");
    }
  }

  @Nested
  @DisplayName("streaming errors: bad bytes are bad input, a failing stream is not")
  class StreamErrors {
    @Test
    void invalidUtf8_refusedNamingKeyContainer() {
      byte[] head =
          container("<KeyPackage><DeviceInfo><SerialNo>").getBytes(StandardCharsets.UTF_8);
      byte[] bad = java.util.Arrays.copyOf(head, head.length + 2);
      bad[head.length] = (byte) 0xC3;
      bad[head.length + 1] = (byte) 0x28;
      assertThatThrownBy(() -> Pskc.read(new java.io.ByteArrayInputStream(bad), PskcKey.none()))
          .isInstanceOf(InvalidInputException.class)
          .extracting(e -> ((InvalidInputException) e).field())
          .isEqualTo("KeyContainer");
    }

    @Test
    void failingStream_isAReadError_notBadInput() {
      InputStream broken =
          new InputStream() {
            @Override
            public int read() throws IOException {
              throw new IOException("disk on fire");
            }
          };
      assertThatThrownBy(() -> Pskc.read(broken, PskcKey.none()))
          .isInstanceOf(dev.rootguard.RootGuardException.class)
          .isNotInstanceOf(InvalidInputException.class)
          .hasMessageContaining("disk on fire");
    }
  }

  @Nested
  @DisplayName("4. Out-of-range values and foreign namespaces")
  class ValuesAndNamespaces {
    @Test
    void hugeTime_isAKeyErrorNamingTheElement() {
      PskcImport r =
          xml(
              container(
                  plainKey("k1", "S1", TOTP, "")
                      + plainKey(
                          "k2",
                          "S2",
                          TOTP,
                          "<Time><PlainValue>9223372036854775807</PlainValue></Time>")),
              PskcKey.none());
      assertThat(r.tokens()).extracting(HardwareToken::keyId).containsExactly("k1");
      assertThat(r.errors())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.keyId()).isEqualTo("k2");
                assertThat(e.element()).isEqualTo("KeyPackage[2]/Key/Data/Time");
              });
    }

    @Test
    void hugeYearInADate_isAKeyErrorNamingTheElement() {
      PskcImport r =
          xml(
              container(
                  plainKey("k1", "S1", HOTP, "")
                      .replace(
                          "</Data>",
                          "</Data><Policy><ExpiryDate>+999999999-12-31T23:59:59-18:00</ExpiryDate>"
                              + "</Policy>")),
              PskcKey.none());
      // Either imported (the instant exists) or refused naming the element; never an exception.
      if (!r.isComplete()) {
        assertThat(r.errors().get(0).element()).isEqualTo("KeyPackage[1]/Key/Policy/ExpiryDate");
      }
    }

    @Test
    void foreignSecretBeforeThePskcSecret_isNotRead() {
      String evil =
          "<evil:Secret xmlns:evil=\"urn:example:evil\"><evil:PlainValue>"
              + Base64.getEncoder().encodeToString(PLANTED)
              + "</evil:PlainValue></evil:Secret>";
      String key = plainKey("k1", "S1", HOTP, "").replace("<Data>", "<Data>" + evil);
      HardwareToken t = xml(container(key), PskcKey.none()).requireComplete().get(0);
      assertThat(t.revealSecret()).isEqualTo(PskcTest.ASCII_20);
    }

    @Test
    void onlyAForeignSecret_isMissingSecret() {
      String key =
          "<KeyPackage><Key Id=\"k1\" Algorithm=\""
              + HOTP
              + "\"><Data><evil:Secret xmlns:evil=\"urn:example:evil\"><PlainValue>"
              + Base64.getEncoder().encodeToString(PLANTED)
              + "</PlainValue></evil:Secret></Data></Key></KeyPackage>";
      PskcImport r = xml(container(key), PskcKey.none());
      assertThat(r.tokens()).isEmpty();
      assertThat(r.errors().get(0).element()).isEqualTo("KeyPackage[1]/Key/Data/Secret");
    }

    @Test
    void foreignKeyNameIsNotTheEncryptionKeyName() throws IOException {
      String f =
          figure6()
              .replace(
                  "<ds:KeyName>Pre-shared-key</ds:KeyName>",
                  "<evil:KeyName xmlns:evil=\"urn:example:evil\">Pre-shared-key</evil:KeyName>");
      assertThat(refused(f, PskcKey.preShared("Pre-shared-key", FIGURE6_KEY)).field())
          .isEqualTo("EncryptionKey");
    }

    @Test
    void timeIsAStepCount_notT0() {
      HardwareToken t =
          xml(
                  container(
                      plainKey(
                          "k1",
                          "S1",
                          TOTP,
                          "<Time><PlainValue>59000000</PlainValue></Time>"
                              + "<TimeInterval><PlainValue>30</PlainValue></TimeInterval>")),
                  PskcKey.none())
              .requireComplete()
              .get(0);
      assertThat(t.t0()).isEqualTo(Instant.EPOCH);
    }
  }

  @Nested
  @DisplayName("6. Repeated serials refuse the file")
  class RepeatedSerials {
    @Test
    void twoKeysOneSerial_refusedNamingTheSerialAndBothKeys() {
      String body =
          plainKey("slot-1", "YK-5551234", HOTP, "")
              + plainKey("other", "S2", HOTP, "")
              + plainKey("slot-2", "YK-5551234", TOTP, "");
      InvalidInputException e = refused(container(body), PskcKey.none());
      assertThat(e.field()).isEqualTo("KeyPackage[3]/DeviceInfo/SerialNo");
      assertThat(e.getMessage())
          .contains("'YK-5551234'")
          .contains("'slot-1' (KeyPackage[1])")
          .contains("'slot-2' (KeyPackage[3])");
    }

    @Test
    void keysWithoutSerial_areNamedByTheirIds_soDistinctIdsImport() {
      String body =
          "<KeyPackage><Key Id=\"a\" Algorithm=\""
              + HOTP
              + "\"><Data><Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret>"
              + "</Data></Key></KeyPackage>"
              + "<KeyPackage><Key Id=\"b\" Algorithm=\""
              + HOTP
              + "\"><Data><Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret>"
              + "</Data></Key></KeyPackage>";
      assertThat(xml(container(body), PskcKey.none()).requireComplete())
          .extracting(HardwareToken::serial)
          .containsExactly("a", "b");
    }
  }

  @Nested
  @DisplayName("Refusals found by the fuzz suite (fuzz/, PskcFuzzTest)")
  class FuzzFindings {
    @Test
    void malformedXmlDeclaration_refusalDoesNotQuoteThePlainValueAfterIt() {
      String seed = "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=";
      String file =
          "<?xml version=\"1.   <PlainValue>"
              + seed
              + "\n</PlainValue>\n<KeyContainer Version=\"1.0\""
              + " xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\"/>\n";
      InvalidInputException e = refused(file, PskcKey.none());
      assertThat(e.field()).isEqualTo("KeyContainer");
      assertThat(e.getMessage()).contains("not well-formed XML at line ").doesNotContain(seed);
      assertThat(e.getMessage()).doesNotContain("MTIz");
    }

    @Test
    void doctypeWhoseErrorTheJdkCannotFormat_isBadInputNotAMissingResourceException() {
      // The JDK's StAX parser reports this DOCTYPE with a message key it lacks and throws
      // MissingResourceException (InvalidCharInDTD) instead of an XMLStreamException.
      String file =
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE KeyContainer [ <!ENTITY xxe"
              + " SYSTEM \"   <DeviceInfo><SerialNo>&xxe;</SerialNo></DeviceInfo>\n  <?xmlv"
              + " ersion=\"1. \">]>\n<KeyContainer/>\n";
      InvalidInputException e = refused(file, PskcKey.none());
      assertThat(e.field()).isIn("KeyContainer", "DOCTYPE");
    }

    @Test
    void unknownEncodingInTheXmlDeclaration_isBadInputNotAReadFailure() {
      String file =
          "<?xml version=\"1.0\" encoding=\"UT-F8\"?>\n<KeyContainer Version=\"1.0\""
              + " xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\"/>\n";
      InvalidInputException e = refused(file, PskcKey.none());
      assertThat(e.field()).isEqualTo("KeyContainer");
    }
  }
}
