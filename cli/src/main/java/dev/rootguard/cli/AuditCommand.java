package dev.rootguard.cli;

import dev.rootguard.InvalidInputException;
import dev.rootguard.Printable;
import dev.rootguard.RootGuardException;
import dev.rootguard.aws.AccountResult;
import dev.rootguard.password.IamPasswordPolicy;
import dev.rootguard.policy.Assessment;
import dev.rootguard.policy.CredentialReportOptions;
import dev.rootguard.policy.Fact;
import dev.rootguard.policy.RootAccountState;
import dev.rootguard.policy.RootSecurityPolicy;
import dev.rootguard.policy.Source;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rootguard audit}: evaluates a root security policy and prints the report.
 *
 * <p>Sources of facts (exactly one):
 *
 * <ul>
 *   <li>{@code --demo}: the bundled sample accounts ({@link DemoAccounts});
 *   <li>{@code --credential-report FILE}: a credential report downloaded from the IAM console or
 *       with {@code aws iam get-credential-report}, audited offline, optionally with the AWS CLI's
 *       JSON output of {@code get-account-summary}, {@code list-virtual-mfa-devices} and {@code
 *       get-account-password-policy}, or single values ({@code --summary KEY=VALUE});
 *   <li>live AWS (neither option): the default credential chain or {@code --profile}, one account
 *       or {@code --organization}; see {@link #auditLive(RootSecurityPolicy)}.
 * </ul>
 *
 * <p>Exit codes: 0 every account compliant, 1 findings, 2 error.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Audit the AWS root user against a root security policy.",
      "Exit code: 0 compliant, 1 findings, 2 error."
    })
public final class AuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--demo", description = "Audit the bundled sample accounts (no AWS access).")
  boolean demo;

  @Option(
      names = "--credential-report",
      paramLabel = "FILE",
      description = "Audit a downloaded IAM credential report (CSV) offline.")
  Path credentialReport;

  @Option(
      names = "--account-id",
      paramLabel = "ID",
      description = "Account id, when the report's root ARN does not carry it.")
  String accountId;

  @Option(names = "--account-name", paramLabel = "NAME", description = "Account name to show.")
  String accountName;

  @Option(
      names = "--summary",
      paramLabel = "KEY=VALUE",
      description = {
        "Account summary values (aws iam get-account-summary), e.g.",
        "--summary AccountMFAEnabled=1 --summary AccountAccessKeysPresent=0"
      })
  Map<String, Integer> summary;

  @Option(
      names = "--account-summary",
      paramLabel = "FILE",
      description = "Output of 'aws iam get-account-summary' (JSON).")
  Path accountSummaryFile;

  @Option(
      names = "--virtual-mfa-devices",
      paramLabel = "FILE",
      description =
          "Output of 'aws iam list-virtual-mfa-devices' (JSON); root's are matched on"
              + " User.Arn.")
  Path virtualMfaFile;

  @Option(
      names = "--password-policy",
      paramLabel = "FILE|none",
      description =
          "Output of 'aws iam get-account-password-policy' (JSON), or none when the"
              + " account has no custom policy (NoSuchEntity).")
  String passwordPolicyFile;

  @Option(
      names = "--organization-role",
      paramLabel = "standalone|management|member",
      converter = AuditChoices.OrganizationRole.Converter.class,
      completionCandidates = AuditChoices.OrganizationRole.Converter.class,
      description = "The account's place in AWS Organizations.")
  AuditChoices.OrganizationRole organizationRole;

  @Option(
      names = "--central-root-access",
      paramLabel = "enabled|disabled",
      converter = AuditChoices.CentralRootAccess.Converter.class,
      completionCandidates = AuditChoices.CentralRootAccess.Converter.class,
      description =
          "Whether the organization has centralized root access" + " (RootCredentialsManagement).")
  AuditChoices.CentralRootAccess centralRootAccess;

  @Option(
      names = "--root-virtual-mfa",
      paramLabel = "none|SERIAL[,SERIAL...]",
      description = "Virtual MFA devices assigned to root (aws iam list-virtual-mfa-devices).")
  String rootVirtualMfa;

  @Option(
      names = "--billing-access",
      paramLabel = "activated|not-activated",
      converter = AuditChoices.BillingAccess.Converter.class,
      completionCandidates = AuditChoices.BillingAccess.Converter.class,
      description = "IAM user and role access to Billing, as you checked it in the console.")
  AuditChoices.BillingAccess billingAccess;

  @Option(
      names = "--generated-at",
      paramLabel = "ISO-8601",
      description = "When AWS generated the report. Default: the file's modification time.")
  String generatedAt;

  @Option(
      names = "--policy",
      defaultValue = "recommended",
      paramLabel = "recommended|cis1|cis2",
      converter = AuditChoices.Policy.Converter.class,
      completionCandidates = AuditChoices.Policy.Converter.class,
      description = "Policy preset: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  AuditChoices.Policy policy;

  @Option(
      names = "--max-days-since-root-use",
      paramLabel = "DAYS",
      description = "Days without root use required (default 90).")
  Integer maxDays;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "text|md|json|html",
      converter = ReportFormat.Converter.class,
      completionCandidates = ReportFormat.Converter.class,
      description = "Report format: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  ReportFormat format;

  @Mixin OutputOptions output;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  Path outputFile;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description =
          "Live AWS: a named profile from the shared config files (default: the default credential chain).")
  String profile;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "Live AWS: region for STS and Organizations (default: us-east-1).")
  String region;

  @Option(
      names = "--organization",
      description = "Live AWS: audit every account of the organization the credentials manage.")
  boolean organization;

  @Option(
      names = "--role",
      paramLabel = "NAME",
      description =
          "With --organization: the role to assume in member accounts (default: OrganizationAccountAccessRole).")
  String role;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "8",
      description =
          "With --organization: accounts audited at once, 1..64 (default: ${DEFAULT-VALUE}).")
  int concurrency;

  /** Accounts an organization run could not audit; reported on stderr, never lost. */
  private final List<AccountResult.Failed> failures = new ArrayList<>();

  /** Largest credential report read (a 10,000-user report is about 3 MB). */
  static final long MAX_REPORT_BYTES = 256L * 1024 * 1024;

  /** Largest AWS CLI JSON input read ({@code --account-summary} and the like). */
  static final long MAX_JSON_BYTES = 16L * 1024 * 1024;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    RootSecurityPolicy p =
        maxDays == null
            ? policy.policy()
            : policy.policy().toBuilder().maxDaysSinceRootUse(maxDays).build();
    Assessment.Format f = format.format();
    Locale locale = output.locale();
    if (demo && credentialReport != null) {
      throw new InvalidInputException("--demo", "use either --demo or --credential-report");
    }
    List<Assessment> assessments;
    if (demo) {
      assessments = evaluate(p, DemoAccounts.all());
    } else if (credentialReport != null) {
      assessments = evaluate(p, List.of(fromReport()));
    } else {
      assessments = auditLive(p);
    }
    boolean colour = f == Assessment.Format.TEXT && outputFile == null && output.colour();
    String report = Assessment.renderAll(assessments, f, locale, colour);
    long compliant = assessments.stream().filter(Assessment::isCompliant).count();
    reportFailures();
    if (outputFile != null) {
      try {
        Files.writeString(outputFile, report, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new RootGuardException(
            "cannot write --output " + outputFile + ": " + e.getMessage(), e);
      }
      out.println(
          "Report written to "
              + outputFile
              + " ("
              + assessments.size()
              + " account(s), "
              + compliant
              + " compliant).");
    } else {
      out.print(report);
    }
    out.flush();
    return compliant == assessments.size() && failures.isEmpty() ? 0 : RootGuardCli.EXIT_VERDICT;
  }

  private void reportFailures() {
    if (failures.isEmpty()) {
      return;
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println("Could not audit " + failures.size() + " account(s):");
    for (AccountResult.Failed f : failures) {
      err.println(
          "  "
              + Printable.escape(f.accountId())
              + " ("
              + Printable.escape(f.accountName())
              + "): "
              + f.action()
              + ": "
              + Printable.escape(f.reason()));
    }
    err.flush();
  }

  /**
   * The live-AWS path: the default credential chain (or {@code --profile}), one account, or with
   * {@code --organization} every account of the organization at bounded concurrency, with a
   * progress bar on stderr. Accounts that cannot be audited are kept in {@link #failures}.
   *
   * @param p the policy
   * @return the assessments
   */
  List<Assessment> auditLive(RootSecurityPolicy p) {
    if (!organization) {
      if (role != null) {
        throw new InvalidInputException("--role", "only applies with --organization");
      }
      return List.of(p.evaluate(AwsAuditSupport.collectAccount(profile, region)));
    }
    List<Assessment> out = new ArrayList<>();
    AwsAuditSupport.auditOrganization(
        profile,
        region,
        role,
        concurrency,
        r -> {
          if (r instanceof AccountResult.Collected c) {
            out.add(p.evaluate(c.state()));
          } else {
            failures.add((AccountResult.Failed) r);
          }
        },
        System.err);
    return out;
  }

  static List<Assessment> evaluate(RootSecurityPolicy p, List<RootAccountState> states) {
    List<Assessment> out = new ArrayList<>(states.size());
    for (RootAccountState s : states) {
      out.add(p.evaluate(s));
    }
    return out;
  }

  /** The limit in force; a seam so tests need not write 256 MiB. */
  long maxReportBytes = MAX_REPORT_BYTES;

  private RootAccountState fromReport() {
    if (rootVirtualMfa != null && virtualMfaFile != null) {
      throw new InvalidInputException(
          "--root-virtual-mfa", "give either it or --virtual-mfa-devices, not both");
    }
    Instant generated;
    try {
      generated =
          generatedAt != null
              ? parseInstant(generatedAt)
              : Files.getLastModifiedTime(credentialReport).toInstant();
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("--credential-report", "no such file: " + credentialReport);
    } catch (IOException e) {
      throw new RootGuardException(
          "cannot read --credential-report " + credentialReport + ": " + e.getMessage(), e);
    }
    CredentialReportOptions.Builder o =
        CredentialReportOptions.builder()
            .origin(String.valueOf(credentialReport.getFileName()))
            .generatedAt(generated);
    if (accountId != null) {
      o.accountId(accountId);
    }
    if (accountName != null) {
      o.accountName(accountName); // kept exact: every report format escapes it (Printable)
    }
    if (accountSummaryFile != null) {
      byte[] json = readSmall(accountSummaryFile, "--account-summary");
      try {
        o.accountSummaryJson(json);
      } catch (InvalidInputException e) {
        throw e.within("--account-summary");
      }
      o.summaryOrigin(String.valueOf(accountSummaryFile.getFileName()));
    }
    if (virtualMfaFile != null) {
      byte[] json = readSmall(virtualMfaFile, "--virtual-mfa-devices");
      try {
        o.virtualMfaDevicesJson(json);
      } catch (InvalidInputException e) {
        throw e.within("--virtual-mfa-devices");
      }
      o.virtualMfaOrigin(String.valueOf(virtualMfaFile.getFileName()));
    }
    if (summary != null) {
      for (String k : summary.keySet()) {
        if (!CredentialReportOptions.SUMMARY_KEYS.contains(k)) {
          throw new InvalidInputException(
              "--summary", "unknown key " + k + "; use " + CredentialReportOptions.SUMMARY_KEYS);
        }
      }
      o.accountSummary(summary).summaryOrigin("--summary");
    }
    RootAccountState s;
    try (InputStream in =
        BoundedInput.limit(
            Files.newInputStream(credentialReport), maxReportBytes, "--credential-report")) {
      s = RootAccountState.fromCredentialReport(in, o.build());
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("--credential-report", "no such file: " + credentialReport);
    } catch (IOException e) {
      throw new RootGuardException(
          "cannot read --credential-report " + credentialReport + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new RootGuardException(
          "cannot read --credential-report " + credentialReport + ": " + e.getMessage(), e);
    }
    RootAccountState.Builder b = s.toBuilder();
    Source cli = Source.of("command line", generated);
    if (rootVirtualMfa != null) {
      List<String> serials =
          rootVirtualMfa.equalsIgnoreCase("none")
              ? List.of()
              : Arrays.stream(rootVirtualMfa.split(","))
                  .map(String::trim)
                  .filter(x -> !x.isEmpty())
                  .toList();
      b.virtualMfaSerials(Fact.known(serials, cli));
    }
    if (passwordPolicyFile != null) {
      if (passwordPolicyFile.equalsIgnoreCase("none")) {
        b.passwordPolicy(Fact.known(java.util.Optional.empty(), cli));
      } else {
        Path pp = Path.of(passwordPolicyFile);
        IamPasswordPolicy policy;
        try {
          policy =
              IamPasswordPolicy.fromJson(
                  new java.io.ByteArrayInputStream(readSmall(pp, "--password-policy")));
        } catch (InvalidInputException e) {
          throw e.within("--password-policy");
        }
        b.passwordPolicy(
            Fact.known(
                java.util.Optional.of(policy),
                Source.of(String.valueOf(pp.getFileName()), generated)));
      }
    }
    if (organizationRole != null) {
      b.organizationRole(Fact.known(organizationRole.role(), cli));
    }
    if (centralRootAccess != null) {
      b.centralRootCredentialsManagement(Fact.known(centralRootAccess.on(), cli));
    }
    if (billingAccess != null) {
      b.iamUserAccessToBilling(Fact.known(billingAccess.on(), cli));
    }
    return b.build();
  }

  private static byte[] readSmall(Path p, String option) {
    return BoundedInput.readAll(p, MAX_JSON_BYTES, option);
  }

  private static Instant parseInstant(String s) {
    try {
      return java.time.OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          "--generated-at",
          "expected an ISO-8601 date-time with offset, e.g. 2026-11-28T09:00:00Z");
    }
  }
}
