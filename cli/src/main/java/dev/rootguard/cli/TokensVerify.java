package dev.rootguard.cli;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareTokenVerifier;
import dev.rootguard.mfa.hardware.TokenStore;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rootguard tokens verify SERIAL CODE}: verifies a code from a token. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Verify a code from a token (exit 0 accepted, 1 rejected).")
final class TokensVerify extends TokensSubcommand {
  private final Clock clock;

  TokensVerify(Clock clock) {
    this.clock = clock;
  }

  @Parameters(index = "0", paramLabel = "SERIAL")
  String serial;

  @Parameters(index = "1", paramLabel = "CODE")
  String code;

  @Option(
      names = "--principal",
      paramLabel = "PRINCIPAL",
      description = "Who is signing in (default: the token's owner).")
  String principal;

  @Override
  public Integer call() {
    TokenStore s = openStore().tokens();
    Principal p = principalFor(s.state(serial), principal);
    HardwareTokenVerifier v = HardwareTokenVerifier.builder(s).clock(clock).build();
    return verdict(
        v.verify(MfaAttempt.of(p, Factor.HARDWARE_OTP, CredentialId.of(serial), code)),
        "token",
        serial);
  }
}
