package dev.rootguard.store.jdbc;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Starts a throwaway PostgreSQL cluster from Debian's {@code /usr/lib/postgresql/<n>/bin}: a temp
 * directory, a free loopback port, the unix socket in that directory, run as the {@code postgres}
 * user when the JVM runs as root (PostgreSQL refuses root), and stopped by its data directory's PID
 * ({@code pg_ctl -D … stop}) when the JVM exits. The one launcher behind the tests' {@link
 * PostgresServer} and the benchmarks' server.
 *
 * <pre>{@code
 * ThrowawayCluster.Started pg = ThrowawayCluster.start(ThrowawayCluster.findBin().orElseThrow(),
 *     "rgtest", false);
 * DriverManager.getConnection(pg.baseUrl() + "postgres", pg.user(), pg.password());
 * }</pre>
 *
 * <p>Thread-safe (stateless).
 */
public final class ThrowawayCluster {
  private ThrowawayCluster() {}

  /**
   * A started cluster.
   *
   * @param baseUrl {@code jdbc:postgresql://127.0.0.1:<port>/}, to append a database name to
   * @param user the superuser
   * @param password its password
   */
  public record Started(String baseUrl, String user, String password) {
    @Override
    public String toString() {
      return "Started[" + baseUrl + ", user=" + user + "]";
    }
  }

  /**
   * Returns the newest PostgreSQL {@code bin} directory installed, if any.
   *
   * @return the directory, or empty
   * @throws IOException if {@code /usr/lib/postgresql} cannot be listed
   */
  public static Optional<Path> findBin() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (var versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .sorted()
          .reduce((a, b) -> b);
    }
  }

  /**
   * Starts a cluster.
   *
   * @param bin the PostgreSQL {@code bin} directory
   * @param user the superuser to create (password authentication, a random password)
   * @param durable true for durable commits ({@code fsync}, {@code synchronous_commit} and {@code
   *     full_page_writes} on, a synced {@code initdb}, a fast shutdown), as benchmarks need; false
   *     for tests ({@code fsync=off}, {@code initdb --no-sync}, an immediate shutdown)
   * @return where it listens and how to log in
   * @throws IOException if a command fails
   * @throws InterruptedException if interrupted while waiting for one
   */
  public static Started start(Path bin, String user, boolean durable)
      throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("rootguard-" + user + "-pg-");
    Path data = dir.resolve("data");
    Path pwFile = dir.resolve("pw");
    String password = UUID.randomUUID().toString();
    Files.writeString(pwFile, password + "\n", StandardCharsets.US_ASCII);
    if (root) {
      run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
    }
    List<String> initdb =
        new ArrayList<>(
            List.of(
                bin.resolve("initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                user,
                "--pwfile=" + pwFile,
                "--auth=scram-sha-256",
                "-E",
                "UTF8"));
    if (!durable) {
      initdb.add("--no-sync");
    }
    run(as(root, initdb));
    Files.deleteIfExists(pwFile);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String opts =
        "-c listen_addresses=127.0.0.1 -p "
            + port
            + " -k "
            + dir
            + (durable
                // Durable commits, stated explicitly rather than trusting the defaults.
                ? " -c fsync=on -c synchronous_commit=on -c full_page_writes=on"
                : " -c fsync=off")
            + " -c max_connections=200";
    String pgCtl = bin.resolve("pg_ctl").toString();
    run(
        as(
            root,
            List.of(
                pgCtl,
                "-D",
                data.toString(),
                "-l",
                dir.resolve("server.log").toString(),
                "-o",
                opts,
                "-w",
                "-t",
                "60",
                "start")));
    String stopMode = durable ? "fast" : "immediate";
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    // pg_ctl stops the server whose PID is in this data directory's postmaster.pid.
                    run(
                        as(
                            root,
                            List.of(pgCtl, "-D", data.toString(), "-m", stopMode, "-w", "stop")));
                    run(List.of("rm", "-rf", dir.toString()));
                  } catch (IOException | InterruptedException e) {
                    System.err.println("could not stop throwaway PostgreSQL in " + dir + ": " + e);
                  }
                },
                "rootguard-pg-stop-" + user));
    return new Started("jdbc:postgresql://127.0.0.1:" + port + "/", user, password);
  }

  private static List<String> as(boolean root, List<String> command) {
    List<String> out = new ArrayList<>();
    if (root) {
      out.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    out.addAll(command);
    return out;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + command.get(command.size() - 1));
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command)
              + " exited "
              + p.exitValue()
              + ": "
              + new String(out, StandardCharsets.UTF_8).strip());
    }
  }
}
