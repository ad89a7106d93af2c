package dev.rootguard.password.internal;

/**
 * The one case folding of RootGuard's password code: each code point through {@link
 * Character#toLowerCase(int)}, the JDK's locale-independent simple lower-case mapping. The
 * dictionaries ({@link CompactDictionary}, through {@link Utf8Lower}), the strength estimate (its
 * words and context words) and the validator's account-name and e-mail checks all fold with it, so
 * a word that one of them treats as equal, all do.
 *
 * <p>What it does, documented by {@code CaseFoldTest}: ASCII {@code A-Z} become {@code a-z}
 * whatever the default locale (no Turkish dotless i); {@code İ} (U+0130) becomes {@code i}, while
 * the dotless {@code ı} (U+0131) stays itself; {@code ẞ} (U+1E9E) becomes {@code ß}, and {@code ß}
 * is not expanded to {@code ss}; full-width {@code Ａ} becomes full-width {@code ａ}, not ASCII
 * {@code a} (no compatibility normalisation); supplementary letters fold too ({@code 𐐀} U+10400
 * becomes {@code 𐐨} U+10428). No mapping changes a code point's UTF-16 length, so the folded form
 * of a string has its length and char {@code i} of it belongs to char {@code i} of the original; an
 * unpaired surrogate folds to itself.
 *
 * <p>Stateless and thread-safe. Example: {@code CaseFold.foldedCharAt("PASSWORD", 0)} is {@code
 * 'p'}.
 */
public final class CaseFold {
  private CaseFold() {}

  /**
   * Folds one code point.
   *
   * @param cp the code point (or an unpaired surrogate)
   * @return its folded form, of the same UTF-16 length
   */
  public static int foldCodePoint(int cp) {
    if (cp < 0x80) {
      return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    }
    return Character.toLowerCase(cp);
  }

  /**
   * Folds a char on its own: a BMP char by the rule, a surrogate (unpaired when alone) unchanged.
   *
   * @param c the char
   * @return the folded char
   */
  public static char foldChar(char c) {
    if (c < 0x80) {
      return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
    return Character.isSurrogate(c) ? c : (char) Character.toLowerCase((int) c);
  }

  /**
   * Returns char {@code i} of the folded form of {@code s}: the char itself folded, or for half of
   * a surrogate pair, the same half of the folded pair.
   *
   * @param s the text
   * @param i the index, {@code 0 <= i < s.length()}
   * @return the folded char
   */
  public static char foldedCharAt(CharSequence s, int i) {
    char c = s.charAt(i);
    if (!Character.isSurrogate(c)) {
      return foldChar(c);
    }
    return foldSurrogate(c, i > 0 ? s.charAt(i - 1) : 0, i + 1 < s.length() ? s.charAt(i + 1) : 0);
  }

  /**
   * As {@link #foldedCharAt(CharSequence, int)} for {@code chars[0, n)}, without a wrapper.
   *
   * @param chars the text
   * @param n its length
   * @param i the index, {@code 0 <= i < n}
   * @return the folded char
   */
  public static char foldedCharAt(char[] chars, int n, int i) {
    char c = chars[i];
    if (!Character.isSurrogate(c)) {
      return foldChar(c);
    }
    return foldSurrogate(c, i > 0 ? chars[i - 1] : 0, i + 1 < n ? chars[i + 1] : 0);
  }

  /**
   * A surrogate between two chars (0: none): its half of the folded pair, or itself if unpaired.
   */
  private static char foldSurrogate(char c, char before, char after) {
    if (Character.isHighSurrogate(c)) {
      if (Character.isLowSurrogate(after)) {
        return Character.highSurrogate(Character.toLowerCase(Character.toCodePoint(c, after)));
      }
    } else if (Character.isHighSurrogate(before)) {
      return Character.lowSurrogate(Character.toLowerCase(Character.toCodePoint(before, c)));
    }
    return c;
  }

  /**
   * Returns the folded form of a string, of the same length.
   *
   * @param s the text, or null
   * @return the folded chars, or null for null
   */
  public static char[] fold(CharSequence s) {
    if (s == null) {
      return null;
    }
    char[] out = new char[s.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = foldedCharAt(s, i);
    }
    return out;
  }
}
