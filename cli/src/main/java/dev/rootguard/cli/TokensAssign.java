package dev.rootguard.cli;

import dev.rootguard.mfa.Principal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rootguard tokens assign SERIAL PRINCIPAL}: assigns a token or Yubico key. */
@Command(
    name = "assign",
    mixinStandardHelpOptions = true,
    description = "Assign a token or Yubico key to a principal.")
final class TokensAssign extends TokensSubcommand {
  @Parameters(index = "0", paramLabel = "SERIAL")
  String serial;

  @Parameters(index = "1", paramLabel = "PRINCIPAL")
  String principal;

  @Override
  public Integer call() {
    StoreLocation.HardwareStores s = openStore();
    if (s.yubicoKeys().yubicoKeyState(serial).isPresent()) {
      s.yubicoKeys().assignYubicoKey(serial, Principal.of(principal));
    } else {
      s.tokens().assign(serial, Principal.of(principal));
    }
    return done("assigned " + serial + " to " + principal);
  }
}
