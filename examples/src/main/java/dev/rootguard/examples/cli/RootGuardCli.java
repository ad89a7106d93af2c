package dev.rootguard.examples.cli;

import java.io.PrintWriter;
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

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Builds the command line with RootGuard's error handling: clear one-line errors, exit code 2.
   *
   * @return the configured command line
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new RootGuardCli());
    cl.setExitCodeExceptionMapper(e -> EXIT_ERROR);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          err.println("rootguard: error: " + describe(e));
          if (System.getenv("ROOTGUARD_DEBUG") != null) {
            e.printStackTrace(err);
          }
          err.flush();
          return EXIT_ERROR;
        });
    cl.setParameterExceptionHandler(
        (e, args) -> {
          PrintWriter err = e.getCommandLine().getErr();
          // One line, like every other error.
          err.println(
              "rootguard: "
                  + e.getMessage()
                  + " (try '"
                  + e.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help')");
          err.flush();
          return EXIT_ERROR;
        });
    return cl;
  }

  static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
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
