package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.seal.LocalKeySealer;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contracts against {@link JsonFileTokenStore}. */
class JsonFileStoreContractTest extends StoreContract {
  @TempDir Path dir;

  @Override
  Both store() {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) 3);
    Path f = dir.resolve("tokens.json");
    JsonFileTokenStore s = JsonFileTokenStore.open(f, LocalKeySealer.ofKey("lk-c", k));
    assertThat(s.file()).isEqualTo(f);
    return new Forwarding(s);
  }
}
