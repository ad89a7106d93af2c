package dev.rootguard.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code rootguard demo}: the main job on bundled sample data, with no AWS access. First the
 * root-user audit of two sample accounts (one compliant, one neglected) against the recommended
 * policy, then sample passwords judged by each AWS preset with the reasons ({@link DemoReports}).
 *
 * <p>Exits 0 when the demo ran: the neglected sample's findings are the point of the demo, not an
 * error. {@code rootguard audit --demo} exits 1 on the same findings.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the main job on bundled sample data (no AWS access needed):",
      "the root-user audit of two sample accounts, then sample passwords judged by each AWS preset."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Locale locale = output.locale();
    out.println(CliTexts.get(locale, "demo.audit.heading"));
    out.println();
    DemoReports.auditSamples(out, locale, output.colour());
    out.println();
    out.println(CliTexts.get(locale, "demo.passwords.heading"));
    out.println();
    DemoReports.judgeSamplePasswords(out, locale);
    out.flush();
    return 0;
  }
}
