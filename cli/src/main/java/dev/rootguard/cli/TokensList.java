package dev.rootguard.cli;

import dev.rootguard.Printable;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.OathType;
import dev.rootguard.mfa.hardware.TokenState;
import dev.rootguard.mfa.hardware.TokenStore;
import dev.rootguard.mfa.hardware.YubicoKeyStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code rootguard tokens list}: the tokens and Yubico keys of the store, without secrets. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List tokens and Yubico keys (no secrets).")
final class TokensList extends TokensSubcommand {
  private final Clock clock;

  TokensList(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    StoreLocation.HardwareStores stores = openStore();
    TokenStore s = stores.tokens();
    YubicoKeyStore y = stores.yubicoKeys();
    Instant now = clock.instant();
    for (String serial : s.serials()) {
      HardwareToken t = s.token(serial).orElseThrow();
      TokenState st = s.state(serial).orElseThrow();
      out()
          .printf(
              Locale.ROOT,
              "%s\t%s\t%s\t%d digits\t%s\towner=%s%s%s%n",
              Printable.escape(serial),
              t.type(),
              t.algorithm(),
              t.digits(),
              t.type() == OathType.TOTP
                  ? t.timeStep().getSeconds() + "s drift=" + st.driftSteps()
                  : "counter=" + st.lastSequence().orElse(t.counter() - 1),
              st.owner().map(o -> Printable.escape(o.id())).orElse("-"),
              st.disabled() ? "\tDISABLED" : "",
              t.isExpiredAt(now)
                  ? "\tEXPIRED"
                  : t.validUntil().map(u -> "\tvalid until " + u).orElse(""));
    }
    for (String id : y.yubicoPublicIds()) {
      TokenState st = y.yubicoKeyState(id).orElseThrow();
      out()
          .printf(
              Locale.ROOT,
              "%s\tYUBICO_OTP\towner=%s%s%n",
              id,
              st.owner().map(o -> Printable.escape(o.id())).orElse("-"),
              st.disabled() ? "\tDISABLED" : "");
    }
    out().flush();
    return 0;
  }
}
