package dev.rootguard.cli;

import dev.rootguard.InvalidInputException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rootguard} command line. Each subcommand lives in its own class in this package.
 *
 * <p>Exit codes: 0 success / compliant / accepted, 1 a verdict against (violations, findings,
 * rejected code), 2 an error (bad input, I/O, AWS). Errors print one clear line, never a stack
 * trace (set {@code ROOTGUARD_DEBUG=1} to see one).
 */
@Command(
    name = "rootguard",
    mixinStandardHelpOptions = true,
    version = "rootguard 0.1.0-SNAPSHOT",
    description = "Keep an AWS account's root user safe and verify second factors.",
    subcommands = {
      CommandLine.HelpCommand.class,
      DemoCommand.class,
      AuditCommand.class,
      PasswordCommand.class,
      TokensCommand.class,
      TotpCommand.class,
      KeysCommand.class,
      StoreCommand.class,
    })
public final class RootGuardCli implements Runnable {
  /** Exit code for a verdict against: violations, findings, a rejected code. */
  public static final int EXIT_VERDICT = 1;

  /** Exit code for an error: bad input, I/O, AWS. */
  public static final int EXIT_ERROR = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Map<String, String> env;
  private final SecretInput secretInput;

  private RootGuardCli(Map<String, String> env, SecretInput.Prompter prompter) {
    this.env = Map.copyOf(env);
    this.secretInput = new SecretInput(env, prompter);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Where subcommands read secret options from (this run's environment and terminal). */
  SecretInput secretInput() {
    return secretInput;
  }

  /**
   * Builds the command line with RootGuard's error handling: clear one-line errors, exit code 2.
   *
   * @return the configured command line
   */
  public static CommandLine commandLine() {
    return commandLine(System.getenv(), SecretInput.Prompter.console());
  }

  /**
   * Builds the command line for a given environment and terminal (tests pass their own).
   *
   * @param env the environment: {@code ROOTGUARD_DEBUG} and the secret variables such as {@code
   *     ROOTGUARD_TOTP_SECRET}
   * @param prompter reads secrets without echo when a terminal is attached
   */
  static CommandLine commandLine(Map<String, String> env, SecretInput.Prompter prompter) {
    return commandLine(env, prompter, Clock.systemUTC());
  }

  /**
   * Builds the command line for a given environment, terminal and clock (tests pass a fixed one).
   *
   * @param env the environment, as in {@link #commandLine(Map, SecretInput.Prompter)}
   * @param prompter reads secrets without echo when a terminal is attached
   * @param clock the time every command reads, handed to them by {@link CliFactory}
   */
  static CommandLine commandLine(
      Map<String, String> env, SecretInput.Prompter prompter, Clock clock) {
    RootGuardCli root = new RootGuardCli(env, prompter);
    CommandLine cl = new CommandLine(root, new CliFactory(clock));
    cl.setExitCodeExceptionMapper(e -> EXIT_ERROR);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> fail(e, commandLine.getErr(), root.env));
    CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
    // picocli hands only Exceptions to the handler above; an Error (StackOverflowError from deeply
    // nested input, OutOfMemoryError from a huge one) would escape with a stack trace and exit 1,
    // which means "findings". Catch every Throwable here and make it exit 2 like any error.
    cl.setExecutionStrategy(
        parseResult -> {
          try {
            return runLast.execute(parseResult);
          } catch (CommandLine.ExecutionException e) {
            if (e.getCause() instanceof Error error) {
              return fail(error, e.getCommandLine().getErr(), root.env);
            }
            throw e;
          } catch (Error e) {
            return fail(e, parseResult.commandSpec().commandLine().getErr(), root.env);
          }
        });
    cl.setParameterExceptionHandler(
        (e, args) -> {
          PrintWriter err = e.getCommandLine().getErr();
          if (e.getCause() instanceof InvalidInputException refused) {
            // A closed option's converter (CliChoice) refused the word: the same one line as
            // any bad input found while running, e.g. "rootguard: error: --lang: must be en or ja".
            return fail(refused, err, root.env);
          }
          // One line, like every other error.
          err.println(
              "rootguard: "
                  + oneLine(e.getMessage())
                  + " (try '"
                  + e.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help')");
          err.flush();
          return EXIT_ERROR;
        });
    return cl;
  }

  /**
   * Reports any failure of a command: one line {@code rootguard: error: …} on {@code err} (a stack
   * trace follows only if {@code ROOTGUARD_DEBUG} is set) and returns {@link #EXIT_ERROR}. The one
   * mapping from a Throwable to an exit code; never {@link #EXIT_VERDICT}.
   *
   * @param failure what the command threw
   * @param err where to report it
   * @param env the environment ({@code ROOTGUARD_DEBUG})
   * @return {@link #EXIT_ERROR}
   */
  static int fail(Throwable failure, PrintWriter err, Map<String, String> env) {
    try {
      err.println("rootguard: error: " + describe(failure));
      if (env.get("ROOTGUARD_DEBUG") != null) {
        failure.printStackTrace(err);
      }
      err.flush();
    } catch (RuntimeException | Error ignored) {
      // Reporting failed too (a closed stream, no memory left); the exit code still says error.
    }
    return EXIT_ERROR;
  }

  static String describe(Throwable e) {
    if (e instanceof StackOverflowError) {
      return "stack overflow: the input is nested too deeply (StackOverflowError)";
    }
    if (e instanceof OutOfMemoryError) {
      return "out of memory: the input is too large for this JVM's heap (OutOfMemoryError"
          + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage()))
          + ")";
    }
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return e instanceof Error ? e.getClass().getSimpleName() + ": " + oneLine(m) : oneLine(m);
  }

  /** Joins the lines of a message into one, so that every error stays on one line. */
  static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /**
   * Runs the command line.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
