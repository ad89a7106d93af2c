package dev.rootguard.testkit.fido.internal;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.interfaces.ECPublicKey;

/**
 * Encodes a P-256 public key the two ways FIDO needs it: as a COSE_Key (RFC 9053 §7.1.1, EC2 with
 * ES256, for WebAuthn attested credential data) and as the raw uncompressed point (SEC1 {@code 0x04
 * || x || y}, for U2F registration data). Stateless and thread-safe.
 *
 * <pre>{@code
 * byte[] cose = CoseKeys.es256((ECPublicKey) keyPair.getPublic());
 * }</pre>
 */
public final class CoseKeys {
  private CoseKeys() {}

  /**
   * Returns the COSE_Key map {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}.
   *
   * @param key a P-256 public key
   * @return the CBOR encoding
   */
  public static byte[] es256(ECPublicKey key) {
    return new Cbor()
        .map(5)
        .integer(1)
        .integer(2)
        .integer(3)
        .integer(-7)
        .integer(-1)
        .integer(1)
        .integer(-2)
        .bytes(fixed(key.getW().getAffineX()))
        .integer(-3)
        .bytes(fixed(key.getW().getAffineY()))
        .toByteArray();
  }

  /**
   * Returns the uncompressed point {@code 0x04 || x || y} (65 bytes).
   *
   * @param key a P-256 public key
   * @return the raw public key
   */
  public static byte[] raw(ECPublicKey key) {
    byte[] x = fixed(key.getW().getAffineX());
    byte[] y = fixed(key.getW().getAffineY());
    return ByteBuffer.allocate(65).put((byte) 4).put(x).put(y).array();
  }

  private static byte[] fixed(BigInteger v) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(b.length, 32);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
  }
}
