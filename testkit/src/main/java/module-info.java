/**
 * RootGuard test kit: the store contract tests every MFA state store must pass ({@code
 * dev.rootguard.testkit.store}), the cross-process proof for a store over a shared backend ({@code
 * dev.rootguard.testkit.process}), and, through {@code dev.rootguard.testkit.fido}, a software FIDO
 * authenticator. For users' own unit tests; use it with test scope.
 *
 * @since 0.1.0
 */
module dev.rootguard.testkit {
  requires transitive dev.rootguard.core;
  requires transitive dev.rootguard.mfa.totp;
  requires transitive dev.rootguard.mfa.u2f;
  requires transitive dev.rootguard.mfa.hardware;
  requires transitive dev.rootguard.testkit.fido;
  requires transitive org.junit.jupiter.api;
  requires org.assertj.core;
  requires dev.rootguard.testsupport;

  exports dev.rootguard.testkit.store;
  exports dev.rootguard.testkit.process;
}
