package dev.rootguard.password.internal;

import dev.rootguard.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a dictionary file's lines from a stream (UTF-8, {@code \n} or {@code \r\n}, a leading
 * byte-order mark and blank lines skipped) and feeds them to a {@link CompactDictionaryBuilder},
 * which folds them. Errors name the line number, never the line. Not thread-safe: one per load.
 */
final class DictionaryLineReader {
  private final InputStream in;
  private final String file;
  private final CompactDictionaryBuilder out;
  private byte[] buf = new byte[1 << 16];
  private int start;
  private int limit;
  private long lineNo;

  DictionaryLineReader(InputStream in, String file, CompactDictionaryBuilder out) {
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
