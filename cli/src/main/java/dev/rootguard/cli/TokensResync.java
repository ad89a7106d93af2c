package dev.rootguard.cli;

import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareTokenVerifier;
import dev.rootguard.mfa.hardware.TokenStore;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rootguard tokens resync SERIAL CODE1 CODE2}: resynchronizes a token. */
@Command(
    name = "resync",
    mixinStandardHelpOptions = true,
    description = "Resynchronize a token with two consecutive codes (as AWS ResyncMFADevice).")
final class TokensResync extends TokensSubcommand {
  private final Clock clock;

  TokensResync(Clock clock) {
    this.clock = clock;
  }

  @Parameters(index = "0", paramLabel = "SERIAL")
  String serial;

  @Parameters(index = "1", paramLabel = "CODE1")
  String code1;

  @Parameters(index = "2", paramLabel = "CODE2")
  String code2;

  @Option(
      names = "--principal",
      paramLabel = "PRINCIPAL",
      description = "Who owns it (default: the token's owner).")
  String principal;

  @Override
  public Integer call() {
    TokenStore s = openStore().tokens();
    Principal p = principalFor(s.state(serial), principal);
    HardwareTokenVerifier v = HardwareTokenVerifier.builder(s).clock(clock).build();
    return verdict(v.resync(p, serial, code1, code2), "resynchronized", serial);
  }
}
