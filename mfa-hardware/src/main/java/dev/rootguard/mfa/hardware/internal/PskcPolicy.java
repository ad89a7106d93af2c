package dev.rootguard.mfa.hardware.internal;

import static dev.rootguard.mfa.hardware.internal.PskcNode.PSKC;
import static dev.rootguard.mfa.hardware.internal.PskcText.shorten;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * RFC 6030 §5 key policy as RootGuard enforces it when it imports a PSKC file, plus the range check
 * of {@code Data/Time}. Not API. Thread-safe (stateless).
 */
public final class PskcPolicy {
  /** Latest instant a {@code Data/Time} may stand for: 9999-12-31T23:59:59Z. */
  public static final long MAX_EPOCH_SECOND = 253_402_300_799L;

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

  private PskcPolicy() {}

  /**
   * RFC 6030 §4.3.4: {@code <Time>} is the time value of a time-based algorithm, the number of time
   * steps since the start point (the Unix epoch for TOTP). It carries no T0: T0 stays the Unix
   * epoch (RFC 6238). The value is checked to stand for an instant no later than year 9999.
   */
  public static void checkTime(long steps, long intervalSeconds, String field) throws KeyProblem {
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
  public static void checkPolicy(PskcNode policy, String path) throws KeyProblem {
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
}
