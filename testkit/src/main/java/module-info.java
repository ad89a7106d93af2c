/**
 * RootGuard test kit: fixtures for users' own unit tests (a software FIDO authenticator).
 *
 * @since 0.1.0
 */
module dev.rootguard.testkit {
  requires com.fasterxml.jackson.databind;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;

  exports dev.rootguard.testkit.fido;
}
