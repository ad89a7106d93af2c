/**
 * Collects root-user facts with the AWS SDK for Java v2.
 *
 * @since 0.1.0
 */
package dev.rootguard.aws;
