package dev.rootguard.cli;

import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.YubicoKeyStore;
import dev.rootguard.mfa.hardware.YubicoOtpVerifier;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rootguard tokens yubico verify OTP}: verifies a Yubico OTP. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Verify a Yubico OTP (exit 0 accepted, 1 rejected).")
final class TokensYubicoVerify extends TokensSubcommand {
  private final Clock clock;

  TokensYubicoVerify(Clock clock) {
    this.clock = clock;
  }

  @Parameters(index = "0", paramLabel = "OTP")
  String otp;

  @Option(
      names = "--principal",
      paramLabel = "PRINCIPAL",
      description = "Who is signing in (default: the key's owner).")
  String principal;

  @Override
  public Integer call() {
    YubicoKeyStore s = openStore().yubicoKeys();
    String id =
        otp.length() > YubicoOtpVerifier.TOKEN_LENGTH
            ? otp.substring(0, otp.length() - YubicoOtpVerifier.TOKEN_LENGTH)
                .toLowerCase(Locale.ROOT)
            : "";
    Principal p = principalFor(id.isEmpty() ? Optional.empty() : s.yubicoKeyState(id), principal);
    YubicoOtpVerifier v = YubicoOtpVerifier.builder(s).clock(clock).build();
    return verdict(
        v.verify(MfaAttempt.builder(p, Factor.YUBICO_OTP).response(otp).build()), "Yubico key", id);
  }
}
