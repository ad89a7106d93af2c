package dev.rootguard.cli;

import dev.rootguard.mfa.hardware.OathCredential;
import dev.rootguard.mfa.hardware.YubiKeyOath;
import picocli.CommandLine.Command;

/** {@code rootguard tokens yubikey list}: the OATH credentials on the YubiKey. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the OATH credentials on the YubiKey.")
final class TokensYubiKeyList extends TokensYubiKeyBase {
  @Override
  int with(YubiKeyOath oath) {
    for (OathCredential c : oath.listCredentials()) {
      out()
          .println(
              c.name()
                  + "\t"
                  + c.type()
                  + "\t"
                  + c.algorithm()
                  + "\t"
                  + c.period().getSeconds()
                  + "s");
    }
    out().flush();
    return 0;
  }
}
