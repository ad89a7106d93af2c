package dev.rootguard.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * The one in-process runner of the CLI's tests: builds the real command line with {@link
 * RootGuardCli#commandLine(Map, SecretInput.Prompter, Clock)}, runs one command with its standard
 * output and error captured, and returns them with the exit code. By default the environment is
 * empty, no terminal is attached and the clock stands still at {@link #NOW}; each is replaced with
 * a {@code with…} method, which returns a new runner (runners are immutable and can be shared).
 *
 * <pre>{@code
 * CliRunner.Result r = CliRunner.cli().run("audit", "--demo", "--color", "never");
 * assertThat(r.exit()).isEqualTo(RootGuardCli.EXIT_VERDICT);
 * }</pre>
 */
final class CliRunner {
  /** Where the default clock stands. */
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  /** One finished run: exit code, standard output, standard error. */
  record Result(int exit, String out, String err) {}

  private final Map<String, String> env;
  private final SecretInput.Prompter prompter;
  private final Clock clock;
  private final List<Object> extraCommands;
  private final Consumer<CommandLine> setup;

  private CliRunner(
      Map<String, String> env,
      SecretInput.Prompter prompter,
      Clock clock,
      List<Object> extraCommands,
      Consumer<CommandLine> setup) {
    this.env = Map.copyOf(env);
    this.prompter = prompter;
    this.clock = clock;
    this.extraCommands = List.copyOf(extraCommands);
    this.setup = setup;
  }

  /** A runner with an empty environment, no terminal and the clock at {@link #NOW}. */
  static CliRunner cli() {
    return new CliRunner(
        Map.of(),
        SecretInput.Prompter.none(),
        Clock.fixed(NOW, ZoneOffset.UTC),
        List.of(),
        c -> {});
  }

  /** Runs {@code args} with the defaults of {@link #cli()}. */
  static Result exec(String... args) {
    return cli().run(args);
  }

  CliRunner withEnv(Map<String, String> newEnv) {
    return new CliRunner(newEnv, prompter, clock, extraCommands, setup);
  }

  CliRunner withPrompter(SecretInput.Prompter newPrompter) {
    return new CliRunner(env, newPrompter, clock, extraCommands, setup);
  }

  CliRunner withClock(Clock newClock) {
    return new CliRunner(env, prompter, newClock, extraCommands, setup);
  }

  /** Adds a test-only subcommand to the real command line. */
  CliRunner withCommand(Object command) {
    List<Object> more = new ArrayList<>(extraCommands);
    more.add(command);
    return new CliRunner(env, prompter, clock, more, setup);
  }

  /** Configures the built command line before the run (e.g. a command's test input). */
  CliRunner withSetup(Consumer<CommandLine> newSetup) {
    return new CliRunner(env, prompter, clock, extraCommands, setup.andThen(newSetup));
  }

  /** Runs one command line in this JVM. */
  Result run(String... args) {
    CommandLine cl = RootGuardCli.commandLine(env, prompter, clock);
    extraCommands.forEach(cl::addSubcommand);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    setup.accept(cl);
    int exit = cl.execute(args);
    cl.getOut().flush();
    cl.getErr().flush();
    return new Result(exit, out.toString(), err.toString());
  }

  /** {@link #run(String...)} for a list. */
  Result run(List<String> args) {
    return run(args.toArray(String[]::new));
  }
}
