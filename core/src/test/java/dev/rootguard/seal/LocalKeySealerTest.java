package dev.rootguard.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeySealerTest {
  @TempDir Path dir;
  private final byte[] secret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @Test
  void openOrCreate_newFile_mode600InMode700Directory() throws Exception {
    Path f = dir.resolve("keys").resolve("seal.key");
    LocalKeySealer s = LocalKeySealer.openOrCreate(f);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent())))
        .isEqualTo("rwx------");
    assertThat(s.keyIds()).containsExactly(s.currentKeyId());
    assertThat(LocalKeySealer.openOrCreate(f).currentKeyId()).isEqualTo(s.currentKeyId());
  }

  @Test
  void sealThenOpen_roundTrips() {
    LocalKeySealer s = LocalKeySealer.openOrCreate(dir.resolve("seal.key"));
    String env = s.seal(secret, "token:H1");
    assertThat(Envelope.isEnvelope(env)).isTrue();
    assertThat(Envelope.parse(env).keyId()).isEqualTo(s.currentKeyId());
    assertThat(s.open(env, "token:H1")).isEqualTo(secret);
  }

  @Test
  void seal_sameSecretTwice_differentEnvelopes() {
    LocalKeySealer s = LocalKeySealer.ofKey("k1", new byte[32]);
    assertThat(s.seal(secret, "c")).isNotEqualTo(s.seal(secret, "c"));
  }

  @Test
  void seal_envelopeHoldsNoSecretEncoding() {
    LocalKeySealer s = LocalKeySealer.openOrCreate(dir.resolve("seal.key"));
    String env = s.seal(secret, "token:H1");
    assertThat(env)
        .doesNotContain(HexFormat.of().formatHex(secret))
        .doesNotContain(Base64.getEncoder().encodeToString(secret).replace("=", ""))
        .doesNotContain(new String(secret, StandardCharsets.US_ASCII));
  }

  @Test
  void open_otherContext_failsNamingKey() {
    LocalKeySealer s = LocalKeySealer.ofKey("k1", new byte[32]);
    String env = s.seal(secret, "token:H1");
    assertThatThrownBy(() -> s.open(env, "token:H2"))
        .isInstanceOfSatisfying(SealingException.class, e -> assertThat(e.keyId()).isEqualTo("k1"));
  }

  @Test
  void open_alteredBody_fails() {
    LocalKeySealer s = LocalKeySealer.ofKey("k1", new byte[32]);
    Envelope e = Envelope.parse(s.seal(secret, "c"));
    byte[] body = e.body();
    body[body.length - 1] ^= 1;
    String altered = Envelope.of("k1", body).text();
    assertThatThrownBy(() -> s.open(altered, "c")).isInstanceOf(SealingException.class);
  }

  @Test
  void open_keyIdSwapped_fails() {
    byte[] key = new byte[32];
    LocalKeySealer a = LocalKeySealer.ofKey("k1", key);
    LocalKeySealer b = LocalKeySealer.ofKey("k2", key);
    Envelope e = Envelope.parse(a.seal(secret, "c"));
    String relabelled = Envelope.of("k2", e.body()).text();
    assertThatThrownBy(() -> b.open(relabelled, "c"))
        .isInstanceOfSatisfying(SealingException.class, x -> assertThat(x.keyId()).isEqualTo("k2"));
  }

  @Test
  void open_unknownKey_failsNamingIt() {
    String env = LocalKeySealer.ofKey("other", new byte[32]).seal(secret, "c");
    LocalKeySealer s = LocalKeySealer.openOrCreate(dir.resolve("seal.key"));
    assertThatThrownBy(() -> s.open(env, "c"))
        .isInstanceOfSatisfying(
            SealingException.class, x -> assertThat(x.keyId()).isEqualTo("other"));
  }

  @Test
  void rotate_newKeySealsOldStillOpens() {
    Path f = dir.resolve("seal.key");
    LocalKeySealer s = LocalKeySealer.openOrCreate(f);
    String old = s.seal(secret, "c");
    String oldId = s.currentKeyId();
    String newId = s.rotate();
    assertThat(newId).isNotEqualTo(oldId);
    assertThat(s.needsReseal(old)).isTrue();
    String fresh = s.seal(secret, "c");
    assertThat(s.needsReseal(fresh)).isFalse();
    LocalKeySealer reopened = LocalKeySealer.open(f);
    assertThat(reopened.keyIds()).containsExactly(oldId, newId);
    assertThat(reopened.open(old, "c")).isEqualTo(secret);
    assertThat(reopened.open(fresh, "c")).isEqualTo(secret);
  }

  @Test
  void open_groupReadableFile_refused() throws Exception {
    Path f = dir.resolve("seal.key");
    LocalKeySealer.openOrCreate(f);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
    assertThatThrownBy(() -> LocalKeySealer.open(f))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("sealKey"));
  }

  @Test
  void open_malformedFile_namesField() throws Exception {
    Path f = dir.resolve("seal.key");
    Files.writeString(f, "rootguard-seal-keys/1\nkey k1 notbase64!\ncurrent k1\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> LocalKeySealer.open(f))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("sealKey"));
  }

  @Test
  void toString_revealsNoKey() throws Exception {
    Path f = dir.resolve("seal.key");
    LocalKeySealer s = LocalKeySealer.openOrCreate(f);
    String keyLine =
        Files.readAllLines(f).stream().filter(l -> l.startsWith("key ")).findFirst().orElseThrow();
    assertThat(s.toString()).doesNotContain(keyLine.split(" ")[2]);
  }

  @Test
  void ofKey_wrongLength_rejected() {
    assertThatThrownBy(() -> LocalKeySealer.ofKey("k1", new byte[16]))
        .hasMessageStartingWith("key:");
  }

  @Test
  void seal_contextWithUnpairedSurrogate_rejected() {
    LocalKeySealer s = LocalKeySealer.ofKey("k1", new byte[32]);
    assertThatThrownBy(() -> s.seal(secret, "a\uD800")).hasMessageStartingWith("context:");
    assertThat(s.open(s.seal(secret, "a\uD83D\uDE00"), "a\uD83D\uDE00")).isEqualTo(secret);
  }
}
