package dev.rootguard.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what is written to {@link System#err} while it is open, e.g. the WARN lines {@code
 * slf4j-simple} prints there (it looks {@code System.err} up on every write unless told to cache
 * it), so a test can check a log line names what it should and never a secret. Shared by the test
 * suites of every module (core builds it into its {@code test-jar}).
 *
 * <pre>{@code
 * try (CapturedStderr err = CapturedStderr.start()) {
 *   verifier.verify(attempt);
 *   assertThat(err.text()).contains("WARN").contains("GALT1234").doesNotContain(seedHex);
 * }
 * }</pre>
 *
 * <p>Not thread-safe across tests: it replaces a global stream, so use it only in tests that do not
 * run in parallel with others writing to {@code System.err}.
 */
public final class CapturedStderr implements AutoCloseable {
  private final PrintStream original;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  private CapturedStderr() {
    original = System.err;
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
  }

  /**
   * Starts capturing.
   *
   * @return the capture; close it to restore {@code System.err}
   */
  public static CapturedStderr start() {
    return new CapturedStderr();
  }

  /**
   * Returns what was written so far.
   *
   * @return the text, UTF-8
   */
  public String text() {
    System.err.flush();
    return buffer.toString(StandardCharsets.UTF_8);
  }

  /** Restores the original {@code System.err}. */
  @Override
  public void close() {
    System.setErr(original);
  }
}
