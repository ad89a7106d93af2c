package dev.rootguard.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.JsonFileSecurityKeyStore;
import dev.rootguard.mfa.hardware.JsonFileTokenStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed store seeds still open, so the fuzzer starts from real, valid files. */
class StoreSeedFilesTest {
  @TempDir Path dir;

  Path copy(String seed) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("StoreFileFuzzTestInputs/" + seed)) {
      Path f = dir.resolve(seed.replace('/', '-'));
      Files.write(f, in.readAllBytes());
      return f;
    }
  }

  @Test
  void tokenStoreSeeds_open() throws IOException {
    JsonFileTokenStore sealed =
        JsonFileTokenStore.open(copy("tokenStore/sealed-v2"), StoreFileFuzzTest.SEALER);
    assertThat(sealed.serials()).containsExactly("GALT-7", "H1");
    assertThat(sealed.token("GALT-7").orElseThrow().revealSecret()).isEqualTo(StoreSeedFiles.SEED);
    assertThat(sealed.yubicoPublicIds()).containsExactly(YubicoOtpFuzzTest.PUBLIC_ID);
    JsonFileTokenStore legacy =
        JsonFileTokenStore.open(copy("tokenStore/legacy-v1"), StoreFileFuzzTest.SEALER);
    assertThat(legacy.serials()).containsExactly("OLD-1");
  }

  @Test
  void securityKeyStoreSeed_open() throws IOException {
    JsonFileSecurityKeyStore s = JsonFileSecurityKeyStore.open(copy("securityKeyStore/two-keys"));
    assertThat(s.findByPrincipal(Principal.of("alice"))).hasSize(2);
  }
}
