/**
 * Collects root-user facts with the AWS SDK for Java v2, for one account or a whole organization.
 *
 * <p>Entry points:
 *
 * <ul>
 *   <li>{@link dev.rootguard.aws.AwsRootCollector} (and {@link
 *       dev.rootguard.aws.AsyncAwsRootCollector}): one account, from an {@code IamClient}, into a
 *       {@link dev.rootguard.policy.RootAccountState};
 *   <li>{@link dev.rootguard.aws.OrganizationAuditor}: every account of an organization, with
 *       bounded concurrency, isolated failures and streamed {@link
 *       dev.rootguard.aws.AccountResult}s;
 *   <li>{@link dev.rootguard.aws.RootCredentialRemediator} (experimental): deletes member accounts'
 *       root credentials through {@code sts:AssumeRoot}, dry run by default.
 * </ul>
 *
 * <pre>{@code
 * try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).build()) {
 *   RootAccountState state = AwsRootCollector.create(iam).collect();
 * }
 * }</pre>
 *
 * <p>The permissions needed are listed in {@code minimal-iam-policy.json} (a resource of this
 * package and a file at the module's root).
 *
 * <p>What this package does not do: it does not evaluate controls (a {@code RootSecurityPolicy} in
 * core does), it does not read the "IAM user and role access to Billing" setting (no public API
 * exposes it; the fact stays unknown), and it does not retry on its own: retries and throttling
 * back-off are the SDK client's retry strategy.
 *
 * @since 0.1.0
 */
package dev.rootguard.aws;
