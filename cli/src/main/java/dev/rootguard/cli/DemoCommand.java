package dev.rootguard.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rootguard demo}: the main job on bundled sample data, with no AWS access. First the
 * root-user audit of two sample accounts (one compliant, one neglected) against the recommended
 * policy, then sample passwords judged by each AWS preset with the reasons.
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

  @Option(
      names = "--lang",
      paramLabel = "en|ja",
      defaultValue = "en",
      description = "Language of the report: en or ja (default: ${DEFAULT-VALUE}).")
  String lang;

  @Option(
      names = "--color",
      paramLabel = "auto|always|never",
      defaultValue = "auto",
      description = "Colour the terminal report (default: ${DEFAULT-VALUE}: when a terminal).")
  String color;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Locale locale = AuditCommand.locale(lang);
    boolean colour = AuditCommand.colour(color);
    out.println(
        Locale.JAPANESE.getLanguage().equals(locale.getLanguage())
            ? "== ルートユーザー監査（サンプルアカウント、推奨ポリシー） =="
            : "== Root-user audit of the sample accounts (recommended policy) ==");
    out.println();
    AuditCommand.runDemo(out, locale, colour);
    out.println();
    out.println(
        Locale.JAPANESE.getLanguage().equals(locale.getLanguage())
            ? "== AWS の各プリセットによるサンプルパスワードの判定 =="
            : "== Sample passwords judged by each AWS preset ==");
    out.println();
    PasswordCommand.runDemo(out, locale);
    out.flush();
    return 0;
  }
}
