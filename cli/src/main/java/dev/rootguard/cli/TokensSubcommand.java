package dev.rootguard.cli;

import dev.rootguard.InvalidInputException;
import dev.rootguard.Printable;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.TokenState;
import dev.rootguard.mfa.hardware.YubicoOtpMatch;
import dev.rootguard.mfa.totp.OtpMatch;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * What every {@code rootguard tokens …} subcommand shares: the store named by the inherited {@code
 * --store} / {@code --seal-key} options of {@link TokensCommand}, output, and the verdict lines.
 *
 * <p>Not thread-safe (picocli fills one instance per run).
 */
abstract class TokensSubcommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  StoreLocation.HardwareStores openStore() {
    for (CommandLine.Model.CommandSpec c = spec; c != null; c = c.parent()) {
      if (c.userObject() instanceof TokensCommand t) {
        return StoreLocation.openHardware(
            t.store != null ? t.store : StoreLocation.defaultTokenStore(),
            StoreLocation.sealer(t.sealKey));
      }
    }
    throw new IllegalStateException("bug: no tokens command above " + spec.qualifiedName());
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Prints one line to standard output and returns exit code 0. */
  int done(String line) {
    out().println(line);
    out().flush();
    return 0;
  }

  static byte[] hex(String field, String value) {
    try {
      return HexFormat.of().parseHex(value.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(field, "must be hexadecimal");
    }
  }

  int verdict(MfaResult r, String what) {
    if (r instanceof MfaResult.Accepted a) {
      String detail = "";
      if (a.detail() instanceof OtpMatch m) {
        detail = " (step/counter " + m.step() + ", drift " + m.drift() + ")";
      } else if (a.detail() instanceof YubicoOtpMatch m) {
        detail = " (session " + m.sessionCounter() + ", use " + m.sessionUse() + ")";
      }
      out().println("accepted: " + what + " " + a.credential() + detail);
      out().flush();
      return 0;
    }
    MfaResult.Rejected rej = (MfaResult.Rejected) r;
    out().println("rejected: " + rej.reason() + " - " + rej.reason().message(Locale.ENGLISH));
    out().flush();
    return RootGuardCli.EXIT_VERDICT;
  }

  /**
   * {@link #verdict} for a token or key named by {@code id}; when it is assigned to nobody, also
   * prints on stderr the command that assigns it.
   */
  int verdict(MfaResult r, String what, String id) {
    int exit = verdict(r, what);
    if (r instanceof MfaResult.Rejected rej
        && rej.reason() == MfaResult.Reason.CREDENTIAL_NOT_ASSIGNED) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "hint: assign it first: rootguard tokens assign " + Printable.escape(id) + " USER");
      err.flush();
    }
    return exit;
  }

  /** Who signs in: {@code given}, else the credential's owner, else {@code unassigned}. */
  static Principal principalFor(Optional<TokenState> state, String given) {
    if (given != null) {
      return Principal.of(given);
    }
    return state.flatMap(TokenState::owner).orElse(Principal.of("unassigned"));
  }
}
