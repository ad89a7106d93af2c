package dev.rootguard.policy.internal;

import static dev.rootguard.policy.internal.ReportParts.accountId;
import static dev.rootguard.policy.internal.ReportParts.accountName;
import static dev.rootguard.policy.internal.ReportParts.appendCounts;
import static dev.rootguard.policy.internal.ReportParts.compactReferences;
import static dev.rootguard.policy.internal.ReportParts.evidence;
import static dev.rootguard.policy.internal.ReportParts.policyName;
import static dev.rootguard.policy.internal.ReportParts.showRemediation;
import static dev.rootguard.policy.internal.ReportParts.t;
import static dev.rootguard.policy.internal.ReportParts.when;

import dev.rootguard.policy.Assessment;
import dev.rootguard.policy.Finding;
import java.util.List;
import java.util.Locale;

/**
 * The Markdown report: each facts-derived value escaped by {@link Printable} and then its Markdown
 * metacharacters backslash-escaped. Stateless and thread-safe.
 */
final class MarkdownReport {
  private MarkdownReport() {}

  static String md(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\', '`', '*', '_', '[', ']', '#', '|', '~' -> sb.append('\\').append(c);
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '\n' -> sb.append("<br>");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * Renders the Markdown report.
   *
   * @param as the assessments
   * @param l the locale
   * @return the report
   */
  static String render(List<Assessment> as, Locale l) {
    StringBuilder sb = new StringBuilder(4096);
    for (Assessment a : as) {
      String name = accountName(a);
      sb.append("## ")
          .append(md(t(l, "report.title")))
          .append(": ")
          .append(t(l, "report.account"))
          .append(' ')
          .append(md(accountId(a)));
      if (!name.isEmpty()) {
        sb.append(" (").append(md(name)).append(')');
      }
      sb.append("\n\n");
      sb.append("| | |\n|---|---|\n");
      sb.append("| ")
          .append(t(l, "report.policy"))
          .append(" | ")
          .append(md(policyName(a)))
          .append(" |\n");
      sb.append("| ")
          .append(t(l, "report.referenceTime"))
          .append(" | ")
          .append(when(a.referenceTime()))
          .append(" |\n");
      sb.append("| ")
          .append(t(l, "report.verdict"))
          .append(" | **")
          .append(a.isCompliant() ? t(l, "report.compliant") : t(l, "report.notCompliant"))
          .append("** |\n");
      sb.append("| ")
          .append(t(l, "report.score"))
          .append(" | ")
          .append(a.score())
          .append("/100 |\n");
      sb.append("| ").append(t(l, "report.counts")).append(" | ");
      appendCounts(sb, a, l);
      sb.append(" |\n\n");
      sb.append("| ")
          .append(t(l, "report.status"))
          .append(" | ")
          .append(t(l, "report.control"))
          .append(" | ")
          .append(t(l, "report.severity"))
          .append(" | ")
          .append(t(l, "report.evidence"))
          .append(" |\n|---|---|---|---|\n");
      for (Finding f : a.findings()) {
        sb.append("| **")
            .append(t(l, "status." + f.status()))
            .append("** | `")
            .append(f.control().name())
            .append("`<br>")
            .append(md(f.control().title(l)))
            .append(" | ")
            .append(t(l, "severity." + f.severity()))
            .append(" | ")
            .append(md(evidence(f, l)))
            .append(" |\n");
      }
      sb.append('\n');
      boolean header = false;
      for (Finding f : a.findings()) {
        if (!showRemediation(f)) {
          continue;
        }
        if (!header) {
          sb.append("### ").append(t(l, "report.remediation")).append("\n\n");
          header = true;
        }
        sb.append("#### ")
            .append(t(l, "status." + f.status()))
            .append(": `")
            .append(f.control().name())
            .append("` ")
            .append(md(f.control().title(l)))
            .append("\n\n");
        sb.append(md(f.control().rationale(l))).append("\n\n");
        for (String line : f.remediation(l).split("\n")) {
          sb.append(
                  line.matches("\\d+\\. .*")
                      ? md(line).replaceFirst("^(\\d+)\\\\?\\.", "$1.")
                      : md(line))
              .append('\n');
        }
        sb.append('\n');
        List<String> refs = compactReferences(f.control().references());
        if (!refs.isEmpty()) {
          sb.append("*")
              .append(t(l, "report.references"))
              .append(": ")
              .append(md(String.join("; ", refs)))
              .append("*\n\n");
        }
      }
    }
    sb.append("_")
        .append(md(t(l, "report.complianceRule")))
        .append(" ")
        .append(md(t(l, "report.generatedBy")))
        .append("._\n");
    return sb.toString();
  }
}
