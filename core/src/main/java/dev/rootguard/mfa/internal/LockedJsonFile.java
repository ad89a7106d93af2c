package dev.rootguard.mfa.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One JSON document in one file, safe to share between threads and processes on one host: the one
 * home for the JSON file stores' locking and atomic writes.
 *
 * <ul>
 *   <li>Every {@link #update} holds an exclusive OS lock on a sidecar {@code <file>.lock} (and a
 *       JVM-wide lock for the same path, since the OS lock is per process), re-reads the file under
 *       the lock, applies the change and writes the result atomically: a temporary file in the same
 *       directory, fsync, {@code ATOMIC_MOVE} over the old file, fsync of the directory. There is
 *       no non-atomic fallback: a file system without atomic rename fails the update.
 *   <li>{@link #read} needs no lock: a reader sees the old file or the new one, never half of one.
 *   <li>Temporary files left by a killed writer are deleted by the next update or {@link
 *       #removeStaleTemporaryFiles()} (under the lock, every temporary file is stale).
 *   <li>The directory is created {@code rwx------} and files {@code rw-------} where POSIX
 *       permissions exist. A symlinked store path is followed (the link's target is written); a
 *       link whose target does not exist is refused, never replaced.
 *   <li>Reading is strict: duplicate keys and trailing content fail with {@link
 *       InvalidInputException}.
 * </ul>
 *
 * <pre>{@code
 * LockedJsonFile f = LockedJsonFile.at(Path.of("tokens.json"), "token store");
 * int added = f.update(doc -> new LockedJsonFile.Change<>(next(doc), 1));
 * }</pre>
 *
 * <p>Thread-safe; share one instance per file (several instances of one file are also safe).
 */
public final class LockedJsonFile {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR_MODE =
      PosixFilePermissions.fromString("rwx------");

  /**
   * In-process locks by real path. The OS lock is held per process, so threads of one JVM must also
   * exclude each other; this map is the one JVM-wide registry that requires.
   */
  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private final String what;

  /**
   * The outcome of a change: the new document to write, or none to leave the file as it is.
   *
   * @param write the new document, or null to write nothing
   * @param result what {@link #update} returns
   * @param <T> the result type
   */
  public record Change<T>(ObjectNode write, T result) {
    /**
     * Returns a change that writes nothing.
     *
     * @param result the result
     * @param <T> the result type
     * @return the change
     */
    public static <T> Change<T> none(T result) {
      return new Change<>(null, result);
    }
  }

  private LockedJsonFile(Path file, String what) {
    this.file = file;
    this.what = what;
  }

  /**
   * Opens a file (which need not exist yet).
   *
   * @param path the path; a symlink is followed
   * @param what a short name for messages, e.g. {@code "token store"}
   * @return the file
   * @throws InvalidInputException with field {@code store} if the path is a dangling symlink or a
   *     directory
   */
  public static LockedJsonFile at(Path path, String what) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(what, "what");
    Path p = path.toAbsolutePath().normalize();
    if (Files.isSymbolicLink(p)) {
      try {
        p = p.toRealPath();
      } catch (IOException e) {
        throw new InvalidInputException(
            "store", p + " is a symbolic link whose target does not exist; refusing to replace it");
      }
    } else if (Files.exists(p.getParent() == null ? p : p.getParent())) {
      try {
        p = p.getParent().toRealPath().resolve(p.getFileName());
      } catch (IOException e) {
        // keep the normalized path
      }
    }
    if (Files.isDirectory(p)) {
      throw new InvalidInputException("store", p + " is a directory, not a " + what + " file");
    }
    return new LockedJsonFile(p, what);
  }

  /**
   * Returns the file written (after following symlinks).
   *
   * @return the path
   */
  public Path path() {
    return file;
  }

  /**
   * Reads the document without locking.
   *
   * @param reader turns the document (empty if the file does not exist) into a value
   * @param <T> the value type
   * @return the value
   * @throws InvalidInputException with field {@code store} if the file is not a JSON object
   * @throws StoreException if the file cannot be read
   */
  public <T> T read(Function<Optional<ObjectNode>, T> reader) {
    return reader.apply(load());
  }

  /**
   * Returns the file's identity and modification time, to tell whether it changed since a read.
   *
   * @return an opaque stamp, or empty if the file does not exist
   * @throws StoreException if the file cannot be inspected
   */
  public Optional<String> stamp() {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      // Every write renames a new file into place, so the file key (device and inode) changes;
      // the full-precision modification time and the size guard against a reused inode.
      return Optional.of(
          a.fileKey() + "/" + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "/" + a.size());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException(what + ".stamp", "cannot inspect " + file + ": " + e, e);
    }
  }

  /**
   * Changes the document under the locks: re-reads it, applies {@code change}, and writes the
   * result atomically if the change asks for a write. If the change throws, nothing is written.
   *
   * @param change from the current document (empty if none) to the change
   * @param <T> the result type
   * @return the change's result
   * @throws StoreException if the file cannot be locked, read or written (then it is unchanged)
   */
  public <T> T update(Function<Optional<ObjectNode>, Change<T>> change) {
    Objects.requireNonNull(change, "change");
    try {
      return locked(
          true,
          dir -> {
            deleteStaleTemporaryFiles(dir);
            Change<T> c = change.apply(load());
            if (c.write() != null) {
              write(dir, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(c.write()));
            }
            return c.result();
          });
    } catch (IOException e) {
      throw new StoreException(what + ".write", "cannot update " + file + ": " + e, e);
    }
  }

  /**
   * Deletes temporary files a killed writer left behind, under the locks (so never the temporary
   * file of a write in progress). Does nothing if the directory does not exist yet.
   *
   * @return how many files were deleted
   * @throws StoreException if the directory cannot be locked or listed
   */
  public int removeStaleTemporaryFiles() {
    if (!Files.isDirectory(file.getParent())) {
      return 0;
    }
    try {
      return locked(false, this::deleteStaleTemporaryFiles);
    } catch (IOException e) {
      throw new StoreException(what + ".cleanup", "cannot clean up next to " + file + ": " + e, e);
    }
  }

  /** An action run under both locks, given the directory. */
  private interface Locked<T> {
    T run(Path dir) throws IOException;
  }

  private <T> T locked(boolean createDirectory, Locked<T> action) throws IOException {
    ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(file, k -> new ReentrantLock());
    jvm.lock();
    try {
      Path dir = file.getParent();
      if (createDirectory) {
        createDirectory(dir);
      }
      Path lockFile = dir.resolve(file.getFileName() + ".lock");
      try (FileChannel lockChannel =
              FileChannel.open(
                  lockFile,
                  Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                  fileAttributes(dir));
          FileLock held = lockChannel.lock()) {
        if (Files.isSymbolicLink(file)) {
          // It was resolved when opened; a link planted since must not be replaced by the rename.
          throw new InvalidInputException(
              "store",
              file + " became a symbolic link after it was opened; refusing to replace it");
        }
        return action.run(dir);
      }
    } finally {
      jvm.unlock();
    }
  }

  private Optional<ObjectNode> load() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException(what + ".read", "cannot read " + file + ": " + e, e);
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      // The parser's message may quote content (secrets); name only the position.
      String where =
          e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                  && jpe.getLocation() != null
              ? " at line " + jpe.getLocation().getLineNr()
              : "";
      throw new InvalidInputException(
          "store", file + " is not valid JSON" + where + " (" + e.getClass().getSimpleName() + ")");
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidInputException("store", file + " is empty");
    }
    if (!(root instanceof ObjectNode o)) {
      throw new InvalidInputException("store", file + ": the top level must be a JSON object");
    }
    return Optional.of(o);
  }

  private void write(Path dir, byte[] bytes) throws IOException {
    Path tmp =
        Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", fileAttributes(dir));
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      } catch (IOException | UnsupportedOperationException e) {
        // Not every file system opens directories; the rename is atomic all the same.
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private int deleteStaleTemporaryFiles(Path dir) throws IOException {
    String glob = "." + file.getFileName() + ".*.tmp";
    int deleted = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
      for (Path p : ds) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(p)) {
          deleted++;
        }
      }
    }
    return deleted;
  }

  private static void createDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && posix(existing)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
    } else {
      Files.createDirectories(dir);
    }
  }

  private static FileAttribute<?>[] fileAttributes(Path dir) throws IOException {
    return posix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
        : new FileAttribute<?>[0];
  }

  private static boolean posix(Path existing) throws IOException {
    return Files.getFileStore(existing).supportsFileAttributeView("posix");
  }

  @Override
  public String toString() {
    return "LockedJsonFile[" + file + "]";
  }
}
