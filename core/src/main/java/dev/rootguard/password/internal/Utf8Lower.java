package dev.rootguard.password.internal;

/**
 * The one case folding every dictionary here uses: each code point through {@link
 * Character#toLowerCase(int)}, encoded as UTF-8. An unpaired surrogate is encoded as its own
 * three-byte form, so it folds consistently and never throws. Stateless and thread-safe.
 */
final class Utf8Lower {
  private Utf8Lower() {}

  /** FNV-1a offset basis. */
  static final int SEED = 0x811C9DC5;

  /** Adds one byte to a running FNV-1a hash. */
  static int step(int h, int b) {
    return (h ^ (b & 0xFF)) * 0x01000193;
  }

  /** Spreads the bits of a running hash before it indexes a table (murmur3 finaliser). */
  static int finish(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    h ^= h >>> 16;
    return h;
  }

  /**
   * Returns the folded hash of a char sequence and, in the low bits of the long's upper half, its
   * folded UTF-8 length: {@code (long) length << 32 | hash}.
   */
  static long hashAndLength(CharSequence s) {
    int h = SEED;
    int len = 0;
    int n = s.length();
    for (int i = 0; i < n; ) {
      char c = s.charAt(i);
      int cp;
      if (c < 0x80) {
        cp = c >= 'A' && c <= 'Z' ? c + 32 : c;
        h = step(h, cp);
        len++;
        i++;
        continue;
      }
      cp = Character.codePointAt(s, i);
      i += Character.charCount(cp);
      cp = Character.toLowerCase(cp);
      if (cp < 0x80) {
        h = step(h, cp);
        len += 1;
      } else if (cp < 0x800) {
        h = step(h, 0xC0 | (cp >>> 6));
        h = step(h, 0x80 | (cp & 0x3F));
        len += 2;
      } else if (cp < 0x10000) {
        h = step(h, 0xE0 | (cp >>> 12));
        h = step(h, 0x80 | ((cp >>> 6) & 0x3F));
        h = step(h, 0x80 | (cp & 0x3F));
        len += 3;
      } else {
        h = step(h, 0xF0 | (cp >>> 18));
        h = step(h, 0x80 | ((cp >>> 12) & 0x3F));
        h = step(h, 0x80 | ((cp >>> 6) & 0x3F));
        h = step(h, 0x80 | (cp & 0x3F));
        len += 4;
      }
    }
    return ((long) len << 32) | (finish(h) & 0xFFFFFFFFL);
  }

  /** Returns whether the folded UTF-8 of {@code s} equals {@code bytes[from, from + len)}. */
  static boolean equalsFolded(CharSequence s, byte[] bytes, int from, int len) {
    int p = from;
    int end = from + len;
    int n = s.length();
    for (int i = 0; i < n; ) {
      char c = s.charAt(i);
      if (c < 0x80) {
        int b = c >= 'A' && c <= 'Z' ? c + 32 : c;
        if (p >= end || bytes[p++] != (byte) b) {
          return false;
        }
        i++;
        continue;
      }
      int cp = Character.codePointAt(s, i);
      i += Character.charCount(cp);
      cp = Character.toLowerCase(cp);
      if (cp < 0x80) {
        if (p >= end || bytes[p++] != (byte) cp) {
          return false;
        }
      } else if (cp < 0x800) {
        if (p + 2 > end
            || bytes[p++] != (byte) (0xC0 | (cp >>> 6))
            || bytes[p++] != (byte) (0x80 | (cp & 0x3F))) {
          return false;
        }
      } else if (cp < 0x10000) {
        if (p + 3 > end
            || bytes[p++] != (byte) (0xE0 | (cp >>> 12))
            || bytes[p++] != (byte) (0x80 | ((cp >>> 6) & 0x3F))
            || bytes[p++] != (byte) (0x80 | (cp & 0x3F))) {
          return false;
        }
      } else {
        if (p + 4 > end
            || bytes[p++] != (byte) (0xF0 | (cp >>> 18))
            || bytes[p++] != (byte) (0x80 | ((cp >>> 12) & 0x3F))
            || bytes[p++] != (byte) (0x80 | ((cp >>> 6) & 0x3F))
            || bytes[p++] != (byte) (0x80 | (cp & 0x3F))) {
          return false;
        }
      }
    }
    return p == end;
  }

  /** Hashes {@code bytes[from, from + len)} exactly as {@link #hashAndLength} hashes. */
  static int hashBytes(byte[] bytes, int from, int len) {
    int h = SEED;
    for (int i = from, end = from + len; i < end; i++) {
      h = step(h, bytes[i]);
    }
    return finish(h);
  }
}
