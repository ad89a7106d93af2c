package dev.rootguard.testsupport;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Redis server for tests: Debian's {@code redis-server} on 127.0.0.1, with its own config
 * file and data directory, stopped by its own PID.
 *
 * <p>{@link #shared()} is the server most tests use: the one {@code .ci/run} started (its URL in
 * {@code ROOTGUARD_TEST_REDIS_URL}), or else one started once for this JVM. Tests that restart or
 * kill the server take a {@link #startPrivate private} one. Without {@code redis-server} a test is
 * skipped with a visible reason, or fails under {@code CI=true}.
 *
 * <pre>{@code
 * RedisServer redis = RedisServer.startPrivate(true);   // AOF on, fsync always
 * RedisClient client = RedisClient.create(redis.uri());
 * ...
 * redis.restart();                                      // same port, same data directory
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class RedisServer {
  private static RedisServer shared;

  private final String uri;
  private final LocalServer process; // null for the CI server

  private RedisServer(String uri, LocalServer process) {
    this.uri = uri;
    this.process = process;
  }

  /**
   * Returns the server shared by the tests of this JVM.
   *
   * @return the server ({@code ROOTGUARD_TEST_REDIS_URL}, or one started now, AOF off)
   */
  public static synchronized RedisServer shared() {
    if (shared == null) {
      String url = System.getenv("ROOTGUARD_TEST_REDIS_URL");
      shared =
          url != null && !url.isBlank() ? new RedisServer(url.strip(), null) : startPrivate(false);
    }
    return shared;
  }

  /**
   * Starts a server of this test's own, in a new temp directory.
   *
   * @param appendOnly whether the append-only file is on ({@code appendfsync always}), so a restart
   *     keeps every acknowledged write
   * @return the running server
   */
  public static RedisServer startPrivate(boolean appendOnly) {
    Path bin = LocalServer.onPath("redis-server");
    if (bin == null) {
      LocalServer.unavailable("redis-server is not installed (Debian package redis-server)");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("rootguard-test-redis");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    LocalServer s =
        LocalServer.start(
            "redis",
            dir,
            port -> {
              Path conf = dir.resolve("redis.conf");
              String text =
                  String.join(
                      "\n",
                      "bind 127.0.0.1",
                      "protected-mode yes",
                      "port " + port,
                      "daemonize no",
                      "dir " + dir,
                      "save \"\"",
                      "appendonly " + (appendOnly ? "yes" : "no"),
                      "appendfsync always",
                      "logfile \"\"",
                      "");
              try {
                Files.writeString(conf, text, StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
              return List.of(bin.toString(), conf.toString());
            },
            port -> LocalServer.replies(port, "PING\r\n", "+PONG"));
    return new RedisServer("redis://127.0.0.1:" + s.port(), s);
  }

  /**
   * Returns the server's URL.
   *
   * @return {@code redis://127.0.0.1:PORT}
   */
  public String uri() {
    return uri;
  }

  /**
   * Returns the port.
   *
   * @return the TCP port
   */
  public int port() {
    return URI.create(uri).getPort();
  }

  /**
   * Returns the process behind a private server.
   *
   * @return the process handle to stop, kill or restart
   * @throws IllegalStateException for the CI server, which tests must not stop
   */
  public LocalServer process() {
    if (process == null) {
      throw new IllegalStateException("the CI server is shared; start a private one to stop it");
    }
    return process;
  }

  /** Stops a private server and starts it again on the same port and data directory. */
  public void restart() {
    process().restart();
  }

  /** Stops a private server. */
  public void stop() {
    process().stop();
  }

  @Override
  public String toString() {
    return "RedisServer[" + uri + "]";
  }
}
