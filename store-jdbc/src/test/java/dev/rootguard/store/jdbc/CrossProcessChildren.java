package dev.rootguard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Separate JVMs running {@link CrossProcessMain} on one test database, started with {@link
 * ProcessBuilder} on this JVM's class path and commanded one line at a time over stdin; shared by
 * {@link JdbcCrossProcessTest} and {@link JdbcFidoCrossProcessTest}. {@link #close()} asks each to
 * exit and, failing that, ends it by its own process handle.
 */
final class CrossProcessChildren implements AutoCloseable {
  /** One child JVM. */
  static final class Child {
    final Process process;
    final BufferedReader out;
    final PrintWriter in;
    final Path log;

    Child(Process p, Path log) {
      this.process = p;
      this.log = log;
      this.out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      this.in = new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    void send(String command) {
      in.println(command);
    }

    String answer() throws Exception {
      String line = out.readLine();
      if (line == null) {
        throw new AssertionError(
            "child " + process.pid() + " ended; its log:\n" + Files.readString(log));
      }
      return line;
    }

    String ask(String command) throws Exception {
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
   * Starts {@code jvms} children and waits until each says it is ready.
   *
   * @param pg the database
   * @param tag the tag of this run's principals
   * @param jvms how many
   * @param threads racing threads per child
   * @return the children, each a distinct process other than this one
   */
  static CrossProcessChildren start(PostgresServer pg, String tag, int jvms, int threads)
      throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Child> children = new ArrayList<>();
    CrossProcessChildren all = new CrossProcessChildren(children);
    try {
      for (int j = 0; j < jvms; j++) {
        Path log = Files.createTempFile("rootguard-xproc-", ".log");
        ProcessBuilder pb =
            new ProcessBuilder(
                    javaBin,
                    "-cp",
                    System.getProperty("java.class.path"),
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    CrossProcessMain.class.getName(),
                    pg.url(),
                    pg.user(),
                    tag,
                    Integer.toString(threads))
                .redirectError(log.toFile());
        pb.environment().put("ROOTGUARD_XPROC_PASSWORD", pg.password());
        children.add(new Child(pb.start(), log));
      }
      List<Long> pids = new ArrayList<>();
      for (Child c : children) {
        String ready = c.answer();
        assertThat(ready).startsWith("ready ");
        pids.add(Long.parseLong(ready.substring(6)));
      }
      assertThat(pids).doesNotHaveDuplicates().doesNotContain(ProcessHandle.current().pid());
      return all;
    } catch (Exception | Error e) {
      all.close();
      throw e;
    }
  }

  /** Returns the children in start order. */
  List<Child> all() {
    return children;
  }

  /** Returns child {@code j}. */
  Child get(int j) {
    return children.get(j);
  }

  /** Parses the {@code name=number} pairs of an answer. */
  static Map<String, Integer> counts(String line) {
    Map<String, Integer> m = new HashMap<>();
    Matcher x = Pattern.compile("(\\w+)=(\\d+)").matcher(line);
    while (x.find()) {
      m.put(x.group(1), Integer.parseInt(x.group(2)));
    }
    return m;
  }

  @Override
  public void close() throws InterruptedException {
    for (Child c : children) {
      c.stop();
    }
    children.clear();
  }
}
