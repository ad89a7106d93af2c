package dev.rootguard.mfa.fido;

import java.nio.file.Path;

/**
 * The two credential stores a registration can write through: the registration ceremony's steps
 * that read or write the store (a credential id already stored, storing the new one) run on both.
 */
enum KeyStoreKind {
  IN_MEMORY {
    @Override
    SecurityKeyStore open(Path dir) {
      return new InMemorySecurityKeyStore();
    }
  },
  JSON_FILE {
    @Override
    SecurityKeyStore open(Path dir) {
      return JsonFileSecurityKeyStore.open(dir.resolve("keys.json"));
    }
  };

  abstract SecurityKeyStore open(Path dir);
}
