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
import static dev.rootguard.policy.internal.ReportRenderer.GENERATOR;

import dev.rootguard.policy.Assessment;
import dev.rootguard.policy.Finding;
import java.util.List;
import java.util.Locale;

/**
 * The self-contained HTML report: each facts-derived value escaped by {@link Printable} and then
 * entity-escaped. Stateless and thread-safe.
 */
final class HtmlReport {
  private HtmlReport() {}

  /**
   * Escapes text for HTML element content and quoted attribute values.
   *
   * @param s the text
   * @return the escaped text
   */
  public static String html(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> {
          if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)) {
            sb.append('\uFFFD');
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  private static final String CSS =
      "body{font-family:system-ui,-apple-system,'Segoe UI','Hiragino Sans','Noto Sans JP',"
          + "sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1b1f24}"
          + "h1{font-size:1.5rem}h2{font-size:1.25rem;margin-top:2.5rem;border-bottom:1px solid"
          + " #ccc}table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid"
          + " #d0d7de;padding:.4rem .6rem;text-align:left;vertical-align:top}th{background:#f6f8fa;white-space:nowrap}"
          + ".st{font-weight:700;white-space:nowrap}.sev{white-space:nowrap}.PASS{color:#1a7f37}.FAIL{color:#cf222e}"
          + ".WARN{color:#9a6700}.UNKNOWN{color:#8250df}.MANUAL{color:#0969da}"
          + ".NOT_APPLICABLE{color:#6e7781}.verdict{font-size:1.1rem;font-weight:700}"
          + "code{font-size:.85em}details{margin:.3rem 0}ol{margin:.3rem 0 .3rem 1.2rem}"
          + ".refs,.src{color:#57606a;font-size:.85em}footer{margin-top:2rem;color:#57606a;"
          + "font-size:.85em}";

  /**
   * Renders the HTML report.
   *
   * @param as the assessments
   * @param l the locale
   * @return the report
   */
  static String render(List<Assessment> as, Locale l) {
    StringBuilder sb = new StringBuilder(8192);
    sb.append("<!DOCTYPE html>\n<html lang=\"")
        .append(Texts.isJapanese(l) ? "ja" : "en")
        .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                + " style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(html(t(l, "report.title")))
        .append("</title>\n<style>")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(html(t(l, "report.title")))
        .append("</h1>\n");
    long compliant = as.stream().filter(Assessment::isCompliant).count();
    if (as.size() > 1) {
      sb.append("<p>")
          .append(
              html(
                  Texts.format(
                      l,
                      "report.summaryAll",
                      List.of(
                          Integer.toString(as.size()),
                          Long.toString(compliant),
                          Long.toString(as.size() - compliant)))))
          .append("</p>\n");
    }
    for (Assessment a : as) {
      String name = accountName(a);
      sb.append("<section>\n<h2>")
          .append(html(t(l, "report.account")))
          .append(' ')
          .append(html(accountId(a)));
      if (!name.isEmpty()) {
        sb.append(" (").append(html(name)).append(')');
      }
      sb.append("</h2>\n<table>\n");
      row(sb, t(l, "report.policy"), html(policyName(a)));
      row(sb, t(l, "report.referenceTime"), html(when(a.referenceTime())));
      row(
          sb,
          t(l, "report.verdict"),
          "<span class=\"verdict "
              + (a.isCompliant() ? "PASS" : "FAIL")
              + "\">"
              + html(a.isCompliant() ? t(l, "report.compliant") : t(l, "report.notCompliant"))
              + "</span>");
      row(
          sb,
          t(l, "report.score"),
          a.score() + "/100 <span class=\"src\">(" + html(t(l, "report.scoreNote")) + ")</span>");
      StringBuilder counts = new StringBuilder();
      appendCounts(counts, a, l);
      row(sb, t(l, "report.counts"), html(counts.toString()));
      sb.append("</table>\n<table>\n<thead><tr><th>")
          .append(html(t(l, "report.status")))
          .append("</th><th>")
          .append(html(t(l, "report.control")))
          .append("</th><th>")
          .append(html(t(l, "report.severity")))
          .append("</th><th>")
          .append(html(t(l, "report.evidence")))
          .append("</th></tr></thead>\n<tbody>\n");
      for (Finding f : a.findings()) {
        sb.append("<tr><td class=\"st ")
            .append(f.status().name())
            .append("\">")
            .append(html(t(l, "status." + f.status())))
            .append("</td><td><code>")
            .append(f.control().name())
            .append("</code><br>")
            .append(html(f.control().title(l)))
            .append("</td><td class=\"sev\">")
            .append(html(t(l, "severity." + f.severity())))
            .append("</td><td>")
            .append(html(evidence(f, l)));
        if (showRemediation(f)) {
          sb.append("<details><summary>")
              .append(html(t(l, "report.remediation")))
              .append("</summary><p>")
              .append(html(f.control().rationale(l)))
              .append("</p><ol>");
          for (String line : f.remediation(l).split("\n")) {
            sb.append("<li>").append(html(line.replaceFirst("^\\d+\\. ", ""))).append("</li>");
          }
          sb.append("</ol></details>");
        }
        List<String> refs = compactReferences(f.control().references());
        if (!refs.isEmpty()) {
          sb.append("<div class=\"refs\">")
              .append(html(t(l, "report.references")))
              .append(": ")
              .append(html(String.join("; ", refs)))
              .append("</div>");
        }
        sb.append("<div class=\"src\">")
            .append(html(t(l, "report.sources")))
            .append(": ")
            .append(html(sources(f)))
            .append("</div></td></tr>\n");
      }
      sb.append("</tbody>\n</table>\n</section>\n");
    }
    sb.append("<footer>")
        .append(html(t(l, "report.complianceRule")))
        .append("<br>")
        .append(html(t(l, "report.generatedBy")))
        .append(" (")
        .append(GENERATOR)
        .append(")</footer>\n</body>\n</html>\n");
    return sb.toString();
  }

  private static void row(StringBuilder sb, String th, String tdHtml) {
    sb.append("<tr><th>")
        .append(html(th))
        .append("</th><td>")
        .append(tdHtml)
        .append("</td></tr>\n");
  }
}
