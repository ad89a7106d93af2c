package dev.rootguard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rootguard tokens disable SERIAL [--enable]}: disables or enables a token. */
@Command(
    name = "disable",
    mixinStandardHelpOptions = true,
    description = "Disable (or --enable) a token.")
final class TokensDisable extends TokensSubcommand {
  @Parameters(index = "0", paramLabel = "SERIAL")
  String serial;

  @Option(names = "--enable", description = "Enable it again.")
  boolean enable;

  @Override
  public Integer call() {
    StoreLocation.HardwareStores s = openStore();
    if (s.yubicoKeys().yubicoKeyState(serial).isPresent()) {
      s.yubicoKeys().updateYubicoKey(serial, st -> st.withDisabled(!enable));
    } else {
      s.tokens().setDisabled(serial, !enable);
    }
    return done((enable ? "enabled " : "disabled ") + serial);
  }
}
