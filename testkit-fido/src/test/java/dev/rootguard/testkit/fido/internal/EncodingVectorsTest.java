package dev.rootguard.testkit.fido.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The internal encoders against byte strings written out by hand from the specs: RFC 8949 Appendix
 * A for CBOR, RFC 9053 §7.1.1 / WebAuthn §6.5.1.1 for the ES256 COSE key, WebAuthn §6.1 for
 * authenticator data.
 */
class EncodingVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  private static String hex(Cbor c) {
    return HEX.formatHex(c.toByteArray());
  }

  @Test
  void cbor_matchesRfc8949AppendixA() {
    assertThat(hex(new Cbor().integer(0))).isEqualTo("00");
    assertThat(hex(new Cbor().integer(23))).isEqualTo("17");
    assertThat(hex(new Cbor().integer(24))).isEqualTo("1818");
    assertThat(hex(new Cbor().integer(100))).isEqualTo("1864");
    assertThat(hex(new Cbor().integer(1000))).isEqualTo("1903e8");
    assertThat(hex(new Cbor().integer(1000000))).isEqualTo("1a000f4240");
    assertThat(hex(new Cbor().integer(1000000000000L))).isEqualTo("1b000000e8d4a51000");
    assertThat(hex(new Cbor().integer(-1))).isEqualTo("20");
    assertThat(hex(new Cbor().integer(-10))).isEqualTo("29");
    assertThat(hex(new Cbor().integer(-100))).isEqualTo("3863");
    assertThat(hex(new Cbor().integer(-1000))).isEqualTo("3903e7");
    assertThat(hex(new Cbor().bytes(new byte[] {1, 2, 3, 4}))).isEqualTo("4401020304");
    assertThat(hex(new Cbor().text("a"))).isEqualTo("6161");
    assertThat(hex(new Cbor().text("IETF"))).isEqualTo("6449455446");
    assertThat(hex(new Cbor().text("\u00fc"))).isEqualTo("62c3bc");
    assertThat(hex(new Cbor().array(0))).isEqualTo("80");
    assertThat(hex(new Cbor().map(0))).isEqualTo("a0");
    assertThat(hex(new Cbor().array(3).integer(1).integer(2).integer(3))).isEqualTo("83010203");
    assertThat(hex(new Cbor().map(2).text("a").integer(1).text("b").array(2).integer(2).integer(3)))
        .isEqualTo("a26161016162820203");
  }

  @Test
  void coseKey_isTheEs256Ec2Map_andRawKeyIsTheUncompressedPoint() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    // a key whose x or y has a leading zero byte tests the fixed 32-byte padding too
    for (int i = 0; i < 64; i++) {
      ECPublicKey key = (ECPublicKey) g.generateKeyPair().getPublic();
      String x = String.format("%064x", key.getW().getAffineX());
      String y = String.format("%064x", key.getW().getAffineY());
      assertThat(HEX.formatHex(CoseKeys.es256(key)))
          .isEqualTo("a5" + "0102" + "0326" + "2001" + "215820" + x + "225820" + y);
      assertThat(HEX.formatHex(CoseKeys.raw(key))).isEqualTo("04" + x + y);
      assertThat(new BigInteger(x, 16)).isEqualTo(key.getW().getAffineX());
    }
  }

  @Test
  void authenticatorData_layoutOfWebAuthn61() {
    byte[] rpIdHash = new byte[32];
    rpIdHash[0] = (byte) 0xaa;
    rpIdHash[31] = (byte) 0xbb;
    String hash = "aa" + "00".repeat(30) + "bb";
    int flags = AuthenticatorData.flags(true, true, true, false);
    assertThat(flags).isEqualTo(0x01 | 0x04 | 0x08 | 0x10);
    assertThat(AuthenticatorData.flags(false, false, true, true)).isEqualTo(0x01 | 0x40);
    assertThat(HEX.formatHex(AuthenticatorData.forAssertion(rpIdHash, flags, 0xfffffffeL)))
        .isEqualTo(hash + "1d" + "fffffffe");
    UUID aaguid = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
    byte[] reg =
        AuthenticatorData.forRegistration(
            rpIdHash, 0x41, 1, aaguid, new byte[] {9, 8, 7}, new byte[] {(byte) 0xa0});
    assertThat(HEX.formatHex(reg))
        .isEqualTo(
            hash
                + "41"
                + "00000001"
                + "00112233445566778899aabbccddeeff"
                + "0003"
                + "090807"
                + "a0");
  }
}
