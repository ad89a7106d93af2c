/**
 * Collects root-user facts with the AWS SDK for Java v2, for one account or a whole organization,
 * and seals secrets at rest with AWS KMS envelope encryption.
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
 *       root credentials through {@code sts:AssumeRoot}, dry run by default;
 *   <li>{@link dev.rootguard.aws.KmsSecretSealer}: a {@link dev.rootguard.seal.SecretSealer} over a
 *       {@code KmsClient} ({@code GenerateDataKey} / {@code Decrypt}, AES-256-GCM data keys cached
 *       within bounds), for the stores that keep TOTP secrets, token seeds and Yubico keys.
 * </ul>
 *
 * <pre>{@code
 * try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).build()) {
 *   RootAccountState state = AwsRootCollector.create(iam).collect();
 * }
 *
 * SecretSealer sealer = KmsSecretSealer.builder(kmsClient, keyArn).build();
 * String sealed = sealer.seal(seed, "token:GALT12345678");
 * }</pre>
 *
 * <p>The permissions needed are listed in {@code minimal-iam-policy.json} (collecting, auditing and
 * remediating) and {@code kms-sealer-policy.json} (sealing with KMS, scoped to one key and to
 * RootGuard's encryption context; usually granted to another principal, the server that verifies
 * MFA). Both are resources of this package and files at the module's root.
 *
 * <p>What this package does not do: it does not evaluate controls (a {@code RootSecurityPolicy} in
 * core does), it does not read the "IAM user and role access to Billing" setting (no public API
 * exposes it; the fact stays unknown), and it does not retry on its own: retries and throttling
 * back-off are the SDK client's retry strategy. {@code KmsSecretSealer} does not create, rotate or
 * grant access to KMS keys, and it does not store anything: the stores that take a {@code
 * SecretSealer} do.
 *
 * @since 0.1.0
 */
package dev.rootguard.aws;
