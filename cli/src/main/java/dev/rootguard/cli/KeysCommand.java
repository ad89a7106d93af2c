package dev.rootguard.cli;

import dev.rootguard.examples.fido.SecurityKeyDemo;
import dev.rootguard.mfa.fido.Requirement;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rootguard keys …}: FIDO U2F / FIDO2 security keys. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "FIDO U2F / FIDO2 security keys.",
    subcommands = {KeysCommand.Demo.class})
public final class KeysCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code rootguard keys demo [--port N]}: serves the registration / sign-in demo page. */
  @Command(
      name = "demo",
      mixinStandardHelpOptions = true,
      description = {
        "Start the security-key demo page on localhost (127.0.0.1) and print its URL.",
        "Open it in a browser to register a real YubiKey and sign in with it. Ctrl+C stops it."
      })
  static final class Demo implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--port",
        paramLabel = "N",
        description = "TCP port on 127.0.0.1 (0 = any free port). Default: ${DEFAULT-VALUE}.",
        defaultValue = "8080")
    int port;

    @Option(
        names = "--user-verification",
        paramLabel = "REQ",
        description =
            "REQUIRED, PREFERRED or DISCOURAGED (PIN / biometric). Default: ${DEFAULT-VALUE}.",
        defaultValue = "PREFERRED")
    Requirement userVerification;

    @Option(names = "--exit-after-start", hidden = true, description = "For tests: stop at once.")
    boolean exitAfterStart;

    @Override
    public Integer call() {
      if (port < 0 || port > 65535) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--port: must be 0..65535, was " + port);
      }
      SecurityKeyDemo demo;
      try {
        demo = SecurityKeyDemo.start(port, userVerification);
      } catch (IOException e) {
        throw new IllegalStateException(
            "--port " + port + ": cannot listen on 127.0.0.1: " + e.getMessage(), e);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("RootGuard security-key demo: " + demo.url());
      out.println("(RP id localhost; open exactly this URL, not 127.0.0.1. Ctrl+C stops it.)");
      out.flush();
      if (exitAfterStart) {
        demo.close();
        return 0;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    demo.close();
                    stopped.countDown();
                  }));
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        demo.close();
      }
      return 0;
    }
  }
}
