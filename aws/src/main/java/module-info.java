/**
 * RootGuard aws: Collects root-user facts with the AWS SDK for Java v2, for one account or a whole
 * organization, and seals secrets at rest with AWS KMS envelope encryption.
 *
 * @since 0.1.0
 */
module dev.rootguard.aws {
  requires transitive dev.rootguard.core;
  requires transitive software.amazon.awssdk.services.iam;
  requires transitive software.amazon.awssdk.services.sts;
  requires transitive software.amazon.awssdk.services.organizations;
  requires transitive software.amazon.awssdk.services.account;
  requires transitive software.amazon.awssdk.services.kms;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires transitive software.amazon.awssdk.auth;
  requires software.amazon.awssdk.regions;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.apache;
  requires software.amazon.awssdk.identity.spi;
  requires software.amazon.awssdk.utils;
  requires org.slf4j;

  exports dev.rootguard.aws;
}
