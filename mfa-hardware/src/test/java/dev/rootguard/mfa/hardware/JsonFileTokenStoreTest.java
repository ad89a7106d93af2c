package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileTokenStoreTest {
  static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  HardwareToken full() {
    return HardwareToken.builder("GALT-7", OathType.TOTP, SEED)
        .keyId("key-7")
        .manufacturer("Acme")
        .issuer("Bank")
        .algorithm(HmacAlgorithm.SHA256)
        .digits(8)
        .timeStep(Duration.ofSeconds(60))
        .t0(Instant.ofEpochSecond(30))
        .timeDrift(-3)
        .validFrom(Instant.parse("2020-01-01T00:00:00Z"))
        .validUntil(Instant.parse("2030-01-01T00:00:00Z"))
        .build();
  }

  @Test
  void everyAttributeAndState_survivesReopening() {
    Path f = dir.resolve("a/b/tokens.json");
    JsonFileTokenStore s = JsonFileTokenStore.open(f);
    assertThat(Files.exists(f)).isFalse();
    s.add(full());
    s.assign("GALT-7", Principal.of("alice"));
    TokenState st = s.state("GALT-7").orElseThrow();
    assertThat(s.compareAndSet("GALT-7", st, st.withAccepted(1234, 5))).isTrue();
    assertThat(s.compareAndSet("GALT-7", st, st.withAccepted(1235, 5)))
        .as("stale version")
        .isFalse();
    YubicoKey k =
        YubicoKey.fromHex("vvcccccbhlnc", "8792ebfe26cc", "ecde18dbe76fbd0c33330f1c354871db");
    s.addYubicoKey(k);
    s.updateYubicoKey(k.publicId(), x -> x.withDisabled(true));

    JsonFileTokenStore again = JsonFileTokenStore.open(f);
    HardwareToken t = again.token("GALT-7").orElseThrow();
    assertThat(t.keyId()).isEqualTo("key-7");
    assertThat(t.manufacturer()).contains("Acme");
    assertThat(t.issuer()).contains("Bank");
    assertThat(t.algorithm()).isEqualTo(HmacAlgorithm.SHA256);
    assertThat(t.digits()).isEqualTo(8);
    assertThat(t.timeStep()).isEqualTo(Duration.ofSeconds(60));
    assertThat(t.t0()).isEqualTo(Instant.ofEpochSecond(30));
    assertThat(t.timeDrift()).isEqualTo(-3);
    assertThat(t.validFrom()).contains(Instant.parse("2020-01-01T00:00:00Z"));
    assertThat(t.validUntil()).contains(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(t.sameSecretAs(full())).isTrue();
    TokenState loaded = again.state("GALT-7").orElseThrow();
    assertThat(loaded.owner()).contains(Principal.of("alice"));
    assertThat(loaded.lastSequence()).isEqualTo(OptionalLong.of(1234));
    assertThat(loaded.driftSteps()).isEqualTo(5);
    assertThat(loaded.version()).isEqualTo(st.version() + 1);
    assertThat(again.yubicoKey("vvcccccbhlnc").orElseThrow().revealAesKey())
        .isEqualTo(k.revealAesKey());
    assertThat(again.yubicoKeyState("vvcccccbhlnc").orElseThrow().disabled()).isTrue();
  }

  @Test
  void newToken_startsFromTheVendorDrift() {
    JsonFileTokenStore s = JsonFileTokenStore.open(dir.resolve("t.json"));
    s.add(full());
    assertThat(s.state("GALT-7").orElseThrow().driftSteps()).isEqualTo(-3);
  }

  @Test
  void file_isOwnerOnly_noTempLeftovers() throws Exception {
    Path f = dir.resolve("tokens.json");
    JsonFileTokenStore s = JsonFileTokenStore.open(f);
    for (int i = 0; i < 5; i++) {
      s.add(HardwareToken.builder("S" + i, OathType.HOTP, SEED).build());
    }
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
          .isEqualTo("rw-------");
    }
    try (var l = Files.list(dir)) {
      assertThat(l.map(p -> p.getFileName().toString())).containsExactly("tokens.json");
    }
  }

  @Test
  void duplicateSerial_refused() {
    JsonFileTokenStore s = JsonFileTokenStore.open(dir.resolve("t.json"));
    s.add(full());
    assertThatThrownBy(() -> s.add(full()))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("serial");
  }

  @Test
  void corruptedFile_refusedNamingTheEntry_withoutSecrets() throws Exception {
    Path f = dir.resolve("t.json");
    JsonFileTokenStore.open(f).add(full());
    String json = Files.readString(f).replace("\"digits\" : 8", "\"digits\" : 12");
    Files.writeString(f, json);
    assertThatThrownBy(() -> JsonFileTokenStore.open(f))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageNotContaining("MTIzNDU2")
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("store.tokens[0]");
    Files.writeString(f, "{not json");
    assertThatThrownBy(() -> JsonFileTokenStore.open(f))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("store");
    Files.writeString(f, "{\"format\":\"other\"}");
    assertThatThrownBy(() -> JsonFileTokenStore.open(f))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("store.format");
  }

  @Test
  void registryOperations_onUnknownSerial_nameTheField() {
    JsonFileTokenStore s = JsonFileTokenStore.open(dir.resolve("t.json"));
    assertThatThrownBy(() -> s.assign("nope", Principal.of("a")))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("serial");
    assertThat(s.remove("nope")).isFalse();
  }
}
