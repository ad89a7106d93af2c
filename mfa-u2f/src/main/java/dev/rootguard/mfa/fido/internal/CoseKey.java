package dev.rootguard.mfa.fido.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;

/**
 * The parts of a COSE_Key (RFC 9053) RootGuard reads itself: key type, algorithm, curve and the EC2
 * coordinates. Everything else is left to java-webauthn-server.
 *
 * @param kty key type (2 = EC2)
 * @param alg algorithm (-7 = ES256)
 * @param crv curve (1 = P-256), or 0
 * @param x the x coordinate, or null
 * @param y the y coordinate, or null
 */
public record CoseKey(int kty, int alg, int crv, ByteArrayView x, ByteArrayView y) {

  /**
   * Parses a COSE key.
   *
   * @param cose the CBOR bytes
   * @return the key
   * @throws Malformed if it is not a COSE key map
   */
  public static CoseKey parse(byte[] cose) {
    JsonNode m = Codec.parseCbor(cose);
    if (!m.isObject()) {
      throw new Malformed("publicKey: not a COSE map");
    }
    int kty = m.path("1").asInt(0);
    int alg = m.path("3").asInt(0);
    int crv = m.path("-1").asInt(0);
    ByteArrayView x = binary(m.get("-2"));
    ByteArrayView y = binary(m.get("-3"));
    return new CoseKey(kty, alg, crv, x, y);
  }

  private static ByteArrayView binary(JsonNode n) {
    if (n == null || !n.isBinary()) {
      return null;
    }
    try {
      return new ByteArrayView(n.binaryValue());
    } catch (java.io.IOException e) {
      throw new Malformed("publicKey: bad coordinate");
    }
  }

  /**
   * Returns whether this is an ES256 key on P-256 with both coordinates.
   *
   * @return true for ES256
   */
  public boolean isEs256() {
    return kty == 2
        && alg == -7
        && crv == 1
        && x != null
        && y != null
        && x.bytes().length == 32
        && y.bytes().length == 32;
  }

  /**
   * Converts an uncompressed P-256 point (U2F raw public key, {@code 0x04 || x || y}) into an ES256
   * COSE key.
   *
   * @param raw the 65-byte point
   * @return the COSE key bytes
   * @throws IllegalArgumentException if the point is not 65 bytes starting with 0x04
   */
  public static byte[] fromRawP256(byte[] raw) {
    if (raw.length != 65 || raw[0] != 0x04) {
      throw new IllegalArgumentException("publicKey: not an uncompressed P-256 point (65 bytes)");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xa5); // map(5)
    out.write(0x01); // 1: kty
    out.write(0x02); // EC2
    out.write(0x03); // 3: alg
    out.write(0x26); // -7
    out.write(0x20); // -1: crv
    out.write(0x01); // P-256
    out.write(0x21); // -2: x
    out.write(0x58);
    out.write(32);
    out.write(raw, 1, 32);
    out.write(0x22); // -3: y
    out.write(0x58);
    out.write(32);
    out.write(raw, 33, 32);
    return out.toByteArray();
  }
}
