package dev.rootguard.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key file of {@link LocalKeySealer}: fresh random keys, private modes, strict lines. */
class LocalKeySealerFileTest {
  @TempDir Path dir;
  private final byte[] secret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  /** The raw keys in a key file, in file order, decoded independently of the sealer. */
  private static List<byte[]> keysIn(Path f) throws IOException {
    return Files.readAllLines(f, StandardCharsets.US_ASCII).stream()
        .filter(l -> l.startsWith("key "))
        .map(l -> Base64.getDecoder().decode(l.split(" ")[2]))
        .toList();
  }

  private static Path privateFile(Path f, String content) throws IOException {
    Files.writeString(f, content, StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    return f;
  }

  private static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void openOrCreate_twoFiles_getDifferentNonZeroKeys() throws IOException {
    Path a = dir.resolve("a.key");
    Path b = dir.resolve("b.key");
    LocalKeySealer.openOrCreate(a);
    LocalKeySealer.openOrCreate(b);

    byte[] ka = keysIn(a).get(0);
    byte[] kb = keysIn(b).get(0);

    assertThat(ka).hasSize(32).isNotEqualTo(new byte[32]).isNotEqualTo(kb);
    assertThat(kb).isNotEqualTo(new byte[32]);
  }

  @Test
  void rotate_withFile_addsAFreshNonZeroKey() throws IOException {
    Path f = dir.resolve("seal.key");
    LocalKeySealer s = LocalKeySealer.openOrCreate(f);

    String id = s.rotate();

    List<byte[]> keys = keysIn(f);
    assertThat(keys).hasSize(2);
    assertThat(keys.get(1)).isNotEqualTo(new byte[32]).isNotEqualTo(keys.get(0));
    assertThat(id).startsWith("lk-").isEqualTo(s.currentKeyId());
    assertThat(LocalKeySealer.open(f).currentKeyId()).isEqualTo(id);
  }

  @Test
  void rotate_inMemory_returnsTheNewCurrentKeyId() {
    LocalKeySealer s = LocalKeySealer.ofKey("k1", new byte[32]);
    String old = s.seal(secret, "c");

    String id = s.rotate();

    assertThat(id).startsWith("lk-").isEqualTo(s.currentKeyId());
    assertThat(s.keyIds()).containsExactly("k1", id);
    assertThat(Envelope.parse(s.seal(secret, "c")).keyId()).isEqualTo(id);
    assertThat(s.open(old, "c")).isEqualTo(secret);
    assertThat(s.file()).isEmpty();
  }

  @Test
  void openOrCreate_severalMissingDirectories_allCreatedPrivate() throws IOException {
    Path f = dir.resolve("a").resolve("b").resolve("seal.key");

    LocalKeySealer s = LocalKeySealer.openOrCreate(f);
    s.rotate();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a"))))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent())))
        .isEqualTo("rwx------");
    // the key file, and the lock file next to it: nothing the sealer creates is group-readable
    try (Stream<Path> files = Files.list(f.getParent())) {
      for (Path p : files.toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
            .as(p.getFileName().toString())
            .isEqualTo("rw-------");
      }
    }
    assertThat(s.file()).contains(f.toAbsolutePath());
  }

  @Test
  void open_malformedKeyId_refusedNamingTheLine() throws IOException {
    Path f =
        privateFile(
            dir.resolve("seal.key"),
            "rootguard-seal-keys/1\n# comment\nkey bad.id " + KEY_A + "\ncurrent bad.id\n");

    assertThatThrownBy(() -> LocalKeySealer.open(f))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("sealKey");
              assertThat(e.reason()).contains("line 3").contains("key id");
            });
  }

  @Test
  void open_unknownLine_refusedNamingTheLine() throws IOException {
    Path f =
        privateFile(
            dir.resolve("seal.key"),
            "rootguard-seal-keys/1\nkey k1 " + KEY_A + "\n\nkye k2 " + KEY_A + "\ncurrent k1\n");

    assertThatThrownBy(() -> LocalKeySealer.open(f))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("sealKey");
              assertThat(e.reason()).contains("line 4");
            });
  }

  @Test
  void open_handWrittenFile_opensWhatItsKeySealed() throws IOException {
    Path f =
        privateFile(
            dir.resolve("seal.key"),
            "rootguard-seal-keys/1\n# backed up\nkey k1 " + KEY_A + "\ncurrent k1\n");

    LocalKeySealer s = LocalKeySealer.open(f);

    assertThat(s.currentKeyId()).isEqualTo("k1");
    String sealed = LocalKeySealer.ofKey("k1", new byte[32]).seal(secret, "c");
    assertThat(s.open(sealed, "c")).isEqualTo(secret);
  }

  @Test
  void defaultPath_isUnderTheHomeDirectory() {
    assertThat(LocalKeySealer.defaultPath())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".rootguard", "seal.key"));
  }

  @Test
  void toString_namesFileAndCurrentKey() {
    Path f = dir.resolve("seal.key");
    LocalKeySealer s = LocalKeySealer.openOrCreate(f);

    assertThat(s.toString()).contains(f.toAbsolutePath().toString(), s.currentKeyId());
    assertThat(LocalKeySealer.ofKey("k1", new byte[32]).toString()).contains("in memory", "k1");
  }
}
