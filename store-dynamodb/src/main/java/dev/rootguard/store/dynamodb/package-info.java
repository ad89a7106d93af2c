/**
 * RootGuard's state stores in one Amazon DynamoDB table through the AWS SDK for Java v2: start at
 * {@link dev.rootguard.store.dynamodb.DynamoDbStores}.
 *
 * @since 0.2.0
 */
package dev.rootguard.store.dynamodb;
