package dev.rootguard.policy.internal;

import static dev.rootguard.policy.internal.ReportParts.accountId;
import static dev.rootguard.policy.internal.ReportParts.accountName;
import static dev.rootguard.policy.internal.ReportParts.appendCounts;
import static dev.rootguard.policy.internal.ReportParts.compactReferences;
import static dev.rootguard.policy.internal.ReportParts.evidence;
import static dev.rootguard.policy.internal.ReportParts.policyName;
import static dev.rootguard.policy.internal.ReportParts.showRemediation;
import static dev.rootguard.policy.internal.ReportParts.sources;
import static dev.rootguard.policy.internal.ReportParts.t;
import static dev.rootguard.policy.internal.ReportParts.when;

import dev.rootguard.policy.Assessment;
import dev.rootguard.policy.Finding;
import dev.rootguard.policy.Status;
import java.util.List;
import java.util.Locale;

/**
 * The plain-text report for terminals (optionally with ANSI colours), with status tags padded to
 * terminal columns (East Asian wide characters count two). Stateless and thread-safe.
 */
final class TextReport {
  private TextReport() {}

  private static final String RESET = "\u001b[0m";

  private static String ansi(Status s) {
    return switch (s) {
      case PASS -> "\u001b[32m";
      case FAIL -> "\u001b[1;31m";
      case WARN -> "\u001b[33m";
      case UNKNOWN -> "\u001b[35m";
      case MANUAL -> "\u001b[36m";
      case NOT_APPLICABLE -> "\u001b[2m";
    };
  }

  /**
   * Renders the text report.
   *
   * @param as the assessments
   * @param l the locale
   * @param colour whether to add ANSI colours
   * @return the report
   */
  static String render(List<Assessment> as, Locale l, boolean colour) {
    StringBuilder sb = new StringBuilder(4096);
    int compliant = 0;
    for (int n = 0; n < as.size(); n++) {
      Assessment a = as.get(n);
      if (a.isCompliant()) {
        compliant++;
      }
      if (n > 0) {
        sb.append('\n').append("=".repeat(78)).append("\n\n");
      }
      String name = accountName(a);
      String title =
          t(l, "report.title")
              + " — "
              + t(l, "report.account")
              + " "
              + accountId(a)
              + (name.isEmpty() ? "" : " (" + name + ")");
      sb.append(colour ? "\u001b[1m" + title + RESET : title).append('\n');
      sb.append(t(l, "report.policy"))
          .append(": ")
          .append(policyName(a))
          .append("    ")
          .append(t(l, "report.referenceTime"))
          .append(": ")
          .append(when(a.referenceTime()))
          .append('\n');
      String verdict = a.isCompliant() ? t(l, "report.compliant") : t(l, "report.notCompliant");
      if (colour) {
        verdict = (a.isCompliant() ? ansi(Status.PASS) : ansi(Status.FAIL)) + verdict + RESET;
      }
      sb.append(t(l, "report.verdict"))
          .append(": ")
          .append(verdict)
          .append("    ")
          .append(t(l, "report.score"))
          .append(": ")
          .append(a.score())
          .append("/100    ");
      appendCounts(sb, a, l);
      sb.append("\n\n");
      for (Finding f : a.findings()) {
        String tag = pad("[" + t(l, "status." + f.status()) + "]", TAG_COLUMNS);
        sb.append(colour ? ansi(f.status()) + tag + RESET : tag)
            .append(' ')
            .append(f.control().name())
            .append(" (")
            .append(t(l, "severity." + f.severity()))
            .append(")\n");
        sb.append(IND).append(f.control().title(l)).append('\n');
        indent(sb, evidence(f, l), IND);
        if (showRemediation(f)) {
          sb.append(IND).append(t(l, "report.remediation")).append(":\n");
          indent(sb, f.remediation(l), IND + "  ");
          List<String> refs = compactReferences(f.control().references());
          if (!refs.isEmpty()) {
            sb.append(IND)
                .append(t(l, "report.references"))
                .append(": ")
                .append(String.join("; ", refs))
                .append('\n');
          }
        }
        sb.append(IND).append(t(l, "report.sources")).append(": ").append(sources(f)).append('\n');
      }
    }
    sb.append('\n').append(t(l, "report.complianceRule")).append('\n');
    if (as.size() > 1) {
      sb.append(
              Texts.format(
                  l,
                  "report.summaryAll",
                  List.of(
                      Integer.toString(as.size()),
                      Integer.toString(compliant),
                      Integer.toString(as.size() - compliant))))
          .append('\n');
    }
    return sb.toString();
  }

  /** Display columns of the status tag; Japanese tags are double-width. */
  private static final int TAG_COLUMNS = 10;

  private static final String IND = " ".repeat(TAG_COLUMNS + 1);

  /** Pads to a number of terminal columns, counting East Asian wide characters as two. */
  static String pad(String s, int columns) {
    int w = 0;
    for (int i = 0; i < s.length(); i++) {
      w += isWide(s.charAt(i)) ? 2 : 1;
    }
    return w >= columns ? s : s + " ".repeat(columns - w);
  }

  private static boolean isWide(char c) {
    return (c >= 0x1100 && c <= 0x115F)
        || (c >= 0x2E80 && c <= 0xA4CF)
        || (c >= 0xAC00 && c <= 0xD7A3)
        || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0xFE30 && c <= 0xFE4F)
        || (c >= 0xFF00 && c <= 0xFF60)
        || (c >= 0xFFE0 && c <= 0xFFE6);
  }

  private static void indent(StringBuilder sb, String text, String prefix) {
    for (String line : text.split("\n", -1)) {
      sb.append(prefix).append(line).append('\n');
    }
  }
}
