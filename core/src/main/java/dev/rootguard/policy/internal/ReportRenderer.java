package dev.rootguard.policy.internal;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootguard.Printable;
import dev.rootguard.policy.Assessment;
import dev.rootguard.policy.Control;
import dev.rootguard.policy.Finding;
import dev.rootguard.policy.Reference;
import dev.rootguard.policy.Source;
import dev.rootguard.policy.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders assessments as text, Markdown, JSON (Jackson lives only here) and HTML.
 *
 * <p>Every value that comes from the facts (account id and name, policy name, evidence arguments
 * such as device serials, source names) may be attacker-influenced: anyone who can name an AWS
 * account chooses its name. In text, Markdown and HTML each such value first goes through {@link
 * Printable#escape(CharSequence)}, so control and format characters (ESC, U+202E, zero-width
 * characters), line and paragraph separators and lone surrogates are shown as {@code \}{@code
 * uXXXX} and a value cannot break a line or reorder the text around it; then Markdown
 * metacharacters are backslash-escaped and HTML is entity-escaped. JSON keeps every value exact (a
 * consumer may match names against AWS), but writes each such code point as a JSON {@code \}{@code
 * uXXXX} escape, so the JSON text itself carries none of them raw (safe to view in a terminal,
 * editor or diff); a supplementary code point is then written as its two escaped surrogates.
 *
 * <p>Stateless and thread-safe.
 */
public final class ReportRenderer {
  /** The JSON report's schema version; bump on any incompatible change. */
  public static final int SCHEMA_VERSION = 1;

  /** Shown as {@code generator} in JSON and at the end of other formats. */
  public static final String GENERATOR = "RootGuard 0.1.0";

  private static final ObjectMapper MAPPER =
      new ObjectMapper(new JsonFactoryBuilder().characterEscapes(new JsonEscapes()).build())
          .enable(SerializationFeature.INDENT_OUTPUT);

  private ReportRenderer() {}

  /**
   * Renders.
   *
   * @param as the assessments
   * @param format the format
   * @param locale the locale
   * @param colour ANSI colours for TEXT
   * @return the report
   */
  public static String render(
      List<Assessment> as, Assessment.Format format, Locale locale, boolean colour) {
    return switch (format) {
      case TEXT -> text(as, locale, colour);
      case MARKDOWN -> markdown(as, locale);
      case JSON -> json(as, locale);
      case HTML -> html(as, locale);
    };
  }

  // --- shared helpers -----------------------------------------------------------------------

  static String t(Locale l, String key) {
    return Texts.get(l, key);
  }

  /** The account name shown in text, Markdown and HTML: escaped by {@link Printable}. */
  static String accountName(Assessment a) {
    return Printable.escape(a.state().accountName().value().orElse(""));
  }

  /** The account id shown in text, Markdown and HTML. */
  static String accountId(Assessment a) {
    return Printable.escape(a.accountId());
  }

  /** The policy name shown in text, Markdown and HTML. */
  static String policyName(Assessment a) {
    return Printable.escape(a.policy().name());
  }

  /**
   * The evidence sentence shown in text, Markdown and HTML: the message template (ours) filled with
   * the arguments (from the facts), each escaped by {@link Printable}.
   */
  static String evidence(Finding f, Locale l) {
    List<String> args = new ArrayList<>(f.evidence().args().size());
    for (String arg : f.evidence().args()) {
      args.add(Printable.escape(arg));
    }
    return Texts.format(l, f.evidence().key(), args);
  }

  static String when(Instant i) {
    return ControlEvaluator.when(i);
  }

  /** Compacts references: CIS numbers grouped over consecutive versions, others as labels. */
  static List<String> compactReferences(List<Reference> refs) {
    List<String> out = new ArrayList<>();
    StringBuilder cis = new StringBuilder();
    int i = 0;
    while (i < refs.size()) {
      Reference r = refs.get(i);
      if (!r.framework().equals(Reference.CIS)) {
        out.add(r.label());
        i++;
        continue;
      }
      int j = i;
      while (j + 1 < refs.size()
          && refs.get(j + 1).framework().equals(Reference.CIS)
          && refs.get(j + 1).id().equals(r.id())) {
        j++;
      }
      if (cis.length() > 0) {
        cis.append(", ");
      }
      cis.append(r.id()).append(" (v").append(r.version());
      if (j > i) {
        cis.append("–v").append(refs.get(j).version());
      }
      cis.append(')');
      i = j + 1;
    }
    if (cis.length() > 0) {
      out.add(0, "CIS " + cis);
    }
    return out;
  }

  /** The finding's sources for text, Markdown and HTML, each origin escaped. */
  static String sources(Finding f) {
    List<String> out = new ArrayList<>();
    for (Source s : f.sources()) {
      out.add(
          Instant.EPOCH.equals(s.collectedAt())
              ? Printable.escape(s.origin())
              : Printable.escape(s.origin()) + " @ " + when(s.collectedAt()));
    }
    return String.join("; ", out);
  }

  static boolean showRemediation(Finding f) {
    return f.needsAttention();
  }

  // --- TEXT ---------------------------------------------------------------------------------

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

  private static String text(List<Assessment> as, Locale l, boolean colour) {
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

  private static void appendCounts(StringBuilder sb, Assessment a, Locale l) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<Status, Integer> e : a.counts().entrySet()) {
      if (e.getValue() > 0) {
        parts.add(t(l, "status." + e.getKey()) + " " + e.getValue());
      }
    }
    sb.append(String.join(", ", parts));
  }

  private static void indent(StringBuilder sb, String text, String prefix) {
    for (String line : text.split("\n", -1)) {
      sb.append(prefix).append(line).append('\n');
    }
  }

  // --- MARKDOWN -----------------------------------------------------------------------------

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

  private static String markdown(List<Assessment> as, Locale l) {
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

  // --- JSON ---------------------------------------------------------------------------------

  /**
   * JSON string escapes: Jackson's standard ones (C0 controls, quote, backslash) plus every other
   * UTF-16 unit that {@link Printable#isUnsafe(int)} flags (DEL, C1, {@code Cf}, U+2028, U+2029)
   * and every surrogate, as {@code \}{@code uXXXX}. Jackson asks per UTF-16 unit, so a lone
   * surrogate cannot be told from half of a pair here: both halves of every pair are escaped, which
   * keeps supplementary format characters (tag characters U+E0000..E007F) out of the text too. A
   * parser reads the exact value back.
   */
  private static final class JsonEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;

    private final int[] ascii;

    JsonEscapes() {
      ascii = CharacterEscapes.standardAsciiEscapesForJSON();
      for (int c = 0; c < ascii.length; c++) {
        if (ascii[c] == 0 && Printable.isUnsafe(c)) {
          ascii[c] = CharacterEscapes.ESCAPE_STANDARD;
        }
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (Character.isSurrogate((char) ch) || Printable.isUnsafe(ch)) {
        return new SerializedString(String.format(Locale.ROOT, "\\u%04X", ch));
      }
      return null;
    }
  }

  private static String json(List<Assessment> as, Locale l) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("generator", GENERATOR);
    root.put("locale", Texts.isJapanese(l) ? "ja" : "en");
    long compliant = as.stream().filter(Assessment::isCompliant).count();
    ObjectNode summary = root.putObject("summary");
    summary.put("accounts", as.size());
    summary.put("compliant", compliant);
    summary.put("notCompliant", as.size() - compliant);
    ArrayNode arr = root.putArray("assessments");
    for (Assessment a : as) {
      ObjectNode o = arr.addObject();
      ObjectNode acct = o.putObject("account");
      acct.put("id", a.accountId());
      acct.put("partition", a.state().partition());
      acct.put("rootArn", a.state().rootArn());
      a.state()
          .accountName()
          .value()
          .ifPresentOrElse(n -> acct.put("name", n), () -> acct.putNull("name"));
      ObjectNode pol = o.putObject("policy");
      pol.put("name", a.policy().name());
      ArrayNode ids = pol.putArray("controls");
      for (Control c : a.policy().controls()) {
        ids.add(c.name());
      }
      pol.put("maxDaysSinceRootUse", a.policy().maxDaysSinceRootUse());
      pol.put("passwordBaseline", a.policy().passwordBaseline().name());
      o.put("evaluatedAt", a.evaluatedAt().toString());
      o.put("referenceTime", a.referenceTime().toString());
      o.put("compliant", a.isCompliant());
      o.put("score", a.score());
      ObjectNode counts = o.putObject("counts");
      for (Map.Entry<Status, Integer> e : a.counts().entrySet()) {
        counts.put(e.getKey().name(), e.getValue());
      }
      ArrayNode fs = o.putArray("findings");
      for (Finding f : a.findings()) {
        ObjectNode fo = fs.addObject();
        fo.put("control", f.control().name());
        fo.put("title", f.control().title(l));
        fo.put("status", f.status().name());
        fo.put("severity", f.severity().name());
        fo.put("evidence", f.evidence().text(l));
        fo.put("evidenceKey", f.evidence().key());
        ArrayNode args = fo.putArray("evidenceArgs");
        for (String s : f.evidence().args()) {
          args.add(Texts.nouns(Locale.ENGLISH, s));
        }
        fo.put("rationale", f.control().rationale(l));
        fo.put("remediation", f.remediation(l));
        ArrayNode refs = fo.putArray("references");
        for (Reference r : f.control().references()) {
          ObjectNode ro = refs.addObject();
          ro.put("framework", r.framework());
          ro.put("version", r.version());
          ro.put("id", r.id());
        }
        ArrayNode src = fo.putArray("sources");
        for (Source s : f.sources()) {
          ObjectNode so = src.addObject();
          so.put("origin", s.origin());
          so.put("collectedAt", s.collectedAt().toString());
        }
      }
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("bug: JSON tree could not be written", e);
    }
  }

  // --- HTML ---------------------------------------------------------------------------------

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

  private static String html(List<Assessment> as, Locale l) {
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
