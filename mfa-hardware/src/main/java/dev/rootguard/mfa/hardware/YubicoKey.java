package dev.rootguard.mfa.hardware;

import com.yubico.yubikit.core.otp.Modhex;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.hardware.internal.AesBlock;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * One YubiKey slot programmed for Yubico OTP: its public id (the modhex prefix of every OTP), its
 * 6-byte private id and its AES-128 key. This is the "key storage module" record a validation
 * server keeps.
 *
 * <p>This type holds secrets: {@link #toString()} shows only the public id, there is no {@code
 * equals}, and {@link #destroy()} zero-fills this object's copies (best effort).
 *
 * <pre>{@code
 * YubicoKey key = YubicoKey.fromHex("vvcccccbhlnc", "8792ebfe26cc", "ecde18dbe76fbd0c33330f1c354871db");
 * store.add(key);
 * }</pre>
 *
 * <p>Thread-safe (immutable apart from {@link #destroy()}).
 *
 * @see <a href="https://developers.yubico.com/OTP/OTPs_Explained.html">Yubico OTPs explained</a>
 * @since 0.1.0
 */
public final class YubicoKey implements Destroyable {
  private final String publicId;
  private final byte[] privateId;
  private final byte[] aesKey;
  private final AesBlock aes;
  private final CredentialId credentialId;
  private volatile boolean destroyed;

  private YubicoKey(String publicId, byte[] privateId, byte[] aesKey) {
    this.publicId = publicId;
    this.privateId = privateId;
    this.aesKey = aesKey;
    this.aes = AesBlock.create(aesKey);
    this.credentialId = CredentialId.of(publicId);
  }

  /**
   * Returns a key.
   *
   * @param publicId the public id in modhex: 2 to 32 characters (1 to 16 bytes), usually 12
   * @param privateId the 6-byte private id; copied
   * @param aesKey the 16-byte AES key; copied
   * @return the key
   * @throws InvalidInputException naming the field if a value is unusable
   */
  public static YubicoKey of(String publicId, byte[] privateId, byte[] aesKey) {
    Objects.requireNonNull(publicId, "publicId");
    Objects.requireNonNull(privateId, "privateId");
    Objects.requireNonNull(aesKey, "aesKey");
    String id = publicId.toLowerCase(Locale.ROOT);
    if (id.length() < 2 || id.length() > 32 || !isModhex(id)) {
      throw new InvalidInputException(
          "publicId", "must be 2 to 32 modhex characters (cbdefghijklnrtuv), even in number");
    }
    if (privateId.length != 6) {
      throw new InvalidInputException("privateId", "must be 6 bytes, was " + privateId.length);
    }
    if (aesKey.length != 16) {
      throw new InvalidInputException("aesKey", "must be 16 bytes, was " + aesKey.length);
    }
    return new YubicoKey(id, privateId.clone(), aesKey.clone());
  }

  /**
   * Returns a key from hex strings, as YubiKey personalization tools print them.
   *
   * @param publicId the public id in modhex
   * @param privateIdHex the private id, 12 hex digits
   * @param aesKeyHex the AES key, 32 hex digits
   * @return the key
   * @throws InvalidInputException naming the field if a value is unusable
   */
  public static YubicoKey fromHex(String publicId, String privateIdHex, String aesKeyHex) {
    return of(publicId, hex("privateId", privateIdHex), hex("aesKey", aesKeyHex));
  }

  private static byte[] hex(String field, String s) {
    Objects.requireNonNull(s, field);
    try {
      return HexFormat.of().parseHex(s.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(field, "must be hexadecimal");
    }
  }

  static boolean isModhex(String s) {
    if (s.length() % 2 != 0) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if ("cbdefghijklnrtuv".indexOf(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the public id, lower-case modhex; the key's id in a {@link YubicoKeyStore}.
   *
   * @return the public id
   */
  public String publicId() {
    return publicId;
  }

  /**
   * Returns the public id as the credential id results name.
   *
   * @return the credential id
   */
  public CredentialId credentialId() {
    return credentialId;
  }

  /**
   * Returns the public id decoded from modhex (with YubiKit's {@link Modhex}).
   *
   * @return the bytes
   */
  public byte[] publicIdBytes() {
    return Modhex.decode(publicId);
  }

  /**
   * Returns a copy of the private id, for an explicit export.
   *
   * @return the private id
   */
  public byte[] revealPrivateId() {
    check();
    return privateId.clone();
  }

  /**
   * Returns a copy of the AES key, for an explicit export.
   *
   * @return the AES key
   */
  public byte[] revealAesKey() {
    check();
    return aesKey.clone();
  }

  boolean privateIdMatches(byte[] plaintext) {
    check();
    return MessageDigest.isEqual(Arrays.copyOf(plaintext, 6), privateId);
  }

  void decryptBlock(byte[] in, byte[] out) {
    check();
    aes.decrypt(in, out);
  }

  private void check() {
    if (destroyed) {
      throw new IllegalStateException("key: Yubico key " + publicId + " was destroyed");
    }
  }

  /** Zero-fills this object's copies of the private id and AES key. */
  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(privateId, (byte) 0);
    Arrays.fill(aesKey, (byte) 0);
    aes.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  /** Returns the public id only. */
  @Override
  public String toString() {
    return "YubicoKey[publicId=" + publicId + ", privateId=<redacted>, aesKey=<redacted>]";
  }
}
