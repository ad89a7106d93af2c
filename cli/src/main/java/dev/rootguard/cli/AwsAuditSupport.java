package dev.rootguard.cli;

import dev.rootguard.InvalidInputException;
import dev.rootguard.aws.AccessMode;
import dev.rootguard.aws.AccountResult;
import dev.rootguard.aws.AuditProgress;
import dev.rootguard.aws.AuditSummary;
import dev.rootguard.aws.AwsRootCollector;
import dev.rootguard.aws.OrganizationAuditor;
import dev.rootguard.policy.RootAccountState;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The live-AWS half of {@code rootguard audit}: builds SDK clients from the default credential
 * chain (or a named profile) and runs {@link AwsRootCollector} on one account or {@link
 * OrganizationAuditor} on a whole organization, drawing a progress bar on stderr.
 *
 * <p>Endpoints follow the SDK's own configuration, so {@code AWS_ENDPOINT_URL} (or the {@code
 * aws.endpointUrl} system property) points the CLI at a local stand-in.
 *
 * <pre>{@code
 * RootAccountState state = AwsAuditSupport.collectAccount("audit", "eu-west-1");
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class AwsAuditSupport {
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");
  private static final Pattern PROFILE = Pattern.compile("[\\w.@+-]{1,128}");
  private static final int BAR = 30;

  private AwsAuditSupport() {}

  /**
   * Collects the root facts of the account the credentials belong to.
   *
   * @param profile a named profile from the shared config files, or null for the default chain
   * @param region the region of the regional STS endpoint, or null for {@code us-east-1}
   * @return the state
   * @throws InvalidInputException naming {@code --profile} or {@code --region} when malformed
   * @throws dev.rootguard.aws.AwsCollectionException naming the IAM action when a call fails
   */
  public static RootAccountState collectAccount(String profile, String region) {
    AwsCredentialsProvider creds = credentials(profile);
    Region r = region(region);
    try (IamClient iam =
            IamClient.builder().region(globalRegion(r)).credentialsProvider(creds).build();
        StsClient sts = StsClient.builder().region(r).credentialsProvider(creds).build();
        AccountClient account =
            AccountClient.builder().region(r).credentialsProvider(creds).build()) {
      return AwsRootCollector.builder(iam).sts(sts).account(account).build().collect();
    }
  }

  /**
   * Audits every account of the organization the credentials' account manages, streaming each
   * result to {@code sink}.
   *
   * @param profile a named profile, or null for the default chain
   * @param region the region of the regional STS endpoint (needed for {@code sts:AssumeRoot}), or
   *     null for {@code us-east-1}
   * @param role the role to assume in member accounts, or null for {@value
   *     OrganizationAuditor#DEFAULT_ROLE}
   * @param concurrency accounts at once, 1 to 64
   * @param sink receives each account's result, one call at a time
   * @param progressBar where to draw the progress bar (stderr), or null for none
   * @return the totals
   * @throws InvalidInputException naming the option when an argument is malformed
   * @throws dev.rootguard.aws.AwsCollectionException when the organization cannot be listed
   */
  public static AuditSummary auditOrganization(
      String profile,
      String region,
      String role,
      int concurrency,
      Consumer<AccountResult> sink,
      PrintStream progressBar) {
    AwsCredentialsProvider creds = credentials(profile);
    Region r = region(region);
    if (concurrency < 1 || concurrency > 64) {
      throw new InvalidInputException("--concurrency", "must be 1..64, was " + concurrency);
    }
    try (IamClient iam =
            IamClient.builder().region(globalRegion(r)).credentialsProvider(creds).build();
        StsClient sts = StsClient.builder().region(r).credentialsProvider(creds).build();
        OrganizationsClient org =
            OrganizationsClient.builder().region(r).credentialsProvider(creds).build()) {
      OrganizationAuditor.Builder b =
          OrganizationAuditor.builder(org, sts)
              .managementIam(iam)
              .accessMode(AccessMode.AUTO)
              .concurrency(concurrency);
      if (role != null) {
        try {
          b.roleName(role);
        } catch (InvalidInputException e) {
          throw new InvalidInputException("--role", "is not a valid IAM role name");
        }
      }
      if (progressBar != null) {
        b.progress(p -> draw(progressBar, p));
      }
      AuditSummary summary = b.build().audit(sink);
      if (progressBar != null) {
        progressBar.println();
        progressBar.flush();
      }
      return summary;
    }
  }

  /**
   * Renders one progress line, e.g. {@code [#########.....] 30/100 accounts, 1 failed}.
   *
   * @param p the progress
   * @return the line, without carriage return
   */
  static String bar(AuditProgress p) {
    int total = Math.max(p.listed(), 1);
    int filled = (int) Math.min(BAR, (long) BAR * p.completed() / total);
    return "["
        + "#".repeat(filled)
        + ".".repeat(BAR - filled)
        + "] "
        + p.completed()
        + "/"
        + p.listed()
        + (p.listingComplete() ? "" : "+")
        + " accounts, "
        + p.failed()
        + " failed";
  }

  private static void draw(PrintStream out, AuditProgress p) {
    out.print("\r" + bar(p));
    out.flush();
  }

  private static AwsCredentialsProvider credentials(String profile) {
    if (profile == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    if (!PROFILE.matcher(profile).matches()) {
      throw new InvalidInputException("--profile", "is not a valid profile name");
    }
    return ProfileCredentialsProvider.builder().profileName(profile).build();
  }

  private static Region region(String region) {
    if (region == null) {
      return Region.US_EAST_1;
    }
    String r = region.toLowerCase(Locale.ROOT);
    if (!REGION.matcher(r).matches()) {
      throw new InvalidInputException("--region", "must look like us-east-1, was " + region);
    }
    return Region.of(r);
  }

  /** IAM is global per partition. */
  private static Region globalRegion(Region r) {
    String id = r.id();
    if (id.startsWith("cn-")) {
      return Region.AWS_CN_GLOBAL;
    }
    if (id.startsWith("us-gov-")) {
      return Region.AWS_US_GOV_GLOBAL;
    }
    return Region.AWS_GLOBAL;
  }
}
