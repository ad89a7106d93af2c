package dev.rootguard.mfa.hardware.internal;

import dev.rootguard.RootGuardException;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/** JCA helpers for PSKC: AES-CBC, HMAC and PBKDF2. Not API. Thread-safe (stateless). */
public final class Crypto {
  private Crypto() {}

  /** Thrown when a ciphertext does not decrypt (wrong key, bad padding, bad length). */
  public static final class DecryptionFailed extends Exception {
    private static final long serialVersionUID = 1L;

    DecryptionFailed(String message) {
      super(message);
    }
  }

  /**
   * Decrypts {@code IV || ciphertext} with AES-CBC and PKCS#7 padding (XML Encryption's aes128-cbc,
   * aes192-cbc, aes256-cbc).
   *
   * @param key the AES key
   * @param ivAndCiphertext 16-byte IV followed by the ciphertext
   * @return the plaintext
   * @throws DecryptionFailed if the length or padding is wrong
   */
  public static byte[] aesCbcDecrypt(byte[] key, byte[] ivAndCiphertext) throws DecryptionFailed {
    return aesCbcDecrypt(newCbc(), key, ivAndCiphertext);
  }

  /**
   * Returns a fresh {@code AES/CBC/PKCS5Padding} cipher, to reuse (in one thread) with {@link
   * #aesCbcDecrypt(Cipher, byte[], byte[])}.
   *
   * @return the cipher
   */
  public static Cipher newCbc() {
    try {
      return Cipher.getInstance("AES/CBC/PKCS5Padding");
    } catch (GeneralSecurityException e) {
      throw new RootGuardException("JCA: AES/CBC/PKCS5Padding is unavailable", e);
    }
  }

  /**
   * Decrypts like {@link #aesCbcDecrypt(byte[], byte[])} with a cipher the caller reuses.
   *
   * @param c a cipher from {@link #newCbc()}
   * @param key the AES key
   * @param ivAndCiphertext 16-byte IV followed by the ciphertext
   * @return the plaintext
   * @throws DecryptionFailed if the length or padding is wrong
   */
  public static byte[] aesCbcDecrypt(Cipher c, byte[] key, byte[] ivAndCiphertext)
      throws DecryptionFailed {
    if (ivAndCiphertext.length < 32 || ivAndCiphertext.length % 16 != 0) {
      throw new DecryptionFailed(
          "must be a 16-byte IV and whole AES blocks, was " + ivAndCiphertext.length + " bytes");
    }
    try {
      c.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new IvParameterSpec(ivAndCiphertext, 0, 16));
      return c.doFinal(ivAndCiphertext, 16, ivAndCiphertext.length - 16);
    } catch (BadPaddingException | IllegalBlockSizeException e) {
      throw new DecryptionFailed("cannot be decrypted with the given key (bad padding)");
    } catch (GeneralSecurityException e) {
      throw new RootGuardException("JCA: AES/CBC/PKCS5Padding is unavailable", e);
    }
  }

  /**
   * Encrypts with AES-CBC and PKCS#7 padding, returning {@code IV || ciphertext}.
   *
   * @param key the AES key
   * @param iv the 16-byte IV
   * @param plaintext the plaintext
   * @return IV followed by the ciphertext
   */
  public static byte[] aesCbcEncrypt(byte[] key, byte[] iv, byte[] plaintext) {
    try {
      Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
      byte[] ct = c.doFinal(plaintext);
      byte[] out = Arrays.copyOf(iv, 16 + ct.length);
      System.arraycopy(ct, 0, out, 16, ct.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new RootGuardException("JCA: AES/CBC/PKCS5Padding is unavailable", e);
    }
  }

  /**
   * Computes an HMAC.
   *
   * @param jcaName e.g. {@code HmacSHA1}
   * @param key the key
   * @param data the data
   * @return the MAC
   */
  public static byte[] hmac(String jcaName, byte[] key, byte[] data) {
    return newHmac(jcaName, key).doFinal(data);
  }

  /**
   * Returns an HMAC initialised with a key, to reuse (in one thread; {@code doFinal} resets it).
   *
   * @param jcaName e.g. {@code HmacSHA1}
   * @param key the key, not empty
   * @return the MAC
   */
  public static Mac newHmac(String jcaName, byte[] key) {
    try {
      if (key.length == 0) {
        throw new IllegalArgumentException("key: must not be empty");
      }
      Mac mac = Mac.getInstance(jcaName);
      mac.init(new SecretKeySpec(key, jcaName));
      return mac;
    } catch (NoSuchAlgorithmException e) {
      throw new RootGuardException("JCA: " + jcaName + " is unavailable", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("bug: HMAC key refused", e);
    }
  }

  /**
   * Derives a key with PBKDF2 (RFC 8018; the password is encoded as UTF-8, as the JCA does).
   *
   * @param password the password
   * @param salt the salt
   * @param iterations the iteration count
   * @param keyLength the key length in bytes
   * @param prfJcaName the PRF, e.g. {@code HmacSHA1}
   * @return the derived key
   */
  public static byte[] pbkdf2(
      char[] password, byte[] salt, int iterations, int keyLength, String prfJcaName) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, keyLength * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2With" + prfJcaName)
          .generateSecret(spec)
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new RootGuardException("JCA: PBKDF2With" + prfJcaName + " is unavailable", e);
    } finally {
      spec.clearPassword();
    }
  }
}
