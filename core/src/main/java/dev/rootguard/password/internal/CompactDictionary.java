package dev.rootguard.password.internal;

import dev.rootguard.InvalidInputException;
import dev.rootguard.RootGuardException;
import dev.rootguard.password.PasswordDictionary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The compact {@link PasswordDictionary}: no {@code String} per entry.
 *
 * <p>Layout: every entry, case-folded ({@link CaseFold}: {@link Character#toLowerCase(int)} per
 * code point) and encoded as UTF-8, sits in one {@code byte[]} in rank order (first line = rank 1);
 * an {@code int[]} holds where each entry starts; an open-addressing hash table ({@code int[]},
 * power of two, linear probing, load factor at most 0.7) maps a hash of the folded bytes (8-byte
 * blocks, murmur3 finaliser) to the entry's index, with the spare high bits of each slot holding a
 * tag of the hash so that most probes that do not match never touch the entries. Duplicates (after
 * folding) keep their first, best rank. Heap per entry: its UTF-8 bytes + 4 (offset) + about 4 to 8
 * (table slots); 10 million 8-character entries take about 190 MB, against about 900 MB for a
 * {@code HashSet<String>}.
 *
 * <p>A lookup hashes the folded query on the fly and compares bytes in place: it allocates nothing,
 * and costs O(length of the query) plus, on average, less than two probes.
 *
 * <p>Immutable and thread-safe.
 */
public final class CompactDictionary implements PasswordDictionary {
  private static final float MAX_LOAD = 0.7f;

  private final byte[] bytes;
  private final int[] offsets;
  private final int[] table;
  private final int mask;
  private final int size;
  private final int indexBits;
  private final int indexMask;
  private final int tagShift;

  /**
   * A one-hash Bloom filter over the all-ASCII entries, keyed by length, first, second and last
   * byte: lets {@link #mightContainAscii} turn most non-matching ASCII probes away without hashing
   * the whole word or touching the table.
   */
  private final long[] asciiFilter;

  private CompactDictionary(byte[] bytes, int[] offsets, int[] table, int size) {
    this.bytes = bytes;
    this.offsets = offsets;
    this.table = table;
    this.asciiFilter = asciiFilter(bytes, offsets, size);
    this.mask = table.length - 1;
    this.size = size;
    this.indexBits = indexBits(size);
    this.indexMask = (int) ((1L << indexBits) - 1);
    this.tagShift = 32 - (31 - indexBits);
  }

  /** Bits in the ASCII filter: about 4 per entry, at least 2^17 (16 KiB), at most 2^24 (2 MiB). */
  static int filterBits(int count) {
    long want = Math.max(1L << 17, Long.highestOneBit(Math.max(1, count) * 4L) << 1);
    return (int) Math.min(1L << 24, want);
  }

  private static long[] asciiFilter(byte[] bytes, int[] offsets, int count) {
    long[] f = new long[filterBits(count) >>> 6];
    int fmask = (f.length << 6) - 1;
    entries:
    for (int e = 0; e < count; e++) {
      int from = offsets[e];
      int len = offsets[e + 1] - from;
      for (int i = from; i < from + len; i++) {
        if (bytes[i] < 0) {
          continue entries; // not ASCII: an ASCII query can never equal it
        }
      }
      int k =
          filterKey(len, bytes[from], len > 1 ? bytes[from + 1] : 0, bytes[from + len - 1]) & fmask;
      f[k >>> 6] |= 1L << k;
    }
    return f;
  }

  private static int filterKey(int len, int first, int second, int last) {
    int h = (len * 0x9E3779B1) ^ (((first << 16) | (second << 8) | last) * 0x85EBCA6B);
    h ^= h >>> 15;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 13);
  }

  private static int lowerAscii(char c) {
    return CaseFold.foldChar(c);
  }

  /**
   * Returns false only when no entry equals {@code s[from, to)} ignoring case; true means "look it
   * up". Every character in the range MUST be ASCII (below U+0080). Allocates nothing.
   *
   * @param s the characters
   * @param from first index, inclusive
   * @param to last index, exclusive; {@code to > from}
   * @return whether the word may be listed
   */
  public boolean mightContainAscii(char[] s, int from, int to) {
    int len = to - from;
    return mightContainAscii(len, s[from], len > 1 ? s[from + 1] : 0, s[to - 1]);
  }

  /**
   * Returns false only when no entry of this length, with these first, second and last characters
   * (ignoring case), exists; true means "look it up". The characters MUST be ASCII.
   *
   * @param length the word's length, at least 1
   * @param first its first character
   * @param second its second character, or 0 when the length is 1
   * @param last its last character
   * @return whether such a word may be listed
   */
  public boolean mightContainAscii(int length, char first, char second, char last) {
    int k =
        filterKey(length, lowerAscii(first), length > 1 ? lowerAscii(second) : 0, lowerAscii(last));
    k &= (asciiFilter.length << 6) - 1;
    return (asciiFilter[k >>> 6] & (1L << k)) != 0;
  }

  /** Bits for entry index + 1; the rest of a slot (up to bit 30) holds a tag of the hash. */
  static int indexBits(int count) {
    return Math.max(1, 32 - Integer.numberOfLeadingZeros(count));
  }

  /** The slot value for entry {@code e} with hash {@code h}: tag bits above index + 1. */
  static int slotValue(int h, int e, int indexBits) {
    int tagBits = 31 - indexBits;
    int tag = tagBits <= 0 ? 0 : h >>> (32 - tagBits);
    return (tag << indexBits) | (e + 1);
  }

  @Override
  public boolean contains(CharSequence word) {
    return indexOf(word) >= 0;
  }

  @Override
  public OptionalInt rank(CharSequence word) {
    int i = indexOf(word);
    return i < 0 ? OptionalInt.empty() : OptionalInt.of(i + 1);
  }

  @Override
  public int size() {
    return size;
  }

  /** Returns the 0-based index (rank - 1) of the word, or -1. Allocates nothing. */
  int indexOf(CharSequence word) {
    Objects.requireNonNull(word, "word");
    long hl = Utf8Lower.hashAndLength(word);
    int len = (int) (hl >>> 32);
    if (len == 0) {
      return -1;
    }
    int h = (int) hl;
    int tag = tagShift >= 32 ? 0 : h >>> tagShift;
    int slot = h & mask;
    while (true) {
      int v = table[slot];
      if (v == 0) {
        return -1;
      }
      if ((v >>> indexBits) == tag) {
        int e = (v & indexMask) - 1;
        int from = offsets[e];
        if (offsets[e + 1] - from == len && Utf8Lower.equalsFolded(word, bytes, from, len)) {
          return e;
        }
      }
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Returns whether {@code s[from, to)} is listed, ignoring case: the fast path for ASCII words
   * (every character below U+0080), with the ASCII filter first. Same answer as {@link #contains}.
   * Allocates nothing.
   *
   * @param s the characters
   * @param from first index, inclusive
   * @param to last index, exclusive; {@code to > from}
   * @return whether the word is listed
   */
  public boolean containsAscii(char[] s, int from, int to) {
    if (!mightContainAscii(s, from, to)) {
      return false;
    }
    int len = to - from;
    int h = Utf8Lower.hashAscii(s, from, to);
    int tag = tagShift >= 32 ? 0 : h >>> tagShift;
    int slot = h & mask;
    while (true) {
      int v = table[slot];
      if (v == 0) {
        return false;
      }
      if ((v >>> indexBits) == tag) {
        int e = (v & indexMask) - 1;
        int start = offsets[e];
        if (offsets[e + 1] - start == len
            && Utf8Lower.equalsFoldedAscii(s, from, to, bytes, start)) {
          return true;
        }
      }
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Returns the heap this dictionary retains, in bytes: its three arrays with their headers plus
   * the object itself (compressed oops assumed).
   *
   * @return the retained size
   */
  public long retainedBytes() {
    return 16
        + 24L
        + 16
        + bytes.length
        + 16
        + 4L * offsets.length
        + 16
        + 4L * table.length
        + 16
        + 8L * asciiFilter.length;
  }

  /**
   * Returns the lengths of the internal arrays, for tests and the heap benchmark ({@code
   * benchmarks/…/TenMillionEntriesHeap}): the entries' bytes, the offsets (entries + 1), the hash
   * table (a power of two).
   *
   * @return {bytes, offsets, table}
   */
  public int[] arrayLengths() {
    return new int[] {bytes.length, offsets.length, table.length};
  }

  @Override
  public String toString() {
    return "CompactDictionary[" + size + " entries, " + retainedBytes() + " bytes]";
  }

  /**
   * Builds a dictionary from words; rank is the order of first appearance. Empty words are skipped.
   *
   * @param words the words
   * @return the dictionary
   * @throws NullPointerException if {@code words} or an element is null
   */
  public static CompactDictionary of(Collection<String> words) {
    Objects.requireNonNull(words, "words");
    long total = 0;
    for (String w : words) {
      total += Objects.requireNonNull(w, "words: null element").length();
    }
    Builder b = new Builder((int) Math.min(Integer.MAX_VALUE - 16, total * 2 + 16), words.size());
    for (String w : words) {
      b.add(w);
    }
    return b.build();
  }

  /**
   * Reads a UTF-8 file, one word per line ({@code \n} or {@code \r\n}), most common first. Blank
   * lines and a leading byte-order mark are skipped; nothing is trimmed otherwise.
   *
   * @param file the file
   * @return the dictionary
   * @throws InvalidInputException (field {@code file}) if the file is missing, not UTF-8 (the
   *     message gives the line number, never the line) or larger than 2 GiB of entries
   * @throws RootGuardException if reading fails
   */
  public static CompactDictionary load(Path file) {
    Objects.requireNonNull(file, "file");
    long fileSize;
    try {
      fileSize = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("file", "no such dictionary file: " + file, e);
    } catch (IOException e) {
      throw new RootGuardException("cannot read dictionary file " + file, e);
    }
    if (Files.isDirectory(file)) {
      throw new InvalidInputException("file", "is a directory, not a dictionary file: " + file);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), fileSize);
    } catch (IOException e) {
      throw new RootGuardException("cannot read dictionary file " + file, e);
    }
  }

  /**
   * Reads a stream as {@link #load(Path)} reads a file.
   *
   * @param in the stream; not closed
   * @param source names the source in error messages
   * @param sizeHint the expected number of bytes, or 0
   * @return the dictionary
   * @throws IOException if reading fails
   */
  public static CompactDictionary read(InputStream in, String source, long sizeHint)
      throws IOException {
    int expectedBytes = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(sizeHint, 1024) + 16);
    Builder b =
        new Builder(expectedBytes, (int) Math.min(1 << 26, Math.max(sizeHint, 1024) / 8 + 16));
    new LineReader(in, source, b).run();
    return b.build();
  }

  /** Reads lines from a stream and feeds them, folded, to a builder. Not thread-safe. */
  private static final class LineReader {
    private final InputStream in;
    private final String file;
    private final Builder out;
    private byte[] buf = new byte[1 << 16];
    private int start;
    private int limit;
    private long lineNo;

    LineReader(InputStream in, String file, Builder out) {
      this.in = in;
      this.file = file;
      this.out = out;
    }

    private boolean eof;
    private boolean first = true;

    void run() throws IOException {
      int scan = 0;
      while (true) {
        int nl = -1;
        for (int i = scan; i < limit; i++) {
          if (buf[i] == '\n') {
            nl = i;
            break;
          }
        }
        if (nl >= 0) {
          line(start, nl);
          start = nl + 1;
          scan = start;
        } else if (eof) {
          if (start < limit) {
            line(start, limit);
          }
          return;
        } else {
          scan = fill();
        }
      }
    }

    private void line(int from, int end) {
      lineNo++;
      if (first) {
        first = false;
        if (end - from >= 3
            && buf[from] == (byte) 0xEF
            && buf[from + 1] == (byte) 0xBB
            && buf[from + 2] == (byte) 0xBF) {
          from += 3;
        }
      }
      int to = end;
      if (to > from && buf[to - 1] == '\r') {
        to--;
      }
      if (!isBlank(buf, from, to)) {
        out.addUtf8Line(buf, from, to - from, this);
      }
    }

    /**
     * Moves the unread tail to the front (growing the buffer if one line fills it), reads more, and
     * returns where scanning for a newline resumes.
     */
    private int fill() throws IOException {
      int pending = limit - start;
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, pending);
      } else if (pending == buf.length) {
        if (buf.length >= Integer.MAX_VALUE / 2) {
          throw new InvalidInputException("file", "line " + (lineNo + 1) + " is too long: " + file);
        }
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      start = 0;
      limit = pending;
      int n = in.read(buf, limit, buf.length - limit);
      if (n < 0) {
        eof = true;
      } else {
        limit += n;
      }
      return pending;
    }

    InvalidInputException notUtf8() {
      return new InvalidInputException(
          "file", "line " + lineNo + " is not valid UTF-8 in dictionary file " + file);
    }

    private static boolean isBlank(byte[] b, int from, int to) {
      for (int i = from; i < to; i++) {
        if (b[i] != ' ' && b[i] != '\t') {
          return false;
        }
      }
      return true;
    }
  }

  /** Accumulates folded entries, dropping duplicates as it goes. Not thread-safe. */
  static final class Builder {
    private byte[] bytes;
    private int used;
    private int[] offsets;
    private int count;
    private int[] table;
    private int mask;

    Builder(int expectedBytes, int expectedEntries) {
      bytes = new byte[Math.max(16, expectedBytes)];
      offsets = new int[Math.max(16, expectedEntries + 1)];
      table = new int[tableSizeFor(Math.max(16, expectedEntries))];
      mask = table.length - 1;
    }

    private static int tableSizeFor(int entries) {
      long need = (long) Math.ceil(entries / MAX_LOAD) + 1;
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
    void addUtf8Line(byte[] src, int from, int len, LineReader reader) {
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
        if (offsets[e + 1] - s == len
            && Arrays.equals(bytes, s, s + len, bytes, from, from + len)) {
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
      if (count > table.length * MAX_LOAD) {
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
      int bits = indexBits(count);
      for (int e = 0; e < count; e++) {
        int s = o[e];
        int h = Utf8Lower.hashBytes(b, s, o[e + 1] - s);
        int slot = h & m;
        while (t[slot] != 0) {
          slot = (slot + 1) & m;
        }
        t[slot] = slotValue(h, e, bits);
      }
      return new CompactDictionary(b, o, t, count);
    }
  }
}
