package dev.rootguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The CLI's failure mapping: every Throwable a command throws, Errors included, becomes one line
 * {@code rootguard: error: …} and exit 2, never exit 1 (which means findings or rejected).
 *
 * <p>The failing commands live here, in the test, and are added to the real command line built by
 * {@link RootGuardCli#commandLine(Map, SecretInput.Prompter)}; production code has no trigger.
 */
class RootGuardCliTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** Throws what its argument names, or recurses until the stack overflows. */
  @Command(name = "fail")
  static final class Fail implements Callable<Integer> {
    @CommandLine.Parameters(index = "0")
    String what;

    @Override
    public Integer call() throws Exception {
      switch (what) {
        case "recursion":
          return depth(0);
        case "oom":
          throw new OutOfMemoryError("Java heap space");
        case "assertion":
          throw new AssertionError("bug: line one\n  line two");
        case "checked":
          throw new java.io.IOException("disk on fire");
        case "runtime":
          throw new IllegalStateException((String) null);
        default:
          throw new LinkageError("linkage");
      }
    }

    private static int depth(int n) {
      return depth(n + 1) + 1;
    }
  }

  private int run(Map<String, String> env, String... args) {
    CliRunner.Result r = CliRunner.cli().withEnv(env).withCommand(new Fail()).run(args);
    out.write(r.out());
    err.write(r.err());
    return r.exit();
  }

  @ParameterizedTest
  @ValueSource(strings = {"recursion", "oom", "assertion", "checked", "runtime", "linkage"})
  void execute_anyThrowable_oneLineOnStderrExit2(String what) {
    assertThat(run(Map.of(), "fail", what)).isEqualTo(RootGuardCli.EXIT_ERROR);
    assertThat(err.toString()).startsWith("rootguard: error: ").doesNotContain("\tat ");
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void execute_realStackOverflow_namesIt() {
    assertThat(run(Map.of(), "fail", "recursion")).isEqualTo(2);
    assertThat(err.toString()).contains("stack overflow").contains("StackOverflowError");
  }

  @Test
  void execute_outOfMemory_namesItAndHeap() {
    assertThat(run(Map.of(), "fail", "oom")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "rootguard: error: out of memory: the input is too large for this JVM's heap"
                + " (OutOfMemoryError: Java heap space)"
                + System.lineSeparator());
  }

  @Test
  void execute_errorWithDebug_printsStackTrace() {
    assertThat(run(Map.of("ROOTGUARD_DEBUG", "1"), "fail", "recursion")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("rootguard: error: stack overflow")
        .contains("StackOverflowError")
        .contains("\tat ");
  }

  @Test
  void fail_mapsToExitErrorNeverVerdict() {
    StringWriter w = new StringWriter();
    int exit = RootGuardCli.fail(new StackOverflowError(), new PrintWriter(w), Map.of("X", "y"));
    assertThat(exit).isEqualTo(RootGuardCli.EXIT_ERROR).isNotEqualTo(RootGuardCli.EXIT_VERDICT);
    assertThat(w.toString()).startsWith("rootguard: error: stack overflow");
  }

  @Test
  void fail_reportingFails_stillExitError() {
    PrintWriter broken =
        new PrintWriter(new StringWriter()) {
          @Override
          public void println(String s) {
            throw new OutOfMemoryError();
          }
        };
    assertThat(RootGuardCli.fail(new OutOfMemoryError(), broken, Map.of())).isEqualTo(2);
  }

  @Test
  void describe_multiLineMessage_oneLine() {
    assertThat(RootGuardCli.describe(new AssertionError("bug: a\r\n   b\nc")))
        .isEqualTo("AssertionError: bug: a b c");
    assertThat(RootGuardCli.describe(new IllegalStateException()))
        .isEqualTo("IllegalStateException");
    assertThat(RootGuardCli.describe(new IllegalArgumentException("x: bad"))).isEqualTo("x: bad");
  }
}
