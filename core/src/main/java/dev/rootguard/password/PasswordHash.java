package dev.rootguard.password;

import dev.rootguard.InvalidInputException;
import java.util.Base64;
import java.util.Objects;

/**
 * A salted PBKDF2-HMAC-SHA256 hash of a previous password, as a {@link PasswordHistory} stores it.
 * Made by {@link PasswordHasher#hash(char[])}; stored and read back with {@link #encoded()} and
 * {@link #parse(String)} in the form {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (Base64).
 *
 * <p>A hash is sensitive (it allows offline guessing), so {@link #toString()} shows only the
 * algorithm and iteration count, and there is no {@code equals}: compare a candidate password with
 * {@link PasswordHasher#matches(CharSequence, PasswordHash)}, which is constant-time.
 *
 * <pre>{@code
 * String stored = PasswordHasher.pbkdf2Sha256().hash(newPassword).encoded();
 * PasswordHash back = PasswordHash.parse(stored);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class PasswordHash {
  static final String PREFIX = "pbkdf2-sha256";

  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;

  PasswordHash(int iterations, byte[] salt, byte[] hash) {
    this.iterations = iterations;
    this.salt = salt.clone();
    this.hash = hash.clone();
  }

  /**
   * Parses the form {@link #encoded()} writes.
   *
   * @param encoded {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}
   * @return the hash
   * @throws InvalidInputException naming {@code passwordHash} when the text is malformed
   */
  public static PasswordHash parse(String encoded) {
    Objects.requireNonNull(encoded, "passwordHash");
    String[] parts = encoded.split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      throw new InvalidInputException(
          "passwordHash", "expected " + PREFIX + "$<iterations>$<salt>$<hash>");
    }
    int iterations;
    try {
      iterations = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("passwordHash", "iteration count is not a number");
    }
    if (iterations < PasswordHasher.MIN_ITERATIONS || iterations > PasswordHasher.MAX_ITERATIONS) {
      throw new InvalidInputException(
          "passwordHash",
          "iterations must be "
              + PasswordHasher.MIN_ITERATIONS
              + ".."
              + PasswordHasher.MAX_ITERATIONS
              + ", was "
              + iterations);
    }
    byte[] salt;
    byte[] hash;
    try {
      salt = Base64.getDecoder().decode(parts[2]);
      hash = Base64.getDecoder().decode(parts[3]);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("passwordHash", "salt or hash is not Base64");
    }
    if (salt.length < 8 || hash.length != PasswordHasher.HASH_BYTES) {
      throw new InvalidInputException(
          "passwordHash", "needs a salt of >= 8 bytes and a 32-byte hash");
    }
    return new PasswordHash(iterations, salt, hash);
  }

  /**
   * Returns the text form, for storage.
   *
   * @return {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}
   */
  public String encoded() {
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(hash);
  }

  /**
   * Returns the PBKDF2 iteration count.
   *
   * @return the count
   */
  public int iterations() {
    return iterations;
  }

  byte[] salt() {
    return salt.clone();
  }

  byte[] hashBytes() {
    return hash;
  }

  @Override
  public String toString() {
    return "PasswordHash[" + PREFIX + ", " + iterations + " iterations, redacted]";
  }
}
