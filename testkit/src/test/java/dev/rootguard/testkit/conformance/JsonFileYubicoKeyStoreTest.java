package dev.rootguard.testkit.conformance;

import dev.rootguard.mfa.hardware.JsonFileTokenStore;
import dev.rootguard.mfa.hardware.YubicoKeyStore;
import dev.rootguard.testkit.store.StoreContract;
import dev.rootguard.testkit.store.YubicoKeyStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link JsonFileTokenStore} passes the Yubico key store contract, reopening the file. */
class JsonFileYubicoKeyStoreTest extends YubicoKeyStoreContract {
  @TempDir Path dir;

  @Override
  protected YubicoKeyStore newStore() {
    return JsonFileTokenStoreTest.open(dir.resolve("tokens.json"));
  }

  @Override
  protected YubicoKeyStore reopen(YubicoKeyStore store) {
    return JsonFileTokenStoreTest.open(((JsonFileTokenStore) store).file());
  }

  @Override
  protected int rounds() {
    return StoreContract.MIN_ROUNDS; // every change rewrites and syncs the whole file
  }
}
