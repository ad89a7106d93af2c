package dev.rootguard.mfa.totp;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.totp.internal.Base32;
import dev.rootguard.mfa.totp.internal.OtpEngine;
import dev.rootguard.mfa.totp.internal.OtpKey;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * The shared secret key of a TOTP or HOTP credential (the "seed"). It never appears in {@link
 * #toString()}, logs or exception messages, has no {@code equals} (compare with {@link
 * #sameSecretAs}), and can be wiped with {@link #destroy()}.
 *
 * <pre>{@code
 * OtpSecret secret = OtpSecret.generate();                    // 20 random bytes for SHA-1
 * String forTheApp = secret.revealBase32();                     // show once, at enrollment
 * OtpSecret again = OtpSecret.fromBase32("jbsw y3dp-ehpk3pxp"); // lenient on case, spaces, '-'
 * secret.destroy();                                             // zero-fill when done
 * }</pre>
 *
 * <p>Wiping is best-effort: this class zero-fills its own copies (the raw key and the prepared HMAC
 * states), but the garbage collector may already have copied arrays, and a {@code String} returned
 * by {@link #revealBase32()} cannot be wiped at all.
 *
 * <p>Thread-safe; share one instance. Using a destroyed secret throws {@link
 * IllegalStateException}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc4226#section-4">RFC 4226 §4 (R6: shared secret
 *     length)</a>
 * @since 0.1.0
 */
public final class OtpSecret implements Destroyable {
  /**
   * Shortest secret accepted, in bytes: 10 (80 bits). RFC 4226 asks for 16 and recommends 20;
   * {@link #generate()} always produces at least 20, but some services still issue 80-bit secrets.
   */
  public static final int MIN_LENGTH = 10;

  /** Longest secret accepted, in bytes. */
  public static final int MAX_LENGTH = 1024;

  private static final SecureRandom RANDOM = new SecureRandom();

  static {
    // The verifiers' shared engine (and mfa-hardware through it) reach prepared keys this way only.
    OtpEngine.keyAccess(OtpSecret::key);
  }

  private final byte[] bytes;
  private final OtpKey[] keys = new OtpKey[HmacAlgorithm.values().length];
  private volatile boolean destroyed;

  private OtpSecret(byte[] ownedBytes) {
    this.bytes = ownedBytes;
  }

  /**
   * Generates a 20-byte (160-bit) secret for HMAC-SHA-1 from {@link SecureRandom}.
   *
   * @return a new secret
   */
  public static OtpSecret generate() {
    return generate(HmacAlgorithm.SHA1);
  }

  /**
   * Generates a secret as long as the algorithm's MAC (20, 32 or 64 bytes) from {@link
   * SecureRandom}.
   *
   * @param algorithm the algorithm the secret is for
   * @return a new secret
   */
  public static OtpSecret generate(HmacAlgorithm algorithm) {
    Objects.requireNonNull(algorithm, "algorithm");
    byte[] b = new byte[algorithm.macLength()];
    RANDOM.nextBytes(b);
    return new OtpSecret(b);
  }

  /**
   * Decodes a Base32 (RFC 4648) secret as apps and services show it. Lower case, missing {@code =}
   * padding, spaces and hyphens are accepted; anything else is refused.
   *
   * @param base32 the encoded secret
   * @return the secret
   * @throws InvalidInputException naming the field {@code secret} (with the position, never the
   *     value) if the text is not Base32 or decodes to fewer than {@link #MIN_LENGTH} or more than
   *     {@link #MAX_LENGTH} bytes
   */
  public static OtpSecret fromBase32(CharSequence base32) {
    Objects.requireNonNull(base32, "base32");
    if (base32.length() > MAX_LENGTH * 4) {
      throw new InvalidInputException("secret", "too long (at most " + MAX_LENGTH + " bytes)");
    }
    byte[] b = Base32.decode("secret", base32);
    checkLength(b);
    return new OtpSecret(b);
  }

  /**
   * Returns a secret holding a copy of raw key bytes (for example a seed from a PSKC file). The
   * caller keeps ownership of the array and should wipe it.
   *
   * @param raw the key bytes
   * @return the secret
   * @throws InvalidInputException naming the field {@code secret} if the length is out of range
   */
  public static OtpSecret fromBytes(byte[] raw) {
    Objects.requireNonNull(raw, "raw");
    byte[] b = raw.clone();
    checkLength(b);
    return new OtpSecret(b);
  }

  private static void checkLength(byte[] b) {
    if (b.length < MIN_LENGTH || b.length > MAX_LENGTH) {
      int n = b.length;
      Arrays.fill(b, (byte) 0);
      throw new InvalidInputException(
          "secret",
          "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " bytes long, was " + n + " bytes");
    }
  }

  /**
   * Returns the length of the secret in bytes.
   *
   * @return the length
   */
  public int length() {
    return bytes.length;
  }

  /**
   * Reveals the secret as unpadded upper-case Base32, for showing it once at enrollment or putting
   * it in an otpauth URI. The name is deliberately easy to search for in code reviews.
   *
   * @return the Base32 text
   * @throws IllegalStateException if the secret was destroyed
   */
  public String revealBase32() {
    checkAlive();
    return Base32.encode(bytes, false);
  }

  /**
   * Reveals a copy of the raw key bytes; the caller owns the copy and should wipe it.
   *
   * @return a copy of the key
   * @throws IllegalStateException if the secret was destroyed
   */
  public byte[] revealBytes() {
    checkAlive();
    return bytes.clone();
  }

  /**
   * Returns whether the other secret holds the same bytes, compared in constant time.
   *
   * @param other the other secret
   * @return true if both hold the same key
   * @throws IllegalStateException if either secret was destroyed
   */
  public boolean sameSecretAs(OtpSecret other) {
    Objects.requireNonNull(other, "other");
    checkAlive();
    other.checkAlive();
    return MessageDigest.isEqual(bytes, other.bytes);
  }

  /**
   * Returns the HMAC key prepared for an algorithm, created once and cached.
   *
   * @param algorithm the algorithm
   * @return the prepared key
   */
  OtpKey key(HmacAlgorithm algorithm) {
    checkAlive();
    int i = algorithm.ordinal();
    OtpKey k = keys[i];
    if (k == null) {
      synchronized (keys) {
        k = keys[i];
        if (k == null) {
          k = OtpKey.of(algorithm, bytes);
          keys[i] = k;
        }
      }
    }
    return k;
  }

  private void checkAlive() {
    if (destroyed) {
      throw new IllegalStateException("secret: destroyed");
    }
  }

  /** Zero-fills the key and its prepared HMAC states; later use throws. Best-effort. */
  @Override
  public void destroy() {
    destroyed = true;
    synchronized (keys) {
      Arrays.fill(bytes, (byte) 0);
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] != null) {
          keys[i].destroy();
          keys[i] = null;
        }
      }
    }
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  /** Returns the shape only: {@code OtpSecret[redacted, 20 bytes]}. */
  @Override
  public String toString() {
    return "OtpSecret[redacted, "
        + bytes.length
        + " bytes"
        + (destroyed ? ", destroyed" : "")
        + "]";
  }
}
