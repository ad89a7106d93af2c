/**
 * RootGuard mfa-u2f: FIDO U2F and FIDO2 security keys over Yubico java-webauthn-server.
 *
 * @since 0.1.0
 */
module dev.rootguard.mfa.u2f {
  requires transitive dev.rootguard.core;

  // exports dev.rootguard.mfa.fido; -- added with the package's first public type
}
