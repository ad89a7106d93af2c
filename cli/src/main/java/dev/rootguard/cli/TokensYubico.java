package dev.rootguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rootguard tokens yubico …}: Yubico OTP keys. */
@Command(
    name = "yubico",
    mixinStandardHelpOptions = true,
    description = "Yubico OTP keys.",
    subcommands = {TokensYubicoAdd.class, TokensYubicoVerify.class, CommandLine.HelpCommand.class})
final class TokensYubico implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
