package dev.rootguard.cli;

import dev.rootguard.InvalidInputException;
import dev.rootguard.RootGuardException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads CLI input files without trusting {@link Files#size}: {@code /dev/zero}, a FIFO or a file
 * that grows is read at most to its limit plus one byte, then refused naming the option.
 *
 * <p>Stateless; each stream it returns is not thread-safe.
 */
final class BoundedInput {
  private BoundedInput() {}

  /**
   * Wraps a stream so that reading byte {@code max + 1} throws {@link InvalidInputException} naming
   * {@code field}. At most {@code max + 1} bytes are ever taken from {@code in}.
   */
  static InputStream limit(InputStream in, long max, String field) {
    Objects.requireNonNull(in, "in");
    if (max < 0) {
      throw new IllegalArgumentException("max: must be >= 0, was " + max);
    }
    return new Limited(in, max, field);
  }

  /** Reads a whole file of at most {@code max} bytes, refusing a larger or endless one. */
  static byte[] readAll(Path p, long max, String field) {
    try (InputStream in = limit(Files.newInputStream(p), max, field)) {
      return in.readAllBytes();
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(field, "no such file: " + p);
    } catch (IOException e) {
      throw new RootGuardException("cannot read " + field + " " + p + ": " + e.getMessage(), e);
    }
  }

  static String tooLarge(long max) {
    return "input is larger than " + max + " bytes (or does not end)";
  }

  private static final class Limited extends FilterInputStream {
    private final long max;
    private final String field;
    private long count;

    Limited(InputStream in, long max, String field) {
      super(in);
      this.max = max;
      this.field = field;
    }

    @Override
    public int read() throws IOException {
      if (count > max) {
        throw over();
      }
      int b = super.read();
      if (b >= 0 && ++count > max) {
        throw over();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (count > max) {
        throw over();
      }
      if (len == 0) {
        return 0;
      }
      long room = max + 1 - count;
      int n = super.read(b, off, (int) Math.min(len, room));
      if (n > 0) {
        count += n;
        if (count > max) {
          throw over();
        }
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buf = new byte[(int) Math.min(Math.max(n, 0), 8192)];
      int r = read(buf, 0, buf.length);
      return Math.max(r, 0);
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    private InvalidInputException over() {
      return new InvalidInputException(field, tooLarge(max));
    }
  }
}
