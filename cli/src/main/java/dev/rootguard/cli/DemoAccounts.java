package dev.rootguard.cli;

import dev.rootguard.RootGuardException;
import dev.rootguard.password.IamPasswordPolicy;
import dev.rootguard.policy.CredentialReportOptions;
import dev.rootguard.policy.Fact;
import dev.rootguard.policy.RootAccountState;
import dev.rootguard.policy.Source;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bundled sample accounts for {@code rootguard audit --demo}: a well-kept production account
 * ({@code acme-prod}) and a neglected sandbox ({@code legacy-sandbox}). Each is a real-format IAM
 * credential report (resources under {@code dev/rootguard/cli/demo/}) plus the account summary
 * values and the few facts a live collector would add (virtual MFA devices, password policy,
 * organization role, and, for acme-prod, the billing-access setting as recorded by the
 * account-vending process).
 *
 * <pre>{@code
 * List<RootAccountState> samples = DemoAccounts.all();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class DemoAccounts {
  /** When the sample reports were "generated". */
  public static final Instant GENERATED_AT = Instant.parse("2026-11-28T09:00:00Z");

  private DemoAccounts() {}

  /**
   * Returns both samples, the compliant one first.
   *
   * @return the samples
   */
  public static List<RootAccountState> all() {
    return List.of(compliant(), neglected());
  }

  /**
   * Returns {@code acme-prod}: hardware MFA, no keys, root last used 167 days ago, CIS password
   * policy, billing access activated.
   *
   * @return the state
   */
  public static RootAccountState compliant() {
    String file = "acme-prod-credential-report.csv";
    RootAccountState s =
        RootAccountState.fromCredentialReport(
            read(file),
            CredentialReportOptions.builder()
                .origin(file)
                .generatedAt(GENERATED_AT)
                .accountName("acme-prod")
                .accountSummary(
                    Map.of(
                        "AccountMFAEnabled", 1,
                        "AccountAccessKeysPresent", 0,
                        "AccountPasswordPresent", 1,
                        "AccountSigningCertificatesPresent", 0))
                .summaryOrigin("acme-prod-account-summary.json")
                .build());
    Source api = Source.of("iam:ListVirtualMFADevices", GENERATED_AT);
    return s.toBuilder()
        .virtualMfaSerials(Fact.known(List.of(), api))
        .iamUserAccessToBilling(
            Fact.known(true, Source.of("account-vending record AV-2021-0412", GENERATED_AT)))
        .passwordPolicy(
            Fact.known(
                Optional.of(new IamPasswordPolicy(16, true, true, true, true, true, 90, 24, false)),
                Source.of("iam:GetAccountPasswordPolicy", GENERATED_AT)))
        .organizationRole(
            Fact.known(
                RootAccountState.OrganizationRole.STANDALONE,
                Source.of("organizations:DescribeOrganization", GENERATED_AT)))
        .build();
  }

  /**
   * Returns {@code legacy-sandbox}: a virtual MFA app on root, an active root access key used
   * yesterday, root signed in three days ago, a signing certificate, the default password policy.
   *
   * @return the state
   */
  public static RootAccountState neglected() {
    String file = "legacy-sandbox-credential-report.csv";
    RootAccountState s =
        RootAccountState.fromCredentialReport(
            read(file),
            CredentialReportOptions.builder()
                .origin(file)
                .generatedAt(GENERATED_AT)
                .accountName("legacy-sandbox")
                .accountSummary(
                    Map.of(
                        "AccountMFAEnabled", 1,
                        "AccountAccessKeysPresent", 1,
                        "AccountPasswordPresent", 1,
                        "AccountSigningCertificatesPresent", 1))
                .summaryOrigin("legacy-sandbox-account-summary.json")
                .build());
    Source api = Source.of("iam:ListVirtualMFADevices", GENERATED_AT);
    return s.toBuilder()
        .virtualMfaSerials(
            Fact.known(List.of("arn:aws:iam::444455556666:mfa/root-account-mfa-device"), api))
        .passwordPolicy(
            Fact.known(Optional.empty(), Source.of("iam:GetAccountPasswordPolicy", GENERATED_AT)))
        .organizationRole(
            Fact.known(
                RootAccountState.OrganizationRole.STANDALONE,
                Source.of("organizations:DescribeOrganization", GENERATED_AT)))
        .build();
  }

  private static byte[] read(String name) {
    try (InputStream in =
        DemoAccounts.class.getResourceAsStream("/dev/rootguard/cli/demo/" + name)) {
      if (in == null) {
        throw new RootGuardException("bundled sample missing: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new RootGuardException("cannot read bundled sample " + name, e);
    }
  }
}
