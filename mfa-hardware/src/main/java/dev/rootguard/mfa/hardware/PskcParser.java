package dev.rootguard.mfa.hardware;

import static dev.rootguard.mfa.hardware.internal.PskcNode.DS;
import static dev.rootguard.mfa.hardware.internal.PskcNode.PSKC;
import static dev.rootguard.mfa.hardware.internal.PskcNode.XENC11;
import static dev.rootguard.mfa.hardware.internal.PskcText.shorten;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.hardware.internal.KeyProblem;
import dev.rootguard.mfa.hardware.internal.PskcKeyReader;
import dev.rootguard.mfa.hardware.internal.PskcNode;
import dev.rootguard.mfa.hardware.internal.PskcPolicy;
import dev.rootguard.mfa.hardware.internal.PskcProtection;
import dev.rootguard.mfa.hardware.internal.PskcXmlReader;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The RFC 6030 reader behind {@link Pskc#read}: streams the file with {@link PskcXmlReader} (one
 * {@code KeyPackage} in memory at a time), matches elements by namespace, enforces each key's
 * {@code Policy} (RFC 6030 §5) and refuses plaintext secrets in a file that declares encryption or
 * a MAC. One instance per file; not thread-safe.
 *
 * <p>This class walks the file; the parts live in {@code internal}: {@link PskcProtection} (§6 key
 * derivation, MAC check, decryption), {@link PskcPolicy} (§5), {@link PskcKeyReader} (one Key into
 * a {@link HardwareToken}) and {@code PskcText} (integer, date and base64 readers).
 */
final class PskcParser {
  static final String PSKC_NS = PSKC;

  /** Longest run of bytes without a '<' (one tag or one text node): 1 MiB. */
  static final long MAX_RUN_BYTES = 1024 * 1024;

  /** Most elements in one top-level child of KeyContainer (one KeyPackage). */
  static final int MAX_ELEMENTS_PER_PACKAGE = 10_000;

  /** Longest text of one element or attribute, in chars. */
  static final int MAX_TEXT_CHARS = 64 * 1024;

  /** Latest instant a {@code Data/Time} may stand for: 9999-12-31T23:59:59Z. */
  static final long MAX_EPOCH_SECOND = PskcPolicy.MAX_EPOCH_SECOND;

  private final PskcKey key;
  private final PskcProtection protection = new PskcProtection();
  private final PskcKeyReader keyReader;

  PskcParser(PskcKey key) {
    this.key = key;
    this.keyReader = new PskcKeyReader(protection, key.allowsPlaintextSecrets());
  }

  PskcImport parse(InputStream in) {
    PskcXmlReader reader =
        new PskcXmlReader(
            in,
            Pskc.MAX_FILE_BYTES,
            MAX_RUN_BYTES,
            Pskc.MAX_ELEMENT_DEPTH,
            MAX_ELEMENTS_PER_PACKAGE,
            MAX_TEXT_CHARS);
    PskcNode root = reader.root();
    if (!root.is(PSKC, "KeyContainer")) {
      throw new InvalidInputException(
          "KeyContainer", "the root element must be KeyContainer in namespace " + PSKC);
    }
    String version = root.attribute("Version");
    if (!"1.0".equals(version)) {
      throw new InvalidInputException(
          "KeyContainer/@Version", "must be 1.0, was '" + shorten(version) + "'");
    }
    List<HardwareToken> tokens = new ArrayList<>();
    List<PskcError> errors = new ArrayList<>();
    // serial -> "key 'id' (KeyPackage[n])" of the token that holds it
    Map<String, String> serials = new HashMap<>();
    boolean complete = false;
    try {
      int packageIndex = 0;
      int keyIndex = 0;
      boolean seenEncryptionKey = false;
      boolean seenMacMethod = false;
      for (PskcNode n = reader.next(); n != null; n = reader.next()) {
        try {
          if (n.is(PSKC, "EncryptionKey")) {
            if (seenEncryptionKey || seenMacMethod || packageIndex > 0) {
              throw new InvalidInputException(
                  "EncryptionKey",
                  "must come once, before MACMethod and the first KeyPackage (RFC 6030 §4)");
            }
            seenEncryptionKey = true;
            protection.markProtected();
            readEncryptionKey(n);
          } else if (n.is(PSKC, "MACMethod")) {
            if (seenMacMethod || packageIndex > 0) {
              throw new InvalidInputException(
                  "MACMethod", "must come once, before the first KeyPackage (RFC 6030 §4)");
            }
            seenMacMethod = true;
            protection.markProtected();
            protection.readMacMethod(n);
          } else if (n.is(PSKC, "KeyPackage")) {
            packageIndex++;
            PskcNode device = n.child(PSKC, "DeviceInfo");
            List<PskcNode> keys = n.children(PSKC, "Key");
            String pkgPath = "KeyPackage[" + packageIndex + "]";
            if (keys.isEmpty()) {
              keyIndex = countKey(keyIndex);
              errors.add(new PskcError("#" + keyIndex, pkgPath + "/Key", "missing"));
              continue;
            }
            for (PskcNode k : keys) {
              keyIndex = countKey(keyIndex);
              String id = k.hasAttribute("Id") ? k.attribute("Id") : "#" + keyIndex;
              String path = pkgPath + "/Key";
              HardwareToken t;
              try {
                t = keyReader.readKey(device, k, id, path);
              } catch (KeyProblem p) {
                errors.add(new PskcError(shorten(id), p.element, p.getMessage()));
                continue;
              }
              String here = "key '" + shorten(id) + "' (" + pkgPath + ")";
              String before = serials.putIfAbsent(t.serial(), here);
              if (before != null) {
                t.destroy();
                throw new InvalidInputException(
                    pkgPath + "/DeviceInfo/SerialNo",
                    "serial '"
                        + shorten(t.serial())
                        + "' is used by "
                        + before
                        + " and by "
                        + here
                        + "; RootGuard identifies a token by its serial in every store, so a"
                        + " file with several keys for one serial is refused as a whole");
              }
              tokens.add(t);
            }
          }
          // Anything else (ds:Signature, pskc:Extensions, elements of other namespaces) does not
          // change what is imported and is skipped.
        } finally {
          n.wipe();
        }
      }
      if (keyIndex == 0) {
        throw new InvalidInputException("KeyContainer/KeyPackage", "the file holds no key");
      }
      complete = true;
      return new PskcImport(tokens, errors);
    } finally {
      protection.wipeKeys();
      if (!complete) {
        tokens.forEach(HardwareToken::destroy);
      }
    }
  }

  private static int countKey(int keyIndex) {
    if (keyIndex >= Pskc.MAX_KEYS) {
      throw new InvalidInputException(
          "KeyContainer/KeyPackage",
          "more than the limit of " + Pskc.MAX_KEYS + " keys in one file");
    }
    return keyIndex + 1;
  }

  // ---- file level ----

  private void readEncryptionKey(PskcNode enc) {
    PskcNode keyName = enc.child(DS, "KeyName");
    PskcNode derived = enc.child(XENC11, "DerivedKey");
    if (keyName != null) {
      String name = keyName.text();
      if (key.kind() != PskcKey.Kind.PRE_SHARED) {
        throw new InvalidInputException(
            "EncryptionKey/KeyName",
            "the file is encrypted with the pre-shared key '"
                + shorten(name)
                + "'; give that key (e.g. --key HEX)");
      }
      if (key.keyName().isPresent() && !key.keyName().get().equals(name)) {
        throw new InvalidInputException(
            "EncryptionKey/KeyName",
            "the file names the pre-shared key '"
                + shorten(name)
                + "', not '"
                + key.keyName().get()
                + "'");
      }
      protection.useEncryptionKey(key.keyBytes());
    } else if (derived != null) {
      if (key.kind() != PskcKey.Kind.PASSWORD) {
        throw new InvalidInputException(
            "EncryptionKey/DerivedKey",
            "the file's key is derived from a password (PBKDF2); give the password");
      }
      protection.useEncryptionKey(PskcProtection.derive(derived, key::passwordChars));
    } else {
      throw new InvalidInputException(
          "EncryptionKey", "must hold ds:KeyName (pre-shared key) or xenc11:DerivedKey (password)");
    }
  }
}
