package dev.rootguard.password.internal;

import dev.rootguard.InvalidInputException;
import java.util.Arrays;

/**
 * Accumulates the folded entries of a {@link CompactDictionary} ({@link CaseFold}, UTF-8), dropping
 * duplicates as it goes (the first, best rank stays), and builds the final arrays. Not thread-safe:
 * one per load.
 */
final class CompactDictionaryBuilder {
  private byte[] bytes;
  private int used;
  private int[] offsets;
  private int count;
  private int[] table;
  private int mask;

  CompactDictionaryBuilder(int expectedBytes, int expectedEntries) {
    bytes = new byte[Math.max(16, expectedBytes)];
    offsets = new int[Math.max(16, expectedEntries + 1)];
    table = new int[tableSizeFor(Math.max(16, expectedEntries))];
    mask = table.length - 1;
  }

  private static int tableSizeFor(int entries) {
    long need = (long) Math.ceil(entries / CompactDictionary.MAX_LOAD) + 1;
    int size = 16;
    while (size < need) {
      if (size >= 1 << 30) {
        throw new InvalidInputException("file", "too many dictionary entries");
      }
      size <<= 1;
    }
    return size;
  }

  private void ensureBytes(long extra) {
    long need = used + extra;
    if (need > Integer.MAX_VALUE - 16) {
      throw new InvalidInputException("file", "dictionary larger than 2 GiB of entries");
    }
    if (need > bytes.length) {
      long grown = Math.max(need, bytes.length + (bytes.length >> 1));
      bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 16, grown));
    }
  }

  private void put(int b) {
    bytes[used++] = (byte) b;
  }

  private void putCodePoint(int cp) {
    if (cp < 0x80) {
      put(cp);
    } else if (cp < 0x800) {
      put(0xC0 | (cp >>> 6));
      put(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      put(0xE0 | (cp >>> 12));
      put(0x80 | ((cp >>> 6) & 0x3F));
      put(0x80 | (cp & 0x3F));
    } else {
      put(0xF0 | (cp >>> 18));
      put(0x80 | ((cp >>> 12) & 0x3F));
      put(0x80 | ((cp >>> 6) & 0x3F));
      put(0x80 | (cp & 0x3F));
    }
  }

  /** Adds one word (folded). */
  void add(CharSequence w) {
    int n = w.length();
    if (n == 0) {
      return;
    }
    ensureBytes(3L * n);
    int from = used;
    for (int i = 0; i < n; ) {
      int cp = Character.codePointAt(w, i);
      i += Character.charCount(cp);
      putCodePoint(CaseFold.foldCodePoint(cp));
    }
    commit(from);
  }

  /** Decodes, folds and adds one line of UTF-8. */
  void addUtf8Line(byte[] src, int from, int len, DictionaryLineReader reader) {
    ensureBytes(2L * len);
    int start = used;
    int i = from;
    int end = from + len;
    while (i < end) {
      int b0 = src[i] & 0xFF;
      if (b0 < 0x80) {
        put(CaseFold.foldCodePoint(b0));
        i++;
        continue;
      }
      int cp;
      int extra;
      int min;
      if (b0 >= 0xC2 && b0 <= 0xDF) {
        cp = b0 & 0x1F;
        extra = 1;
        min = 0x80;
      } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        cp = b0 & 0x0F;
        extra = 2;
        min = 0x800;
      } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        cp = b0 & 0x07;
        extra = 3;
        min = 0x10000;
      } else {
        throw reader.notUtf8();
      }
      if (i + extra >= end) {
        throw reader.notUtf8();
      }
      for (int k = 1; k <= extra; k++) {
        int c = src[i + k] & 0xFF;
        if ((c & 0xC0) != 0x80) {
          throw reader.notUtf8();
        }
        cp = (cp << 6) | (c & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        throw reader.notUtf8();
      }
      i += extra + 1;
      putCodePoint(CaseFold.foldCodePoint(cp));
    }
    commit(start);
  }

  /** Keeps bytes[from, used) as a new entry unless it is already present. */
  private void commit(int from) {
    int len = used - from;
    int h = Utf8Lower.hashBytes(bytes, from, len);
    int slot = h & mask;
    while (true) {
      int e = table[slot];
      if (e == 0) {
        break;
      }
      e--;
      int s = offsets[e];
      if (offsets[e + 1] - s == len && Arrays.equals(bytes, s, s + len, bytes, from, from + len)) {
        used = from; // duplicate: keep the first (better) rank
        return;
      }
      slot = (slot + 1) & mask;
    }
    if (count + 2 > offsets.length) {
      offsets =
          Arrays.copyOf(
              offsets, (int) Math.min(Integer.MAX_VALUE - 16, offsets.length * 3L / 2 + 16));
    }
    offsets[count] = from;
    offsets[count + 1] = used;
    table[slot] = count + 1;
    count++;
    if (count > table.length * CompactDictionary.MAX_LOAD) {
      rehash(table.length * 2);
    }
  }

  private void rehash(int newSize) {
    if (newSize <= 0) {
      throw new InvalidInputException("file", "too many dictionary entries");
    }
    int[] t = new int[newSize];
    int m = newSize - 1;
    for (int e = 0; e < count; e++) {
      int s = offsets[e];
      int slot = Utf8Lower.hashBytes(bytes, s, offsets[e + 1] - s) & m;
      while (t[slot] != 0) {
        slot = (slot + 1) & m;
      }
      t[slot] = e + 1;
    }
    table = t;
    mask = m;
  }

  CompactDictionary build() {
    byte[] b = used == bytes.length ? bytes : Arrays.copyOf(bytes, used);
    int[] o = Arrays.copyOf(offsets, count + 1);
    o[count] = used;
    bytes = null;
    offsets = null;
    table = null; // the building table (plain indices) is garbage from here
    int size = tableSizeFor(count);
    int[] t = new int[size];
    int m = size - 1;
    int bits = CompactDictionary.indexBits(count);
    for (int e = 0; e < count; e++) {
      int s = o[e];
      int h = Utf8Lower.hashBytes(b, s, o[e + 1] - s);
      int slot = h & m;
      while (t[slot] != 0) {
        slot = (slot + 1) & m;
      }
      t[slot] = CompactDictionary.slotValue(h, e, bits);
    }
    return new CompactDictionary(b, o, t, count);
  }
}
