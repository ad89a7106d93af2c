package dev.rootguard.cli;

import dev.rootguard.mfa.hardware.YubiKeyOath;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rootguard tokens yubikey code NAME}: the current TOTP code of a credential. */
@Command(
    name = "code",
    mixinStandardHelpOptions = true,
    description = "Show the current TOTP code of a credential.")
final class TokensYubiKeyCode extends TokensYubiKeyBase {
  private final Clock clock;

  TokensYubiKeyCode(Clock clock) {
    this.clock = clock;
  }

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  int with(YubiKeyOath oath) {
    return done(oath.calculateTotp(name, clock.instant()));
  }
}
