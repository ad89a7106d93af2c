package dev.rootguard.mfa;

/**
 * The kinds of second factor RootGuard verifies, each knowing whether it counts as
 * <em>hardware</em> MFA in the sense of CIS AWS Foundations {@code 1.6}/{@code 2.6} and Security
 * Hub {@code IAM.6} ("Hardware MFA should be enabled for the root user").
 *
 * <pre>{@code
 * if (!Factor.TOTP_APP.isHardware()) {
 *   // a virtual authenticator app: fine for IAM.9, not for IAM.6 / CIS Level 2
 * }
 * }</pre>
 *
 * <p>New constants may be added in minor releases; handle {@code default} in a {@code switch}.
 * Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public enum Factor {
  /** A virtual authenticator app on a phone or computer (RFC 6238 TOTP). Not hardware. */
  TOTP_APP(false, false),
  /** A hardware OATH token (TOTP or HOTP key fob) whose seed came from its vendor. Hardware. */
  HARDWARE_OTP(true, false),
  /** A YubiKey's Yubico OTP (44 modhex characters, AES-128 one-time password). Hardware. */
  YUBICO_OTP(true, false),
  /**
   * A device-bound FIDO U2F or FIDO2 security key (its private key cannot leave the device).
   * Hardware and phishing-resistant.
   */
  SECURITY_KEY(true, true),
  /**
   * A synced passkey: a FIDO credential that a credential manager backs up and copies between
   * devices (the backup-eligible flag is set). Phishing-resistant, but not hardware: its key leaves
   * the device.
   */
  PASSKEY(false, true);

  private final boolean hardware;
  private final boolean phishingResistant;

  Factor(boolean hardware, boolean phishingResistant) {
    this.hardware = hardware;
    this.phishingResistant = phishingResistant;
  }

  /**
   * Returns whether this factor counts as hardware MFA for CIS Level 2 and Security Hub {@code
   * IAM.6}: the secret lives in a dedicated device and cannot be copied off it.
   *
   * @return true for hardware OTP tokens, Yubico OTP and device-bound security keys
   */
  public boolean isHardware() {
    return hardware;
  }

  /**
   * Returns whether the factor binds its answer to the site's origin (FIDO), so a phishing page
   * cannot relay it.
   *
   * @return true for security keys and passkeys
   */
  public boolean isPhishingResistant() {
    return phishingResistant;
  }
}
