package dev.rootguard.password.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link WordTrie} built fresh in each test (so the build, not a cached static instance, runs under
 * mutation): lookups along every child-search path (root and level-1 tables, linear scan, binary
 * search, labels at or above 128), ranking of repeated words, edges (empty, one char, a prefix of
 * another word, the longest word) and the bundled lists against an independent reading of the
 * resource files.
 */
class WordTrieTest {

  /** A trie entry: the word's bytes, then rank | source << 24 big-endian (encoded here). */
  static byte[] entry(byte[] word, int rank, WordTrie.Source s) {
    byte[] e = new byte[word.length + 4];
    System.arraycopy(word, 0, e, 0, word.length);
    int packed = rank | s.ordinal() << 24;
    e[word.length] = (byte) (packed >>> 24);
    e[word.length + 1] = (byte) (packed >>> 16);
    e[word.length + 2] = (byte) (packed >>> 8);
    e[word.length + 3] = (byte) packed;
    return e;
  }

  static byte[] entry(String word, int rank, WordTrie.Source s) {
    return entry(word.getBytes(StandardCharsets.ISO_8859_1), rank, s);
  }

  /** Walks the word's bytes; -1 if the path is missing, else the node's packed info (0 = none). */
  private static int lookup(WordTrie t, byte[] word) {
    int node = WordTrie.ROOT;
    for (byte b : word) {
      node = t.child(node, b & 0xFF);
      if (node < 0) {
        return -1;
      }
    }
    return t.wordInfo(node);
  }

  private static int lookup(WordTrie t, String word) {
    return lookup(t, word.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void emptyTrie() {
    WordTrie t = WordTrie.build(new byte[0][]);
    assertThat(t.maxDepth()).isZero();
    assertThat(t.nodeCount()).isEqualTo(1);
    assertThat(t.child(WordTrie.ROOT, 'a')).isEqualTo(-1);
    assertThat(t.child(WordTrie.ROOT, 0xC3)).isEqualTo(-1);
    assertThat(t.wordInfo(WordTrie.ROOT)).isZero();
  }

  @Test
  void prefixesRanksAndSources() {
    WordTrie t =
        WordTrie.build(
            new byte[][] {
              entry("password", 1, WordTrie.Source.PASSWORDS),
              entry("pass", 5, WordTrie.Source.PASSWORDS),
              entry("pass", 2, WordTrie.Source.ENGLISH),
              entry("pass", 9, WordTrie.Source.SURNAMES),
              entry("pa", 300000, WordTrie.Source.MALE_NAMES),
              entry("a", 7, WordTrie.Source.FEMALE_NAMES),
              entry("b", 8, WordTrie.Source.TV_AND_FILM),
              entry("b", 8, WordTrie.Source.CUSTOM),
            });
    assertThat(t.maxDepth()).isEqualTo(8);
    // root, a, b, p, pa, pas, pass, passw, passwo, passwor, password
    assertThat(t.nodeCount()).isEqualTo(11);
    int pass = lookup(t, "pass");
    assertThat(WordTrie.rank(pass)).isEqualTo(2);
    assertThat(WordTrie.source(pass)).isEqualTo(WordTrie.Source.ENGLISH);
    int password = lookup(t, "password");
    assertThat(WordTrie.rank(password)).isEqualTo(1);
    assertThat(WordTrie.source(password)).isEqualTo(WordTrie.Source.PASSWORDS);
    int pa = lookup(t, "pa");
    assertThat(WordTrie.rank(pa)).isEqualTo(300000);
    assertThat(WordTrie.source(pa)).isEqualTo(WordTrie.Source.MALE_NAMES);
    assertThat(WordTrie.source(lookup(t, "a"))).isEqualTo(WordTrie.Source.FEMALE_NAMES);
    assertThat(WordTrie.rank(lookup(t, "a"))).isEqualTo(7);
    // equal ranks: the entry given first wins (stable sort)
    assertThat(WordTrie.source(lookup(t, "b"))).isEqualTo(WordTrie.Source.TV_AND_FILM);
    // inner nodes end no word; missing paths
    assertThat(lookup(t, "p")).isZero();
    assertThat(lookup(t, "pas")).isZero();
    assertThat(lookup(t, "passwor")).isZero();
    assertThat(lookup(t, "")).isZero();
    assertThat(lookup(t, "passwords")).isEqualTo(-1);
    assertThat(lookup(t, "c")).isEqualTo(-1);
    assertThat(lookup(t, "pb")).isEqualTo(-1);
    assertThat(lookup(t, "ab")).isEqualTo(-1);
  }

  @Test
  void lookupOrderDoesNotMatter() {
    byte[][] forward = {
      entry("ab", 1, WordTrie.Source.ENGLISH), entry("b", 2, WordTrie.Source.ENGLISH)
    };
    byte[][] backward = {
      entry("b", 2, WordTrie.Source.ENGLISH), entry("ab", 1, WordTrie.Source.ENGLISH)
    };
    for (byte[][] in : new byte[][][] {forward, backward}) {
      WordTrie t = WordTrie.build(in);
      assertThat(WordTrie.rank(lookup(t, "ab"))).isEqualTo(1);
      assertThat(WordTrie.rank(lookup(t, "b"))).isEqualTo(2);
      assertThat(lookup(t, "a")).isZero();
    }
  }

  @Test
  void wideAndNarrowNodesBelowLevelOne() {
    List<byte[]> in = new ArrayList<>();
    // "xy" has 13 children (binary search), "xz" has 3 (linear scan); every other letter
    String wide = "acegikmoqsuwy";
    for (int k = 0; k < wide.length(); k++) {
      in.add(entry("xy" + wide.charAt(k), 100 + k, WordTrie.Source.ENGLISH));
    }
    in.add(entry("xzb", 1, WordTrie.Source.ENGLISH));
    in.add(entry("xzd", 2, WordTrie.Source.ENGLISH));
    in.add(entry("xzf", 3, WordTrie.Source.ENGLISH));
    // exactly 8 and 9 children
    for (char c = 'a'; c < 'a' + 8; c++) {
      in.add(entry("xe" + c, 200 + c, WordTrie.Source.ENGLISH));
    }
    for (char c = 'a'; c < 'a' + 9; c++) {
      in.add(entry("xn" + c, 400 + c, WordTrie.Source.ENGLISH));
    }
    WordTrie t = WordTrie.build(in.toArray(new byte[0][]));
    for (char c = 'a'; c <= 'z'; c++) {
      int k = wide.indexOf(c);
      int expected = k < 0 ? -1 : 100 + k;
      int got = lookup(t, "xy" + c);
      assertThat(got < 0 ? -1 : WordTrie.rank(got)).as("xy%s", c).isEqualTo(expected);
      int z = "bdf".indexOf(c);
      got = lookup(t, "xz" + c);
      assertThat(got < 0 ? -1 : WordTrie.rank(got)).as("xz%s", c).isEqualTo(z < 0 ? -1 : z + 1);
      got = lookup(t, "xe" + c);
      assertThat(got < 0 ? -1 : WordTrie.rank(got))
          .as("xe%s", c)
          .isEqualTo(c < 'a' + 8 ? 200 + c : -1);
      got = lookup(t, "xn" + c);
      assertThat(got < 0 ? -1 : WordTrie.rank(got))
          .as("xn%s", c)
          .isEqualTo(c < 'a' + 9 ? 400 + c : -1);
    }
    assertThat(lookup(t, "xy")).isZero();
    assertThat(lookup(t, "xy{")).isEqualTo(-1);
    assertThat(lookup(t, "xy\u0000")).isEqualTo(-1);
    assertThat(lookup(t, "xz\u00ff")).isEqualTo(-1);
  }

  @Test
  void nonAsciiBytesOneCharAndLongestWord() {
    byte[] eAcute = {(byte) 0xC3, (byte) 0xA9};
    byte[] deep = {'q', 'r', (byte) 0xC3, (byte) 0xA9, (byte) 0xFF};
    String longest = "z".repeat(WordTrie.MAX_DEPTH_BOUND);
    WordTrie t =
        WordTrie.build(
            new byte[][] {
              entry(eAcute, 3, WordTrie.Source.CUSTOM),
              entry(deep, 4, WordTrie.Source.USER_INPUTS),
              entry("q", 5, WordTrie.Source.ENGLISH),
              entry("\u007f", 6, WordTrie.Source.ENGLISH),
              entry("q\u0080", 7, WordTrie.Source.ENGLISH),
              entry(longest, 8, WordTrie.Source.ENGLISH),
            });
    assertThat(t.maxDepth()).isEqualTo(WordTrie.MAX_DEPTH_BOUND);
    assertThat(WordTrie.rank(lookup(t, eAcute))).isEqualTo(3);
    assertThat(WordTrie.source(lookup(t, eAcute))).isEqualTo(WordTrie.Source.CUSTOM);
    assertThat(WordTrie.rank(lookup(t, deep))).isEqualTo(4);
    assertThat(WordTrie.source(lookup(t, deep))).isEqualTo(WordTrie.Source.USER_INPUTS);
    assertThat(WordTrie.rank(lookup(t, "q"))).isEqualTo(5);
    assertThat(WordTrie.rank(lookup(t, "\u007f"))).isEqualTo(6);
    assertThat(WordTrie.rank(lookup(t, "q\u0080"))).isEqualTo(7);
    assertThat(WordTrie.rank(lookup(t, longest))).isEqualTo(8);
    assertThat(lookup(t, longest.substring(1))).isZero();
    assertThat(lookup(t, new byte[] {(byte) 0xC3})).isZero();
    assertThat(lookup(t, new byte[] {(byte) 0xC3, (byte) 0xA8})).isEqualTo(-1);
    assertThat(lookup(t, new byte[] {(byte) 0xC4})).isEqualTo(-1);
    assertThat(lookup(t, "r")).isEqualTo(-1);
  }

  @Test
  void retainedBytesOfATinyTrie() {
    // words "a", "ab": nodes root, a, ab (4 first entries); 1 bitmap word; 2 infos;
    // 128 root slots; one level-1 node with 128 slots
    WordTrie t =
        WordTrie.build(
            new byte[][] {
              entry("a", 1, WordTrie.Source.ENGLISH), entry("ab", 2, WordTrie.Source.ENGLISH)
            });
    long expected = 16 + 32 + (16 + 16) + (16 + 8) + (16 + 4) + (16 + 8) + (16 + 512) + (16 + 512);
    assertThat(t.retainedBytes()).isEqualTo(expected);
    assertThat(t.nodeCount()).isEqualTo(3);
  }

  @Test
  void manyNodesSpanSeveralBitmapWords() {
    List<byte[]> in = new ArrayList<>();
    Map<String, Integer> want = new HashMap<>();
    int rank = 0;
    for (char a = 'a'; a <= 'j'; a++) {
      for (char b = 'a'; b <= 'l'; b++) {
        String w = "" + a + b;
        in.add(entry(w, ++rank, WordTrie.Source.SURNAMES));
        want.put(w, rank);
      }
    }
    WordTrie t = WordTrie.build(in.toArray(new byte[0][]));
    assertThat(t.nodeCount()).isEqualTo(1 + 10 + 120);
    for (Map.Entry<String, Integer> e : want.entrySet()) {
      assertThat(WordTrie.rank(lookup(t, e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
    }
    assertThat(lookup(t, "am")).isEqualTo(-1);
    assertThat(lookup(t, "ka")).isEqualTo(-1);
    assertThat(lookup(t, "c")).isZero();
  }

  /** The bundled lists, read here independently, against a freshly loaded trie. */
  @Test
  void bundledListsAgreeWithAnIndependentReading() throws IOException {
    String[] files = {
      "common-passwords.txt",
      "words-english-wikipedia.txt",
      "words-female-names.txt",
      "words-surnames.txt",
      "words-us-tv-and-film.txt",
      "words-male-names.txt"
    };
    Map<String, int[]> best = new HashMap<>(); // word -> {rank, list index}
    Set<String> prefixes = new HashSet<>();
    int longest = 0;
    for (int f = 0; f < files.length; f++) {
      try (InputStream raw = WordTrieTest.class.getResourceAsStream(files[f]);
          BufferedReader r =
              new BufferedReader(new InputStreamReader(raw, StandardCharsets.ISO_8859_1))) {
        int rank = 0;
        String line;
        while ((line = r.readLine()) != null) {
          if (line.isEmpty()) {
            continue;
          }
          rank++;
          int[] old = best.get(line);
          if (old == null || rank < old[0]) {
            best.put(line, new int[] {rank, f});
          }
          for (int k = 1; k <= line.length(); k++) {
            prefixes.add(line.substring(0, k));
          }
          longest = Math.max(longest, line.length());
        }
      }
    }
    WordTrie t = WordTrie.loadBundled();
    assertThat(t.nodeCount()).isEqualTo(prefixes.size() + 1);
    assertThat(t.maxDepth()).isEqualTo(longest);
    assertThat(t.wordInfo(WordTrie.ROOT)).isZero();
    for (Map.Entry<String, int[]> e : best.entrySet()) {
      int got = lookup(t, e.getKey());
      assertThat(WordTrie.rank(got)).as(e.getKey()).isEqualTo(e.getValue()[0]);
      assertThat(WordTrie.source(got).ordinal()).as(e.getKey()).isEqualTo(e.getValue()[1]);
    }
    int words = 0;
    for (String p : prefixes) {
      int got = lookup(t, p);
      assertThat(got != 0).as(p).isEqualTo(best.containsKey(p));
      words += got != 0 ? 1 : 0;
    }
    assertThat(words).isEqualTo(best.size());
  }
}
