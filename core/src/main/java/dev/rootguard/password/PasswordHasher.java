package dev.rootguard.password;

import dev.rootguard.InvalidInputException;
import dev.rootguard.RootGuardException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes passwords with PBKDF2-HMAC-SHA256 from the JDK, for a {@link PasswordHistory}: store the
 * {@link PasswordHash} of each new password, never the password.
 *
 * <p>Each hash gets a fresh 16-byte salt from a {@link SecureRandom}. The default of 600,000
 * iterations follows OWASP's 2023 guidance for PBKDF2-HMAC-SHA256. Checking reuse costs one PBKDF2
 * run per remembered password (up to 24), so a lower count trades resistance to offline guessing
 * for speed; tests may use {@link #MIN_ITERATIONS}.
 *
 * <p>The password is copied into a {@code char[]} that is zero-filled when done (best effort: the
 * JCA provider keeps its own copy briefly). Characters are encoded as UTF-8 by the provider; an
 * unpaired surrogate becomes {@code ?}.
 *
 * <pre>{@code
 * PasswordHasher hasher = PasswordHasher.pbkdf2Sha256();
 * PasswordHash h = hasher.hash(newPassword);           // store h.encoded()
 * boolean same = PasswordHasher.matches(candidate, h);  // constant-time
 * }</pre>
 *
 * <p>Thread-safe; share one instance.
 *
 * @since 0.1.0
 */
public final class PasswordHasher {

  /** The default PBKDF2 iteration count (OWASP 2023 for PBKDF2-HMAC-SHA256). */
  public static final int DEFAULT_ITERATIONS = 600_000;

  /** The smallest iteration count accepted; meant for tests. */
  public static final int MIN_ITERATIONS = 1_000;

  /** The largest iteration count accepted. */
  public static final int MAX_ITERATIONS = 10_000_000;

  static final int HASH_BYTES = 32;
  private static final int SALT_BYTES = 16;
  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";

  private final int iterations;
  private final SecureRandom random;

  private PasswordHasher(int iterations, SecureRandom random) {
    this.iterations = iterations;
    this.random = random;
  }

  /**
   * Returns a hasher with {@link #DEFAULT_ITERATIONS}.
   *
   * @return the hasher
   */
  public static PasswordHasher pbkdf2Sha256() {
    return new PasswordHasher(DEFAULT_ITERATIONS, new SecureRandom());
  }

  /**
   * Returns a hasher with the given iteration count.
   *
   * @param iterations {@value #MIN_ITERATIONS} to {@value #MAX_ITERATIONS}
   * @return the hasher
   * @throws InvalidInputException naming {@code iterations} when out of range
   */
  public static PasswordHasher pbkdf2Sha256(int iterations) {
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new InvalidInputException(
          "iterations",
          "must be " + MIN_ITERATIONS + ".." + MAX_ITERATIONS + ", was " + iterations);
    }
    return new PasswordHasher(iterations, new SecureRandom());
  }

  /**
   * Hashes a password with a fresh salt.
   *
   * @param password the password; not kept, the caller may wipe it afterwards
   * @return the hash
   */
  public PasswordHash hash(char[] password) {
    Objects.requireNonNull(password, "password");
    return hash(java.nio.CharBuffer.wrap(password));
  }

  /**
   * Hashes a password with a fresh salt.
   *
   * @param password the password; not kept
   * @return the hash
   */
  public PasswordHash hash(CharSequence password) {
    Objects.requireNonNull(password, "password");
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] derived = derive(password, salt, iterations);
    try {
      return new PasswordHash(iterations, salt, derived);
    } finally {
      Arrays.fill(derived, (byte) 0);
    }
  }

  /**
   * Returns whether the candidate is the password the stored hash was made from. Constant-time in
   * the comparison ({@link MessageDigest#isEqual(byte[], byte[])}).
   *
   * @param candidate the password to test; not kept
   * @param stored the stored hash
   * @return true if they match
   */
  public static boolean matches(CharSequence candidate, PasswordHash stored) {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(stored, "stored");
    byte[] derived = derive(candidate, stored.salt(), stored.iterations());
    try {
      return MessageDigest.isEqual(derived, stored.hashBytes());
    } finally {
      Arrays.fill(derived, (byte) 0);
    }
  }

  private static byte[] derive(CharSequence password, byte[] salt, int iterations) {
    char[] chars = new char[password.length()];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = password.charAt(i);
    }
    PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BYTES * 8);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new RootGuardException("PBKDF2WithHmacSHA256 is not available in this JDK", e);
    } finally {
      spec.clearPassword();
      Arrays.fill(chars, '\0');
    }
  }

  @Override
  public String toString() {
    return "PasswordHasher[" + PasswordHash.PREFIX + ", " + iterations + " iterations]";
  }
}
