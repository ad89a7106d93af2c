package dev.rootguard.mfa.hardware.internal;

import static dev.rootguard.mfa.hardware.internal.PskcNode.PKCS5;
import static dev.rootguard.mfa.hardware.internal.PskcNode.PSKC;
import static dev.rootguard.mfa.hardware.internal.PskcNode.XENC;
import static dev.rootguard.mfa.hardware.internal.PskcNode.XENC11;
import static dev.rootguard.mfa.hardware.internal.PskcText.base64;
import static dev.rootguard.mfa.hardware.internal.PskcText.base64Value;
import static dev.rootguard.mfa.hardware.internal.PskcText.integer;
import static dev.rootguard.mfa.hardware.internal.PskcText.shorten;
import static dev.rootguard.mfa.hardware.internal.PskcText.wipe;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.hardware.Pskc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * RFC 6030 §6 protection of one PSKC file: the PBKDF2 key derivation, the MACMethod and its MACKey,
 * the ValueMAC check (constant time, before decryption) and the AES-CBC decryption of each data
 * element. Holds the file's keys until {@link #wipeKeys()}. One instance per file; not thread-safe.
 */
public final class PskcProtection {
  private byte[] encryptionKey;
  private String macJcaName;
  private byte[] macKey;
  private javax.crypto.Mac mac;
  private javax.crypto.Cipher cbc;

  /** Whether the file declares an EncryptionKey or a MACMethod. */
  private boolean protectedFile;

  /** A fresh protection state: no EncryptionKey, no MACMethod yet. */
  public PskcProtection() {}

  /** Marks the file as one that declares an EncryptionKey or a MACMethod. */
  public void markProtected() {
    protectedFile = true;
  }

  /**
   * @return whether the file declares an EncryptionKey or a MACMethod
   */
  public boolean isProtectedFile() {
    return protectedFile;
  }

  /**
   * Takes the file's encryption key (owned from now on; wiped by {@link #wipeKeys()}).
   *
   * @param key the AES key, pre-shared or derived
   */
  public void useEncryptionKey(byte[] key) {
    encryptionKey = key;
  }

  /** Wipes the encryption and MAC keys. */
  public void wipeKeys() {
    wipe(encryptionKey);
    wipe(macKey);
  }

  /**
   * Derives the file's key from a password with PBKDF2 (RFC 6030 §6.2).
   *
   * @param derived the xenc11:DerivedKey element
   * @param password gives the password, asked only once the parameters are valid; wiped here
   * @return the derived key
   */
  public static byte[] derive(PskcNode derived, Supplier<char[]> password) {
    String p = "EncryptionKey/DerivedKey/KeyDerivationMethod";
    PskcNode method = derived.child(XENC11, "KeyDerivationMethod");
    if (method == null) {
      throw new InvalidInputException(p, "missing");
    }
    String alg = method.attribute("Algorithm");
    if (!alg.endsWith("#pbkdf2")) {
      throw new InvalidInputException(
          p + "/@Algorithm", "only PBKDF2 is supported, was '" + shorten(alg) + "'");
    }
    // RFC 6030 Figure 7 uses pkcs5:PBKDF2-params; python-pskc writes xenc11:PBKDF2-params. The
    // parameters inside are unqualified in both (the PKCS #5 schema's local elements).
    PskcNode params = method.child(PKCS5, "PBKDF2-params");
    if (params == null) {
      params = method.child(XENC11, "PBKDF2-params");
    }
    if (params == null) {
      throw new InvalidInputException(p + "/PBKDF2-params", "missing");
    }
    p += "/PBKDF2-params";
    PskcNode salt = params.child("", "Salt");
    PskcNode specified = salt == null ? null : salt.child("", "Specified");
    if (specified == null) {
      throw new InvalidInputException(p + "/Salt/Specified", "missing");
    }
    byte[] saltBytes = base64(specified, p + "/Salt/Specified");
    long iterations = integer(params, "IterationCount", p);
    if (iterations < 1 || iterations > Pskc.MAX_PBKDF2_ITERATIONS) {
      throw new InvalidInputException(
          p + "/IterationCount",
          "must be 1.." + Pskc.MAX_PBKDF2_ITERATIONS + ", was " + iterations);
    }
    long keyLength = integer(params, "KeyLength", p);
    if (keyLength != 16 && keyLength != 24 && keyLength != 32) {
      throw new InvalidInputException(p + "/KeyLength", "must be 16, 24 or 32, was " + keyLength);
    }
    String prf = "HmacSHA1";
    PskcNode prfElement = params.child("", "PRF");
    if (prfElement != null && !prfElement.attribute("Algorithm").isEmpty()) {
      prf = hmacJcaName(prfElement.attribute("Algorithm"), p + "/PRF/@Algorithm");
    }
    char[] pw = password.get();
    try {
      return Crypto.pbkdf2(pw, saltBytes, (int) iterations, (int) keyLength, prf);
    } finally {
      Arrays.fill(pw, '\0');
    }
  }

  /**
   * Reads MACMethod (RFC 6030 §6.1.1): the HMAC and its MACKey, decrypted with the encryption key.
   *
   * @param m the MACMethod element
   */
  public void readMacMethod(PskcNode m) {
    macJcaName = hmacJcaName(m.attribute("Algorithm"), "MACMethod/@Algorithm");
    PskcNode mk = m.child(PSKC, "MACKey");
    if (mk == null) {
      // Drafts before RFC 6030 used the encryption key itself as the MAC key.
      macKey = encryptionKey == null ? null : encryptionKey.clone();
      return;
    }
    if (encryptionKey == null) {
      throw new InvalidInputException(
          "MACMethod/MACKey", "is encrypted but the file has no EncryptionKey");
    }
    try {
      macKey = decrypt(mk, "MACMethod/MACKey");
    } catch (KeyProblem p) {
      throw new InvalidInputException(p.element, p.getMessage());
    }
    if (macKey.length == 0) {
      throw new InvalidInputException("MACMethod/MACKey", "decrypts to an empty key");
    }
  }

  private static String hmacJcaName(String uri, String field) {
    String frag = uri.substring(uri.lastIndexOf('#') + 1).toLowerCase(Locale.ROOT);
    switch (frag) {
      case "hmac-sha1":
        return "HmacSHA1";
      case "hmac-sha224":
        return "HmacSHA224";
      case "hmac-sha256":
        return "HmacSHA256";
      case "hmac-sha384":
        return "HmacSHA384";
      case "hmac-sha512":
        return "HmacSHA512";
      default:
        throw new InvalidInputException(
            field, "must be an HMAC-SHA1/-SHA2 algorithm URI, was '" + shorten(uri) + "'");
    }
  }

  /**
   * Reads an integer data element (Counter, Time, TimeInterval, TimeDrift), plain or encrypted.
   *
   * @return the value, or null when the element is absent
   */
  public Long dataInteger(PskcNode data, String name, String path) throws KeyProblem {
    PskcNode e = data.child(PSKC, name);
    if (e == null) {
      return null;
    }
    String p = path + "/Data/" + name;
    byte[] v = value(e, p, false);
    try {
      if (e.child(PSKC, "PlainValue") != null) {
        String s = new String(v, StandardCharsets.US_ASCII).strip();
        try {
          return Long.parseLong(s);
        } catch (NumberFormatException ex) {
          throw new KeyProblem(p + "/PlainValue", "must be an integer, was '" + shorten(s) + "'");
        }
      }
      // Encrypted integers: ASCII digits or big-endian bytes.
      boolean digits = v.length > 0;
      for (byte x : v) {
        digits &= x >= '0' && x <= '9';
      }
      if (digits && v.length <= 18) {
        return Long.parseLong(new String(v, StandardCharsets.US_ASCII));
      }
      if (v.length == 0 || v.length > 8) {
        throw new KeyProblem(p + "/EncryptedValue", "must decrypt to an integer of 1 to 8 bytes");
      }
      long r = 0;
      for (byte x : v) {
        r = (r << 8) | (x & 0xff);
      }
      return r;
    } finally {
      wipe(v);
    }
  }

  /**
   * Reads a PSKC data element: PlainValue (base64 for binary, text for integers) or an
   * EncryptedValue whose ValueMAC is checked before it is decrypted. Both at once are refused (a
   * PlainValue planted next to the EncryptedValue must not win).
   */
  public byte[] value(PskcNode data, String path, boolean binary) throws KeyProblem {
    PskcNode plain = data.child(PSKC, "PlainValue");
    PskcNode encrypted = data.child(PSKC, "EncryptedValue");
    if (plain != null && encrypted != null) {
      throw new KeyProblem(path, "holds both PlainValue and EncryptedValue");
    }
    if (plain != null) {
      if (binary) {
        return base64Value(plain, path + "/PlainValue");
      }
      return plain.text().getBytes(StandardCharsets.US_ASCII);
    }
    if (encrypted == null) {
      throw new KeyProblem(path, "must hold PlainValue or EncryptedValue");
    }
    if (encryptionKey == null) {
      throw new KeyProblem(
          path + "/EncryptedValue", "is encrypted but the file has no EncryptionKey");
    }
    if (macJcaName == null || macKey == null) {
      throw new KeyProblem(
          path + "/EncryptedValue",
          "is encrypted but the file has no MACMethod; unauthenticated values are refused");
    }
    PskcNode valueMac = data.child(PSKC, "ValueMAC");
    if (valueMac == null) {
      throw new KeyProblem(path + "/ValueMAC", "missing; every encrypted value must carry one");
    }
    byte[] expected = base64Value(valueMac, path + "/ValueMAC");
    byte[] cipherValue = cipherValue(encrypted, path + "/EncryptedValue");
    if (mac == null) {
      mac = Crypto.newHmac(macJcaName, macKey);
    }
    byte[] actual = mac.doFinal(cipherValue);
    if (!MessageDigest.isEqual(actual, expected)) {
      throw new KeyProblem(
          path + "/ValueMAC", "does not match the encrypted value (MAC check failed)");
    }
    return decryptCipherValue(encrypted, cipherValue, path + "/EncryptedValue");
  }

  private byte[] decrypt(PskcNode encrypted, String path) throws KeyProblem {
    byte[] cv = cipherValue(encrypted, path);
    return decryptCipherValue(encrypted, cv, path);
  }

  private static byte[] cipherValue(PskcNode encrypted, String path) throws KeyProblem {
    PskcNode cd = encrypted.child(XENC, "CipherData");
    PskcNode cv = cd == null ? null : cd.child(XENC, "CipherValue");
    if (cv == null) {
      throw new KeyProblem(path + "/CipherData/CipherValue", "missing");
    }
    return base64Value(cv, path + "/CipherData/CipherValue");
  }

  private byte[] decryptCipherValue(PskcNode encrypted, byte[] cipherValue, String path)
      throws KeyProblem {
    PskcNode method = encrypted.child(XENC, "EncryptionMethod");
    if (method == null) {
      throw new KeyProblem(path + "/EncryptionMethod", "missing");
    }
    String alg = method.attribute("Algorithm");
    String frag = alg.substring(alg.lastIndexOf('#') + 1).toLowerCase(Locale.ROOT);
    int keyLen;
    switch (frag) {
      case "aes128-cbc":
        keyLen = 16;
        break;
      case "aes192-cbc":
        keyLen = 24;
        break;
      case "aes256-cbc":
        keyLen = 32;
        break;
      default:
        throw new KeyProblem(
            path + "/EncryptionMethod/@Algorithm",
            "must be aes128-cbc, aes192-cbc or aes256-cbc, was '" + shorten(alg) + "'");
    }
    if (encryptionKey.length != keyLen) {
      throw new KeyProblem(
          path + "/EncryptionMethod/@Algorithm",
          frag + " needs a " + keyLen + "-byte key; the key given has " + encryptionKey.length);
    }
    try {
      if (cbc == null) {
        cbc = Crypto.newCbc();
      }
      return Crypto.aesCbcDecrypt(cbc, encryptionKey, cipherValue);
    } catch (Crypto.DecryptionFailed e) {
      throw new KeyProblem(path + "/CipherData/CipherValue", e.getMessage());
    }
  }
}
