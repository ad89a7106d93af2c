package dev.rootguard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.OathType;
import dev.rootguard.mfa.hardware.TokenState;
import dev.rootguard.mfa.hardware.YubicoKey;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Adding with an owner writes the owner in the same statements: no unassigned window. */
class JdbcOwnedImportTest {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();
  private final JdbcStores stores =
      JdbcStores.builder(PG.dataSource(), Fixtures.sealer("key-one", 1)).build();
  private final Principal root = Principal.of("arn:aws:iam::123456789012:root");

  private static HardwareToken token(String serial) {
    return HardwareToken.builder(serial, OathType.HOTP, new byte[20]).build();
  }

  private static String serial() {
    return "OW" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void addAllWithOwner_everyTokenOwned() {
    String a = serial();
    String b = serial();
    stores.tokens().addAll(List.of(token(a), token(b)), root);
    for (String s : List.of(a, b)) {
      TokenState st = stores.tokens().state(s).orElseThrow();
      assertThat(st.owner()).contains(root);
      assertThat(st.disabled()).isFalse();
    }
  }

  @Test
  void addAllWithOwner_duplicate_nothingAddedNothingAssigned() {
    String taken = serial();
    stores.tokens().add(token(taken));
    String fresh = serial();
    assertThatThrownBy(() -> stores.tokens().addAll(List.of(token(fresh), token(taken)), root))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("serial"));
    assertThat(stores.tokens().state(fresh)).isEmpty();
    assertThat(stores.tokens().state(taken).orElseThrow().owner()).isEmpty();
  }

  @Test
  void addYubicoKeyWithOwner_owned() {
    String publicId = "vvcbdefghijk";
    stores
        .yubicoKeys()
        .addYubicoKey(
            YubicoKey.fromHex(publicId, "0102030405a6", "000102030405060708090a0b0c0d0e0f"), root);
    assertThat(stores.yubicoKeys().yubicoKeyState(publicId).orElseThrow().owner()).contains(root);
  }
}
