package dev.rootguard.testkit.conformance;

import dev.rootguard.mfa.hardware.JsonFileTokenStore;
import dev.rootguard.mfa.hardware.TokenStore;
import dev.rootguard.seal.LocalKeySealer;
import dev.rootguard.seal.SecretSealer;
import dev.rootguard.testkit.store.StoreContract;
import dev.rootguard.testkit.store.TokenStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JsonFileTokenStore} passes the token store contract; {@link #reopen} reads the file again,
 * so every round trip goes through the file.
 */
class JsonFileTokenStoreTest extends TokenStoreContract {
  @TempDir Path dir;

  /** One sealer for every open, so a reopened store reads what an earlier one sealed. */
  private static final SecretSealer SEALER = LocalKeySealer.ofKey("conformance", new byte[32]);

  /** The one place that opens the store. */
  static JsonFileTokenStore open(Path file) {
    return JsonFileTokenStore.open(file, SEALER);
  }

  @Override
  protected TokenStore newStore() {
    return open(dir.resolve("tokens.json"));
  }

  @Override
  protected TokenStore reopen(TokenStore store) {
    return open(((JsonFileTokenStore) store).file());
  }

  @Override
  protected int rounds() {
    return StoreContract.MIN_ROUNDS; // every change rewrites and syncs the whole file
  }
}
