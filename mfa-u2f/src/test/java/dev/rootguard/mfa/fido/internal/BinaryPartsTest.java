package dev.rootguard.mfa.fido.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The binary pieces of a WebAuthn response that RootGuard reads itself (authenticator data, COSE
 * keys, ES256 signatures), checked against bytes laid out by hand from WebAuthn §6.1, RFC 9052/9053
 * and X.690, and against signatures made by the JDK's own ECDSA (not Bouncy Castle, which {@link
 * Es256} uses).
 */
class BinaryPartsTest {
  private static KeyPair pair;
  private static byte[] x;
  private static byte[] y;

  @BeforeAll
  static void keyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    pair = g.generateKeyPair();
    ECPublicKey pub = (ECPublicKey) pair.getPublic();
    x = fixed32(pub.getW().getAffineX());
    y = fixed32(pub.getW().getAffineY());
  }

  private static byte[] fixed32(BigInteger v) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(b.length, 32);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  /** A COSE_Key map(5) with integer labels, each header byte given as its CBOR encoding. */
  private static byte[] cose(int kty, int alg, int crv, byte[] cx, byte[] cy) {
    return concat(
        bytes(0xa5, 0x01, kty, 0x03, alg, 0x20, crv),
        bytes(0x21, 0x58, cx.length),
        cx,
        bytes(0x22, 0x58, cy.length),
        cy);
  }

  private static byte[] sign(byte[] data) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(pair.getPrivate());
    s.update(data);
    return s.sign();
  }

  // --- authenticator data (WebAuthn §6.1): rpIdHash(32) | flags(1) | signCount(4, big-endian) ---

  private static byte[] authData(int flags, int c0, int c1, int c2, int c3) {
    byte[] hash = new byte[32];
    for (int i = 0; i < 32; i++) {
      hash[i] = (byte) (i * 7 + 1);
    }
    return concat(hash, bytes(flags, c0, c1, c2, c3));
  }

  @Test
  void authenticatorData_counterIsUnsigned32BitBigEndian() {
    AuthenticatorData d = AuthenticatorData.parse(authData(0x01, 0xff, 0xff, 0xff, 0xfe));
    assertThat(d.signCount()).isEqualTo(4_294_967_294L);
    assertThat(AuthenticatorData.parse(authData(0x01, 0x00, 0x00, 0x01, 0x02)).signCount())
        .isEqualTo(258L);
  }

  @Test
  void authenticatorData_flagsByteIsUnsigned_andEachFlagReadOnItsOwn() {
    // ED (0x80) | AT | UV | UP: the top bit must not turn the byte negative
    AuthenticatorData d = AuthenticatorData.parse(authData(0xc5, 0, 0, 0, 0));
    assertThat(d.flags()).isEqualTo(0xc5);
    assertThat(d.has(AuthenticatorData.UP)).isTrue();
    assertThat(d.has(AuthenticatorData.UV)).isTrue();
    assertThat(d.has(AuthenticatorData.AT)).isTrue();
    assertThat(d.has(AuthenticatorData.BE)).isFalse();
    assertThat(d.has(AuthenticatorData.BS)).isFalse();

    AuthenticatorData none = AuthenticatorData.parse(authData(0x00, 0, 0, 0, 0));
    assertThat(none.has(AuthenticatorData.UP)).isFalse();
  }

  @Test
  void authenticatorData_rpIdHashIsTheFirst32Bytes_copied() {
    byte[] data = authData(0x01, 0, 0, 0, 7);
    byte[] expected = Arrays.copyOf(data, 32);
    AuthenticatorData d = AuthenticatorData.parse(data);
    data[0] ^= 0x55;
    assertThat(d.rpIdHash().bytes()).isEqualTo(expected);
  }

  @Test
  void authenticatorData_exactly37BytesIsEnough_36IsMalformed() {
    assertThat(AuthenticatorData.parse(authData(0x01, 0, 0, 0, 1)).signCount()).isEqualTo(1L);
    byte[] short36 = Arrays.copyOf(authData(0x01, 0, 0, 0, 1), 36);
    assertThatThrownBy(() -> AuthenticatorData.parse(short36))
        .isInstanceOf(Malformed.class)
        .hasMessageContaining("authenticatorData");
  }

  // --- COSE keys (RFC 9053 §7.1.1: kty 2 = EC2, alg -7 = ES256, crv 1 = P-256) ---

  @Test
  void coseKey_fromRawP256_isTheCanonicalEs256Map() {
    byte[] raw = concat(bytes(0x04), x, y);
    assertThat(CoseKey.fromRawP256(raw)).isEqualTo(cose(0x02, 0x26, 0x01, x, y));
  }

  @Test
  void coseKey_fromRawP256_refusesAnythingButAn65ByteUncompressedPoint() {
    assertThatThrownBy(() -> CoseKey.fromRawP256(concat(bytes(0x04), x, Arrays.copyOf(y, 31))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("publicKey");
    assertThatThrownBy(() -> CoseKey.fromRawP256(concat(bytes(0x04), x, y, bytes(0))))
        .isInstanceOf(IllegalArgumentException.class);
    // 0x02 is a compressed-point prefix; 65 bytes of it are not a point RootGuard accepts
    assertThatThrownBy(() -> CoseKey.fromRawP256(concat(bytes(0x02), x, y)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("publicKey");
  }

  @Test
  void coseKey_parse_readsLabelsAndCoordinates() {
    CoseKey k = CoseKey.parse(cose(0x02, 0x26, 0x01, x, y));
    assertThat(k.kty()).isEqualTo(2);
    assertThat(k.alg()).isEqualTo(-7);
    assertThat(k.crv()).isEqualTo(1);
    assertThat(k.x().bytes()).isEqualTo(x);
    assertThat(k.y().bytes()).isEqualTo(y);
    assertThat(k.isEs256()).isTrue();
  }

  @Test
  void coseKey_isEs256_onlyForEc2P256Es256WithTwo32ByteCoordinates() {
    assertThat(CoseKey.parse(cose(0x03, 0x26, 0x01, x, y)).isEs256()).as("kty RSA").isFalse();
    assertThat(CoseKey.parse(cose(0x02, 0x27, 0x01, x, y)).isEs256()).as("alg EdDSA").isFalse();
    assertThat(CoseKey.parse(cose(0x02, 0x26, 0x02, x, y)).isEs256()).as("crv P-384").isFalse();
    assertThat(CoseKey.parse(cose(0x02, 0x26, 0x01, Arrays.copyOf(x, 31), y)).isEs256())
        .as("short x")
        .isFalse();
    assertThat(CoseKey.parse(cose(0x02, 0x26, 0x01, x, Arrays.copyOf(y, 33))).isEs256())
        .as("long y")
        .isFalse();
    assertThat(new CoseKey(2, -7, 1, null, new ByteArrayView(y)).isEs256()).as("no x").isFalse();
    assertThat(new CoseKey(2, -7, 1, new ByteArrayView(x), null).isEs256()).as("no y").isFalse();
  }

  @Test
  void coseKey_parse_missingOrNonBinaryCoordinatesAreNull() {
    // map(3) {1: 2, 3: -7, -2: "text"}: no y at all, x not a byte string
    byte[] partial = concat(bytes(0xa3, 0x01, 0x02, 0x03, 0x26, 0x21, 0x64), "text".getBytes());
    CoseKey k = CoseKey.parse(partial);
    assertThat(k.x()).isNull();
    assertThat(k.y()).isNull();
    assertThat(k.crv()).isZero();
    assertThat(k.isEs256()).isFalse();
  }

  @Test
  void coseKey_parse_notAMapIsMalformed() {
    assertThatThrownBy(() -> CoseKey.parse(bytes(0x82, 0x01, 0x02)))
        .isInstanceOf(Malformed.class)
        .hasMessageContaining("publicKey");
    assertThatThrownBy(() -> CoseKey.parse(bytes(0xff, 0xff))).isInstanceOf(Malformed.class);
  }

  // --- ES256 signatures ---

  @Test
  void es256_acceptsAJdkSignature_andRefusesItOverOtherData() throws Exception {
    byte[] data = "authenticator data || clientDataHash".getBytes(StandardCharsets.UTF_8);
    byte[] der = sign(data);
    CoseKey key = CoseKey.parse(cose(0x02, 0x26, 0x01, x, y));
    Es256 es = new Es256();
    assertThat(es.verify(key, data, der)).isTrue();
    assertThat(es.verify(key, data, der)).as("again, from the key cache").isTrue();
    byte[] other = data.clone();
    other[0] ^= 1;
    assertThat(es.verify(key, other, der)).isFalse();
  }

  @Test
  void es256_refusesBerThatIsNotStrictDer() throws Exception {
    byte[] data = "signed".getBytes(StandardCharsets.UTF_8);
    byte[] der = sign(data);
    assertThat(der[0]).isEqualTo((byte) 0x30);
    assertThat(der[1] & 0xff).isLessThan(0x80);
    // the same SEQUENCE with its length in long form (0x81 LL): valid BER, not DER (X.690 §10.1)
    byte[] ber = concat(bytes(0x30, 0x81, der[1] & 0xff), Arrays.copyOfRange(der, 2, der.length));
    CoseKey key = CoseKey.parse(cose(0x02, 0x26, 0x01, x, y));
    assertThat(new Es256().verify(key, data, der)).isTrue();
    assertThat(new Es256().verify(key, data, ber)).isFalse();
  }

  @Test
  void es256_refusesGarbageAndWrongShapedSequences() throws Exception {
    byte[] data = "signed".getBytes(StandardCharsets.UTF_8);
    CoseKey key = CoseKey.parse(cose(0x02, 0x26, 0x01, x, y));
    Es256 es = new Es256();
    assertThat(es.verify(key, data, bytes(0x01, 0x02, 0x03))).isFalse();
    // SEQUENCE { INTEGER 1 }: one integer, not (r, s)
    assertThat(es.verify(key, data, bytes(0x30, 0x03, 0x02, 0x01, 0x01))).isFalse();
    // SEQUENCE { 1, 1, 1 }
    assertThat(es.verify(key, data, bytes(0x30, 0x09, 2, 1, 1, 2, 1, 1, 2, 1, 1))).isFalse();
    // INTEGER 1 alone, not a SEQUENCE
    assertThat(es.verify(key, data, bytes(0x02, 0x01, 0x01))).isFalse();
  }

  @Test
  void es256_refusesAPointNotOnTheCurve() throws Exception {
    byte[] data = "signed".getBytes(StandardCharsets.UTF_8);
    byte[] der = sign(data);
    byte[] badY = y.clone();
    badY[31] ^= 1;
    assertThat(new Es256().verify(CoseKey.parse(cose(0x02, 0x26, 0x01, x, badY)), data, der))
        .isFalse();
  }

  // --- ByteArrayView ---

  @Test
  void byteArrayView_equalByContent_base64UrlText() {
    ByteArrayView a = new ByteArrayView(bytes(0xfb, 0xff, 0x01));
    ByteArrayView b = new ByteArrayView(bytes(0xfb, 0xff, 0x01));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new ByteArrayView(bytes(0xfb, 0xff, 0x02)));
    assertThat(a.equals(bytes(0xfb, 0xff, 0x01))).as("a raw array is not a view").isFalse();
    assertThat(a.sameAs(bytes(0xfb, 0xff, 0x01))).isTrue();
    assertThat(a.sameAs(bytes(0xfb, 0xff))).isFalse();
    assertThat(a.toString())
        .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(0xfb, 0xff, 0x01)))
        .isEqualTo("-_8B");
  }
}
