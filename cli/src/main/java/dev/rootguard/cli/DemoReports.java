package dev.rootguard.cli;

import dev.rootguard.password.PasswordCheck;
import dev.rootguard.password.PasswordContext;
import dev.rootguard.password.PasswordFinding;
import dev.rootguard.password.PasswordValidator;
import dev.rootguard.policy.Assessment;
import dev.rootguard.policy.RootSecurityPolicy;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * What {@code rootguard demo} shows, on bundled sample data with no AWS access: the root-user audit
 * of the sample accounts ({@link DemoAccounts}) against the recommended policy, then sample
 * passwords judged by each AWS preset ({@link PasswordPresets}). {@code rootguard audit --demo}
 * audits the same accounts with any policy.
 *
 * <pre>{@code
 * DemoReports.auditSamples(out, Locale.JAPANESE, false);
 * DemoReports.judgeSamplePasswords(out, Locale.JAPANESE);
 * }</pre>
 *
 * <p>Stateless and thread-safe (each call writes only to its own {@code out}).
 */
final class DemoReports {
  private DemoReports() {}

  /**
   * Runs the recommended policy on the bundled samples and prints the text report; {@code rootguard
   * demo} shows this first.
   *
   * @param out where to print
   * @param locale English or Japanese
   * @param colour ANSI colours
   * @return 0 if every sample complies (never: one is neglected on purpose), else 1
   */
  static int auditSamples(PrintWriter out, Locale locale, boolean colour) {
    RootSecurityPolicy p = RootSecurityPolicy.recommended();
    List<Assessment> as = DemoAccounts.all().stream().map(p::evaluate).toList();
    out.print(Assessment.renderAll(as, Assessment.Format.TEXT, locale, colour));
    out.flush();
    return as.stream().allMatch(Assessment::isCompliant) ? 0 : RootGuardCli.EXIT_VERDICT;
  }

  /** The demo's sample passwords; made up for the demo, never anyone's real password. */
  static final List<String> SAMPLE_PASSWORDS =
      List.of(
          "password",
          "Secret123",
          "amazon",
          "AcmeProd-2026",
          "blue7Horse+",
          "o'neill'2026x",
          "<acme>2026x",
          "Tq8{Hw3]Lz6|Rn1=");

  /** The account the demo's samples are judged for. */
  static final PasswordContext SAMPLE_CONTEXT =
      PasswordContext.builder().accountName("AcmeProd-2026").email("root@acme.example").build();

  /**
   * Judges a fixed set of sample passwords by every AWS preset and prints each verdict with its
   * reasons: the password part of {@code rootguard demo}.
   *
   * @param out where to print
   * @param locale the language of the reasons (English or Japanese)
   */
  static void judgeSamplePasswords(PrintWriter out, Locale locale) {
    out.println(CliTexts.get(locale, "demo.title"));
    out.println(
        String.format(
            locale,
            CliTexts.get(locale, "demo.context"),
            SAMPLE_CONTEXT.accountName().orElseThrow(),
            SAMPLE_CONTEXT.email().orElseThrow()));
    List<PasswordValidator> validators =
        PasswordPresets.ALL.values().stream().map(s -> PasswordValidator.of(s.get())).toList();
    for (String sample : SAMPLE_PASSWORDS) {
      out.println();
      out.println("  \"" + sample + "\"");
      for (PasswordValidator v : validators) {
        PasswordCheck c = v.check(sample, SAMPLE_CONTEXT);
        String verdict = CliTexts.verdict(c, locale);
        StringBuilder line =
            new StringBuilder(String.format(locale, "    %-20s %s", c.policyName(), verdict));
        if (!c.violations().isEmpty()) {
          line.append("  ")
              .append(CliTexts.get(locale, "password.violations"))
              .append(titles(c.violations(), locale));
        }
        if (!c.warnings().isEmpty()) {
          line.append("  ")
              .append(CliTexts.get(locale, "password.warnings"))
              .append(titles(c.warnings(), locale));
        }
        out.println(line);
      }
    }
    out.flush();
  }

  private static String titles(List<PasswordFinding> fs, Locale locale) {
    return String.join(
        CliTexts.get(locale, "password.sep"),
        fs.stream().map(f -> f.rule().description(locale)).toList());
  }
}
