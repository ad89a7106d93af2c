package dev.rootguard.cli;

import dev.rootguard.mfa.hardware.PcscSmartCardConnection;
import dev.rootguard.mfa.hardware.YubiKeyOath;
import java.io.IOException;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * What the {@code rootguard tokens yubikey} subcommands share: the reader and the PC/SC session.
 */
abstract class TokensYubiKeyBase extends TokensSubcommand {
  @Option(
      names = "--reader",
      paramLabel = "NAME",
      defaultValue = "",
      description = "Part of the PC/SC reader name (default: the first reader).")
  String reader;

  @Option(
      names = "--wait",
      paramLabel = "SECONDS",
      defaultValue = "5",
      description = "Seconds to wait for a key.")
  int waitSeconds;

  abstract int with(YubiKeyOath oath);

  @Override
  public Integer call() throws IOException {
    try (PcscSmartCardConnection c =
        PcscSmartCardConnection.openFirst(reader, Duration.ofSeconds(waitSeconds))) {
      return with(YubiKeyOath.open(c));
    }
  }
}
