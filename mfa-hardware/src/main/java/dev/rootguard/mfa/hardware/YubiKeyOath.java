package dev.rootguard.mfa.hardware;

import com.yubico.yubikit.core.application.ApplicationNotAvailableException;
import com.yubico.yubikit.core.smartcard.Apdu;
import com.yubico.yubikit.core.smartcard.ApduException;
import com.yubico.yubikit.core.smartcard.SmartCardConnection;
import com.yubico.yubikit.core.smartcard.SmartCardProtocol;
import com.yubico.yubikit.core.util.Tlv;
import com.yubico.yubikit.core.util.Tlvs;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.OtpSecret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A client for a YubiKey's OATH applet (YKOATH) over any YubiKit {@link SmartCardConnection}, such
 * as {@link PcscSmartCardConnection}: select the applet, list credentials, calculate a TOTP code,
 * and put a credential (to provision a YubiKey as a hardware TOTP token). Built on YubiKit core's
 * {@link SmartCardProtocol}, which sends YKOATH's SEND REMAINING ({@code INS A5}) for long answers.
 *
 * <p>Keys protected with an OATH password are refused ({@link YubiKeyException}); this client does
 * not unlock them.
 *
 * <pre>{@code
 * try (PcscSmartCardConnection conn = PcscSmartCardConnection.openFirst("Yubico", Duration.ofSeconds(5))) {
 *   YubiKeyOath oath = YubiKeyOath.open(conn);
 *   HardwareToken token = oath.provisionTotp("YK-15551234", "AWS:root", HmacAlgorithm.SHA1, 6);
 *   store.add(token);                          // the seed is also kept server-side
 *   String code = oath.calculateTotp("AWS:root", clock.instant());
 * }
 * }</pre>
 *
 * <p>Not thread-safe; confine to one thread.
 *
 * @see <a href="https://developers.yubico.com/OATH/YKOATH_Protocol.html">YKOATH protocol</a>
 * @since 0.1.0
 */
public final class YubiKeyOath {
  /** The OATH applet's AID. */
  static final byte[] AID = {(byte) 0xa0, 0x00, 0x00, 0x05, 0x27, 0x21, 0x01};

  static final int TAG_NAME = 0x71;
  static final int TAG_NAME_LIST = 0x72;
  static final int TAG_KEY = 0x73;
  static final int TAG_CHALLENGE = 0x74;
  static final int TAG_TRUNCATED = 0x76;
  static final int TAG_VERSION = 0x79;
  static final int TAG_IMF = 0x7a;
  static final int INS_PUT = 0x01;
  static final int INS_DELETE = 0x02;
  static final int INS_LIST = 0xa1;
  static final int INS_CALCULATE = 0xa2;
  static final byte INS_SEND_REMAINING = (byte) 0xa5;
  static final int TYPE_HOTP = 0x10;
  static final int TYPE_TOTP = 0x20;

  /** Longest credential name YKOATH accepts, in UTF-8 bytes. */
  public static final int MAX_NAME_BYTES = 64;

  private final SmartCardProtocol protocol;
  private final String version;

  private YubiKeyOath(SmartCardProtocol protocol, String version) {
    this.protocol = protocol;
    this.version = version;
  }

  /**
   * Selects the OATH applet.
   *
   * @param connection an open connection; the caller closes it
   * @return the client
   * @throws YubiKeyException if the applet is missing, password-protected, or the card fails
   */
  public static YubiKeyOath open(SmartCardConnection connection) {
    Objects.requireNonNull(connection, "connection");
    SmartCardProtocol p = new SmartCardProtocol(connection, INS_SEND_REMAINING);
    try {
      byte[] selected = p.select(AID);
      Map<Integer, byte[]> tlvs = Tlvs.decodeMap(selected);
      if (tlvs.containsKey(TAG_CHALLENGE)) {
        throw new YubiKeyException(
            "YKOATH: the OATH applet is password-protected; unlock it first", null);
      }
      byte[] v = tlvs.get(TAG_VERSION);
      String version =
          v == null || v.length < 3
              ? "unknown"
              : (v[0] & 0xff) + "." + (v[1] & 0xff) + "." + (v[2] & 0xff);
      return new YubiKeyOath(p, version);
    } catch (ApplicationNotAvailableException e) {
      throw new YubiKeyException("YKOATH: the card has no OATH applet", e);
    } catch (IOException e) {
      throw new YubiKeyException("YKOATH: SELECT failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (e instanceof YubiKeyException) {
        throw e;
      }
      throw new YubiKeyException("YKOATH: malformed SELECT response", e);
    }
  }

  /**
   * Returns the applet's version, e.g. {@code 5.4.3}.
   *
   * @return the version
   */
  public String version() {
    return version;
  }

  /**
   * Lists the credentials on the key.
   *
   * @return the credentials, in the key's order
   * @throws YubiKeyException if the card fails
   */
  public List<OathCredential> listCredentials() {
    byte[] data = send(new Apdu(0, INS_LIST, 0, 0, null), "LIST");
    List<OathCredential> out = new ArrayList<>();
    try {
      for (Tlv t : Tlvs.decodeList(data)) {
        if (t.getTag() != TAG_NAME_LIST || t.getLength() < 1) {
          continue;
        }
        byte[] v = t.getValue();
        String name = new String(v, 1, v.length - 1, StandardCharsets.UTF_8);
        OathType type = (v[0] & 0xf0) == TYPE_HOTP ? OathType.HOTP : OathType.TOTP;
        out.add(new OathCredential(name, type, algorithm(v[0] & 0x0f), periodOf(name, type)));
      }
    } catch (RuntimeException e) {
      throw new YubiKeyException("YKOATH: malformed LIST response", e);
    }
    return out;
  }

  /**
   * Asks the key for the TOTP code of a credential at an instant (YKOATH {@code CALCULATE} with the
   * time step as challenge and truncation on the key). The period comes from the name's {@code
   * period/} prefix, or 30 s.
   *
   * @param name the credential's name
   * @param at the instant
   * @return the code, zero-padded to the credential's digits
   * @throws YubiKeyException if the credential is missing or needs touch and none came
   */
  public String calculateTotp(String name, Instant at) {
    Objects.requireNonNull(at, "at");
    long period = periodOf(name, OathType.TOTP).getSeconds();
    long step = Math.floorDiv(at.getEpochSecond(), period);
    return calculate(name, ByteBuffer.allocate(8).putLong(step).array());
  }

  /**
   * Asks the key for the next HOTP code of a credential (the key increments its counter).
   *
   * @param name the credential's name
   * @return the code
   * @throws YubiKeyException if the credential is missing
   */
  public String calculateHotp(String name) {
    return calculate(name, new byte[0]);
  }

  private String calculate(String name, byte[] challenge) {
    byte[] data =
        concat(
            new Tlv(TAG_NAME, nameBytes(name)).getBytes(),
            new Tlv(TAG_CHALLENGE, challenge).getBytes());
    byte[] resp = send(new Apdu(0, INS_CALCULATE, 0, 0x01, data), "CALCULATE");
    try {
      byte[] v = Tlvs.unpackValue(TAG_TRUNCATED, resp);
      int digits = v[0];
      if (digits < 6 || digits > 8 || v.length != 5) {
        throw new YubiKeyException("YKOATH: malformed CALCULATE response", null);
      }
      long value = ByteBuffer.wrap(v, 1, 4).getInt() & 0x7fffffffL;
      long mod = (long) Math.pow(10, digits);
      return String.format(Locale.ROOT, "%0" + digits + "d", value % mod);
    } catch (com.yubico.yubikit.core.application.BadResponseException | RuntimeException e) {
      if (e instanceof YubiKeyException) {
        throw (YubiKeyException) e;
      }
      throw new YubiKeyException("YKOATH: malformed CALCULATE response", e);
    }
  }

  /**
   * Stores a credential on the key (YKOATH {@code PUT}), replacing one with the same name.
   *
   * @param name the name (1 to {@value #MAX_NAME_BYTES} UTF-8 bytes; prefix {@code "60/"} for a
   *     60-second period)
   * @param type HOTP or TOTP
   * @param algorithm the hash
   * @param digits 6 to 8
   * @param secret the seed (not kept by this object)
   * @param counter the initial HOTP counter (ignored for TOTP)
   * @throws YubiKeyException if the card refuses it
   */
  public void putCredential(
      String name,
      OathType type,
      HmacAlgorithm algorithm,
      int digits,
      OtpSecret secret,
      long counter) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(secret, "secret");
    if (digits < 6 || digits > 8) {
      throw new InvalidInputException("digits", "must be 6..8, was " + digits);
    }
    byte[] key = shapeKey(algorithm, secret.revealBytes());
    byte[] keyValue = new byte[2 + key.length];
    byte[] data = null;
    try {
      keyValue[0] =
          (byte) ((type == OathType.HOTP ? TYPE_HOTP : TYPE_TOTP) | algorithmCode(algorithm));
      keyValue[1] = (byte) digits;
      System.arraycopy(key, 0, keyValue, 2, key.length);
      data =
          concat(
              new Tlv(TAG_NAME, nameBytes(name)).getBytes(), new Tlv(TAG_KEY, keyValue).getBytes());
      if (type == OathType.HOTP && counter > 0) {
        if (counter > 0xffffffffL) {
          throw new InvalidInputException("counter", "must fit in 32 bits for YKOATH");
        }
        data =
            concat(
                data,
                new Tlv(TAG_IMF, ByteBuffer.allocate(4).putInt((int) counter).array()).getBytes());
      }
      send(new Apdu(0, INS_PUT, 0, 0, data), "PUT");
    } finally {
      Arrays.fill(key, (byte) 0);
      Arrays.fill(keyValue, (byte) 0);
      if (data != null) {
        Arrays.fill(data, (byte) 0);
      }
    }
  }

  /**
   * Provisions the key as a hardware TOTP token: generates a fresh seed, stores it on the key under
   * {@code name}, and returns the matching {@link HardwareToken} for a {@link TokenStore} (serial =
   * the given serial, manufacturer "Yubico", 30-second steps).
   *
   * @param serial the serial to register the token under (e.g. the YubiKey's serial number)
   * @param name the credential name on the key
   * @param algorithm the hash
   * @param digits 6 to 8
   * @return the token holding the new seed
   * @throws YubiKeyException if the card refuses it
   */
  public HardwareToken provisionTotp(
      String serial, String name, HmacAlgorithm algorithm, int digits) {
    OtpSecret secret = OtpSecret.generate(algorithm);
    byte[] seed = secret.revealBytes();
    try {
      putCredential(name, OathType.TOTP, algorithm, digits, secret, 0);
      return HardwareToken.builder(serial, OathType.TOTP, seed)
          .keyId(name)
          .manufacturer("Yubico")
          .algorithm(algorithm)
          .digits(digits)
          .timeStep(periodOf(name, OathType.TOTP))
          .build();
    } finally {
      Arrays.fill(seed, (byte) 0);
      secret.destroy();
    }
  }

  /**
   * Deletes a credential from the key.
   *
   * @param name the name
   * @throws YubiKeyException if it does not exist or the card fails
   */
  public void deleteCredential(String name) {
    send(new Apdu(0, INS_DELETE, 0, 0, new Tlv(TAG_NAME, nameBytes(name)).getBytes()), "DELETE");
  }

  private byte[] send(Apdu apdu, String what) {
    try {
      return protocol.sendAndReceive(apdu);
    } catch (ApduException e) {
      int sw = e.getSw() & 0xffff;
      String meaning;
      switch (sw) {
        case 0x6984:
          meaning = " (no such credential)";
          break;
        case 0x6982:
          meaning = " (security status not satisfied: touch or password required)";
          break;
        case 0x6a84:
          meaning = " (no space left on the key)";
          break;
        case 0x6a80:
          meaning = " (wrong data)";
          break;
        default:
          meaning = "";
      }
      throw new YubiKeyException(
          String.format(Locale.ROOT, "YKOATH: %s refused with status %04X%s", what, sw, meaning),
          e);
    } catch (IOException e) {
      throw new YubiKeyException("YKOATH: " + what + " failed: " + e.getMessage(), e);
    }
  }

  static byte[] nameBytes(String name) {
    Objects.requireNonNull(name, "name");
    byte[] b = name.getBytes(StandardCharsets.UTF_8);
    if (b.length < 1 || b.length > MAX_NAME_BYTES) {
      throw new InvalidInputException(
          "name", "must be 1 to " + MAX_NAME_BYTES + " UTF-8 bytes, was " + b.length);
    }
    return b;
  }

  static Duration periodOf(String name, OathType type) {
    if (type == OathType.TOTP) {
      int slash = name.indexOf('/');
      if (slash > 0 && slash <= 5) {
        try {
          long p = Long.parseLong(name.substring(0, slash));
          if (p >= 1 && p <= 3600) {
            return Duration.ofSeconds(p);
          }
        } catch (NumberFormatException ignored) {
          // not a period prefix
        }
      }
    }
    return Duration.ofSeconds(30);
  }

  static HmacAlgorithm algorithm(int code) {
    switch (code) {
      case 1:
        return HmacAlgorithm.SHA1;
      case 2:
        return HmacAlgorithm.SHA256;
      case 3:
        return HmacAlgorithm.SHA512;
      default:
        throw new IllegalArgumentException("unknown YKOATH algorithm " + code);
    }
  }

  static int algorithmCode(HmacAlgorithm a) {
    switch (a) {
      case SHA1:
        return 1;
      case SHA256:
        return 2;
      default:
        return 3;
    }
  }

  /**
   * Shortens keys longer than the hash's block (as HMAC itself does) and pads short ones to 14
   * bytes.
   */
  static byte[] shapeKey(HmacAlgorithm algorithm, byte[] key) {
    byte[] k = key;
    if (k.length > algorithm.blockLength()) {
      try {
        String hash =
            algorithm == HmacAlgorithm.SHA1
                ? "SHA-1"
                : algorithm == HmacAlgorithm.SHA256 ? "SHA-256" : "SHA-512";
        k = MessageDigest.getInstance(hash).digest(key);
        Arrays.fill(key, (byte) 0);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("bug: JCA without SHA-2", e);
      }
    }
    if (k.length < 14) {
      byte[] padded = Arrays.copyOf(k, 14);
      Arrays.fill(k, (byte) 0);
      k = padded;
    }
    return k;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return "YubiKeyOath[version=" + version + "]";
  }
}
