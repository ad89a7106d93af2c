package dev.rootguard.mfa.hardware;

import dev.rootguard.InvalidInputException;
import dev.rootguard.RootGuardException;
import dev.rootguard.mfa.hardware.internal.Crypto;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** The RFC 6030 reader behind {@link Pskc#read}. One instance per file; not thread-safe. */
final class PskcParser {
  static final String PSKC_NS = "urn:ietf:params:xml:ns:keyprov:pskc";

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

  PskcParser(PskcKey key) {
    this.key = key;
  }

  PskcImport parse(InputStream in) {
    byte[] bytes = readBounded(in);
    Document doc = parseXml(bytes);
    Element root = doc.getDocumentElement();
    if (!"KeyContainer".equals(root.getLocalName()) || !PSKC_NS.equals(root.getNamespaceURI())) {
      throw new InvalidInputException(
          "KeyContainer", "the root element must be KeyContainer in namespace " + PSKC_NS);
    }
    String version = root.getAttribute("Version");
    if (!"1.0".equals(version)) {
      throw new InvalidInputException(
          "KeyContainer/@Version", "must be 1.0, was '" + shorten(version) + "'");
    }
    try {
      readEncryptionKey(child(root, "EncryptionKey"));
      readMacMethod(child(root, "MACMethod"));
      List<HardwareToken> tokens = new ArrayList<>();
      List<PskcError> errors = new ArrayList<>();
      int packageIndex = 0;
      int keyIndex = 0;
      for (Element pkg : children(root, "KeyPackage")) {
        packageIndex++;
        Element device = child(pkg, "DeviceInfo");
        List<Element> keys = children(pkg, "Key");
        String pkgPath = "KeyPackage[" + packageIndex + "]";
        if (keys.isEmpty()) {
          errors.add(new PskcError("#" + (keyIndex + 1), pkgPath + "/Key", "missing"));
          keyIndex++;
          continue;
        }
        for (Element k : keys) {
          keyIndex++;
          String id = k.hasAttribute("Id") ? k.getAttribute("Id") : "#" + keyIndex;
          String path = pkgPath + "/Key";
          try {
            tokens.add(readKey(device, k, id, path));
          } catch (KeyProblem p) {
            errors.add(new PskcError(shorten(id), p.element, p.getMessage()));
          }
        }
      }
      if (keyIndex == 0) {
        throw new InvalidInputException("KeyContainer/KeyPackage", "the file holds no key");
      }
      return new PskcImport(tokens, errors);
    } finally {
      wipe(encryptionKey);
      wipe(macKey);
    }
  }

  // ---- file level ----

  private static byte[] readBounded(InputStream in) {
    try {
      byte[] bytes = in.readNBytes(Pskc.MAX_FILE_BYTES + 1);
      if (bytes.length > Pskc.MAX_FILE_BYTES) {
        throw new InvalidInputException(
            "file", "larger than the limit of " + Pskc.MAX_FILE_BYTES + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new RootGuardException("PSKC: cannot read the input: " + e.getMessage(), e);
    }
  }

  static DocumentBuilderFactory hardenedFactory() {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    try {
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      // No DOCTYPE at all: this alone stops XXE and entity-expansion bombs.
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setValidating(false);
      return f;
    } catch (ParserConfigurationException | IllegalArgumentException e) {
      throw new RootGuardException("XML: the JDK parser cannot be hardened", e);
    }
  }

  private static Document parseXml(byte[] bytes) {
    try {
      DocumentBuilder b = hardenedFactory().newDocumentBuilder();
      b.setErrorHandler(
          new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) throws SAXException {
              throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
              throw e;
            }
          });
      b.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException("external entities are not allowed");
          });
      return b.parse(new ByteArrayInputStream(bytes));
    } catch (SAXParseException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("DOCTYPE")) {
        throw new InvalidInputException(
            "DOCTYPE",
            "document type declarations are not allowed in PSKC files (external entities and"
                + " entity expansion are refused)");
      }
      throw new InvalidInputException(
          "KeyContainer",
          "not well-formed XML at line "
              + e.getLineNumber()
              + ", column "
              + e.getColumnNumber()
              + ": "
              + shorten(m));
    } catch (SAXException e) {
      throw new InvalidInputException("KeyContainer", "not usable XML: " + shorten(e.getMessage()));
    } catch (IOException e) {
      throw new RootGuardException("PSKC: cannot read the input: " + e.getMessage(), e);
    } catch (ParserConfigurationException e) {
      throw new RootGuardException("XML: the JDK parser cannot be configured", e);
    }
  }

  private void readEncryptionKey(Element enc) {
    if (enc == null) {
      return;
    }
    Element keyName = child(enc, "KeyName");
    Element derived = child(enc, "DerivedKey");
    if (keyName != null) {
      String name = text(keyName);
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

  private byte[] derive(Element derived) {
    String p = "EncryptionKey/DerivedKey/KeyDerivationMethod";
    Element method = child(derived, "KeyDerivationMethod");
    if (method == null) {
      throw new InvalidInputException(p, "missing");
    }
    String alg = method.getAttribute("Algorithm");
    if (!alg.endsWith("#pbkdf2")) {
      throw new InvalidInputException(
          p + "/@Algorithm", "only PBKDF2 is supported, was '" + shorten(alg) + "'");
    }
    Element params = child(method, "PBKDF2-params");
    if (params == null) {
      throw new InvalidInputException(p + "/PBKDF2-params", "missing");
    }
    p += "/PBKDF2-params";
    Element salt = child(params, "Salt");
    Element specified = salt == null ? null : child(salt, "Specified");
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
    Element prfElement = child(params, "PRF");
    if (prfElement != null && !prfElement.getAttribute("Algorithm").isEmpty()) {
      prf = hmacJcaName(prfElement.getAttribute("Algorithm"), p + "/PRF/@Algorithm");
    }
    char[] pw = key.passwordChars();
    try {
      return Crypto.pbkdf2(pw, saltBytes, (int) iterations, (int) keyLength, prf);
    } finally {
      Arrays.fill(pw, '\0');
    }
  }

  private static long integer(Element parent, String name, String path) {
    Element e = child(parent, name);
    if (e == null) {
      throw new InvalidInputException(path + "/" + name, "missing");
    }
    try {
      return Long.parseLong(text(e));
    } catch (NumberFormatException ex) {
      throw new InvalidInputException(path + "/" + name, "must be an integer");
    }
  }

  private void readMacMethod(Element m) {
    if (m == null) {
      return;
    }
    macJcaName = hmacJcaName(m.getAttribute("Algorithm"), "MACMethod/@Algorithm");
    Element mk = child(m, "MACKey");
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

  private HardwareToken readKey(Element device, Element k, String id, String path)
      throws KeyProblem {
    String devicePath = path.substring(0, path.lastIndexOf('/')) + "/DeviceInfo";
    String algorithm = k.getAttribute("Algorithm");
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
    Element data = child(k, "Data");
    Element secretElement = data == null ? null : child(data, "Secret");
    if (secretElement == null) {
      throw new KeyProblem(path + "/Data/Secret", "missing");
    }
    String serial = id;
    if (device != null && child(device, "SerialNo") != null) {
      serial = text(child(device, "SerialNo"));
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
        Element params = child(k, "AlgorithmParameters");
        if (params != null) {
          field = path + "/AlgorithmParameters/Suite";
          String suite = optionalText(params, "Suite");
          if (suite != null) {
            b.algorithm(suite);
          }
          Element format = child(params, "ResponseFormat");
          if (format != null) {
            field = path + "/AlgorithmParameters/ResponseFormat/@Encoding";
            String enc = format.getAttribute("Encoding");
            if (!enc.isEmpty() && !enc.equalsIgnoreCase("DECIMAL")) {
              throw new KeyProblem(field, "must be DECIMAL, was '" + shorten(enc) + "'");
            }
            field = path + "/AlgorithmParameters/ResponseFormat/@Length";
            if (format.hasAttribute("Length")) {
              b.digits(parseInt(format.getAttribute("Length"), field));
            }
          }
        }
        Long counter = dataInteger(data, "Counter", path);
        if (counter != null) {
          field = path + "/Data/Counter";
          b.counter(counter);
        }
        Long time = dataInteger(data, "Time", path);
        if (time != null) {
          field = path + "/Data/Time";
          b.t0(Instant.ofEpochSecond(time));
        }
        Long interval = dataInteger(data, "TimeInterval", path);
        if (interval != null) {
          field = path + "/Data/TimeInterval";
          b.timeStep(Duration.ofSeconds(interval));
        }
        Long drift = dataInteger(data, "TimeDrift", path);
        if (drift != null) {
          field = path + "/Data/TimeDrift";
          if (drift < Integer.MIN_VALUE || drift > Integer.MAX_VALUE) {
            throw new KeyProblem(field, "out of range");
          }
          b.timeDrift(drift.intValue());
        }
        Element policy = child(k, "Policy");
        Instant start = date(policy, "StartDate", path + "/Policy/StartDate");
        if (start == null) {
          start = date(device, "StartDate", devicePath + "/StartDate");
        }
        Instant end = date(policy, "ExpiryDate", path + "/Policy/ExpiryDate");
        if (end == null) {
          end = date(device, "ExpiryDate", devicePath + "/ExpiryDate");
        }
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
      }
    } finally {
      wipe(secret);
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

  private Long dataInteger(Element data, String name, String path) throws KeyProblem {
    Element e = child(data, name);
    if (e == null) {
      return null;
    }
    String p = path + "/Data/" + name;
    byte[] v = value(e, p, false);
    try {
      if (child(e, "PlainValue") != null) {
        String s = new String(v, java.nio.charset.StandardCharsets.US_ASCII).strip();
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
        return Long.parseLong(new String(v, java.nio.charset.StandardCharsets.US_ASCII));
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
   * EncryptedValue whose ValueMAC is checked before it is decrypted.
   */
  private byte[] value(Element data, String path, boolean binary) throws KeyProblem {
    Element plain = child(data, "PlainValue");
    Element encrypted = child(data, "EncryptedValue");
    if (plain != null) {
      if (binary) {
        return base64Value(plain, path + "/PlainValue");
      }
      return text(plain).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
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
    Element valueMac = child(data, "ValueMAC");
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

  private byte[] decrypt(Element encrypted, String path) throws KeyProblem {
    byte[] cv = cipherValue(encrypted, path);
    return decryptCipherValue(encrypted, cv, path);
  }

  private static byte[] cipherValue(Element encrypted, String path) throws KeyProblem {
    Element cd = child(encrypted, "CipherData");
    Element cv = cd == null ? null : child(cd, "CipherValue");
    if (cv == null) {
      throw new KeyProblem(path + "/CipherData/CipherValue", "missing");
    }
    return base64Value(cv, path + "/CipherData/CipherValue");
  }

  private byte[] decryptCipherValue(Element encrypted, byte[] cipherValue, String path)
      throws KeyProblem {
    Element method = child(encrypted, "EncryptionMethod");
    if (method == null) {
      throw new KeyProblem(path + "/EncryptionMethod", "missing");
    }
    String alg = method.getAttribute("Algorithm");
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

  private static Instant date(Element parent, String name, String field) throws KeyProblem {
    if (parent == null) {
      return null;
    }
    Element e = child(parent, name);
    if (e == null) {
      return null;
    }
    String s = text(e);
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException ex) {
      try {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException ex2) {
        throw new KeyProblem(field, "must be an xs:dateTime, was '" + shorten(s) + "'");
      }
    }
  }

  // ---- DOM helpers ----

  private static byte[] base64Value(Element e, String field) throws KeyProblem {
    try {
      return Base64.getMimeDecoder().decode(strictBase64(text(e)));
    } catch (IllegalArgumentException ex) {
      throw new KeyProblem(field, "must be base64");
    }
  }

  private static byte[] base64(Element e, String field) {
    try {
      return Base64.getMimeDecoder().decode(strictBase64(text(e)));
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

  static Element child(Element parent, String localName) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeType() == Node.ELEMENT_NODE && localName.equals(n.getLocalName())) {
        return (Element) n;
      }
    }
    return null;
  }

  static List<Element> children(Element parent, String localName) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeType() == Node.ELEMENT_NODE && localName.equals(n.getLocalName())) {
        out.add((Element) n);
      }
    }
    return out;
  }

  private static String optionalText(Element parent, String name) {
    Element e = child(parent, name);
    if (e == null) {
      return null;
    }
    String t = text(e);
    return t.isEmpty() ? null : t;
  }

  static String text(Element e) {
    return e.getTextContent().strip();
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
