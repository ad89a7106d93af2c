package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PSKC {@code <Data>} integers (Counter, TimeInterval, Time, TimeDrift) given as {@code
 * <EncryptedValue>} (RFC 6030 §6.1: an encrypted integer is the big-endian binary integer, which
 * python3-pskc also reads as ASCII digits when every byte is one), and files whose MACMethod is
 * HMAC-SHA224/-384/-512. The files are encrypted here with the JDK's AES/HMAC directly (not with
 * our reader's code), and, where python3-pskc is installed, written by python3-pskc.
 */
class PskcEncryptedDataTest {
  static final byte[] PSK = HexFormat.of().parseHex("0f0e0d0c0b0a09080706050403020100");
  static final byte[] MAC_KEY =
      HexFormat.of().parseHex("a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf");
  static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  static final String XMLDSIG = "http://www.w3.org/2000/09/xmldsig#";
  static final String XMLDSIG_MORE = "http://www.w3.org/2001/04/xmldsig-more#";

  @TempDir Path dir;

  /** Builds encrypted PSKC files the way RFC 6030 §6.1 describes, with one HOTP/TOTP key. */
  static final class Writer {
    final String macUri;
    final String macJca;
    int ivCounter;

    Writer(String macUri, String macJca) {
      this.macUri = macUri;
      this.macJca = macJca;
    }

    /** IV || AES-128-CBC(PKCS#7) of {@code plain} under the PSK. */
    byte[] encrypt(byte[] plain) {
      try {
        byte[] iv = new byte[16];
        iv[15] = (byte) ++ivCounter;
        iv[0] = (byte) 0x5a;
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(PSK, "AES"), new IvParameterSpec(iv));
        byte[] ct = c.doFinal(plain);
        byte[] out = new byte[16 + ct.length];
        System.arraycopy(iv, 0, out, 0, 16);
        System.arraycopy(ct, 0, out, 16, ct.length);
        return out;
      } catch (GeneralSecurityException e) {
        throw new AssertionError(e);
      }
    }

    String encryptedValue(byte[] plain) {
      try {
        byte[] cv = encrypt(plain);
        Mac m = Mac.getInstance(macJca);
        m.init(new SecretKeySpec(MAC_KEY, macJca));
        return "<EncryptedValue><xenc:EncryptionMethod"
            + " Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes128-cbc\"/>"
            + "<xenc:CipherData><xenc:CipherValue>"
            + Base64.getEncoder().encodeToString(cv)
            + "</xenc:CipherValue></xenc:CipherData></EncryptedValue><ValueMAC>"
            + Base64.getEncoder().encodeToString(m.doFinal(cv))
            + "</ValueMAC>";
      } catch (GeneralSecurityException e) {
        throw new AssertionError(e);
      }
    }

    /** A file with one key; {@code data} is the XML after the Secret inside {@code <Data>}. */
    String file(String type, String data) {
      return "<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\""
          + " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\""
          + " xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\">"
          + "<EncryptionKey><ds:KeyName>PSK</ds:KeyName></EncryptionKey>"
          + "<MACMethod Algorithm=\""
          + macUri
          + "\"><MACKey><xenc:EncryptionMethod"
          + " Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes128-cbc\"/>"
          + "<xenc:CipherData><xenc:CipherValue>"
          + Base64.getEncoder().encodeToString(encrypt(MAC_KEY))
          + "</xenc:CipherValue></xenc:CipherData></MACKey></MACMethod>"
          + "<KeyPackage><DeviceInfo><SerialNo>S-1</SerialNo></DeviceInfo>"
          + "<Key Id=\"k1\" Algorithm=\"urn:ietf:params:xml:ns:keyprov:pskc:"
          + type
          + "\"><Data><Secret>"
          + encryptedValue(SEED)
          + "</Secret>"
          + data
          + "</Data></Key></KeyPackage></KeyContainer>";
    }

    String integer(String element, byte[] plain) {
      return "<" + element + ">" + encryptedValue(plain) + "</" + element + ">";
    }
  }

  static final Writer SHA1 = new Writer(XMLDSIG + "hmac-sha1", "HmacSHA1");

  static PskcImport read(String xml) {
    return Pskc.read(
        new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
        PskcKey.preShared("PSK", PSK));
  }

  static byte[] bigEndian(long v, int bytes) {
    byte[] b = new byte[bytes];
    for (int i = bytes - 1; i >= 0; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    return b;
  }

  @ParameterizedTest(name = "{0} in {1} bytes")
  @CsvSource({
    "0, 1",
    "5, 1",
    "255, 1",
    "256, 2",
    "258, 2",
    "65536, 3",
    "4294967296, 5",
    "72057594037927936, 8",
    "9223372036854775807, 8"
  })
  void encryptedCounter_bigEndianBinary_read(long counter, int bytes) {
    HardwareToken t =
        read(SHA1.file("hotp", SHA1.integer("Counter", bigEndian(counter, bytes))))
            .requireComplete()
            .get(0);
    assertThat(t.counter()).isEqualTo(counter);
    assertThat(t.revealSecret()).isEqualTo(SEED);
  }

  @Test
  void encryptedCounter_leadingZeroBytes_sameValue() {
    HardwareToken t =
        read(SHA1.file("hotp", SHA1.integer("Counter", new byte[] {0, 0, 0, 0, 0, 0, 1, 2})))
            .requireComplete()
            .get(0);
    assertThat(t.counter()).isEqualTo(258);
  }

  @Test
  void encryptedCounter_asciiDigits_read() {
    HardwareToken t =
        read(SHA1.file("hotp", SHA1.integer("Counter", "1234".getBytes(StandardCharsets.US_ASCII))))
            .requireComplete()
            .get(0);
    assertThat(t.counter()).isEqualTo(1234);
    // 18 ASCII digits are still digits
    HardwareToken big =
        read(SHA1.file(
                "hotp",
                SHA1.integer("Counter", "123456789012345678".getBytes(StandardCharsets.US_ASCII))))
            .requireComplete()
            .get(0);
    assertThat(big.counter()).isEqualTo(123456789012345678L);
    // not all digits: the bytes are a big-endian integer ("12A" = 0x313241)
    HardwareToken mixed =
        read(SHA1.file("hotp", SHA1.integer("Counter", "12A".getBytes(StandardCharsets.US_ASCII))))
            .requireComplete()
            .get(0);
    assertThat(mixed.counter()).isEqualTo(0x313241);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "empty, ''",
    "nine bytes, 010000000000000000",
    "nineteen ASCII digits, 31323334353637383930313233343536373839"
  })
  void encryptedCounter_notAnIntegerOf1To8Bytes_keyRefusedNamingTheElement(
      String what, String hex) {
    PskcImport r = read(SHA1.file("hotp", SHA1.integer("Counter", HexFormat.of().parseHex(hex))));
    assertThat(r.tokens()).as(what).isEmpty();
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.keyId()).isEqualTo("k1");
              assertThat(e.element()).endsWith("Data/Counter/EncryptedValue");
              assertThat(e.reason()).contains("1 to 8 bytes");
            });
  }

  @Test
  void encryptedCounter_negativeAsEightBytes_keyRefusedNamingCounter() {
    PskcImport r = read(SHA1.file("hotp", SHA1.integer("Counter", bigEndian(-1, 8))));
    assertThat(r.tokens()).isEmpty();
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.element()).endsWith("Data/Counter");
              assertThat(e.reason()).contains("-1");
            });
  }

  @Test
  void encryptedTotpFields_read() {
    String data =
        SHA1.integer("TimeInterval", bigEndian(60, 1))
            + SHA1.integer("Time", bigEndian(29_000_000, 4))
            + SHA1.integer("TimeDrift", bigEndian(4, 2));
    HardwareToken t = read(SHA1.file("totp", data)).requireComplete().get(0);
    assertThat(t.timeStep()).isEqualTo(Duration.ofSeconds(60));
    assertThat(t.timeDrift()).isEqualTo(4);
  }

  @Test
  void encryptedTimeDrift_beyondAnInt_keyRefusedNamingTimeDrift() {
    PskcImport r = read(SHA1.file("totp", SHA1.integer("TimeDrift", bigEndian(1L << 31, 4))));
    assertThat(r.tokens()).isEmpty();
    assertThat(r.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.element()).endsWith("Data/TimeDrift"));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    "http://www.w3.org/2001/04/xmldsig-more#hmac-sha224, HmacSHA224",
    "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256, HmacSHA256",
    "http://www.w3.org/2001/04/xmldsig-more#hmac-sha384, HmacSHA384",
    "http://www.w3.org/2001/04/xmldsig-more#hmac-sha512, HmacSHA512",
    "http://www.w3.org/2000/09/xmldsig#hmac-sha1, HmacSHA1"
  })
  void macMethods_sha1AndSha2_valuesChecked(String uri, String jca) {
    Writer w = new Writer(uri, jca);
    HardwareToken t =
        read(w.file("hotp", w.integer("Counter", bigEndian(300, 2)))).requireComplete().get(0);
    assertThat(t.counter()).isEqualTo(300);
    assertThat(t.revealSecret()).isEqualTo(SEED);
  }

  @ParameterizedTest(name = "declared {0}, computed {1}")
  @CsvSource({
    "hmac-sha224, HmacSHA256",
    "hmac-sha256, HmacSHA224",
    "hmac-sha384, HmacSHA512",
    "hmac-sha512, HmacSHA384",
    "hmac-sha384, HmacSHA1"
  })
  void macMethod_otherThanTheValueMacs_macCheckFails(String declared, String computed) {
    Writer w = new Writer(XMLDSIG_MORE + declared, computed);
    PskcImport r = read(w.file("hotp", ""));
    assertThat(r.tokens()).isEmpty();
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.element()).endsWith("Data/Secret/ValueMAC");
              assertThat(e.reason()).contains("MAC check failed");
            });
  }

  // ---- cross-check: files written by python3-pskc with every Data integer encrypted ----

  static final String PY_WRITER =
      String.join(
          "\n",
          "import sys, pskc",
          "p = pskc.PSKC()",
          "h = p.add_key(id='h1', serial='H-1', secret=b'12345678901234567890',",
          "    algorithm='urn:ietf:params:xml:ns:keyprov:pskc:hotp', response_length=6,",
          "    response_encoding='DECIMAL')",
          "h.counter = int(sys.argv[2])",
          "t = p.add_key(id='t1', serial='T-1', secret=b'12345678901234567890',",
          "    algorithm='urn:ietf:params:xml:ns:keyprov:pskc:totp', response_length=8,",
          "    response_encoding='DECIMAL')",
          "t.time_interval = 60; t.time_drift = 3",
          "p.encryption.setup_preshared_key(key=bytes.fromhex('"
              + "0f0e0d0c0b0a09080706050403020100"
              + "'), key_name='PSK',",
          "    fields=['secret', 'counter', 'time_interval', 'time_drift'])",
          "p.mac.setup(algorithm=sys.argv[3])",
          "p.write(sys.argv[1])");

  @ParameterizedTest(name = "counter {0}, {1}")
  @CsvSource({"4294967296, hmac-sha384", "258, hmac-sha512", "0, hmac-sha224", "300000, hmac-sha1"})
  void pythonPskc_encryptedIntegers_sameValues(long counter, String mac) throws IOException {
    ExternalTools.requirePythonPskc();
    Path f = dir.resolve("py.pskc");
    ExternalTools.python(dir, PY_WRITER, f.toString(), Long.toString(counter), mac);
    String xml = Files.readString(f);
    assertThat(xml).contains("pskc:Counter").doesNotContain("PlainValue");
    PskcImport r;
    try (InputStream in = Files.newInputStream(f)) {
      r = Pskc.read(in, PskcKey.preShared("PSK", PSK));
    }
    assertThat(r.errors()).isEmpty();
    HardwareToken h = r.tokens().get(0);
    HardwareToken t = r.tokens().get(1);
    assertThat(h.counter()).isEqualTo(counter);
    assertThat(h.revealSecret()).isEqualTo(SEED);
    assertThat(t.timeStep()).isEqualTo(Duration.ofSeconds(60));
    assertThat(t.timeDrift()).isEqualTo(3);
    assertThat(t.digits()).isEqualTo(8);
  }
}
