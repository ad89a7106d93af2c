package dev.rootguard.mfa.hardware;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the Debian peer tools the interop tests cross-check against. */
final class ExternalTools {
  static final String PYTHON = "/usr/bin/python3";

  private ExternalTools() {}

  static boolean ci() {
    return "true".equals(System.getenv("CI"));
  }

  /** Skips visibly when a tool is missing, or fails when CI=true. */
  static void require(boolean present, String what) {
    if (!present && ci()) {
      fail(what + " is missing, but CI=true requires it (.ci/run installs it)");
    }
    Assumptions.assumeTrue(present, what + " is not installed: skipping this cross-check");
  }

  static void requirePythonPskc() {
    boolean ok;
    try {
      ok =
          Files.isExecutable(Path.of(PYTHON))
              && run(List.of(PYTHON, "-c", "import pskc"), null).exit == 0;
    } catch (IOException e) {
      ok = false;
    }
    require(ok, "Debian python3-pskc (" + PYTHON + " -c 'import pskc')");
  }

  static void requireYkgenerate() {
    require(
        Files.isExecutable(Path.of("/usr/bin/ykgenerate"))
            && Files.isExecutable(Path.of("/usr/bin/ykparse")),
        "libyubikey-dev (ykgenerate, ykparse)");
  }

  record Result(int exit, String out, String err) {}

  static Result run(List<String> cmd, String stdin) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Process p = pb.start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    // Drain stderr on another thread so neither pipe can fill up.
    StringBuilder err = new StringBuilder();
    Thread t =
        new Thread(
            () -> {
              try {
                err.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException ignored) {
                // reported through the exit code
              }
            });
    t.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + cmd.get(0));
      }
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return new Result(p.exitValue(), out, err.toString());
  }

  /** Runs a Python script with the Debian interpreter; fails the test on a non-zero exit. */
  static String python(Path dir, String script, String... args) throws IOException {
    Path f = Files.writeString(dir.resolve("script-" + System.nanoTime() + ".py"), script);
    List<String> cmd = new ArrayList<>(List.of(PYTHON, f.toString()));
    cmd.addAll(List.of(args));
    Result r = run(cmd, null);
    if (r.exit != 0) {
      fail("python failed (" + r.exit + "): " + r.err);
    }
    return r.out;
  }
}
