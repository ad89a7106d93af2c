/**
 * RootGuard mfa-u2f: FIDO U2F and FIDO2 security keys over Yubico java-webauthn-server.
 *
 * @since 0.1.0
 */
module dev.rootguard.mfa.u2f {
  requires transitive dev.rootguard.core;
  requires com.yubico.webauthn;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.cbor;
  requires org.bouncycastle.provider;
  requires org.slf4j;

  exports dev.rootguard.mfa.fido;
}
