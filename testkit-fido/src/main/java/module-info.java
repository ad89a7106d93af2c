/**
 * RootGuard test kit, FIDO part: a software FIDO authenticator for users' own unit tests. It
 * depends on no other RootGuard module, so RootGuard's own FIDO module can test with it.
 *
 * @since 0.1.0
 */
module dev.rootguard.testkit.fido {
  requires com.fasterxml.jackson.databind;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;

  exports dev.rootguard.testkit.fido;
}
