package dev.rootguard.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.hardware.JsonFileTokenStore;
import dev.rootguard.mfa.hardware.TokenStore;
import dev.rootguard.mfa.hardware.YubicoKeyStore;
import dev.rootguard.seal.LocalKeySealer;
import dev.rootguard.seal.SecretSealer;
import dev.rootguard.store.dynamodb.DynamoDbStores;
import dev.rootguard.store.jdbc.JdbcStores;
import dev.rootguard.store.redis.RedisStores;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one place that turns a {@code --store} value into a store, for every command that takes one.
 * A value is a file path (a {@link JsonFileTokenStore}, for one host) or a URL of a shared store:
 * PostgreSQL ({@code rootguard-store-jdbc}), Redis ({@code rootguard-store-redis}) or DynamoDB
 * ({@code rootguard-store-dynamodb}); {@link StoreUrl} parses it and {@link Backends} connects.
 * Commands never look at the value themselves.
 *
 * <pre>{@code
 * StoreLocation.HardwareStores s =
 *     StoreLocation.openHardware("~/.rootguard/tokens.json", StoreLocation.sealer(null));
 * s.tokens().addAll(imported);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
final class StoreLocation {
  private StoreLocation() {}

  /** The token stores behind one {@code --store} value, and how to reseal them. */
  record HardwareStores(
      String description, TokenStore tokens, YubicoKeyStore yubicoKeys, Supplier<Resealed> reseal) {
    HardwareStores {
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(tokens, "tokens");
      Objects.requireNonNull(yubicoKeys, "yubicoKeys");
      Objects.requireNonNull(reseal, "reseal");
    }
  }

  /** Counts from a reseal: secrets sealed again, and secrets already under the current key. */
  record Resealed(int resealed, int unchanged) {}

  /**
   * Returns the default token store file, {@code ~/.rootguard/tokens.json}.
   *
   * @return the path as a {@code --store} value
   */
  static String defaultTokenStore() {
    return Path.of(System.getProperty("user.home"), ".rootguard", "tokens.json").toString();
  }

  /**
   * Opens the OATH token and Yubico key stores a {@code --store} value names.
   *
   * @param spec a file path ({@code ~/} expanded) or a store URL (see {@link StoreUrl})
   * @param sealer seals the secrets at rest
   * @return the stores
   * @throws InvalidInputException with field {@code --store} if the value names no usable store
   */
  static HardwareStores openHardware(String spec, SecretSealer sealer) {
    Objects.requireNonNull(sealer, "sealer");
    StoreUrl url = StoreUrl.parse(spec);
    return switch (url.kind()) {
      case FILE -> {
        JsonFileTokenStore file = JsonFileTokenStore.open(path(url.value()), sealer);
        yield new HardwareStores(
            file.file().toString(),
            file,
            file,
            () -> {
              JsonFileTokenStore.Resealed r = file.reseal();
              return new Resealed(r.resealed(), r.unchanged());
            });
      }
      case POSTGRES -> {
        HikariDataSource pool = Database.open(url.value(), System.getenv());
        JdbcStores stores = JdbcStores.builder(pool, sealer).build();
        try {
          stores.checkSchema(); // names `rootguard store init` when the schema is missing
        } catch (RuntimeException e) {
          pool.close();
          throw e;
        }
        yield new HardwareStores(
            url.redacted(),
            stores.tokens(),
            stores.yubicoKeys(),
            () -> {
              JdbcStores.Resealed r = stores.reseal();
              return new Resealed(r.resealed(), r.unchanged());
            });
      }
      case REDIS -> {
        RedisStores stores = Backends.redis(url, sealer);
        try {
          stores.check(); // names `rootguard store init` when the marker is missing
        } catch (RuntimeException e) {
          stores.close();
          throw e;
        }
        yield new HardwareStores(
            url.redacted(),
            stores.tokens(),
            stores.yubicoKeys(),
            () -> {
              RedisStores.Resealed r = stores.reseal();
              return new Resealed(r.resealed(), r.unchanged());
            });
      }
      case DYNAMODB -> {
        DynamoDbClient client = Backends.dynamoDb(url);
        DynamoDbStores stores = DynamoDbStores.builder(client, url.table(), sealer).build();
        try {
          stores.check(); // names `rootguard store init` when the table is missing
        } catch (RuntimeException e) {
          client.close();
          throw e;
        }
        yield new HardwareStores(
            url.redacted(),
            stores.tokens(),
            stores.yubicoKeys(),
            () -> {
              DynamoDbStores.Resealed r = stores.reseal();
              return new Resealed(r.resealed(), r.unchanged());
            });
      }
    };
  }

  /**
   * Opens the seal key file a {@code --seal-key} value names, creating it (mode 600, in a 700
   * directory) on first use.
   *
   * @param keyFile the value, or null for {@code ~/.rootguard/seal.key}
   * @return the sealer
   */
  static LocalKeySealer sealer(Path keyFile) {
    return LocalKeySealer.openOrCreate(
        keyFile == null ? LocalKeySealer.defaultPath() : expand(keyFile));
  }

  /**
   * Returns a sealer for commands that touch no secret ({@code store init}): it refuses to seal or
   * open, so no seal key file is created or needed.
   *
   * @return the sealer
   */
  static SecretSealer noSecrets() {
    return new SecretSealer() {
      @Override
      public String seal(byte[] plaintext, String context) {
        throw new IllegalStateException("this command seals no secrets");
      }

      @Override
      public byte[] open(String envelope, String context) {
        throw new IllegalStateException("this command opens no secrets");
      }

      @Override
      public String currentKeyId() {
        return "none";
      }
    };
  }

  private static Path path(String s) {
    return expand(Path.of(s));
  }

  /** Expands a leading {@code ~/} (a shell does this, but not inside {@code --store=~/x}). */
  static Path expand(Path p) {
    String s = p.toString();
    if (s.equals("~") || s.startsWith("~/")) {
      return Path.of(System.getProperty("user.home") + s.substring(1));
    }
    return p;
  }
}
