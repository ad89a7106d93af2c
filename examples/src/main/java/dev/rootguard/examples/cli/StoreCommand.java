package dev.rootguard.examples.cli;

import dev.rootguard.seal.LocalKeySealer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rootguard store …}: maintenance of the stores and of the seal key that seals their
 * secrets. {@code rotate-key} adds a new current key to the key file (old keys stay, so sealed
 * values keep opening); {@code reseal} then rewrites every sealed secret of a store under the
 * current key, in one atomic write.
 *
 * <pre>{@code
 * rootguard store rotate-key --seal-key ~/.rootguard/seal.key
 * rootguard store reseal --store ~/.rootguard/tokens.json --seal-key ~/.rootguard/seal.key
 * }</pre>
 *
 * <p>Not thread-safe (picocli fills one instance per run); the stores it opens are.
 */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description = "Store maintenance: rotate the seal key, reseal a store's secrets.",
    subcommands = {
      StoreCommand.Reseal.class,
      StoreCommand.RotateKey.class,
      CommandLine.HelpCommand.class
    })
public final class StoreCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code rootguard store reseal --store FILE [--seal-key FILE]}. */
  @Command(
      name = "reseal",
      mixinStandardHelpOptions = true,
      description = {
        "Seal every secret of a token store again under the seal key's current key",
        "(after 'rootguard store rotate-key'), and seal the plain secrets of an old store."
      })
  static final class Reseal implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--store",
        required = true,
        paramLabel = "FILE",
        description = "The token store.")
    String store;

    @Option(
        names = "--seal-key",
        paramLabel = "FILE",
        description = "Seal key file (default: ~/.rootguard/seal.key).")
    Path sealKey;

    @Override
    public Integer call() {
      LocalKeySealer sealer = StoreLocation.sealer(sealKey);
      StoreLocation.HardwareStores s = StoreLocation.openHardware(store, sealer);
      StoreLocation.Resealed r = s.reseal().get();
      spec.commandLine()
          .getOut()
          .println(
              "resealed "
                  + r.resealed()
                  + " secret(s), "
                  + r.unchanged()
                  + " already under key "
                  + sealer.currentKeyId()
                  + " in "
                  + s.description());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** {@code rootguard store rotate-key [--seal-key FILE]}. */
  @Command(
      name = "rotate-key",
      mixinStandardHelpOptions = true,
      description = {
        "Add a new current key to the seal key file; the old keys are kept so sealed",
        "secrets still open. Then run 'rootguard store reseal' for each store."
      })
  static final class RotateKey implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--seal-key",
        paramLabel = "FILE",
        description = "Seal key file (default: ~/.rootguard/seal.key); must exist.")
    Path sealKey;

    @Override
    public Integer call() {
      LocalKeySealer sealer =
          LocalKeySealer.open(
              sealKey == null ? LocalKeySealer.defaultPath() : StoreLocation.expand(sealKey));
      String id = sealer.rotate();
      spec.commandLine()
          .getOut()
          .println(
              "new current seal key "
                  + id
                  + " ("
                  + sealer.keyIds().size()
                  + " keys in "
                  + sealer.file().orElseThrow()
                  + "); now run 'rootguard store reseal --store FILE'");
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
