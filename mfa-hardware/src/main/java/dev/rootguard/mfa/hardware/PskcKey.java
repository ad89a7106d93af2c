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

  /** The secret, shared by a key and its {@link #allowPlaintextSecrets()} view. */
  private static final class Material {
    final byte[] key;
    final char[] password;
    volatile boolean destroyed;

    Material(byte[] key, char[] password) {
      this.key = key;
      this.password = password;
    }
  }

  private static final PskcKey NONE =
      new PskcKey(Kind.NONE, null, new Material(new byte[0], new char[0]), false);

  private final Kind kind;
  private final String keyName;
  private final Material material;
  private final boolean plaintextSecretsAllowed;

  private PskcKey(Kind kind, String keyName, Material material, boolean plaintextSecretsAllowed) {
    this.kind = kind;
    this.keyName = keyName;
    this.material = material;
    this.plaintextSecretsAllowed = plaintextSecretsAllowed;
  }

  private PskcKey(Kind kind, String keyName, byte[] key, char[] password) {
    this(kind, keyName, new Material(key, password), false);
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
   * Returns this key, relaxed to accept plaintext secrets ({@code Secret/PlainValue}) in a file
   * that declares an {@code EncryptionKey} or {@code MACMethod}. Strict by default, because such a
   * secret is covered by no MAC: whoever could edit the vendor's file could have replaced an
   * encrypted seed with one they know (RFC 6030 Figure 6 with one {@code EncryptedValue} swapped
   * for a {@code PlainValue}). Use only for files whose integrity you check by other means.
   *
   * <p>The returned key shares this key's secret: {@link #destroy()} on either destroys both.
   *
   * <pre>{@code
   * PskcImport r = Pskc.read(in, PskcKey.preShared(aesKey).allowPlaintextSecrets());
   * }</pre>
   *
   * @return the relaxed key
   */
  public PskcKey allowPlaintextSecrets() {
    return new PskcKey(kind, keyName, material, true);
  }

  /**
   * Returns whether {@link #allowPlaintextSecrets()} relaxed this key.
   *
   * @return true if plaintext secrets are accepted in encrypted or MAC-protected files
   */
  public boolean allowsPlaintextSecrets() {
    return plaintextSecretsAllowed;
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
    return material.key.clone();
  }

  char[] passwordChars() {
    check();
    return material.password.clone();
  }

  private void check() {
    if (material.destroyed) {
      throw new IllegalStateException("key: this PSKC key was destroyed");
    }
  }

  /**
   * Zero-fills this object's copy of the key or password (shared with its {@link
   * #allowPlaintextSecrets()} view).
   */
  @Override
  public void destroy() {
    if (kind == Kind.NONE) {
      return;
    }
    material.destroyed = true;
    Arrays.fill(material.key, (byte) 0);
    Arrays.fill(material.password, '\0');
  }

  @Override
  public boolean isDestroyed() {
    return material.destroyed;
  }

  /** Returns the kind of key, never the key. */
  @Override
  public String toString() {
    switch (kind) {
      case PRE_SHARED:
        return "PskcKey[pre-shared, "
            + material.key.length
            + " bytes"
            + (keyName == null ? "" : ", name=" + keyName)
            + (plaintextSecretsAllowed ? ", plaintext allowed" : "")
            + ", redacted]";
      case PASSWORD:
        return "PskcKey[password, redacted"
            + (plaintextSecretsAllowed ? ", plaintext allowed" : "")
            + "]";
      default:
        return "PskcKey[none" + (plaintextSecretsAllowed ? ", plaintext allowed" : "") + "]";
    }
  }
}
