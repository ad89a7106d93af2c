package dev.rootguard.mfa.totp.internal;

import dev.rootguard.mfa.totp.HmacAlgorithm;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * An HMAC key prepared for one-time passwords: the hash states after the inner ({@code K ^
 * ipad}) and outer ({@code K ^ opad}) key blocks are computed once, so each HOTP value costs two
 * compression-function calls instead of four, and no allocation (scratch arrays are per thread).
 * The key bytes themselves are not kept.
 *
 * <p>Only 8-byte messages (the HOTP counter) are supported: the single padded message block is
 * built directly from the counter.
 *
 * <p>Thread-safe; share one instance per key. {@link #destroy()} zero-fills the states
 * (best-effort, like every JVM wipe).
 */
public final class OtpKey {
  private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
      100_000_000};

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private final HmacAlgorithm algorithm;
  private final int[] inner32;
  private final int[] outer32;
  private final long[] inner64;
  private final long[] outer64;
  private volatile boolean destroyed;

  private OtpKey(HmacAlgorithm algorithm, int[] i32, int[] o32, long[] i64, long[] o64) {
    this.algorithm = algorithm;
    this.inner32 = i32;
    this.outer32 = o32;
    this.inner64 = i64;
    this.outer64 = o64;
  }

  /**
   * Prepares a key. The caller keeps ownership of {@code key} (and should wipe it).
   *
   * @param algorithm the HMAC hash
   * @param key the raw key, any length (longer than a block is hashed first, per RFC 2104)
   * @return the prepared key
   */
  public static OtpKey of(HmacAlgorithm algorithm, byte[] key) {
    int block = algorithm.blockLength();
    byte[] k0 = new byte[block];
    try {
      if (key.length > block) {
        byte[] hashed = digest(algorithm).digest(key);
        System.arraycopy(hashed, 0, k0, 0, hashed.length);
        Arrays.fill(hashed, (byte) 0);
      } else {
        System.arraycopy(key, 0, k0, 0, key.length);
      }
      if (algorithm == HmacAlgorithm.SHA512) {
        long[] w = new long[80];
        long[] in = new long[8];
        long[] out = new long[8];
        loadLongs(k0, (byte) 0x36, w);
        Compression.sha512(Compression.SHA512_IV, w, in);
        loadLongs(k0, (byte) 0x5c, w);
        Compression.sha512(Compression.SHA512_IV, w, out);
        Arrays.fill(w, 0L);
        return new OtpKey(algorithm, null, null, in, out);
      }
      int[] w = new int[80];
      int n = algorithm == HmacAlgorithm.SHA1 ? 5 : 8;
      int[] in = new int[n];
      int[] out = new int[n];
      int[] iv = algorithm == HmacAlgorithm.SHA1 ? Compression.SHA1_IV : Compression.SHA256_IV;
      loadInts(k0, (byte) 0x36, w);
      compress(algorithm, iv, w, in);
      loadInts(k0, (byte) 0x5c, w);
      compress(algorithm, iv, w, out);
      Arrays.fill(w, 0);
      return new OtpKey(algorithm, in, out, null, null);
    } finally {
      Arrays.fill(k0, (byte) 0);
    }
  }

  private static MessageDigest digest(HmacAlgorithm algorithm) {
    String name =
        switch (algorithm) {
          case SHA1 -> "SHA-1";
          case SHA256 -> "SHA-256";
          case SHA512 -> "SHA-512";
        };
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + name, e);
    }
  }

  private static void compress(HmacAlgorithm algorithm, int[] h, int[] w, int[] out) {
    if (algorithm == HmacAlgorithm.SHA1) {
      Compression.sha1(h, w, out);
    } else {
      Compression.sha256(h, w, out);
    }
  }

  private static void loadInts(byte[] block, byte pad, int[] w) {
    for (int i = 0; i < 16; i++) {
      int v = 0;
      for (int j = 0; j < 4; j++) {
        v = (v << 8) | ((block[4 * i + j] ^ pad) & 0xff);
      }
      w[i] = v;
    }
  }

  private static void loadLongs(byte[] block, byte pad, long[] w) {
    for (int i = 0; i < 16; i++) {
      long v = 0;
      for (int j = 0; j < 8; j++) {
        v = (v << 8) | ((block[8 * i + j] ^ pad) & 0xff);
      }
      w[i] = v;
    }
  }

  /**
   * Returns the hash algorithm.
   *
   * @return the algorithm
   */
  public HmacAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Returns the scratch space of the calling thread, for verifiers that want to encode codes
   * without allocating.
   *
   * @return this thread's scratch
   */
  public static Scratch scratch() {
    return SCRATCH.get();
  }

  /**
   * Returns the HOTP value {@code HOTP(K, counter) mod 10^digits} (RFC 4226 §5.3).
   *
   * @param counter the 8-byte counter (a TOTP time step)
   * @param digits 1 to 8
   * @return the value, below {@code 10^digits}
   */
  public int code(long counter, int digits) {
    return truncated(counter, SCRATCH.get()) % POW10[digits];
  }

  /**
   * Returns the HOTP value using the given scratch (which must be the calling thread's).
   *
   * @param counter the counter
   * @param digits 1 to 8
   * @param scratch the calling thread's scratch
   * @return the value, below {@code 10^digits}
   */
  public int code(long counter, int digits, Scratch scratch) {
    return truncated(counter, scratch) % POW10[digits];
  }

  /**
   * Returns the RFC 4226 §5.3 dynamic truncation of HMAC(K, counter): a 31-bit value.
   *
   * @param counter the counter
   * @param s the calling thread's scratch
   * @return the 31-bit value
   */
  public int truncated(long counter, Scratch s) {
    if (destroyed) {
      throw new IllegalStateException("key destroyed");
    }
    if (algorithm == HmacAlgorithm.SHA512) {
      long[] w = s.w64;
      long[] t = s.t64;
      w[0] = counter;
      w[1] = 0x8000000000000000L;
      Arrays.fill(w, 2, 15, 0L);
      w[15] = (128 + 8) * 8;
      Compression.sha512(inner64, w, t);
      System.arraycopy(t, 0, w, 0, 8);
      w[8] = 0x8000000000000000L;
      Arrays.fill(w, 9, 15, 0L);
      w[15] = (128 + 64) * 8;
      Compression.sha512(outer64, w, t);
      int offset = (int) t[7] & 0xf;
      return (byteAt64(t, offset) & 0x7f) << 24
          | byteAt64(t, offset + 1) << 16
          | byteAt64(t, offset + 2) << 8
          | byteAt64(t, offset + 3);
    }
    int[] w = s.w32;
    int[] t = s.t32;
    w[0] = (int) (counter >>> 32);
    w[1] = (int) counter;
    w[2] = 0x80000000;
    Arrays.fill(w, 3, 15, 0);
    w[15] = (64 + 8) * 8;
    if (algorithm == HmacAlgorithm.SHA1) {
      Compression.sha1(inner32, w, t);
      System.arraycopy(t, 0, w, 0, 5);
      w[5] = 0x80000000;
      Arrays.fill(w, 6, 15, 0);
      w[15] = (64 + 20) * 8;
      Compression.sha1(outer32, w, t);
      int offset = t[4] & 0xf;
      return (byteAt32(t, offset) & 0x7f) << 24
          | byteAt32(t, offset + 1) << 16
          | byteAt32(t, offset + 2) << 8
          | byteAt32(t, offset + 3);
    }
    Compression.sha256(inner32, w, t);
    System.arraycopy(t, 0, w, 0, 8);
    w[8] = 0x80000000;
    Arrays.fill(w, 9, 15, 0);
    w[15] = (64 + 32) * 8;
    Compression.sha256(outer32, w, t);
    int offset = t[7] & 0xf;
    return (byteAt32(t, offset) & 0x7f) << 24
        | byteAt32(t, offset + 1) << 16
        | byteAt32(t, offset + 2) << 8
        | byteAt32(t, offset + 3);
  }

  private static int byteAt32(int[] t, int i) {
    return (t[i >>> 2] >>> (24 - ((i & 3) << 3))) & 0xff;
  }

  private static int byteAt64(long[] t, int i) {
    return (int) (t[i >>> 3] >>> (56 - ((i & 7) << 3))) & 0xff;
  }

  /** Zero-fills the prepared states; later use throws {@link IllegalStateException}. */
  public void destroy() {
    destroyed = true;
    if (inner32 != null) {
      Arrays.fill(inner32, 0);
      Arrays.fill(outer32, 0);
    } else {
      Arrays.fill(inner64, 0L);
      Arrays.fill(outer64, 0L);
    }
  }

  /**
   * Returns whether {@link #destroy()} was called.
   *
   * @return true once destroyed
   */
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "OtpKey[" + algorithm + ", redacted]";
  }

  /**
   * Per-thread working memory: hash message schedules and code buffers. Never shared between
   * threads.
   */
  public static final class Scratch {
    final int[] w32 = new int[80];
    final int[] t32 = new int[8];
    final long[] w64 = new long[80];
    final long[] t64 = new long[8];
    private final byte[][] expected = new byte[9][];
    private final byte[][] given = new byte[9][];

    Scratch() {
      for (int d = 1; d <= 8; d++) {
        expected[d] = new byte[d];
        given[d] = new byte[d];
      }
    }

    /**
     * Returns a buffer for an expected code of this many digits.
     *
     * @param digits 1 to 8
     * @return the buffer
     */
    public byte[] expected(int digits) {
      return expected[digits];
    }

    /**
     * Returns a buffer for a submitted code of this many digits.
     *
     * @param digits 1 to 8
     * @return the buffer
     */
    public byte[] given(int digits) {
      return given[digits];
    }
  }

  /**
   * Writes {@code value} as exactly {@code out.length} ASCII digits, zero-padded.
   *
   * @param value the value, below {@code 10^out.length}
   * @param out the buffer
   */
  public static void writeDigits(int value, byte[] out) {
    for (int i = out.length - 1; i >= 0; i--) {
      out[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }
}
