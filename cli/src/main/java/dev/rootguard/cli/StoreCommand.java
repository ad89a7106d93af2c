package dev.rootguard.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.rootguard.InvalidInputException;
import dev.rootguard.seal.LocalKeySealer;
import dev.rootguard.store.dynamodb.DynamoDbStores;
import dev.rootguard.store.jdbc.JdbcStores;
import dev.rootguard.store.redis.RedisStores;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code rootguard store …}: maintenance of the stores and of the seal key that seals their
 * secrets. {@code init} prepares a shared store (the PostgreSQL schema, the Redis store marker, the
 * DynamoDB table); {@code copy} moves every token and Yubico key with its state between backends
 * and verifies the copy. {@code rotate-key} adds a new current key to the key file (old keys stay,
 * so sealed values keep opening); {@code reseal} then rewrites every sealed secret of a store under
 * the current key, in one atomic write.
 *
 * <pre>{@code
 * rootguard store init --store jdbc:postgresql://db.internal:5432/rootguard
 * rootguard store init --store dynamodb://rootguard?region=ap-northeast-1
 * rootguard store copy --from ~/.rootguard/tokens.json --to jdbc:postgresql://db.internal:5432/rootguard
 * rootguard store rotate-key --seal-key ~/.rootguard/seal.key
 * rootguard store reseal --store ~/.rootguard/tokens.json --seal-key ~/.rootguard/seal.key
 * }</pre>
 *
 * <p>Not thread-safe (picocli fills one instance per run); the stores it opens are.
 */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description =
        "Store maintenance: create a database schema, copy a store, rotate the seal key, reseal.",
    subcommands = {
      StoreCommand.Init.class,
      StoreCommand.Copy.class,
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

  /** {@code rootguard store init --store URL}. */
  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description = {
        "Prepare a shared store (idempotent): create or upgrade the PostgreSQL schema",
        "(refuses a schema newer than this RootGuard; user and password from ROOTGUARD_DB_USER /",
        "ROOTGUARD_DB_PASSWORD), write the Redis store marker (password from",
        "ROOTGUARD_REDIS_PASSWORD), or create the DynamoDB table (AWS default credentials)."
      })
  static final class Init implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--store",
        required = true,
        paramLabel = "URL",
        description = {
          "jdbc:postgresql://host:port/database, redis://host:port[/db],",
          "or dynamodb://TABLE?region=REGION[&endpoint=URL]"
        })
    String store;

    @Override
    public Integer call() {
      StoreUrl url = StoreUrl.parse(store);
      String done =
          switch (url.kind()) {
            case FILE ->
                throw new InvalidInputException(
                    "--store",
                    "init takes a store URL (jdbc:, redis://, dynamodb://); file stores need none");
            case POSTGRES -> {
              try (HikariDataSource pool = Database.open(url.value(), System.getenv())) {
                yield "schema version " + JdbcStores.migrate(pool) + " ready in " + url.redacted();
              }
            }
            case REDIS -> {
              try (RedisStores redis = Backends.redis(url, StoreLocation.noSecrets())) {
                RedisStores.Marker m = redis.init();
                yield (m.created() ? "store marker written" : "store marker present")
                    + " in "
                    + url.redacted()
                    + " (epoch "
                    + m.epoch()
                    + ", codes before "
                    + m.floor()
                    + " refused)";
              }
            }
            case DYNAMODB -> {
              try (DynamoDbClient client = Backends.dynamoDb(url)) {
                boolean created = DynamoDbStores.createTable(client, url.table());
                yield "table "
                    + url.table()
                    + (created ? " created" : " ready")
                    + " in "
                    + url.region();
              }
            }
          };
      spec.commandLine().getOut().println(done);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** {@code rootguard store copy --from A --to B [--seal-key FILE]}. */
  @Command(
      name = "copy",
      mixinStandardHelpOptions = true,
      description = {
        "Copy every OATH token and Yubico key, with owner, disabled flag, drift and last",
        "accepted code, from one store to another (file or database), then read the target",
        "back and compare. Stop the services using the source first."
      })
  static final class Copy implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--from",
        required = true,
        paramLabel = "STORE",
        description = "Source store (file or URL).")
    String from;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "STORE",
        description = "Target store (file or URL); must not hold any of the records.")
    String to;

    @Option(
        names = "--seal-key",
        paramLabel = "FILE",
        description = "Seal key file for both stores (default: ~/.rootguard/seal.key).")
    Path sealKey;

    @Override
    public Integer call() {
      LocalKeySealer sealer = StoreLocation.sealer(sealKey);
      StoreLocation.HardwareStores source = StoreLocation.openHardware(from, sealer);
      StoreLocation.HardwareStores target = StoreLocation.openHardware(to, sealer);
      StoreCopy.Counts c = StoreCopy.copy(source, target);
      spec.commandLine()
          .getOut()
          .println(
              "copied "
                  + c.tokens()
                  + " token(s) and "
                  + c.yubicoKeys()
                  + " Yubico key(s) from "
                  + source.description()
                  + " to "
                  + target.description()
                  + "; verified");
      spec.commandLine().getOut().flush();
      return 0;
    }
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
