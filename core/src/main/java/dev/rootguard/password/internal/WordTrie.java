package dev.rootguard.password.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The strength estimator's ranked word lists as one compact trie, so that matching every dictionary
 * word inside a password is a walk that stops as soon as no word continues (cost per start position
 * bounded by the longest word, {@value #MAX_DEPTH_BOUND} at most).
 *
 * <p>Layout (level order, so a node's children are consecutive): one {@code int[] edges} where
 * {@code edges[v]} packs the byte on the edge into v (high 8 bits) and the id of v's first child
 * (low 24 bits); v's children are {@code first(v) .. first(v + 1) - 1}. Label and child range sit
 * side by side, so a step of a walk costs one cache line, not two. Children are sorted by label;
 * the root and its children also have direct 128-entry child tables. A bitmap marks word ends, and
 * {@code info[r]} (r = number of word ends before v) packs the best rank (low 24 bits) and which
 * list gave it (high 8 bits). The bundled lists hold about 94,000 words and 234,000 nodes: about
 * 1.4 MB of heap.
 *
 * <p>Immutable and thread-safe.
 */
final class WordTrie {
  /** Upper bound on word length kept (longer words are dropped). */
  static final int MAX_DEPTH_BOUND = 64;

  /** Lists, in the order their ids are assigned. */
  enum Source {
    PASSWORDS("common-passwords.txt"),
    ENGLISH("words-english-wikipedia.txt"),
    FEMALE_NAMES("words-female-names.txt"),
    SURNAMES("words-surnames.txt"),
    TV_AND_FILM("words-us-tv-and-film.txt"),
    MALE_NAMES("words-male-names.txt"),
    /** Not a bundled list: words from the caller's context (account name, e-mail). */
    USER_INPUTS(null),
    /** Not a bundled list: the caller's own {@code PasswordDictionary}. */
    CUSTOM(null);

    final String resource;

    Source(String resource) {
      this.resource = resource;
    }

    boolean isName() {
      return this == FEMALE_NAMES || this == SURNAMES || this == MALE_NAMES;
    }
  }

  private final int[] edges;
  private final long[] wordEnds;
  private final int[] wordEndsBefore;
  private final int[] info;
  private final int maxDepth;
  private final int[] rootChildren = new int[128];

  /** Direct child tables for the root's children (ids 1 .. level2Start - 1). */
  private final int[] level1Children;

  private final int level2Start;

  private WordTrie(
      int[] first, byte[] labels, long[] wordEnds, int[] wordEndsBefore, int[] info, int maxDepth) {
    if (first.length >= 1 << 24) {
      throw new IllegalStateException("bug: word lists too large for 24-bit node ids");
    }
    this.edges = new int[first.length];
    for (int v = 0; v < first.length; v++) {
      int label = v < labels.length ? labels[v] & 0xFF : 0;
      edges[v] = label << 24 | first[v];
    }
    this.wordEnds = wordEnds;
    this.wordEndsBefore = wordEndsBefore;
    this.info = info;
    this.maxDepth = maxDepth;
    Arrays.fill(rootChildren, -1);
    for (int c = first[ROOT]; c < first[ROOT + 1]; c++) {
      if (labels[c] >= 0) {
        rootChildren[labels[c]] = c;
      }
    }
    // level-1 ids are exactly the root's children: 1 .. first[1] - 1
    int level1End = first.length > 1 ? first[ROOT + 1] : 1;
    level1Children = new int[Math.max(0, level1End - 1) * 128];
    Arrays.fill(level1Children, -1);
    for (int v = 1; v < level1End; v++) {
      for (int c = first[v]; c < first[v + 1]; c++) {
        if (labels[c] >= 0) {
          level1Children[(v - 1) * 128 + labels[c]] = c;
        }
      }
    }
    level2Start = level1End;
  }

  static final int ROOT = 0;

  /** Length in bytes (= chars, the lists are ASCII) of the longest word. */
  int maxDepth() {
    return maxDepth;
  }

  /** Returns the child of {@code node} along {@code label}, or -1. */
  int child(int node, int label) {
    if (node < level2Start && label < 128) {
      return node == ROOT ? rootChildren[label] : level1Children[(node - 1) * 128 + label];
    }
    int lo = edges[node] & 0xFFFFFF;
    int hi = edges[node + 1] & 0xFFFFFF;
    int b = label & 0xFF;
    if (hi - lo <= 8) {
      // labels ascend: stop at the first one not below b
      for (int c = lo; c < hi; c++) {
        int l = edges[c] >>> 24;
        if (l >= b) {
          return l == b ? c : -1;
        }
      }
      return -1;
    }
    hi--;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int cmp = (edges[mid] >>> 24) - b;
      if (cmp < 0) {
        lo = mid + 1;
      } else if (cmp > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** Returns the packed rank/source of a word-end node, or 0 if the node ends no word. */
  int wordInfo(int node) {
    long bits = wordEnds[node >>> 6];
    long bit = 1L << node;
    if ((bits & bit) == 0) {
      return 0;
    }
    int r = wordEndsBefore[node >>> 6] + Long.bitCount(bits & (bit - 1));
    return info[r];
  }

  static int rank(int packed) {
    return packed & 0xFFFFFF;
  }

  private static final Source[] SOURCES = Source.values();

  static Source source(int packed) {
    return SOURCES[packed >>> 24];
  }

  /** Heap retained, in bytes (compressed oops). */
  long retainedBytes() {
    return 16
        + 32L
        + 16
        + 4L * edges.length
        + 16
        + 8L * wordEnds.length
        + 16
        + 4L * wordEndsBefore.length
        + 16
        + 4L * info.length
        + 16
        + 4L * rootChildren.length
        + 16
        + 4L * level1Children.length;
  }

  int nodeCount() {
    return edges.length - 1;
  }

  /** Loads the six bundled lists. */
  static WordTrie loadBundled() {
    List<byte[]> words = new ArrayList<>(100_000);
    for (Source s : Source.values()) {
      if (s.resource == null) {
        continue;
      }
      byte[] all;
      try (InputStream in = BundledLists.open(s.resource)) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(300_000);
        in.transferTo(out);
        all = out.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read bundled list " + s.resource, e);
      }
      int rank = 0;
      int start = 0;
      for (int i = 0; i <= all.length; i++) {
        if (i == all.length || all[i] == '\n') {
          int end = i;
          if (end > start && all[end - 1] == '\r') {
            end--;
          }
          if (end > start && end - start <= MAX_DEPTH_BOUND) {
            rank++;
            int len = end - start;
            byte[] w = Arrays.copyOfRange(all, start, end + 4);
            for (int k = 0; k < len; k++) {
              if (w[k] >= 'A' && w[k] <= 'Z') {
                w[k] += 32;
              }
            }
            putInfo(w, len, rank | (s.ordinal() << 24));
            words.add(w);
          }
          start = i + 1;
        }
      }
    }
    return build(words.toArray(new byte[0][]));
  }

  private static void putInfo(byte[] w, int at, int packed) {
    w[at] = (byte) (packed >>> 24);
    w[at + 1] = (byte) (packed >>> 16);
    w[at + 2] = (byte) (packed >>> 8);
    w[at + 3] = (byte) packed;
  }

  private static int info(byte[] w) {
    int at = w.length - 4;
    return (w[at] & 0xFF) << 24
        | (w[at + 1] & 0xFF) << 16
        | (w[at + 2] & 0xFF) << 8
        | (w[at + 3] & 0xFF);
  }

  /** Compares the word parts (all but the 4 info bytes), then ranks: best rank first. */
  private static int compareEntries(byte[] a, byte[] b) {
    int c = Arrays.compareUnsigned(a, 0, a.length - 4, b, 0, b.length - 4);
    return c != 0 ? c : Integer.compare(info(a) & 0xFFFFFF, info(b) & 0xFFFFFF);
  }

  /**
   * Builds a trie from entries that are a word's bytes followed by 4 bytes of packed rank/source;
   * for a word listed more than once the lowest rank wins. Sorts {@code entries} in place.
   */
  static WordTrie build(byte[][] entries) {
    Arrays.sort(entries, WordTrie::compareEntries);
    int n = entries.length;
    // Distinct words in sorted order, keeping the best rank; wl[k] is the word length.
    byte[][] w = new byte[n][];
    int[] wl = new int[n];
    int[] p = new int[n];
    int m = 0;
    long totalBytes = 0;
    for (int k = 0; k < n; k++) {
      byte[] e = entries[k];
      int len = e.length - 4;
      if (m > 0 && wl[m - 1] == len && Arrays.equals(w[m - 1], 0, len, e, 0, len)) {
        continue;
      }
      w[m] = e;
      wl[m] = len;
      p[m] = info(e);
      totalBytes += len;
      m++;
    }
    int cap = (int) Math.min(Integer.MAX_VALUE - 16, totalBytes + 2);
    int[] qLo = new int[cap];
    int[] qHi = new int[cap];
    int[] qDepth = new int[cap];
    int[] firstTmp = new int[cap + 1];
    byte[] labelTmp = new byte[cap];
    boolean[] endTmp = new boolean[cap];
    int[] infoTmp = new int[m];
    int words2 = 0;
    int nodes = 1;
    qLo[0] = 0;
    qHi[0] = m;
    qDepth[0] = 0;
    int maxDepth = 0;
    for (int v = 0; v < nodes; v++) {
      int lo = qLo[v];
      int hi = qHi[v];
      int d = qDepth[v];
      firstTmp[v] = nodes;
      if (lo < hi && wl[lo] == d) {
        endTmp[v] = true;
        infoTmp[words2++] = p[lo];
        maxDepth = Math.max(maxDepth, d);
        lo++;
      }
      int k = lo;
      while (k < hi) {
        byte label = w[k][d];
        int g = k + 1;
        while (g < hi && w[g][d] == label) {
          g++;
        }
        labelTmp[nodes] = label;
        qLo[nodes] = k;
        qHi[nodes] = g;
        qDepth[nodes] = d + 1;
        nodes++;
        k = g;
      }
    }
    firstTmp[nodes] = nodes;
    int[] first = Arrays.copyOf(firstTmp, nodes + 1);
    byte[] labels = Arrays.copyOf(labelTmp, nodes);
    long[] ends = new long[(nodes + 63) >>> 6];
    int[] before = new int[ends.length];
    for (int v = 0; v < nodes; v++) {
      if (endTmp[v]) {
        ends[v >>> 6] |= 1L << v;
      }
    }
    int acc = 0;
    for (int b = 0; b < ends.length; b++) {
      before[b] = acc;
      acc += Long.bitCount(ends[b]);
    }
    return new WordTrie(first, labels, ends, before, Arrays.copyOf(infoTmp, words2), maxDepth);
  }
}
