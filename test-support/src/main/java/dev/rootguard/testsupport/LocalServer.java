package dev.rootguard.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A server process a test starts on 127.0.0.1 and stops by its own PID: the common part of {@link
 * RedisServer} and {@link DynaliteServer}. The process is a child of this JVM, its output goes to a
 * log file in its own directory, and a shutdown hook stops it if the test does not.
 *
 * <pre>{@code
 * LocalServer s = LocalServer.start("redis", dir, port -> List.of("redis-server", conf), probe);
 * s.stop();
 * }</pre>
 *
 * <p>Thread-safe: start, stop and restart are synchronized.
 */
public final class LocalServer {
  /** How a caller checks that the server answers on its port. */
  @FunctionalInterface
  public interface Probe {
    /**
     * Returns whether the server on {@code port} answers.
     *
     * @param port the loopback port
     * @return true once it serves requests
     */
    boolean answers(int port);
  }

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final String name;
  private final Path dir;
  private final int port;
  private final IntFunction<List<String>> command;
  private final Probe probe;
  private Process process;

  private LocalServer(
      String name, Path dir, int port, IntFunction<List<String>> command, Probe probe) {
    this.name = name;
    this.dir = dir;
    this.port = port;
    this.command = command;
    this.probe = probe;
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, name + "-stop"));
  }

  /**
   * Starts a server on a free loopback port and waits until {@code probe} says it answers.
   *
   * @param name a short name for messages and the log file
   * @param dir the server's own directory (its log goes to {@code dir/<name>.log})
   * @param command the command line for a port
   * @param probe checks that the server answers
   * @return the running server
   * @throws IllegalStateException if it does not answer within 30 s (the log's tail is included)
   */
  public static LocalServer start(
      String name, Path dir, IntFunction<List<String>> command, Probe probe) {
    LocalServer s = new LocalServer(name, dir, freePort(), command, probe);
    s.startProcess();
    return s;
  }

  /**
   * Returns the loopback port.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * Returns the server's directory.
   *
   * @return the directory given at start
   */
  public Path dir() {
    return dir;
  }

  /**
   * Returns the PID of the running process.
   *
   * @return the PID, or -1 when stopped
   */
  public synchronized long pid() {
    return process != null && process.isAlive() ? process.pid() : -1;
  }

  /** Stops the server gracefully (SIGTERM to its own PID) and waits for it; idempotent. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Kills the server at once (SIGKILL to its own PID), as a crash would. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    try {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /**
   * Starts the server again on the same port and directory, after {@link #stop} or {@link #kill}.
   */
  public synchronized void restart() {
    stop();
    startProcess();
  }

  private synchronized void startProcess() {
    Path log = dir.resolve(name + ".log");
    try {
      Files.createDirectories(dir);
      process =
          new ProcessBuilder(command.apply(port))
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        break;
      }
      if (probe.answers(port)) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    String tail = tail(log);
    stop();
    throw new IllegalStateException(
        name + " did not start on 127.0.0.1:" + port + "; log:\n" + tail);
  }

  private static String tail(Path log) {
    try {
      String s = Files.readString(log, StandardCharsets.UTF_8);
      return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * Returns a loopback port nobody listens on right now.
   *
   * @return the port
   */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free loopback port", e);
    }
  }

  /**
   * Sends {@code request} to a loopback port and returns whether the reply starts with {@code
   * expected}; false on any I/O error.
   *
   * @param port the port
   * @param request bytes to send
   * @param expected the reply's expected start
   * @return whether the server answered as expected
   */
  public static boolean replies(int port, String request, String expected) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      s.setSoTimeout(1000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[expected.length()];
      int n = 0;
      while (n < buf.length) {
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          return false;
        }
        n += r;
      }
      return new String(buf, StandardCharsets.US_ASCII).equals(expected);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Skips the calling test with a visible reason, or fails it when {@code CI=true} (CI installs
   * every server, so a missing one there is a broken build, not a reason to skip).
   *
   * @param reason why the server is not available
   */
  public static void unavailable(String reason) {
    Objects.requireNonNull(reason, "reason");
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(reason + " (CI=true: the server must be available)");
    }
    System.err.println("SKIPPED (no server): " + reason);
    Assumptions.abort(reason);
  }

  /**
   * Finds an executable on the {@code PATH}.
   *
   * @param program the program name
   * @return its path, or null
   */
  public static Path onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String d : path.split(java.io.File.pathSeparator)) {
      Path p = Path.of(d, program);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return name + "@127.0.0.1:" + port;
  }
}
