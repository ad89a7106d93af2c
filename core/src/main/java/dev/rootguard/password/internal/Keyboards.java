package dev.rootguard.password.internal;

/**
 * Keyboard adjacency graphs for keyboard-walk detection: US QWERTY, Dvorak, Japanese JIS
 * (106/109-key), and the PC and Mac numeric keypads. Each key is a token of its unshifted and
 * shifted character; neighbours are listed in a fixed direction order so that a change of direction
 * can be counted as a turn. Immutable and thread-safe.
 */
final class Keyboards {
  private Keyboards() {}

  /** Longest keyboard walk scored as one match; longer walks are split. */
  static final int MAX_WALK = 32;

  /** One keyboard: for each char below 256, its neighbour keys by direction (null = none). */
  static final class Graph {
    final String name;
    final boolean slanted;

    /**
     * For each char below 256 on this keyboard: per direction, the neighbour key's unshifted and
     * shifted char (0 where there is none).
     */
    final char[][] adjacent = new char[256][];

    /** Number of distinct characters on the keyboard (zxcvbn's "starting positions"). */
    final int startingPositions;

    /** Average number of neighbours per character. */
    final double averageDegree;

    /** log10 of the walk guesses for length L (index) and turns t, before shift variations. */
    final double[][] walkLog10;

    Graph(String name, boolean slanted, int[] rowOffsets, String... rows) {
      this.name = name;
      this.slanted = slanted;
      String[][] grid = new String[rows.length][];
      int width = 0;
      for (int y = 0; y < rows.length; y++) {
        String[] keys = rows[y].trim().split(" +");
        grid[y] = new String[rowOffsets[y] + keys.length];
        System.arraycopy(keys, 0, grid[y], rowOffsets[y], keys.length);
        width = Math.max(width, grid[y].length);
      }
      int[][] dirs =
          slanted
              ? new int[][] {{-1, 0}, {0, -1}, {1, -1}, {1, 0}, {0, 1}, {-1, 1}}
              : new int[][] {{-1, 0}, {-1, -1}, {0, -1}, {1, -1}, {1, 0}, {1, 1}, {0, 1}, {-1, 1}};
      int chars = 0;
      long degrees = 0;
      for (int y = 0; y < grid.length; y++) {
        for (int x = 0; x < grid[y].length; x++) {
          String key = grid[y][x];
          if (key == null) {
            continue;
          }
          char[] neighbours = new char[2 * dirs.length];
          int degree = 0;
          for (int d = 0; d < dirs.length; d++) {
            int nx = x + dirs[d][0];
            int ny = y + dirs[d][1];
            if (ny >= 0 && ny < grid.length && nx >= 0 && nx < grid[ny].length) {
              String nk = grid[ny][nx];
              if (nk != null) {
                neighbours[2 * d] = nk.charAt(0);
                neighbours[2 * d + 1] = nk.length() > 1 ? nk.charAt(1) : 0;
                degree++;
              }
            }
          }
          for (int k = 0; k < key.length(); k++) {
            char c = key.charAt(k);
            if (adjacent[c] == null) {
              adjacent[c] = neighbours;
              chars++;
              degrees += degree;
            }
          }
        }
      }
      this.startingPositions = chars;
      this.averageDegree = (double) degrees / chars;
      this.walkLog10 = walkTable(chars, averageDegree);
      buildAscii();
    }

    /**
     * For printable ASCII prev and cur: 0 if cur is not next to prev, else (direction + 1) with bit
     * 0x40 set when cur is the shifted char of its key. Built from {@link #adjacent}.
     */
    private byte[] ascii;

    /**
     * Returns the packed step from prev to cur (see {@link #ascii}), or -1 to use the slow path.
     */
    int step(char prev, char cur) {
      if (prev < 32 || prev > 126 || cur < 32 || cur > 126) {
        return -1;
      }
      return ascii[(prev - 32) * 95 + (cur - 32)];
    }

    private void buildAscii() {
      ascii = new byte[95 * 95];
      for (char p = 32; p <= 126; p++) {
        char[] nb = adjacent[p];
        if (nb == null) {
          continue;
        }
        for (int d = 0; d < nb.length; d += 2) {
          for (int k = 0; k < 2; k++) {
            char c = nb[d + k];
            if (c >= 32 && c <= 126 && ascii[(p - 32) * 95 + (c - 32)] == 0) {
              ascii[(p - 32) * 95 + (c - 32)] = (byte) ((d / 2 + 1) | (k == 1 ? 0x40 : 0));
            }
          }
        }
      }
    }

    /** Returns whether c is a shifted character of this keyboard. */
    boolean isShifted(char c) {
      return c < 256 && shiftedChars[c];
    }

    private final boolean[] shiftedChars = new boolean[256];

    Graph shifted(String chars) {
      for (int k = 0; k < chars.length(); k++) {
        shiftedChars[chars.charAt(k)] = true;
      }
      return this;
    }

    /**
     * zxcvbn's spatial estimate: sum over walk lengths i = 2..L and turn counts j = 1..min(t, i -
     * 1) of C(i - 1, j - 1) * s * d^j, tabulated for L, t up to {@link #MAX_WALK}.
     */
    private static double[][] walkTable(int s, double d) {
      double[][] binom = new double[MAX_WALK + 1][MAX_WALK + 1];
      for (int a = 0; a <= MAX_WALK; a++) {
        binom[a][0] = 1;
        for (int b = 1; b <= a; b++) {
          binom[a][b] = binom[a - 1][b - 1] + (b <= a - 1 ? binom[a - 1][b] : 0);
        }
      }
      double[][] table = new double[MAX_WALK + 1][MAX_WALK + 1];
      for (int len = 0; len <= MAX_WALK; len++) {
        for (int t = 0; t <= MAX_WALK; t++) {
          double sum = 0;
          for (int i = 2; i <= len; i++) {
            int possibleTurns = Math.min(t, i - 1);
            for (int j = 1; j <= possibleTurns; j++) {
              sum += binom[i - 1][j - 1] * s * Math.pow(d, j);
            }
          }
          table[len][t] = sum > 0 ? Math.log10(sum) : 0;
        }
      }
      return table;
    }
  }

  /**
   * Builds the five graphs afresh (qwerty, dvorak, jis, keypad, mac_keypad); the constants below
   * are one such build, and tests build their own so the construction runs under test.
   */
  static Graph[] layouts() {
    return new Graph[] {
      new Graph(
              "qwerty",
              true,
              new int[] {0, 1, 1, 1},
              "`~ 1! 2@ 3# 4$ 5% 6^ 7& 8* 9( 0) -_ =+",
              "qQ wW eE rR tT yY uU iI oO pP [{ ]} \\|",
              "aA sS dD fF gG hH jJ kK lL ;: '\"",
              "zZ xX cC vV bB nN mM ,< .> /?")
          .shifted("~!@#$%^&*()_+QWERTYUIOP{}|ASDFGHJKL:\"ZXCVBNM<>?"),
      new Graph(
              "dvorak",
              true,
              new int[] {0, 1, 1, 1},
              "`~ 1! 2@ 3# 4$ 5% 6^ 7& 8* 9( 0) [{ ]}",
              "'\" ,< .> pP yY fF gG cC rR lL /? =+ \\|",
              "aA oO eE uU iI dD hH tT nN sS -_",
              ";: qQ jJ kK xX bB mM wW vV zZ")
          .shifted("~!@#$%^&*(){}\"<>PYFGCRL?+|AOEUIDHTNS_:QJKXBMWVZ"),
      new Graph(
              "jis",
              true,
              new int[] {0, 0, 0, 0},
              "1! 2\" 3# 4$ 5% 6& 7' 8( 9) 0 -= ^~ \u00a5|",
              "qQ wW eE rR tT yY uU iI oO pP @` [{",
              "aA sS dD fF gG hH jJ kK lL ;+ :* ]}",
              "zZ xX cC vV bB nN mM ,< .> /? \\_")
          .shifted("!\"#$%&'()=~|QWERTYUIOP`{ASDFGHJKL+*}ZXCVBNM<>?_"),
      new Graph(
          "keypad", false, new int[] {1, 0, 0, 0, 1}, "/ * -", "7 8 9 +", "4 5 6", "1 2 3", "0 ."),
      new Graph(
          "mac_keypad",
          false,
          new int[] {1, 0, 0, 0, 1},
          "= / *",
          "7 8 9 -",
          "4 5 6 +",
          "1 2 3",
          "0 .")
    };
  }

  private static final Graph[] BUILT = layouts();
  static final Graph QWERTY = BUILT[0];
  static final Graph DVORAK = BUILT[1];

  /** Japanese JIS layout: no key left of 1, and @ [ ; : ] \ where US QWERTY differs. */
  static final Graph JIS = BUILT[2];

  static final Graph KEYPAD = BUILT[3];
  static final Graph MAC_KEYPAD = BUILT[4];

  static final Graph[] ALL = {QWERTY, DVORAK, JIS, KEYPAD, MAC_KEYPAD};
}
