package dev.rootguard.testkit.fido.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * SHA-256 and byte concatenation, the two byte operations every FIDO message needs. Stateless and
 * thread-safe.
 *
 * <pre>{@code
 * byte[] rpIdHash = Digests.sha256("example.com");
 * }</pre>
 */
public final class Digests {
  private Digests() {}

  /**
   * Hashes the UTF-8 bytes of a string.
   *
   * @param s the string
   * @return SHA-256 of its UTF-8 encoding
   */
  public static byte[] sha256(String s) {
    return sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Hashes bytes.
   *
   * @param b the bytes
   * @return their SHA-256
   */
  public static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    }
  }

  /**
   * Concatenates byte arrays.
   *
   * @param parts the arrays, in order
   * @return a new array holding all of them
   */
  public static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.array();
  }
}
