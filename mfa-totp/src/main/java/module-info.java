/**
 * RootGuard mfa-totp: RFC 6238 TOTP and RFC 4226 HOTP for virtual MFA apps.
 *
 * @since 0.1.0
 */
module dev.rootguard.mfa.totp {
  requires transitive dev.rootguard.core;
  requires com.google.zxing;
  requires java.desktop;
  requires org.slf4j;

  exports dev.rootguard.mfa.totp;
  // The one OTP search engine, shared with the hardware-token verifier only (not API).
  exports dev.rootguard.mfa.totp.internal to
      dev.rootguard.mfa.hardware;
}
