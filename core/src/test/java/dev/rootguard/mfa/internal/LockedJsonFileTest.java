package dev.rootguard.mfa.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootguard.InvalidInputException;
import dev.rootguard.testsupport.Race;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour the JSON file stores of mfa-totp, mfa-hardware and mfa-u2f rely on, tested on the
 * class itself: atomic, locked, strict and private.
 */
class LockedJsonFileTest {
  @TempDir Path tmp;

  private static ObjectNode doc(String key, int value) {
    return JsonNodeFactory.instance.objectNode().put(key, value);
  }

  /** Reads the file with a fresh instance, so no state of the writing instance is involved. */
  private static Optional<ObjectNode> reread(Path p) {
    return LockedJsonFile.at(p, "test store").read(d -> d);
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static void assumePosix() {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "POSIX permissions are not supported here");
  }

  @Test
  void update_write_isReadBackAndReturnsTheResult() {
    Path p = tmp.resolve("store.json");
    LockedJsonFile f = LockedJsonFile.at(p, "test store");

    String result = f.update(d -> new LockedJsonFile.Change<>(doc("n", 7), "written"));

    assertThat(result).isEqualTo("written");
    assertThat(reread(p)).contains(doc("n", 7));
    Optional<Integer> n = f.read(d -> d.map(o -> o.get("n").asInt()));
    assertThat(n).contains(7);
  }

  @Test
  void update_seesTheCurrentDocument() {
    Path p = tmp.resolve("store.json");
    LockedJsonFile f = LockedJsonFile.at(p, "test store");
    f.update(d -> new LockedJsonFile.Change<>(doc("n", 1), null));

    Optional<ObjectNode> seen =
        f.update(d -> new LockedJsonFile.Change<>(doc("n", 2), d.map(ObjectNode::deepCopy)));

    assertThat(seen).contains(doc("n", 1));
    assertThat(reread(p)).contains(doc("n", 2));
  }

  @Test
  void read_missingFile_isEmpty() {
    assertThat(reread(tmp.resolve("absent.json"))).isEmpty();
  }

  @Test
  void update_none_writesNothingAndKeepsTheStamp() throws IOException {
    Path p = tmp.resolve("store.json");
    LockedJsonFile f = LockedJsonFile.at(p, "test store");

    Integer three = f.update(d -> LockedJsonFile.Change.none(3));
    assertThat(three).isEqualTo(3);
    assertThat(p).doesNotExist();

    f.update(d -> new LockedJsonFile.Change<>(doc("n", 1), null));
    byte[] before = Files.readAllBytes(p);
    Optional<String> stamp = f.stamp();

    String kept = f.update(d -> LockedJsonFile.Change.none("kept"));
    assertThat(kept).isEqualTo("kept");

    assertThat(Files.readAllBytes(p)).isEqualTo(before);
    assertThat(f.stamp()).isEqualTo(stamp);
  }

  @Test
  void stamp_emptyWithoutFile_changesOnEveryWrite() {
    Path p = tmp.resolve("store.json");
    LockedJsonFile f = LockedJsonFile.at(p, "test store");
    assertThat(f.stamp()).isEmpty();

    f.update(d -> new LockedJsonFile.Change<>(doc("n", 1), null));
    Optional<String> first = f.stamp();
    // The same content again: the stamp still changes, since the file was replaced.
    f.update(d -> new LockedJsonFile.Change<>(doc("n", 1), null));
    Optional<String> second = f.stamp();

    assertThat(first).isPresent();
    assertThat(second).isPresent().isNotEqualTo(first);
    assertThat(f.stamp()).isEqualTo(second);
  }

  @Test
  void update_changeThrows_writesNothingAndReleasesTheLock() throws Exception {
    Path p = tmp.resolve("store.json");
    LockedJsonFile f = LockedJsonFile.at(p, "test store");
    f.update(d -> new LockedJsonFile.Change<>(doc("n", 1), null));
    byte[] before = Files.readAllBytes(p);
    IllegalStateException boom = new IllegalStateException("boom");

    assertThatThrownBy(
            () ->
                f.update(
                    d -> {
                      throw boom;
                    }))
        .isSameAs(boom);

    assertThat(Files.readAllBytes(p)).isEqualTo(before);
    // Another thread can still update (the JVM-wide lock was released, not only re-entered).
    Integer other =
        CompletableFuture.supplyAsync(
                () -> f.update(d -> new LockedJsonFile.Change<>(doc("n", 2), 2)))
            .get(30, TimeUnit.SECONDS);
    assertThat(other).isEqualTo(2);
    assertThat(reread(p)).contains(doc("n", 2));
  }

  @Test
  void update_concurrentThreads_loseNoIncrement() {
    Path p = tmp.resolve("counter.json");
    LockedJsonFile one = LockedJsonFile.at(p, "test store");
    LockedJsonFile two = LockedJsonFile.at(p, "test store");
    int threads = 8;
    int perThread = 25;

    Race.collect(
        threads,
        thread -> {
          LockedJsonFile f = thread % 2 == 0 ? one : two;
          for (int i = 0; i < perThread; i++) {
            f.update(
                d -> {
                  int n = d.map(o -> o.get("n").asInt()).orElse(0);
                  return new LockedJsonFile.Change<>(doc("n", n + 1), null);
                });
          }
          return null;
        });

    assertThat(reread(p)).contains(doc("n", threads * perThread));
  }

  @Test
  void update_newDirectory_createdPrivateWithPrivateFiles() throws IOException {
    assumePosix();
    Path dir = tmp.resolve("a").resolve("b");
    Path p = dir.resolve("store.json");

    LockedJsonFile.at(p, "test store").update(d -> new LockedJsonFile.Change<>(doc("n", 1), null));

    assertThat(mode(tmp.resolve("a"))).isEqualTo("rwx------");
    assertThat(mode(dir)).isEqualTo("rwx------");
    assertThat(mode(p)).isEqualTo("rw-------");
    assertThat(mode(dir.resolve("store.json.lock"))).isEqualTo("rw-------");
    assertThat(reread(p)).contains(doc("n", 1));
  }

  @Test
  void update_existingDirectory_keepsItsModeAndWritesPrivately() throws IOException {
    assumePosix();
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path p = tmp.resolve("store.json");

    LockedJsonFile.at(p, "test store").update(d -> new LockedJsonFile.Change<>(doc("n", 1), null));

    assertThat(mode(tmp)).isEqualTo("rwxr-xr-x");
    assertThat(mode(p)).isEqualTo("rw-------");
  }

  @Test
  void update_leavesNoTemporaryFileBehind() throws IOException {
    Path p = tmp.resolve("store.json");
    LockedJsonFile f = LockedJsonFile.at(p, "test store");
    f.update(d -> new LockedJsonFile.Change<>(doc("n", 1), null));
    f.update(d -> new LockedJsonFile.Change<>(doc("n", 2), null));

    try (var files = Files.list(tmp)) {
      assertThat(files.map(x -> x.getFileName().toString()))
          .containsExactlyInAnyOrder("store.json", "store.json.lock");
    }
  }

  @Test
  void removeStaleTemporaryFiles_deletesOnlyThisFilesTemporaryFiles() throws IOException {
    Path p = tmp.resolve("store.json");
    Path stale1 = Files.writeString(tmp.resolve(".store.json.123.tmp"), "{\"half\":");
    Path stale2 = Files.writeString(tmp.resolve(".store.json.456.tmp"), "");
    Path otherStore = Files.writeString(tmp.resolve(".other.json.123.tmp"), "");
    Path notTemporary = Files.writeString(tmp.resolve(".store.json.123.bak"), "");
    Path dirLikeTemporary = Files.createDirectory(tmp.resolve(".store.json.789.tmp"));

    int deleted = LockedJsonFile.at(p, "test store").removeStaleTemporaryFiles();

    assertThat(deleted).isEqualTo(2);
    assertThat(stale1).doesNotExist();
    assertThat(stale2).doesNotExist();
    assertThat(otherStore).exists();
    assertThat(notTemporary).exists();
    assertThat(dirLikeTemporary).isDirectory();
    assertThat(LockedJsonFile.at(p, "test store").removeStaleTemporaryFiles()).isZero();
  }

  @Test
  void update_removesStaleTemporaryFilesFirst() throws IOException {
    Path p = tmp.resolve("store.json");
    Path stale = Files.writeString(tmp.resolve(".store.json.123.tmp"), "{");

    LockedJsonFile.at(p, "test store").update(d -> LockedJsonFile.Change.none(null));

    assertThat(stale).doesNotExist();
  }

  @Test
  void removeStaleTemporaryFiles_missingDirectory_doesNothing() {
    Path dir = tmp.resolve("not-yet");

    int deleted =
        LockedJsonFile.at(dir.resolve("store.json"), "test store").removeStaleTemporaryFiles();

    assertThat(deleted).isZero();
    assertThat(dir).doesNotExist();
  }

  @Test
  void at_directory_isRefused() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("store.json"));

    assertThatThrownBy(() -> LockedJsonFile.at(dir, "test store"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("store"));
  }

  @Test
  void at_danglingSymlink_isRefusedAndLeftAlone() throws IOException {
    Path link = Files.createSymbolicLink(tmp.resolve("store.json"), tmp.resolve("gone.json"));

    assertThatThrownBy(() -> LockedJsonFile.at(link, "test store"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("store"));
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(tmp.resolve("gone.json")).doesNotExist();
  }

  @Test
  void at_symlinkToFile_writesTheTargetAndKeepsTheLink() throws IOException {
    Path real = tmp.resolve("real.json");
    Files.writeString(real, "{\"n\":1}");
    Path link = Files.createSymbolicLink(tmp.resolve("store.json"), real);

    LockedJsonFile f = LockedJsonFile.at(link, "test store");
    f.update(d -> new LockedJsonFile.Change<>(doc("n", 2), null));

    assertThat(f.path()).isEqualTo(real.toRealPath());
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(reread(real)).contains(doc("n", 2));
    assertThat(reread(link)).contains(doc("n", 2));
  }

  @Test
  void at_fileInSymlinkedDirectory_resolvesTheDirectory() throws IOException {
    Path realDir = Files.createDirectory(tmp.resolve("real"));
    Path linkDir = Files.createSymbolicLink(tmp.resolve("link"), realDir);

    LockedJsonFile f = LockedJsonFile.at(linkDir.resolve("store.json"), "test store");

    assertThat(f.path()).isEqualTo(realDir.toRealPath().resolve("store.json"));
    assertThat(f.toString()).contains(f.path().toString());
  }

  @Test
  void update_symlinkPlantedAfterOpening_isRefusedAndTargetUntouched() throws IOException {
    Path p = tmp.resolve("store.json");
    LockedJsonFile f = LockedJsonFile.at(p, "test store");
    Path victim = Files.writeString(tmp.resolve("victim.json"), "{\"keep\":true}");
    Files.createSymbolicLink(p, victim);

    assertThatThrownBy(() -> f.update(d -> new LockedJsonFile.Change<>(doc("n", 1), null)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("store"));
    assertThat(Files.isSymbolicLink(p)).isTrue();
    assertThat(Files.readString(victim)).isEqualTo("{\"keep\":true}");
  }

  @Test
  void read_duplicateKey_isRefused() throws IOException {
    Path p = Files.writeString(tmp.resolve("store.json"), "{\"a\":1,\"a\":2}");

    assertThatThrownBy(() -> reread(p))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("store"));
  }

  @Test
  void read_trailingContent_isRefused() throws IOException {
    Path p = Files.writeString(tmp.resolve("store.json"), "{\"a\":1} {\"b\":2}");

    assertThatThrownBy(() -> reread(p))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("store"));
  }

  @Test
  void read_syntaxError_namesTheLineButNotTheContent() throws IOException {
    Path p =
        Files.writeString(
            tmp.resolve("store.json"), "{\n\"a\": 1,\n\"secret\": JBSWY3DPEHPK3PXP\n}");

    assertThatThrownBy(() -> reread(p))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("store");
              assertThat(e.getMessage()).contains("line 3").doesNotContain("JBSWY3DPEHPK3PXP");
            });
  }

  @Test
  void read_emptyFile_isRefusedAsEmpty() throws IOException {
    Path p = Files.writeString(tmp.resolve("store.json"), "");

    assertThatThrownBy(() -> reread(p))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("store");
              assertThat(e.reason()).contains("empty");
            });
  }

  @Test
  void read_topLevelNotAnObject_isRefused() throws IOException {
    for (String content : List.of("[1,2]", "null", "42", "\"text\"")) {
      Path p = Files.writeString(tmp.resolve("store.json"), content, UTF_8);

      assertThatThrownBy(() -> reread(p))
          .as(content)
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e -> {
                assertThat(e.field()).isEqualTo("store");
                assertThat(e.reason()).contains("object");
              });
    }
  }

  @Test
  void update_invalidFile_writesNothing() throws IOException {
    Path p = Files.writeString(tmp.resolve("store.json"), "[1]");

    assertThatThrownBy(
            () ->
                LockedJsonFile.at(p, "test store")
                    .update(d -> new LockedJsonFile.Change<>(doc("n", 1), null)))
        .isInstanceOf(InvalidInputException.class);
    assertThat(Files.readString(p)).isEqualTo("[1]");
  }
}
