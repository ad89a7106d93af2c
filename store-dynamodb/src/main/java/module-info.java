/**
 * RootGuard store-dynamodb: RootGuard state stores in one DynamoDB table through the AWS SDK v2.
 *
 * @since 0.2.0
 */
module dev.rootguard.store.dynamodb {
  requires transitive dev.rootguard.core;
  requires transitive dev.rootguard.mfa.totp;
  requires transitive dev.rootguard.mfa.hardware;
  requires transitive dev.rootguard.mfa.u2f;
  requires transitive software.amazon.awssdk.services.dynamodb;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires org.slf4j;

  exports dev.rootguard.store.dynamodb;
}
