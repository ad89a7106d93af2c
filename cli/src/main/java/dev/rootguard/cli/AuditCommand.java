package dev.rootguard.cli;

import dev.rootguard.InvalidInputException;
import dev.rootguard.Printable;
import dev.rootguard.RootGuardException;
import dev.rootguard.aws.AccountResult;
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
      description = "The account's place in AWS Organizations.")
  String organizationRole;

  @Option(
      names = "--central-root-access",
      paramLabel = "enabled|disabled",
      description =
          "Whether the organization has centralized root access" + " (RootCredentialsManagement).")
  String centralRootAccess;

  @Option(
      names = "--root-virtual-mfa",
      paramLabel = "none|SERIAL[,SERIAL...]",
      description = "Virtual MFA devices assigned to root (aws iam list-virtual-mfa-devices).")
  String rootVirtualMfa;

  @Option(
      names = "--billing-access",
      paramLabel = "activated|not-activated",
      description = "IAM user and role access to Billing, as you checked it in the console.")
  String billingAccess;

  @Option(
      names = "--generated-at",
      paramLabel = "ISO-8601",
      description = "When AWS generated the report. Default: the file's modification time.")
  String generatedAt;

  @Option(
      names = "--policy",
      defaultValue = "recommended",
      paramLabel = "recommended|cis1|cis2",
      description = "Policy preset. Default: ${DEFAULT-VALUE}.")
  String policy;

  @Option(
      names = "--max-days-since-root-use",
      paramLabel = "DAYS",
      description = "Days without root use required (default 90).")
  Integer maxDays;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "text|md|json|html",
      description = "Report format. Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(
      names = "--lang",
      defaultValue = "en",
      paramLabel = "en|ja",
      description = "Report language. Default: ${DEFAULT-VALUE}.")
  String lang;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(
      names = "--color",
      defaultValue = "auto",
      paramLabel = "auto|always|never",
      description = "Colours in text reports. auto: only on a terminal. Default: ${DEFAULT-VALUE}.")
  String color;

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
    RootSecurityPolicy p = policy(policy, maxDays);
    Assessment.Format f = format(format);
    Locale locale = locale(lang);
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
    boolean colour = f == Assessment.Format.TEXT && output == null && colour(color);
    String report = Assessment.renderAll(assessments, f, locale, colour);
    long compliant = assessments.stream().filter(Assessment::isCompliant).count();
    reportFailures();
    if (output != null) {
      try {
        Files.writeString(output, report, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new RootGuardException("cannot write --output " + output + ": " + e.getMessage(), e);
      }
      out.println(
          "Report written to "
              + output
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

  /**
   * Runs the recommended policy on the bundled samples and prints the text report; the lead's
   * {@code rootguard demo} calls this first.
   *
   * @param out where to print
   * @param locale English or Japanese
   * @param colour ANSI colours
   * @return 0 if every sample complies (never: one is neglected on purpose), else 1
   */
  public static int runDemo(PrintWriter out, Locale locale, boolean colour) {
    List<Assessment> as = evaluate(RootSecurityPolicy.recommended(), DemoAccounts.all());
    out.print(Assessment.renderAll(as, Assessment.Format.TEXT, locale, colour));
    out.flush();
    return as.stream().allMatch(Assessment::isCompliant) ? 0 : RootGuardCli.EXIT_VERDICT;
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
      o.accountSummary(
              AwsCliJson.accountSummary(
                  readSmall(accountSummaryFile, "--account-summary"), "--account-summary"))
          .summaryOrigin(String.valueOf(accountSummaryFile.getFileName()));
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
    if (virtualMfaFile != null) {
      b.virtualMfaSerials(
          Fact.known(
              AwsCliJson.rootVirtualMfaSerials(
                  readSmall(virtualMfaFile, "--virtual-mfa-devices"),
                  s.rootArn(),
                  "--virtual-mfa-devices"),
              Source.of(String.valueOf(virtualMfaFile.getFileName()), generated)));
    }
    if (passwordPolicyFile != null) {
      if (passwordPolicyFile.equalsIgnoreCase("none")) {
        b.passwordPolicy(Fact.known(java.util.Optional.empty(), cli));
      } else {
        Path pp = Path.of(passwordPolicyFile);
        b.passwordPolicy(
            Fact.known(
                AwsCliJson.passwordPolicy(readSmall(pp, "--password-policy"), "--password-policy"),
                Source.of(String.valueOf(pp.getFileName()), generated)));
      }
    }
    if (organizationRole != null) {
      RootAccountState.OrganizationRole role =
          switch (organizationRole) {
            case "standalone" -> RootAccountState.OrganizationRole.STANDALONE;
            case "management" -> RootAccountState.OrganizationRole.MANAGEMENT;
            case "member" -> RootAccountState.OrganizationRole.MEMBER;
            default ->
                throw new InvalidInputException(
                    "--organization-role", "must be standalone, management or member");
          };
      b.organizationRole(Fact.known(role, cli));
    }
    if (centralRootAccess != null) {
      boolean on =
          switch (centralRootAccess) {
            case "enabled" -> true;
            case "disabled" -> false;
            default ->
                throw new InvalidInputException(
                    "--central-root-access", "must be enabled or disabled");
          };
      b.centralRootCredentialsManagement(Fact.known(on, cli));
    }
    if (billingAccess != null) {
      boolean on =
          switch (billingAccess) {
            case "activated" -> true;
            case "not-activated" -> false;
            default ->
                throw new InvalidInputException(
                    "--billing-access", "must be activated or not-activated");
          };
      b.iamUserAccessToBilling(Fact.known(on, cli));
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

  static RootSecurityPolicy policy(String name, Integer maxDays) {
    RootSecurityPolicy p =
        switch (name) {
          case "recommended" -> RootSecurityPolicy.recommended();
          case "cis1" -> RootSecurityPolicy.cisLevel1();
          case "cis2" -> RootSecurityPolicy.cisLevel2();
          default ->
              throw new InvalidInputException("--policy", "must be recommended, cis1 or cis2");
        };
    return maxDays == null ? p : p.toBuilder().maxDaysSinceRootUse(maxDays).build();
  }

  static Assessment.Format format(String name) {
    return switch (name) {
      case "text" -> Assessment.Format.TEXT;
      case "md", "markdown" -> Assessment.Format.MARKDOWN;
      case "json" -> Assessment.Format.JSON;
      case "html" -> Assessment.Format.HTML;
      default -> throw new InvalidInputException("--format", "must be text, md, json or html");
    };
  }

  static Locale locale(String lang) {
    return switch (lang) {
      case "en" -> Locale.ENGLISH;
      case "ja" -> Locale.JAPANESE;
      default -> throw new InvalidInputException("--lang", "must be en or ja");
    };
  }

  static boolean colour(String mode) {
    return switch (mode) {
      case "always" -> true;
      case "never" -> false;
      case "auto" -> System.console() != null && System.getenv("NO_COLOR") == null;
      default -> throw new InvalidInputException("--color", "must be auto, always or never");
    };
  }
}
