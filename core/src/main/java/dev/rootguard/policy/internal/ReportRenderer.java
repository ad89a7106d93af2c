package dev.rootguard.policy.internal;

import dev.rootguard.Printable;
import dev.rootguard.policy.Assessment;
import java.util.List;
import java.util.Locale;

/**
 * Renders assessments as text, Markdown, JSON and HTML: the one entry point, dispatching to one
 * renderer per format ({@code TextReport}, {@code MarkdownReport}, {@code JsonReport} (Jackson
 * lives only there), {@code HtmlReport}), which share {@code ReportParts}.
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
      case TEXT -> TextReport.render(as, locale, colour);
      case MARKDOWN -> MarkdownReport.render(as, locale);
      case JSON -> JsonReport.render(as, locale);
      case HTML -> HtmlReport.render(as, locale);
    };
  }
}
