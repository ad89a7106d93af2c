package dev.rootguard.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: runs the real {@code rootguard} CLI in separate JVMs that start their command at the
 * same moment. Each JVM loads the CLI, reports ready, waits for a start file, then runs {@link
 * RootGuardCli#commandLine()} with its arguments and exits with its exit code.
 */
final class CliProcesses {
  private CliProcesses() {}

  /** One finished process. */
  record Result(int exit, String out, String err) {}

  /** The test main run in each child JVM: {@code <start file> <ready file> <cli args…>}. */
  public static void main(String[] args) throws Exception {
    Path start = Path.of(args[0]);
    Path ready = Path.of(args[1]);
    String[] cli = java.util.Arrays.copyOfRange(args, 2, args.length);
    picocli.CommandLine cl = RootGuardCli.commandLine(); // load the classes before the race
    Files.createFile(ready);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(start)) {
      if (System.nanoTime() > deadline) {
        System.exit(99);
      }
      Thread.onSpinWait();
      Thread.sleep(1);
    }
    System.exit(cl.execute(cli));
  }

  /** Runs every argument list in its own JVM, all released together; results in order. */
  static List<Result> runTogether(Path workDir, List<List<String>> argLists) throws Exception {
    Path gate = Files.createTempDirectory(workDir, "gate");
    Path start = gate.resolve("start");
    List<Process> procs = new ArrayList<>();
    List<Path> readies = new ArrayList<>();
    List<Path> outs = new ArrayList<>();
    List<Path> errs = new ArrayList<>();
    try {
      for (int i = 0; i < argLists.size(); i++) {
        Path ready = gate.resolve("ready-" + i);
        readies.add(ready);
        outs.add(gate.resolve("out-" + i));
        errs.add(gate.resolve("err-" + i));
        List<String> cmd = new ArrayList<>(javaCommand());
        cmd.add(CliProcesses.class.getName());
        cmd.add(start.toString());
        cmd.add(ready.toString());
        cmd.addAll(argLists.get(i));
        procs.add(
            new ProcessBuilder(cmd)
                .redirectOutput(outs.get(i).toFile())
                .redirectError(errs.get(i).toFile())
                .start());
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      for (int i = 0; i < readies.size(); i++) {
        while (!Files.exists(readies.get(i))) {
          if (!procs.get(i).isAlive()) {
            throw new AssertionError(
                "child " + i + " died early: " + Files.readString(errs.get(i)));
          }
          if (System.nanoTime() > deadline) {
            throw new AssertionError("child " + i + " never got ready");
          }
          Thread.sleep(5);
        }
      }
      Files.createFile(start);
      List<Result> results = new ArrayList<>();
      for (int i = 0; i < procs.size(); i++) {
        Process p = procs.get(i);
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
          throw new AssertionError("child " + i + " did not finish");
        }
        results.add(
            new Result(
                p.exitValue(),
                Files.readString(outs.get(i), StandardCharsets.UTF_8),
                Files.readString(errs.get(i), StandardCharsets.UTF_8)));
      }
      return results;
    } finally {
      for (Process p : procs) {
        p.destroyForcibly();
      }
    }
  }

  /** {@code java} with this test's class path, tuned for short-lived JVMs. */
  static List<String> javaCommand() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return List.of(
        java.toString(),
        "-cp",
        System.getProperty("java.class.path"),
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-XX:-UsePerfData",
        "-Xshare:auto",
        "-Xmx96m");
  }

  static Path write(Path file, String content) throws IOException {
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
