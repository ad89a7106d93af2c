package dev.rootguard.mfa.hardware.internal;

/**
 * Interim stand-in for the mfa-totp module's HMAC algorithm type, used until the OTP core is
 * merged. Not API.
 */
public final class Oath {
  private Oath() {}

  /** HMAC hash functions of OATH tokens. */
  public enum Hash {
    SHA1("HmacSHA1"),
    SHA256("HmacSHA256"),
    SHA512("HmacSHA512");

    private final String jca;

    Hash(String jca) {
      this.jca = jca;
    }

    public String jcaName() {
      return jca;
    }
  }
}
