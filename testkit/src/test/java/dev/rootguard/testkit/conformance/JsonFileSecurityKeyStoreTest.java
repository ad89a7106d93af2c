package dev.rootguard.testkit.conformance;

import dev.rootguard.mfa.fido.JsonFileSecurityKeyStore;
import dev.rootguard.mfa.fido.SecurityKeyStore;
import dev.rootguard.testkit.store.SecurityKeyStoreContract;
import dev.rootguard.testkit.store.StoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link JsonFileSecurityKeyStore} passes the security key store contract, reopening the file. */
class JsonFileSecurityKeyStoreTest extends SecurityKeyStoreContract {
  @TempDir Path dir;

  /** The one place that opens the store. */
  static JsonFileSecurityKeyStore open(Path file) {
    return JsonFileSecurityKeyStore.open(file);
  }

  @Override
  protected SecurityKeyStore newStore() {
    return open(dir.resolve("keys.json"));
  }

  @Override
  protected SecurityKeyStore reopen(SecurityKeyStore store) {
    return open(((JsonFileSecurityKeyStore) store).file());
  }

  @Override
  protected int rounds() {
    return StoreContract.MIN_ROUNDS; // every change rewrites and syncs the whole file
  }
}
