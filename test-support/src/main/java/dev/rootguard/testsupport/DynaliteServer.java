package dev.rootguard.testsupport;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A DynamoDB-API server for tests: {@code dynalite} (npm) under Node.js on 127.0.0.1, in memory,
 * stopped by its own PID. The real AWS SDK client talks HTTP to it.
 *
 * <p>{@link #shared()} is the server most tests use: the one {@code .ci/run} started (its endpoint
 * in {@code ROOTGUARD_TEST_DYNAMODB_ENDPOINT}), or else one started once for this JVM from {@code
 * tools/dynalite/node_modules} of the checkout ({@code npm ci --prefix tools/dynalite} installs it
 * from the committed lockfile). Without Node.js or dynalite a test is skipped with a visible
 * reason, or fails under {@code CI=true}. Tables are created with no {@code CREATING} delay.
 *
 * <pre>{@code
 * DynamoDbClient ddb = DynamoDbClient.builder()
 *     .endpointOverride(DynaliteServer.shared().endpoint())
 *     .region(Region.US_EAST_1)
 *     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class DynaliteServer {
  private static DynaliteServer shared;

  private final URI endpoint;
  private final LocalServer process;

  private DynaliteServer(URI endpoint, LocalServer process) {
    this.endpoint = endpoint;
    this.process = process;
  }

  /**
   * Returns the server shared by the tests of this JVM.
   *
   * @return the server
   */
  public static synchronized DynaliteServer shared() {
    if (shared == null) {
      String url = System.getenv("ROOTGUARD_TEST_DYNAMODB_ENDPOINT");
      shared =
          url != null && !url.isBlank()
              ? new DynaliteServer(URI.create(url.strip()), null)
              : startPrivate();
    }
    return shared;
  }

  /**
   * Starts a server of this test's own.
   *
   * @return the running server
   */
  public static DynaliteServer startPrivate() {
    Path node = LocalServer.onPath("node");
    if (node == null) {
      LocalServer.unavailable("Node.js is not installed (needed for dynalite)");
    }
    Path cli = findCli();
    if (cli == null) {
      LocalServer.unavailable(
          "dynalite is not installed: run `npm ci --prefix tools/dynalite` in the checkout");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("rootguard-test-dynalite");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    LocalServer s =
        LocalServer.start(
            "dynalite",
            dir,
            port ->
                List.of(
                    node.toString(),
                    cli.toString(),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(port),
                    "--createTableMs",
                    "0",
                    "--deleteTableMs",
                    "0",
                    "--updateTableMs",
                    "0"),
            port -> LocalServer.replies(port, "GET / HTTP/1.0\r\n\r\n", "HTTP/1."));
    return new DynaliteServer(URI.create("http://127.0.0.1:" + s.port()), s);
  }

  /** {@code tools/dynalite/node_modules/dynalite/cli.js} in this or a parent directory. */
  private static Path findCli() {
    String home = System.getenv("ROOTGUARD_DYNALITE_HOME");
    if (home != null && !home.isBlank()) {
      Path p = Path.of(home, "node_modules", "dynalite", "cli.js");
      return Files.isRegularFile(p) ? p : null;
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path p = d.resolve("tools/dynalite/node_modules/dynalite/cli.js");
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Returns the endpoint for {@code endpointOverride}.
   *
   * @return {@code http://127.0.0.1:PORT}
   */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * Returns the process behind a private server.
   *
   * @return the process handle to stop, kill or restart (a restart loses the in-memory data)
   * @throws IllegalStateException for the CI server, which tests must not stop
   */
  public LocalServer process() {
    if (process == null) {
      throw new IllegalStateException("the CI server is shared; start a private one to stop it");
    }
    return process;
  }

  @Override
  public String toString() {
    return "DynaliteServer[" + endpoint + "]";
  }
}
