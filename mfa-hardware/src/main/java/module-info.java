/**
 * RootGuard mfa-hardware: OATH hardware tokens (PSKC), Yubico OTP and YubiKeys over PC/SC.
 *
 * @since 0.1.0
 */
module dev.rootguard.mfa.hardware {
  requires transitive dev.rootguard.core;

  // exports dev.rootguard.mfa.hardware; -- added with the package's first public type
}
