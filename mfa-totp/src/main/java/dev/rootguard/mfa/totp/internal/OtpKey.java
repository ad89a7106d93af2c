package dev.rootguard.mfa.totp.internal;

import dev.rootguard.mfa.totp.HmacAlgorithm;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.locks.StampedLock;

/**
 * An HMAC key prepared for one-time passwords: the padded key blocks {@code K ^ ipad} and {@code K
 * ^ opad} are computed once, and each HOTP value runs RFC 2104 HMAC directly on the calling
 * thread's JCA {@link MessageDigest} (which the JDK compiles to SHA instructions where the CPU has
 * them), writing into per-thread buffers, so no allocation happens per code.
 *
 * <p>Why not precomputed inner/outer hash states (two compressions per HMAC instead of four)? The
 * JCA does not expose digest states, so that needs a pure-Java compression function (as Bouncy
 * Castle's {@code HMac} has); {@code TotpBenchmark}/{@code TotpInterleaved} measured it slower than
 * four intrinsic compressions on a CPU with SHA extensions. Cloning digests primed with the padded
 * key blocks gets two intrinsic compressions per HMAC but allocates about 1 KB per verification.
 * See benchmarks/README.md.
 *
 * <p>Only 8-byte messages (the HOTP counter) are supported.
 *
 * <p>Thread-safe; share one instance per key. {@link #destroy()} zero-fills the padded key blocks
 * (best-effort, like every JVM wipe; the per-thread digests hold no key after a computation).
 */
public final class OtpKey {
  /** The most values {@link #window} computes at once: a window of ±10 steps. */
  public static final int MAX_WINDOW_VALUES = 21;

  private static final int[] POW10 = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private final HmacAlgorithm algorithm;
  private final byte[] innerPad;
  private final byte[] outerPad;
  private volatile boolean destroyed;

  // The last window computed (see window()): written under the write lock, read optimistically.
  private final StampedLock cacheLock = new StampedLock();
  private int[] cached;
  private long cachedFirst;
  private int cachedCount;

  private OtpKey(HmacAlgorithm algorithm, byte[] innerPad, byte[] outerPad) {
    this.algorithm = algorithm;
    this.innerPad = innerPad;
    this.outerPad = outerPad;
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
    byte[] inner = new byte[block];
    byte[] outer = new byte[block];
    if (key.length > block) {
      byte[] hashed = digest(algorithm).digest(key);
      System.arraycopy(hashed, 0, inner, 0, hashed.length);
      Arrays.fill(hashed, (byte) 0);
    } else {
      System.arraycopy(key, 0, inner, 0, key.length);
    }
    for (int i = 0; i < block; i++) {
      outer[i] = (byte) (inner[i] ^ 0x5c);
      inner[i] = (byte) (inner[i] ^ 0x36);
    }
    return new OtpKey(algorithm, inner, outer);
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
    MessageDigest md = s.digests[algorithm.ordinal()];
    byte[] msg = s.counter;
    for (int i = 7; i >= 0; i--) {
      msg[i] = (byte) counter;
      counter >>>= 8;
    }
    byte[] h = s.hash;
    int n = algorithm.macLength();
    try {
      md.update(innerPad);
      md.update(msg);
      md.digest(h, 0, n);
      md.update(outerPad);
      md.update(h, 0, n);
      md.digest(h, 0, n);
    } catch (DigestException e) {
      throw new IllegalStateException("bug: digest buffer too small", e);
    }
    int offset = h[n - 1] & 0xf;
    return (h[offset] & 0x7f) << 24
        | (h[offset + 1] & 0xff) << 16
        | (h[offset + 2] & 0xff) << 8
        | (h[offset + 3] & 0xff);
  }

  /**
   * Returns the RFC 4226 dynamic-truncation values of {@code count} consecutive counters starting
   * at {@code first}, written into the calling thread's scratch ({@link Scratch#window()}): index
   * {@code i} holds the value for counter {@code first + i}. The result is valid until the next
   * call on this thread; the caller should zero it when done.
   *
   * <p>The key remembers the last window computed, so verifying again in the same time step (a user
   * retyping, or someone guessing) costs no HMAC, and a window that slid by one step (the next
   * attempt comes in the next time step) costs one HMAC instead of three. The cache lives in one
   * array allocated with the first window; readers take no lock (an optimistic {@link StampedLock}
   * read, retried as a computation if a writer intervened) and a writer that finds another one busy
   * simply does not cache. Nothing is allocated per call.
   *
   * @param first the first counter
   * @param count how many counters, 1 to {@value #MAX_WINDOW_VALUES}
   * @param s the calling thread's scratch
   * @return {@code s.window()}, its first {@code count} entries filled
   * @throws IllegalArgumentException if {@code count} is out of range
   * @throws IllegalStateException if the key was destroyed
   */
  public int[] window(long first, int count, Scratch s) {
    if (count < 1 || count > MAX_WINDOW_VALUES) {
      throw new IllegalArgumentException(
          "count must be 1.." + MAX_WINDOW_VALUES + ", was " + count);
    }
    int[] out = s.window;
    int reused = 0; // bit i set: out[i] came from the cache
    long stamp = cacheLock.tryOptimisticRead();
    int[] cache = cached;
    int cachedN = cachedCount;
    long cachedStart = cachedFirst;
    if (cache != null && cachedN > 0) {
      for (int i = 0; i < count; i++) {
        long j = first + i - cachedStart; // wraps like the counters themselves
        if (j >= 0 && j < cachedN) {
          out[i] = cache[(int) j];
          reused |= 1 << i;
        }
      }
      if (!cacheLock.validate(stamp)) {
        reused = 0; // a writer intervened: trust nothing that was read
      }
    }
    if (destroyed) {
      Arrays.fill(out, 0);
      throw new IllegalStateException("key destroyed");
    }
    int all = (1 << count) - 1;
    if (reused == all) {
      return out;
    }
    for (int i = 0; i < count; i++) {
      if ((reused & (1 << i)) == 0) {
        out[i] = truncated(first + i, s);
      }
    }
    long write = cacheLock.tryWriteLock();
    if (write != 0) {
      try {
        if (!destroyed) {
          if (cached == null) {
            cached = new int[MAX_WINDOW_VALUES];
          }
          System.arraycopy(out, 0, cached, 0, count);
          cachedFirst = first;
          cachedCount = count;
        }
      } finally {
        cacheLock.unlockWrite(write);
      }
    }
    return out;
  }

  /**
   * Returns {@code value mod 10^digits}.
   *
   * @param value a truncated value
   * @param digits 1 to 8
   * @return the code value
   */
  public static int mod(int value, int digits) {
    return value % POW10[digits];
  }

  /** Zero-fills the padded key blocks; later use throws {@link IllegalStateException}. */
  public void destroy() {
    destroyed = true;
    long write = cacheLock.writeLock();
    try {
      if (cached != null) {
        Arrays.fill(cached, 0);
      }
      cachedCount = 0;
    } finally {
      cacheLock.unlockWrite(write);
    }
    Arrays.fill(innerPad, (byte) 0);
    Arrays.fill(outerPad, (byte) 0);
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
   * Per-thread working memory: one digest per algorithm and the HMAC and code buffers. Never shared
   * between threads.
   */
  public static final class Scratch {
    final MessageDigest[] digests = new MessageDigest[HmacAlgorithm.values().length];
    final byte[] counter = new byte[8];
    final byte[] hash = new byte[64];
    final int[] window = new int[MAX_WINDOW_VALUES];
    private final byte[][] expected = new byte[9][];
    private final byte[][] given = new byte[9][];
    private final byte[][] second = new byte[9][];

    Scratch() {
      for (HmacAlgorithm a : HmacAlgorithm.values()) {
        digests[a.ordinal()] = digest(a);
      }
      for (int d = 1; d <= 8; d++) {
        expected[d] = new byte[d];
        given[d] = new byte[d];
        second[d] = new byte[d];
      }
    }

    /**
     * Returns the buffer {@link OtpKey#window} writes into.
     *
     * @return the buffer, {@value OtpKey#MAX_WINDOW_VALUES} values long
     */
    public int[] window() {
      return window;
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

    /**
     * Returns a second buffer for a submitted code of this many digits (the second code of a
     * resynchronization or enrollment pair).
     *
     * @param digits 1 to 8
     * @return the buffer
     */
    public byte[] second(int digits) {
      return second[digits];
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
