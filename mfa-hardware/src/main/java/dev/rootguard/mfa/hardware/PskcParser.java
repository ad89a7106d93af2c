package dev.rootguard.mfa.hardware;

import static dev.rootguard.mfa.hardware.internal.PskcNode.DS;
import static dev.rootguard.mfa.hardware.internal.PskcNode.PKCS5;
import static dev.rootguard.mfa.hardware.internal.PskcNode.PSKC;
import static dev.rootguard.mfa.hardware.internal.PskcNode.XENC;
import static dev.rootguard.mfa.hardware.internal.PskcNode.XENC11;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.hardware.internal.Crypto;
import dev.rootguard.mfa.hardware.internal.PskcNode;
import dev.rootguard.mfa.hardware.internal.PskcXmlReader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The RFC 6030 reader behind {@link Pskc#read}: streams the file with {@link PskcXmlReader} (one
 * {@code KeyPackage} in memory at a time), matches elements by namespace, enforces each key's
 * {@code Policy} (RFC 6030 §5) and refuses plaintext secrets in a file that declares encryption or
 * a MAC. One instance per file; not thread-safe.
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
  static final long MAX_EPOCH_SECOND = 253_402_300_799L;

  /** KeyUsage values RFC 6030 §5 defines. */
  private static final Set<String> KEY_USAGES =
      Set.of(
          "OTP",
          "CR",
          "Encrypt",
          "Integrity",
          "Verify",
          "Unlock",
          "Decrypt",
          "KeyWrap",
          "Unwrap",
          "Derive",
          "Generate");

  /** PINPolicy attributes RFC 6030 §5 defines. */
  private static final Set<String> PIN_POLICY_ATTRIBUTES =
      Set.of(
          "PINKeyId", "PINUsageMode", "MaxFailedAttempts", "MinLength", "MaxLength", "PINEncoding");

  /** A problem with one element of one key. */
  private static final class KeyProblem extends Exception {
    private static final long serialVersionUID = 1L;
    final String element;

    KeyProblem(String element, String reason) {
      super(reason, null, false, false);
      this.element = element;
    }
  }

  private final PskcKey key;
  private byte[] encryptionKey;
  private String macJcaName;
  private byte[] macKey;
  private javax.crypto.Mac mac;
  private javax.crypto.Cipher cbc;

  /** Whether the file declares an EncryptionKey or a MACMethod. */
  private boolean protectedFile;

  PskcParser(PskcKey key) {
    this.key = key;
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
            protectedFile = true;
            readEncryptionKey(n);
          } else if (n.is(PSKC, "MACMethod")) {
            if (seenMacMethod || packageIndex > 0) {
              throw new InvalidInputException(
                  "MACMethod", "must come once, before the first KeyPackage (RFC 6030 §4)");
            }
            seenMacMethod = true;
            protectedFile = true;
            readMacMethod(n);
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
                t = readKey(device, k, id, path);
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
      wipe(encryptionKey);
      wipe(macKey);
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
      encryptionKey = key.keyBytes();
    } else if (derived != null) {
      if (key.kind() != PskcKey.Kind.PASSWORD) {
        throw new InvalidInputException(
            "EncryptionKey/DerivedKey",
            "the file's key is derived from a password (PBKDF2); give the password");
      }
      encryptionKey = derive(derived);
    } else {
      throw new InvalidInputException(
          "EncryptionKey", "must hold ds:KeyName (pre-shared key) or xenc11:DerivedKey (password)");
    }
  }

  private byte[] derive(PskcNode derived) {
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
    char[] pw = key.passwordChars();
    try {
      return Crypto.pbkdf2(pw, saltBytes, (int) iterations, (int) keyLength, prf);
    } finally {
      Arrays.fill(pw, '\0');
    }
  }

  private static long integer(PskcNode parent, String name, String path) {
    PskcNode e = parent.child("", name);
    if (e == null) {
      throw new InvalidInputException(path + "/" + name, "missing");
    }
    try {
      return Long.parseLong(e.text());
    } catch (NumberFormatException ex) {
      throw new InvalidInputException(path + "/" + name, "must be an integer");
    }
  }

  private void readMacMethod(PskcNode m) {
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

  // ---- one key ----

  private HardwareToken readKey(PskcNode device, PskcNode k, String id, String path)
      throws KeyProblem {
    String devicePath = path.substring(0, path.lastIndexOf('/')) + "/DeviceInfo";
    String algorithm = k.attribute("Algorithm");
    OathType type;
    String lower = algorithm.toLowerCase(Locale.ROOT);
    if (lower.endsWith(":hotp") || lower.endsWith("#hotp")) {
      type = OathType.HOTP;
    } else if (lower.endsWith(":totp") || lower.endsWith("#totp")) {
      type = OathType.TOTP;
    } else if (algorithm.isEmpty()) {
      throw new KeyProblem(path + "/@Algorithm", "missing");
    } else {
      throw new KeyProblem(
          path + "/@Algorithm", "must be the HOTP or TOTP URI, was '" + shorten(algorithm) + "'");
    }
    // RFC 6030 §5: enforce the key's policy before its secret is even decrypted.
    PskcNode policy = k.child(PSKC, "Policy");
    checkPolicy(policy, path + "/Policy");
    PskcNode data = k.child(PSKC, "Data");
    List<PskcNode> secrets = data == null ? List.of() : data.children(PSKC, "Secret");
    if (secrets.isEmpty()) {
      throw new KeyProblem(path + "/Data/Secret", "missing");
    }
    if (secrets.size() > 1) {
      throw new KeyProblem(path + "/Data/Secret", "appears more than once");
    }
    PskcNode secretElement = secrets.get(0);
    if (protectedFile
        && secretElement.child(PSKC, "PlainValue") != null
        && !key.allowsPlaintextSecrets()) {
      throw new KeyProblem(
          path + "/Data/Secret/PlainValue",
          "a plaintext secret in a file that declares an EncryptionKey or MACMethod is refused:"
              + " anyone who could edit the file could have planted it (opt in with"
              + " PskcKey.allowPlaintextSecrets())");
    }
    String serial = id;
    if (device != null && device.child(PSKC, "SerialNo") != null) {
      serial = device.child(PSKC, "SerialNo").text();
    }
    byte[] secret = value(secretElement, path + "/Data/Secret", true);
    try {
      HardwareToken.Builder b;
      try {
        b = HardwareToken.builder(serial, type, secret);
      } catch (InvalidInputException e) {
        throw new KeyProblem(
            e.field().equals("serial") ? devicePath + "/SerialNo" : path + "/Data/Secret",
            e.getMessage());
      }
      String field = path;
      try {
        field = path + "/@Id";
        b.keyId(id);
        if (device != null) {
          field = devicePath + "/Manufacturer";
          String manufacturer = optionalText(device, "Manufacturer");
          if (manufacturer != null) {
            b.manufacturer(manufacturer);
          }
        }
        field = path + "/Issuer";
        String issuer = optionalText(k, "Issuer");
        if (issuer != null) {
          b.issuer(issuer);
        }
        PskcNode params = k.child(PSKC, "AlgorithmParameters");
        if (params != null) {
          field = path + "/AlgorithmParameters/Suite";
          String suite = optionalText(params, "Suite");
          if (suite != null) {
            b.algorithm(suite);
          }
          PskcNode format = params.child(PSKC, "ResponseFormat");
          if (format != null) {
            field = path + "/AlgorithmParameters/ResponseFormat/@Encoding";
            String enc = format.attribute("Encoding");
            if (!enc.isEmpty() && !enc.equalsIgnoreCase("DECIMAL")) {
              throw new KeyProblem(field, "must be DECIMAL, was '" + shorten(enc) + "'");
            }
            field = path + "/AlgorithmParameters/ResponseFormat/@Length";
            if (format.hasAttribute("Length")) {
              b.digits(parseInt(format.attribute("Length"), field));
            }
          }
        }
        Long counter = dataInteger(data, "Counter", path);
        if (counter != null) {
          field = path + "/Data/Counter";
          b.counter(counter);
        }
        Long interval = dataInteger(data, "TimeInterval", path);
        if (interval != null) {
          field = path + "/Data/TimeInterval";
          b.timeStep(Duration.ofSeconds(interval));
        }
        Long time = dataInteger(data, "Time", path);
        if (time != null) {
          field = path + "/Data/Time";
          checkTime(time, interval == null ? 30 : interval, field);
        }
        Long drift = dataInteger(data, "TimeDrift", path);
        if (drift != null) {
          field = path + "/Data/TimeDrift";
          if (drift < Integer.MIN_VALUE || drift > Integer.MAX_VALUE) {
            throw new KeyProblem(field, "out of range");
          }
          b.timeDrift(drift.intValue());
        }
        // The key may be used only while both the key's policy and the device allow it: the
        // later start and the earlier expiry.
        Instant start =
            later(
                date(policy, "StartDate", path + "/Policy/StartDate"),
                date(device, "StartDate", devicePath + "/StartDate"));
        Instant end =
            earlier(
                date(policy, "ExpiryDate", path + "/Policy/ExpiryDate"),
                date(device, "ExpiryDate", devicePath + "/ExpiryDate"));
        field = path + "/Policy/StartDate";
        if (start != null) {
          b.validFrom(start);
        }
        field = path + "/Policy/ExpiryDate";
        if (end != null) {
          b.validUntil(end);
        }
        return b.build();
      } catch (InvalidInputException e) {
        throw new KeyProblem(field, stripField(e));
      } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
        // Whatever the token builder refuses becomes this key's error, never an escape.
        throw new KeyProblem(field, "out of range");
      }
    } finally {
      wipe(secret);
    }
  }

  /**
   * RFC 6030 §4.3.4: {@code <Time>} is the time value of a time-based algorithm, the number of time
   * steps since the start point (the Unix epoch for TOTP). It carries no T0: T0 stays the Unix
   * epoch (RFC 6238). The value is checked to stand for an instant no later than year 9999.
   */
  private static void checkTime(long steps, long intervalSeconds, String field) throws KeyProblem {
    if (steps < 0) {
      throw new KeyProblem(field, "must not be negative, was " + steps);
    }
    if (intervalSeconds > 0 && steps > MAX_EPOCH_SECOND / intervalSeconds) {
      throw new KeyProblem(
          field,
          "too large: "
              + steps
              + " time steps of "
              + intervalSeconds
              + " s are past year 9999 (Time counts time steps, RFC 6030 §4.3.4)");
    }
  }

  /**
   * RFC 6030 §5: a recipient MUST enforce key usage and MUST assume usage is not permitted when the
   * policy holds elements or values it does not understand. What RootGuard understands: StartDate,
   * ExpiryDate (mapped to the token's validity, which the verifier enforces), KeyUsage listing OTP,
   * and a PINPolicy whose PIN is checked on the device (PINUsageMode Local). Everything else
   * refuses the key with the reason.
   */
  private static void checkPolicy(PskcNode policy, String path) throws KeyProblem {
    if (policy == null) {
      return;
    }
    if (!policy.attributeNames().isEmpty()) {
      throw new KeyProblem(
          path + "/@" + shorten(policy.attributeNames().get(0)),
          "not understood; RFC 6030 §5 then forbids using the key");
    }
    List<String> usages = new ArrayList<>();
    boolean anyUsage = false;
    for (PskcNode c : policy.children()) {
      if (!PSKC.equals(c.namespace())) {
        throw new KeyProblem(
            path + "/" + shorten(c.localName()),
            "element of namespace '"
                + shorten(c.namespace())
                + "' not understood; RFC 6030 §5 then forbids using the key");
      }
      switch (c.localName()) {
        case "StartDate":
        case "ExpiryDate":
          break;
        case "KeyUsage":
          anyUsage = true;
          String u = c.text();
          if (!KEY_USAGES.contains(u)) {
            throw new KeyProblem(
                path + "/KeyUsage",
                "'" + shorten(u) + "' not understood; RFC 6030 §5 then forbids using the key");
          }
          usages.add(u);
          break;
        case "NumberOfTransactions":
          throw new KeyProblem(
              path + "/NumberOfTransactions",
              "RootGuard cannot enforce a limit on the number of uses across its stores;"
                  + " refused rather than used without the limit");
        case "PINPolicy":
          checkPinPolicy(c, path + "/PINPolicy");
          break;
        default:
          throw new KeyProblem(
              path + "/" + shorten(c.localName()),
              "not understood; RFC 6030 §5 then forbids using the key");
      }
    }
    if (anyUsage && !usages.contains("OTP")) {
      throw new KeyProblem(
          path + "/KeyUsage", "does not permit OTP use (lists " + String.join(", ", usages) + ")");
    }
  }

  private static void checkPinPolicy(PskcNode pin, String path) throws KeyProblem {
    for (String a : pin.attributeNames()) {
      if (!PIN_POLICY_ATTRIBUTES.contains(a)) {
        throw new KeyProblem(
            path + "/@" + shorten(a), "not understood; RFC 6030 §5 then forbids using the key");
      }
    }
    if (!pin.children().isEmpty()) {
      throw new KeyProblem(
          path + "/" + shorten(pin.children().get(0).localName()),
          "not understood; RFC 6030 §5 then forbids using the key");
    }
    String mode = pin.attribute("PINUsageMode");
    switch (mode) {
      case "Local":
        // The device checks the PIN before it shows a code; nothing for RootGuard to do.
        return;
      case "Prepend":
      case "Append":
      case "Algorithmic":
        throw new KeyProblem(
            path + "/@PINUsageMode",
            mode
                + ": the submitted OTP would depend on a PIN that RootGuard cannot check;"
                + " only Local (the device checks the PIN) is supported");
      case "":
        throw new KeyProblem(path + "/@PINUsageMode", "missing; cannot tell how the PIN is used");
      default:
        throw new KeyProblem(
            path + "/@PINUsageMode",
            "'" + shorten(mode) + "' not understood; RFC 6030 §5 then forbids using the key");
    }
  }

  private static String stripField(InvalidInputException e) {
    String m = e.getMessage();
    String prefix = e.field() + ": ";
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }

  private static int parseInt(String s, String field) throws KeyProblem {
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      throw new KeyProblem(field, "must be an integer, was '" + shorten(s) + "'");
    }
  }

  private Long dataInteger(PskcNode data, String name, String path) throws KeyProblem {
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
  private byte[] value(PskcNode data, String path, boolean binary) throws KeyProblem {
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

  private static Instant later(Instant a, Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }

  private static Instant date(PskcNode parent, String name, String field) throws KeyProblem {
    if (parent == null) {
      return null;
    }
    PskcNode e = parent.child(PSKC, name);
    if (e == null) {
      return null;
    }
    String s = e.text();
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException ex) {
      try {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeException ex2) {
        throw new KeyProblem(field, "must be an xs:dateTime, was '" + shorten(s) + "'");
      }
    } catch (DateTimeException ex) {
      throw new KeyProblem(field, "out of range: '" + shorten(s) + "'");
    }
  }

  // ---- value helpers ----

  private static byte[] base64Value(PskcNode e, String field) throws KeyProblem {
    try {
      return Base64.getMimeDecoder().decode(strictBase64(e.text()));
    } catch (IllegalArgumentException ex) {
      throw new KeyProblem(field, "must be base64");
    }
  }

  private static byte[] base64(PskcNode e, String field) {
    try {
      return Base64.getMimeDecoder().decode(strictBase64(e.text()));
    } catch (IllegalArgumentException ex) {
      throw new InvalidInputException(field, "must be base64");
    }
  }

  private static String strictBase64(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        continue;
      }
      if (!(c >= 'A' && c <= 'Z'
          || c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || c == '+'
          || c == '/'
          || c == '=')) {
        throw new IllegalArgumentException("not base64");
      }
      b.append(c);
    }
    return b.toString();
  }

  private static String optionalText(PskcNode parent, String name) {
    PskcNode e = parent.child(PSKC, name);
    if (e == null) {
      return null;
    }
    String t = e.text();
    return t.isEmpty() ? null : t;
  }

  private static String shorten(String s) {
    if (s == null) {
      return "";
    }
    String clean = s.replaceAll("\\p{Cntrl}", " ");
    return clean.length() <= 80 ? clean : clean.substring(0, 77) + "...";
  }

  private static void wipe(byte[] b) {
    if (b != null) {
      Arrays.fill(b, (byte) 0);
    }
  }
}
