package dev.rootguard.mfa.hardware;

import dev.rootguard.InvalidInputException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.Destroyable;

/**
 * The key that unlocks a PSKC file's encrypted secrets: none (plaintext file), a pre-shared AES key
 * (RFC 6030 §6.1), or a password from which the key is derived with PBKDF2 (RFC 6030 §6.2).
 *
 * <p>This type holds a secret: {@link #toString()} never shows it, and {@link #destroy()}
 * zero-fills this object's copy (best effort).
 *
 * <pre>{@code
 * PskcKey key = PskcKey.preShared("Pre-shared-key", HexFormat.of().parseHex(hexFromVendor));
 * PskcImport result = Pskc.read(in, key);
 * key.destroy();
 * }</pre>
 *
 * <p>Thread-safe (immutable apart from {@link #destroy()}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6030#section-6">RFC 6030 §6</a>
 * @since 0.1.0
 */
public final class PskcKey implements Destroyable {
  /** What kind of key this is. */
  enum Kind {
    NONE,
    PRE_SHARED,
    PASSWORD
  }

  private static final PskcKey NONE = new PskcKey(Kind.NONE, null, new byte[0], new char[0]);

  private final Kind kind;
  private final String keyName;
  private final byte[] key;
  private final char[] password;
  private volatile boolean destroyed;

  private PskcKey(Kind kind, String keyName, byte[] key, char[] password) {
    this.kind = kind;
    this.keyName = keyName;
    this.key = key;
    this.password = password;
  }

  /**
   * Returns the key for plaintext files. Reading an encrypted file with it fails, naming the {@code
   * EncryptionKey} element.
   *
   * @return the empty key
   */
  public static PskcKey none() {
    return NONE;
  }

  /**
   * Returns a pre-shared AES key without a name check.
   *
   * @param key 16, 24 or 32 bytes; copied
   * @return the key
   * @throws InvalidInputException if the length is wrong
   */
  public static PskcKey preShared(byte[] key) {
    return new PskcKey(Kind.PRE_SHARED, null, checkAesKey(key), new char[0]);
  }

  /**
   * Returns a pre-shared AES key whose name must match the file's {@code EncryptionKey/ds:KeyName},
   * so a key meant for another file is refused before it is tried.
   *
   * @param keyName the expected key name
   * @param key 16, 24 or 32 bytes; copied
   * @return the key
   * @throws InvalidInputException if the length is wrong or the name is empty
   */
  public static PskcKey preShared(String keyName, byte[] key) {
    return new PskcKey(
        Kind.PRE_SHARED,
        HardwareToken.checkText("keyName", keyName, 256),
        checkAesKey(key),
        new char[0]);
  }

  /**
   * Returns a password for files whose key is derived with PBKDF2.
   *
   * @param password the password; copied, so the caller may zero its array
   * @return the key
   * @throws InvalidInputException if the password is empty
   */
  public static PskcKey password(char[] password) {
    Objects.requireNonNull(password, "password");
    if (password.length == 0) {
      throw new InvalidInputException("password", "must not be empty");
    }
    return new PskcKey(Kind.PASSWORD, null, new byte[0], password.clone());
  }

  private static byte[] checkAesKey(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length != 16 && key.length != 24 && key.length != 32) {
      throw new InvalidInputException("key", "must be 16, 24 or 32 bytes, was " + key.length);
    }
    return key.clone();
  }

  Kind kind() {
    return kind;
  }

  /**
   * Returns the key name this key must match, if one was given.
   *
   * @return the name, or empty
   */
  public Optional<String> keyName() {
    return Optional.ofNullable(keyName);
  }

  byte[] keyBytes() {
    check();
    return key.clone();
  }

  char[] passwordChars() {
    check();
    return password.clone();
  }

  private void check() {
    if (destroyed) {
      throw new IllegalStateException("key: this PSKC key was destroyed");
    }
  }

  /** Zero-fills this object's copy of the key or password. */
  @Override
  public void destroy() {
    if (this == NONE) {
      return;
    }
    destroyed = true;
    Arrays.fill(key, (byte) 0);
    Arrays.fill(password, '\0');
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  /** Returns the kind of key, never the key. */
  @Override
  public String toString() {
    switch (kind) {
      case PRE_SHARED:
        return "PskcKey[pre-shared, "
            + key.length
            + " bytes"
            + (keyName == null ? "" : ", name=" + keyName)
            + ", redacted]";
      case PASSWORD:
        return "PskcKey[password, redacted]";
      default:
        return "PskcKey[none]";
    }
  }
}
