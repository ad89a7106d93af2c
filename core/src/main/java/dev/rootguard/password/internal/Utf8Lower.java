package dev.rootguard.password.internal;

/**
 * The case-folded UTF-8 form every dictionary here hashes and compares: each code point folded by
 * {@link CaseFold} (the one folding rule), encoded as UTF-8. An unpaired surrogate is encoded as
 * its own three-byte form, so it folds consistently and never throws. The hash packs the folded
 * bytes eight at a time into a {@code long} and mixes once per eight bytes (one multiply per 8
 * bytes instead of one per byte), then finishes with murmur3's 64-bit finaliser. Stateless and
 * thread-safe.
 */
final class Utf8Lower {
  private Utf8Lower() {}

  private static final long K = 0x9E3779B97F4A7C15L;

  /** Mixes one packed block of up to 8 bytes into the running hash. */
  private static long block(long h, long packed) {
    h = (h ^ packed) * K;
    return h ^ (h >>> 29);
  }

  /** Finishes a hash over {@code len} bytes whose last partial block is {@code packed}. */
  private static int finish(long h, long packed, int len) {
    h = block(h, packed) ^ len;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return (int) h;
  }

  /**
   * Returns the folded hash of a char sequence and its folded UTF-8 length: {@code (long) length <<
   * 32 | hash}.
   */
  static long hashAndLength(CharSequence s) {
    long h = 0;
    long packed = 0;
    int shift = 0;
    int len = 0;
    int n = s.length();
    for (int i = 0; i < n; ) {
      char c = s.charAt(i);
      if (c < 0x80) {
        int b = CaseFold.foldChar(c);
        packed |= (long) b << shift;
        len++;
        i++;
        if ((shift += 8) == 64) {
          h = block(h, packed);
          packed = 0;
          shift = 0;
        }
        continue;
      }
      int cp = Character.codePointAt(s, i);
      i += Character.charCount(cp);
      cp = CaseFold.foldCodePoint(cp);
      int count = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      for (int k = 0; k < count; k++) {
        int b = utf8Byte(cp, count, k);
        packed |= (long) b << shift;
        len++;
        if ((shift += 8) == 64) {
          h = block(h, packed);
          packed = 0;
          shift = 0;
        }
      }
    }
    return ((long) len << 32) | (finish(h, packed, len) & 0xFFFFFFFFL);
  }

  /**
   * {@link #hashAndLength} for ASCII characters in an array (every char below U+0080): the same
   * hash, without the {@code CharSequence} calls.
   */
  static int hashAscii(char[] s, int from, int to) {
    long h = 0;
    long packed = 0;
    int shift = 0;
    for (int i = from; i < to; i++) {
      char c = s[i];
      int b = CaseFold.foldChar(c);
      packed |= (long) b << shift;
      if ((shift += 8) == 64) {
        h = block(h, packed);
        packed = 0;
        shift = 0;
      }
    }
    return finish(h, packed, to - from);
  }

  /** {@link #equalsFolded} for ASCII characters in an array. */
  static boolean equalsFoldedAscii(char[] s, int from, int to, byte[] bytes, int bfrom) {
    for (int i = from, p = bfrom; i < to; i++, p++) {
      char c = s[i];
      if (bytes[p] != (byte) CaseFold.foldChar(c)) {
        return false;
      }
    }
    return true;
  }

  /** Byte k (0-based) of the {@code count}-byte UTF-8 form of {@code cp} (count 1 to 4). */
  private static int utf8Byte(int cp, int count, int k) {
    if (count == 1) {
      return cp;
    }
    if (k == 0) {
      return count == 2 ? 0xC0 | (cp >>> 6) : count == 3 ? 0xE0 | (cp >>> 12) : 0xF0 | (cp >>> 18);
    }
    return 0x80 | ((cp >>> (6 * (count - 1 - k))) & 0x3F);
  }

  /** Returns whether the folded UTF-8 of {@code s} equals {@code bytes[from, from + len)}. */
  static boolean equalsFolded(CharSequence s, byte[] bytes, int from, int len) {
    int p = from;
    int end = from + len;
    int n = s.length();
    for (int i = 0; i < n; ) {
      char c = s.charAt(i);
      if (c < 0x80) {
        int b = CaseFold.foldChar(c);
        if (p >= end || bytes[p++] != (byte) b) {
          return false;
        }
        i++;
        continue;
      }
      int cp = Character.codePointAt(s, i);
      i += Character.charCount(cp);
      cp = CaseFold.foldCodePoint(cp);
      int count = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (p + count > end) {
        return false;
      }
      for (int k = 0; k < count; k++) {
        if (bytes[p++] != (byte) utf8Byte(cp, count, k)) {
          return false;
        }
      }
    }
    return p == end;
  }

  /** Hashes {@code bytes[from, from + len)} exactly as {@link #hashAndLength} hashes. */
  static int hashBytes(byte[] bytes, int from, int len) {
    long h = 0;
    long packed = 0;
    int shift = 0;
    for (int i = from, end = from + len; i < end; i++) {
      packed |= (long) (bytes[i] & 0xFF) << shift;
      if ((shift += 8) == 64) {
        h = block(h, packed);
        packed = 0;
        shift = 0;
      }
    }
    return finish(h, packed, len);
  }
}
