package dev.rootguard.mfa.hardware.internal;

import static dev.rootguard.mfa.hardware.internal.PskcNode.PSKC;
import static dev.rootguard.mfa.hardware.internal.PskcPolicy.checkPolicy;
import static dev.rootguard.mfa.hardware.internal.PskcPolicy.checkTime;
import static dev.rootguard.mfa.hardware.internal.PskcText.date;
import static dev.rootguard.mfa.hardware.internal.PskcText.earlier;
import static dev.rootguard.mfa.hardware.internal.PskcText.later;
import static dev.rootguard.mfa.hardware.internal.PskcText.optionalText;
import static dev.rootguard.mfa.hardware.internal.PskcText.parseInt;
import static dev.rootguard.mfa.hardware.internal.PskcText.shorten;
import static dev.rootguard.mfa.hardware.internal.PskcText.stripField;
import static dev.rootguard.mfa.hardware.internal.PskcText.wipe;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.OathType;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Turns one PSKC {@code Key} (with its package's {@code DeviceInfo}) into a {@link HardwareToken}:
 * algorithm, policy (via {@link PskcPolicy}), secret and data values (via {@link PskcProtection}),
 * parameters and validity. Any refusal is a {@link KeyProblem} naming the element. One instance per
 * file; not thread-safe (it shares the file's {@link PskcProtection}).
 */
public final class PskcKeyReader {
  private final PskcProtection protection;
  private final boolean allowPlaintextSecrets;

  /**
   * @param protection the file's protection state (EncryptionKey, MACMethod)
   * @param allowPlaintextSecrets whether a PlainValue secret is accepted in a protected file
   */
  public PskcKeyReader(PskcProtection protection, boolean allowPlaintextSecrets) {
    this.protection = protection;
    this.allowPlaintextSecrets = allowPlaintextSecrets;
  }

  /**
   * Reads one key.
   *
   * @param device the package's DeviceInfo, or null
   * @param k the Key element
   * @param id the key's Id (or "#n")
   * @param path the key's path for messages, e.g. {@code KeyPackage[1]/Key}
   * @return the token; the caller owns (and destroys) it
   * @throws KeyProblem when this key is refused
   */
  public HardwareToken readKey(PskcNode device, PskcNode k, String id, String path)
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
    if (protection.isProtectedFile()
        && secretElement.child(PSKC, "PlainValue") != null
        && !allowPlaintextSecrets) {
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
    byte[] secret = protection.value(secretElement, path + "/Data/Secret", true);
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
        Long counter = protection.dataInteger(data, "Counter", path);
        if (counter != null) {
          field = path + "/Data/Counter";
          b.counter(counter);
        }
        Long interval = protection.dataInteger(data, "TimeInterval", path);
        if (interval != null) {
          field = path + "/Data/TimeInterval";
          b.timeStep(Duration.ofSeconds(interval));
        }
        Long time = protection.dataInteger(data, "Time", path);
        if (time != null) {
          field = path + "/Data/Time";
          checkTime(time, interval == null ? 30 : interval, field);
        }
        Long drift = protection.dataInteger(data, "TimeDrift", path);
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
}
