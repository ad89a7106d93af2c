/**
 * RootGuard core: the root-user security policy, the AWS-exact password validator and the MFA SPI.
 * Depends on no AWS SDK, Bouncy Castle or Yubico code.
 *
 * @since 0.1.0
 */
module dev.rootguard.core {
  requires org.slf4j;
  requires com.fasterxml.jackson.databind;

  exports dev.rootguard;
  exports dev.rootguard.mfa;
  exports dev.rootguard.password;
  exports dev.rootguard.policy;
  exports dev.rootguard.seal;
  // Internal helpers shared by RootGuard's own modules only (not API).
  exports dev.rootguard.mfa.internal to
      dev.rootguard.mfa.totp,
      dev.rootguard.mfa.u2f,
      dev.rootguard.mfa.hardware,
      dev.rootguard.store.jdbc;
  // The one credential-report mapping, used by the live collector.
  exports dev.rootguard.policy.internal to
      dev.rootguard.aws;
}
