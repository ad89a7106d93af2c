package dev.rootguard.password.internal;

import dev.rootguard.InvalidInputException;
import dev.rootguard.RootGuardException;
import dev.rootguard.password.PasswordDictionary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
 * <p>Parts: this class holds the arrays and answers lookups; {@link DictionaryLineReader} reads a
 * file's lines and {@link CompactDictionaryBuilder} folds, deduplicates and lays them out.
 *
 * <p>Immutable and thread-safe. Example:
 *
 * <pre>{@code
 * CompactDictionary d = CompactDictionary.load(Path.of("/srv/lists/top-10-million.txt"));
 * d.contains("PASSWORD");   // folded: as "password"
 * }</pre>
 */
public final class CompactDictionary implements PasswordDictionary {
  /** Highest load factor of the hash table. */
  static final float MAX_LOAD = 0.7f;

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

  CompactDictionary(byte[] bytes, int[] offsets, int[] table, int size) {
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
    CompactDictionaryBuilder b =
        new CompactDictionaryBuilder(
            (int) Math.min(Integer.MAX_VALUE - 16, total * 2 + 16), words.size());
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
    CompactDictionaryBuilder b =
        new CompactDictionaryBuilder(
            expectedBytes, (int) Math.min(1 << 26, Math.max(sizeHint, 1024) / 8 + 16));
    new DictionaryLineReader(in, source, b).run();
    return b.build();
  }
}
