package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.Principal;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory store keeps its own copies of secrets. */
class InMemoryTokenStoreTest {
  private static final byte[] SEED =
      HexFormat.of().parseHex("3132333435363738393031323334353637383930");

  @Test
  void add_callerDestroysItsToken_storedSeedIntact() {
    InMemoryTokenStore store = TokenStore.inMemory();
    HardwareToken t = HardwareToken.builder("H1", OathType.HOTP, SEED).build();
    store.add(t);
    t.destroy();
    assertThat(store.token("H1").orElseThrow().revealSecret()).isEqualTo(SEED);
  }

  @Test
  void addAll_callerDestroysItsTokens_storedSeedsIntact() {
    InMemoryTokenStore store = TokenStore.inMemory();
    HardwareToken a = HardwareToken.builder("A1", OathType.HOTP, SEED).build();
    HardwareToken b = HardwareToken.builder("B1", OathType.TOTP, SEED).build();
    store.addAll(List.of(a, b), Principal.of("root"));
    a.destroy();
    b.destroy();
    assertThat(store.token("A1").orElseThrow().revealSecret()).isEqualTo(SEED);
    assertThat(store.token("B1").orElseThrow().revealSecret()).isEqualTo(SEED);
  }

  @Test
  void addYubicoKey_callerDestroysItsKey_storedKeyIntact() {
    InMemoryTokenStore store = YubicoKeyStore.inMemory();
    YubicoKey k =
        YubicoKey.fromHex("vvcbdefghijk", "0102030405a6", "000102030405060708090a0b0c0d0e0f");
    store.addYubicoKey(k);
    k.destroy();
    assertThat(
            HexFormat.of().formatHex(store.yubicoKey("vvcbdefghijk").orElseThrow().revealAesKey()))
        .isEqualTo("000102030405060708090a0b0c0d0e0f");
  }
}
