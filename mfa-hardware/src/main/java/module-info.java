/**
 * RootGuard mfa-hardware: OATH hardware tokens (PSKC), Yubico OTP and YubiKeys over PC/SC.
 *
 * @since 0.1.0
 */
module dev.rootguard.mfa.hardware {
  requires transitive dev.rootguard.core;
  requires java.xml;
  requires transitive java.smartcardio;
  // YubiKit core 3.3.0 has no Automatic-Module-Name: its automatic name comes from core-3.3.0.jar.
  // Transitive: PcscSmartCardConnection and YubiKeyOath expose YubiKit's SmartCardConnection.
  requires transitive core;
  requires transitive dev.rootguard.mfa.totp;
  requires org.bouncycastle.provider;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.rootguard.mfa.hardware;
}
