/**
 * RootGuard mfa-u2f: FIDO U2F and FIDO2 security keys over Yubico java-webauthn-server.
 *
 * <p>On the module path, note that java-webauthn-server's two jars ({@code webauthn-server-core}
 * and {@code webauthn-server-attestation}) both contain the package {@code
 * com.yubico.webauthn.attestation}; run on the class path, or merge them with {@code --patch-module
 * com.yubico.webauthn=webauthn-server-attestation.jar} as this module's build does.
 *
 * @since 0.1.0
 */
module dev.rootguard.mfa.u2f {
  requires transitive dev.rootguard.core;
  requires com.yubico.webauthn;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.cbor;
  requires org.bouncycastle.provider;

  exports dev.rootguard.mfa.fido;
}
