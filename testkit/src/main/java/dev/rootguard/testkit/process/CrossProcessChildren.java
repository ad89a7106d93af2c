package dev.rootguard.testkit.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Separate JVMs running {@link CrossProcessMain} over one backend, started with {@link
 * ProcessBuilder} on this JVM's class path and commanded one line at a time over stdin; the parent
 * side of a {@link CrossProcessContract}. Secrets reach the children through their environment,
 * never their command line. {@link #close()} asks each to exit and, failing that, ends it by its
 * own process handle.
 *
 * <pre>{@code
 * try (CrossProcessChildren kids = CrossProcessChildren.start(
 *     JdbcSharedStoresFactory.class, List.of(url, user), Map.of("PGPASSWORD", pw), "t1", 2, 16)) {
 *   for (Child c : kids.all()) c.send("round 0");
 *   Map<String, Integer> m = CrossProcessChildren.counts(kids.get(0).answer());
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one test thread commands the children.
 *
 * @since 0.2.0
 */
public final class CrossProcessChildren implements AutoCloseable {
  /** One child JVM; its stderr goes to a temporary log shown when it ends unexpectedly. */
  public static final class Child {
    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final Path log;

    Child(Process p, Path log) {
      this.process = p;
      this.log = log;
      this.out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      this.in = new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /**
     * Returns the child's process.
     *
     * @return the process
     */
    public Process process() {
      return process;
    }

    /**
     * Sends one command line.
     *
     * @param command the command (see {@link CrossProcessMain})
     */
    public void send(String command) {
      in.println(command);
    }

    /**
     * Reads the child's next answer line.
     *
     * @return the line
     * @throws AssertionError with the child's log if it ended
     * @throws IOException if the pipe or the log cannot be read
     */
    public String answer() throws IOException {
      String line = out.readLine();
      if (line == null) {
        throw new AssertionError(
            "child " + process.pid() + " ended; its log:\n" + Files.readString(log));
      }
      return line;
    }

    /**
     * Sends a command and reads the answer.
     *
     * @param command the command
     * @return the answer line
     * @throws IOException if the pipe or the log cannot be read
     */
    public String ask(String command) throws IOException {
      send(command);
      return answer();
    }

    void stop() throws InterruptedException {
      in.println("exit");
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly(); // our own child, by its handle
      }
      try {
        Files.deleteIfExists(log);
      } catch (IOException e) {
        // a leftover log in the temp directory is harmless
      }
    }
  }

  private final List<Child> children;

  private CrossProcessChildren(List<Child> children) {
    this.children = children;
  }

  /**
   * Starts {@code jvms} children and waits until each says it is ready (its stores are open).
   *
   * @param factory the stores' factory, instantiated in each child by name
   * @param factoryArgs its arguments (on the child's command line: no secrets)
   * @param factoryEnv added to each child's environment (secrets go here)
   * @param tag the tag of this run's principals
   * @param jvms how many children
   * @param threads racing threads per child
   * @return the children, each a distinct process other than this one
   * @throws Exception if one cannot be started or does not get ready; those started are stopped
   */
  public static CrossProcessChildren start(
      Class<? extends SharedStoresFactory> factory,
      List<String> factoryArgs,
      Map<String, String> factoryEnv,
      String tag,
      int jvms,
      int threads)
      throws Exception {
    Objects.requireNonNull(factory, "factory");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Child> children = new ArrayList<>();
    CrossProcessChildren all = new CrossProcessChildren(children);
    try {
      for (int j = 0; j < jvms; j++) {
        Path log = Files.createTempFile("rootguard-xproc-", ".log");
        List<String> command = new ArrayList<>();
        command.add(javaBin);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add(CrossProcessMain.class.getName());
        command.add(factory.getName());
        command.add(tag);
        command.add(Integer.toString(threads));
        command.addAll(factoryArgs);
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
        pb.environment().putAll(factoryEnv);
        children.add(new Child(pb.start(), log));
      }
      List<Long> pids = new ArrayList<>();
      for (Child c : children) {
        String ready = c.answer();
        if (!ready.startsWith("ready ")) {
          throw new AssertionError("child " + c.process.pid() + " said " + ready);
        }
        pids.add(Long.parseLong(ready.substring(6)));
      }
      if (pids.stream().distinct().count() != pids.size()
          || pids.contains(ProcessHandle.current().pid())) {
        throw new AssertionError("children are not distinct processes: " + pids);
      }
      return all;
    } catch (Exception | Error e) {
      all.close();
      throw e;
    }
  }

  /**
   * Returns the children in start order.
   *
   * @return the children
   */
  public List<Child> all() {
    return List.copyOf(children);
  }

  /**
   * Returns child {@code j}.
   *
   * @param j from 0
   * @return the child
   */
  public Child get(int j) {
    return children.get(j);
  }

  /**
   * Parses the {@code name=number} pairs of an answer.
   *
   * @param line an answer line
   * @return name to number
   */
  public static Map<String, Integer> counts(String line) {
    Map<String, Integer> m = new HashMap<>();
    Matcher x = Pattern.compile("(\\w+)=(\\d+)").matcher(line);
    while (x.find()) {
      m.put(x.group(1), Integer.parseInt(x.group(2)));
    }
    return m;
  }

  /**
   * Asks each child to exit, ending it by its handle after 30 s.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  @Override
  public void close() throws InterruptedException {
    for (Child c : children) {
      c.stop();
    }
    children.clear();
  }
}
