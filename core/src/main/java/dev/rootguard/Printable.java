package dev.rootguard;

import java.util.Locale;

/**
 * Makes input-derived text (account names and ids, device serials, token owners, file names) safe
 * to show to a person: every code point that a terminal, an editor or a browser would act on
 * instead of showing is replaced by a visible escape.
 *
 * <p>Escaped: control characters (Unicode {@code Cc}: C0, DEL, C1, so also line feed and tab),
 * format characters ({@code Cf}: the bidirectional overrides and isolates U+202A..202E,
 * U+2066..2069, zero-width characters such as U+200B, tag characters U+E0000..E007F), the line and
 * paragraph separators U+2028 and U+2029 ({@code Zl}, {@code Zp}) and lone surrogates ({@code Cs}).
 * Each is written as {@code \}{@code uXXXX}, or {@code \}{@code UXXXXXXXX} above the BMP, in
 * upper-case hex. Everything else, printable ASCII and the backslash included, is kept as is, so a
 * string that needs no escaping is returned unchanged.
 *
 * <pre>{@code
 * String serial = token.serial();                // from a PSKC file: may hold U+202E
 * System.out.println(Printable.escape(serial));  // U+202E shown as a backslash-u escape
 * }</pre>
 *
 * <p>The result is meant for display only: it is not reversible (a backslash in the input is kept),
 * and Markdown or HTML still need their own escaping on top.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class Printable {
  private Printable() {}

  /**
   * Returns the text with every unsafe code point (see {@link #isUnsafe(int)}) escaped.
   *
   * @param s the text; not null
   * @return the text, safe to print; {@code s} itself (as a string) when nothing needed escaping
   */
  public static String escape(CharSequence s) {
    StringBuilder out = null;
    int n = s.length();
    for (int i = 0; i < n; ) {
      int cp = Character.codePointAt(s, i);
      int len = Character.charCount(cp);
      if (isUnsafe(cp)) {
        if (out == null) {
          out = new StringBuilder(n + 16).append(s, 0, i);
        }
        out.append(
            cp > 0xFFFF
                ? String.format(Locale.ROOT, "\\U%08X", cp)
                : String.format(Locale.ROOT, "\\u%04X", cp));
      } else if (out != null) {
        out.appendCodePoint(cp);
      }
      i += len;
    }
    return out == null ? s.toString() : out.toString();
  }

  /**
   * Returns whether {@link #escape(CharSequence)} escapes this code point: its Unicode general
   * category is {@code Cc}, {@code Cf}, {@code Zl}, {@code Zp} or {@code Cs} (a surrogate code
   * point, which in a Java string means a lone surrogate).
   *
   * @param codePoint the code point
   * @return true if it is never shown raw
   */
  public static boolean isUnsafe(int codePoint) {
    int t = Character.getType(codePoint);
    return t == Character.CONTROL
        || t == Character.FORMAT
        || t == Character.LINE_SEPARATOR
        || t == Character.PARAGRAPH_SEPARATOR
        || t == Character.SURROGATE;
  }
}
