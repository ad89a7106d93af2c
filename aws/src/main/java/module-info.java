/**
 * RootGuard aws: Collects root-user facts with the AWS SDK for Java v2.
 *
 * @since 0.1.0
 */
module dev.rootguard.aws {
  requires transitive dev.rootguard.core;

  // exports dev.rootguard.aws; -- added with the package's first public type
}
