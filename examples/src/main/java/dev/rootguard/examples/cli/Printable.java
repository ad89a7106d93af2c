package dev.rootguard.examples.cli;

import java.util.Locale;

/**
 * The one place the CLI makes input-derived text (serials, labels, account names) safe to print:
 * control characters (Unicode {@code Cc}), format characters ({@code Cf}, e.g. the bidirectional
 * override U+202E), line and paragraph separators and lone surrogates are shown as {@code \}{@code
 * uXXXX} (or {@code \}{@code UXXXXXXXX} above the BMP); everything else, printable ASCII included,
 * is kept as is.
 *
 * <p>Stateless and thread-safe.
 */
final class Printable {
  private Printable() {}

  /** Returns {@code s} with every unsafe code point escaped. */
  static String escape(CharSequence s) {
    StringBuilder out = null;
    int n = s.length();
    for (int i = 0; i < n; ) {
      int cp = Character.codePointAt(s, i);
      int len = Character.charCount(cp);
      if (unsafe(cp)) {
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

  private static boolean unsafe(int cp) {
    int t = Character.getType(cp);
    return t == Character.CONTROL
        || t == Character.FORMAT
        || t == Character.LINE_SEPARATOR
        || t == Character.PARAGRAPH_SEPARATOR
        || t == Character.SURROGATE;
  }
}
