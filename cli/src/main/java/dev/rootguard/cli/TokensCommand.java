package dev.rootguard.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code rootguard tokens}: hardware OATH tokens from PSKC files, Yubico OTP keys and YubiKeys over
 * PC/SC. Every command keeps its state in {@code --store FILE} (default {@code
 * ~/.rootguard/tokens.json}; opened through {@link StoreLocation}, safe to share between processes,
 * one atomic write per command, mode 600) with its secrets sealed by the key in {@code --seal-key
 * FILE} (default {@code ~/.rootguard/seal.key}, created on first use). Secrets are never printed;
 * secret options also come from a file, an environment variable or a prompt ({@link SecretInput}).
 *
 * <pre>{@code
 * rootguard tokens --store /var/lib/rootguard/tokens.json import vendor.pskc --key-file psk.hex --owner root
 * rootguard tokens --store /var/lib/rootguard/tokens.json verify GALT12345678 492039
 * }</pre>
 *
 * <p>Not thread-safe (picocli fills one instance per run); the stores it opens are.
 */
@Command(
    name = "tokens",
    mixinStandardHelpOptions = true,
    description =
        "Hardware tokens: PSKC import, verify, resync; Yubico OTP; YubiKey OATH over PC/SC.",
    subcommands = {
      TokensImport.class,
      TokensList.class,
      TokensAssign.class,
      TokensDisable.class,
      TokensExpired.class,
      TokensVerify.class,
      TokensResync.class,
      TokensYubico.class,
      TokensYubiKey.class,
      CommandLine.HelpCommand.class
    })
public final class TokensCommand implements Runnable {
  @Option(
      names = "--store",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "Token store file (secrets sealed; default: ~/.rootguard/tokens.json).")
  String store;

  @Option(
      names = "--seal-key",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description =
          "Seal key file that seals the store's secrets (default: ~/.rootguard/seal.key,"
              + " created mode 600 on first use; back it up).")
  Path sealKey;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
