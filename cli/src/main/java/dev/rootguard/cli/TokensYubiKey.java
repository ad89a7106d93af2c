package dev.rootguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rootguard tokens yubikey …}: a YubiKey's OATH credentials over PC/SC. */
@Command(
    name = "yubikey",
    mixinStandardHelpOptions = true,
    description = "A YubiKey's OATH credentials over PC/SC.",
    subcommands = {TokensYubiKeyList.class, TokensYubiKeyCode.class, CommandLine.HelpCommand.class})
final class TokensYubiKey implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
