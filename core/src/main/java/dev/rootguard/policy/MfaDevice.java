package dev.rootguard.policy;

import java.util.Objects;

/**
 * One MFA device assigned to the root user.
 *
 * <pre>{@code
 * MfaDevice key = new MfaDevice("arn:aws:iam::123456789012:u2f/root/MyKey-ABC", MfaDevice.Kind.SECURITY_KEY);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param serial the serial number or ARN
 * @param kind what kind of device it is
 * @since 0.1.0
 */
public record MfaDevice(String serial, Kind kind) {
  /** Checks the arguments. */
  public MfaDevice {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * Kinds of root MFA device AWS supports.
   *
   * @since 0.1.0
   */
  public enum Kind {
    /** A virtual authenticator app (TOTP), listed by {@code iam:ListVirtualMFADevices}. */
    VIRTUAL,
    /** A hardware TOTP token; its serial is the printed one, not an ARN. */
    HARDWARE_TOTP,
    /** A FIDO security key or passkey ({@code arn:aws:iam::<acct>:u2f/root/...}). */
    SECURITY_KEY,
    /** Not determinable from the data available. */
    UNKNOWN;

    /**
     * Returns whether this kind counts as hardware for CIS Level 2 / Security Hub {@code IAM.6}.
     *
     * @return true for hardware TOTP tokens and security keys
     */
    public boolean isHardware() {
      return this == HARDWARE_TOTP || this == SECURITY_KEY;
    }
  }

  /**
   * Classifies a device from its serial number the way AWS names them: {@code :mfa/} ARNs are
   * virtual, {@code :u2f/} ARNs are FIDO security keys, anything that is not an ARN is a hardware
   * token's printed serial.
   *
   * @param serial the serial number or ARN
   * @return the device
   */
  public static MfaDevice fromSerial(String serial) {
    Objects.requireNonNull(serial, "serial");
    Kind kind;
    if (serial.startsWith("arn:") && serial.contains(":mfa/")) {
      kind = Kind.VIRTUAL;
    } else if (serial.startsWith("arn:") && serial.contains(":u2f/")) {
      kind = Kind.SECURITY_KEY;
    } else if (!serial.startsWith("arn:")) {
      kind = Kind.HARDWARE_TOTP;
    } else {
      kind = Kind.UNKNOWN;
    }
    return new MfaDevice(serial, kind);
  }
}
