package dev.rootguard.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.hardware.JsonFileTokenStore;
import dev.rootguard.mfa.hardware.TokenStore;
import dev.rootguard.mfa.hardware.YubicoKeyStore;
import dev.rootguard.seal.LocalKeySealer;
import dev.rootguard.seal.SecretSealer;
import dev.rootguard.store.jdbc.JdbcStores;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The one place that turns a {@code --store} value into a store, for every command that takes one.
 * A value is a file path (a {@link JsonFileTokenStore}, for one host) or a {@code
 * jdbc:postgresql://host:port/db} URL (the {@code rootguard-store-jdbc} stores, shared by every
 * server; user and password from {@code ROOTGUARD_DB_USER} / {@code ROOTGUARD_DB_PASSWORD}).
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
  /** {@code scheme://…} or {@code jdbc:…}: a URL, not a file name. */
  private static final Pattern URL =
      Pattern.compile("^(jdbc:[a-z0-9]+:|[a-zA-Z][a-zA-Z0-9+.-]*://)");

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
   * @param spec a file path ({@code ~/} expanded) or, later, a database URL
   * @param sealer seals the secrets at rest
   * @return the stores
   * @throws InvalidInputException with field {@code --store} if the value names no usable store
   */
  static HardwareStores openHardware(String spec, SecretSealer sealer) {
    Objects.requireNonNull(spec, "--store");
    Objects.requireNonNull(sealer, "sealer");
    String s = spec.strip();
    if (s.isEmpty()) {
      throw new InvalidInputException("--store", "must not be empty");
    }
    if (URL.matcher(s).find()) {
      String lower = s.toLowerCase(Locale.ROOT);
      if (lower.startsWith(Database.SCHEME)) {
        HikariDataSource pool = Database.open(s, System.getenv());
        JdbcStores stores = JdbcStores.builder(pool, sealer).build();
        try {
          stores.checkSchema(); // names `rootguard store init` when the schema is missing
        } catch (RuntimeException e) {
          pool.close();
          throw e;
        }
        return new HardwareStores(
            Database.redact(s),
            stores.tokens(),
            stores.yubicoKeys(),
            () -> {
              JdbcStores.Resealed r = stores.reseal();
              return new Resealed(r.resealed(), r.unchanged());
            });
      }
      throw new InvalidInputException(
          "--store", "unsupported store URL (use a file path or jdbc:postgresql://host:port/db)");
    }
    JsonFileTokenStore file = JsonFileTokenStore.open(path(s), sealer);
    return new HardwareStores(
        file.file().toString(),
        file,
        file,
        () -> {
          JsonFileTokenStore.Resealed r = file.reseal();
          return new Resealed(r.resealed(), r.unchanged());
        });
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
