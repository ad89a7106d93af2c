package dev.rootguard.seal;

import dev.rootguard.InvalidInputException;
import dev.rootguard.RootGuardException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A {@link SecretSealer} with AES-256-GCM keys kept in a local key file (by default {@code
 * ~/.rootguard/seal.key}), created {@code rw-------} (600) in a {@code rwx------} (700) directory
 * on first use. The file lists every key by id and names the current one; {@link #rotate()} adds a
 * new current key and keeps the old ones, so values sealed before still open ({@code rootguard
 * store reseal} then rewrites them under the new key).
 *
 * <p>A key file that group or others may read is refused, as {@code ssh} refuses such a private
 * key. Each value gets a fresh random 96-bit nonce; the key id and the record's context are bound
 * as associated data.
 *
 * <pre>{@code
 * LocalKeySealer sealer = LocalKeySealer.openOrCreate(LocalKeySealer.defaultPath());
 * String sealed = sealer.seal(seed, "token:GALT12345678");
 * }</pre>
 *
 * <p>Thread-safe; share one instance. Key bytes never reach {@code toString}, logs or messages;
 * wiping them is best-effort (the JCA keeps its own copies).
 *
 * @see <a href="https://nvlpubs.nist.gov/nistpubs/Legacy/SP/nistspecialpublication800-38d.pdf">NIST
 *     SP 800-38D (GCM)</a>
 * @since 0.2.0
 */
public final class LocalKeySealer implements SecretSealer {
  static final String FORMAT = "rootguard-seal-keys/1";
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR_MODE =
      PosixFilePermissions.fromString("rwx------");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Optional<Path> file;
  private volatile Keys keys;

  /**
   * The key ring: ids in the order added, and the current id. A class, not a record: it holds the
   * keys, so it keeps identity equality and Object's {@code toString} (no generated method walks
   * over key material).
   */
  private static final class Keys {
    private final Map<String, SecretKeySpec> byId;
    private final String current;

    Keys(Map<String, SecretKeySpec> byId, String current) {
      this.byId = byId;
      this.current = current;
    }

    Map<String, SecretKeySpec> byId() {
      return byId;
    }

    String current() {
      return current;
    }
  }

  private LocalKeySealer(Optional<Path> file, Keys keys) {
    this.file = file;
    this.keys = keys;
  }

  /**
   * Returns {@code ~/.rootguard/seal.key}.
   *
   * @return the default key file
   */
  public static Path defaultPath() {
    return Path.of(System.getProperty("user.home"), ".rootguard", "seal.key");
  }

  /**
   * Opens a key file, creating it with one new key if it does not exist. Two processes creating the
   * same file at once end up with the same single key.
   *
   * @param keyFile the key file
   * @return the sealer
   * @throws InvalidInputException with field {@code sealKey} if the file is malformed or readable
   *     by group or others
   * @throws RootGuardException if the file cannot be read or created
   */
  public static LocalKeySealer openOrCreate(Path keyFile) {
    Path f = Objects.requireNonNull(keyFile, "keyFile").toAbsolutePath();
    if (Files.notExists(f, LinkOption.NOFOLLOW_LINKS)) {
      create(f);
    }
    return open(f);
  }

  /**
   * Opens an existing key file.
   *
   * @param keyFile the key file
   * @return the sealer
   * @throws InvalidInputException with field {@code sealKey} if the file is missing, malformed or
   *     readable by group or others
   */
  public static LocalKeySealer open(Path keyFile) {
    Path f = Objects.requireNonNull(keyFile, "keyFile").toAbsolutePath();
    return new LocalKeySealer(Optional.of(f), read(f));
  }

  /**
   * Returns a sealer over one key held only in memory (for tests, or keys a platform loads from its
   * own secret manager). {@link #rotate()} then adds keys in memory only.
   *
   * @param keyId the key id
   * @param key 32 bytes (copied)
   * @return the sealer
   * @throws IllegalArgumentException if the key is not 32 bytes or the id is malformed
   */
  public static LocalKeySealer ofKey(String keyId, byte[] key) {
    Envelope.requireKeyId(keyId);
    Objects.requireNonNull(key, "key");
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("key: must be 32 bytes, was " + key.length);
    }
    Map<String, SecretKeySpec> m = new LinkedHashMap<>();
    m.put(keyId, new SecretKeySpec(key, "AES"));
    return new LocalKeySealer(Optional.empty(), new Keys(m, keyId));
  }

  @Override
  public String seal(byte[] plaintext, String context) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(context, "context");
    Keys k = keys;
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, k.byId().get(k.current()), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad(k.current(), context));
      byte[] out = new byte[NONCE_BYTES + c.getOutputSize(plaintext.length)];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      c.doFinal(plaintext, 0, plaintext.length, out, NONCE_BYTES);
      return Envelope.of(k.current(), out).text();
    } catch (GeneralSecurityException e) {
      throw new SealingException(k.current(), "AES-GCM seal failed: " + e.getClass().getName(), e);
    }
  }

  @Override
  public byte[] open(String envelope, String context) {
    Objects.requireNonNull(context, "context");
    Envelope e = Envelope.parse(envelope);
    SecretKeySpec key = keys.byId().get(e.keyId());
    if (key == null) {
      throw new SealingException(
          e.keyId(), "not in " + file.map(Path::toString).orElse("this sealer") + "", null);
    }
    byte[] body = e.body();
    if (body.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new SealingException(e.keyId(), "sealed value too short", null);
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, body, 0, NONCE_BYTES));
      c.updateAAD(aad(e.keyId(), context));
      return c.doFinal(body, NONCE_BYTES, body.length - NONCE_BYTES);
    } catch (javax.crypto.AEADBadTagException bad) {
      throw new SealingException(
          e.keyId(), "cannot open: wrong key, altered value, or sealed for another record", null);
    } catch (GeneralSecurityException ex) {
      throw new SealingException(e.keyId(), "AES-GCM open failed: " + ex.getClass().getName(), ex);
    }
  }

  @Override
  public String currentKeyId() {
    return keys.current();
  }

  /**
   * Returns every key id this sealer can open, oldest first.
   *
   * @return the key ids
   */
  public List<String> keyIds() {
    return List.copyOf(keys.byId().keySet());
  }

  /**
   * Returns the key file, if this sealer has one.
   *
   * @return the path, or empty for {@link #ofKey}
   */
  public Optional<Path> file() {
    return file;
  }

  /**
   * Adds a new random key and makes it current; the old keys still open what they sealed. With a
   * key file, the file is rewritten atomically under an OS lock (another process's rotation is
   * re-read, not lost).
   *
   * @return the new key id
   * @throws RootGuardException if the key file cannot be written (then nothing changed)
   */
  public synchronized String rotate() {
    String id = newKeyId();
    byte[] raw = new byte[KEY_BYTES];
    RANDOM.nextBytes(raw);
    try {
      if (file.isEmpty()) {
        Map<String, SecretKeySpec> m = new LinkedHashMap<>(keys.byId());
        m.put(id, new SecretKeySpec(raw, "AES"));
        keys = new Keys(m, id);
        return id;
      }
      Path f = file.get();
      try (FileChannel lock = lockChannel(f);
          FileLock held = lock.lock()) {
        Keys now = read(f);
        Map<String, SecretKeySpec> m = new LinkedHashMap<>(now.byId());
        m.put(id, new SecretKeySpec(raw, "AES"));
        Keys next = new Keys(m, id);
        Path tmp = writeTemp(f, render(next));
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDir(f.getParent());
        keys = next;
        return id;
      }
    } catch (IOException e) {
      throw new RootGuardException("sealKey: cannot rotate " + file.get() + ": " + e, e);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static byte[] aad(String keyId, String context) {
    return Envelope.associatedData(keyId, context);
  }

  private static String newKeyId() {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return "lk-" + HexFormat.of().formatHex(b);
  }

  // ---- the key file ----

  private static void create(Path f) {
    byte[] raw = new byte[KEY_BYTES];
    RANDOM.nextBytes(raw);
    String id = newKeyId();
    try {
      Path dir = f.getParent();
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, dirAttrs(dir.getParent()));
      }
      Map<String, SecretKeySpec> m = new LinkedHashMap<>();
      m.put(id, new SecretKeySpec(raw, "AES"));
      Path tmp = writeTemp(f, render(new Keys(m, id)));
      try {
        // A hard link appears whole or not at all, and never replaces a file another process made.
        Files.createLink(f, tmp);
        fsyncDir(dir);
      } catch (FileAlreadyExistsException raced) {
        // another process created it first: use theirs
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new RootGuardException("sealKey: cannot create " + f + ": " + e, e);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static Keys read(Path f) {
    if (!Files.isRegularFile(f)) {
      throw new InvalidInputException("sealKey", "no key file at " + f);
    }
    List<String> lines;
    try {
      if (Files.getFileStore(f).supportsFileAttributeView("posix")) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
        for (PosixFilePermission p : perms) {
          if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
            throw new InvalidInputException(
                "sealKey",
                f
                    + " is accessible by group or others (mode "
                    + PosixFilePermissions.toString(perms)
                    + "); run chmod 600");
          }
        }
      }
      lines = Files.readAllLines(f, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new RootGuardException("sealKey: cannot read " + f + ": " + e, e);
    }
    if (lines.isEmpty() || !FORMAT.equals(lines.get(0))) {
      throw new InvalidInputException("sealKey", f + " is not a " + FORMAT + " file");
    }
    Map<String, SecretKeySpec> m = new LinkedHashMap<>();
    String current = null;
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(" ");
      String at = "sealKey line " + (i + 1);
      if (parts.length == 2 && parts[0].equals("current")) {
        current = parts[1];
      } else if (parts.length == 3 && parts[0].equals("key")) {
        try {
          Envelope.requireKeyId(parts[1]);
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException("sealKey", at + ": malformed key id");
        }
        byte[] raw;
        try {
          raw = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException("sealKey", at + ": key is not base64");
        }
        if (raw.length != KEY_BYTES) {
          throw new InvalidInputException("sealKey", at + ": key must be 32 bytes");
        }
        if (m.put(parts[1], new SecretKeySpec(raw, "AES")) != null) {
          throw new InvalidInputException("sealKey", at + ": duplicate key id " + parts[1]);
        }
        Arrays.fill(raw, (byte) 0);
      } else {
        throw new InvalidInputException(
            "sealKey", at + ": expected 'key <id> <base64>' or 'current <id>'");
      }
    }
    if (current == null || !m.containsKey(current)) {
      throw new InvalidInputException("sealKey", f + ": no 'current' line naming a listed key");
    }
    return new Keys(m, current);
  }

  private static String render(Keys k) {
    StringBuilder sb = new StringBuilder(FORMAT).append('\n');
    sb.append("# RootGuard seal keys. Secret: keep this file mode 600 and back it up.\n");
    for (Map.Entry<String, SecretKeySpec> e : k.byId().entrySet()) {
      byte[] raw = e.getValue().getEncoded();
      sb.append("key ").append(e.getKey()).append(' ');
      sb.append(Base64.getEncoder().encodeToString(raw)).append('\n');
      Arrays.fill(raw, (byte) 0);
    }
    sb.append("current ").append(k.current()).append('\n');
    return sb.toString();
  }

  private static Path writeTemp(Path f, String content) throws IOException {
    Path dir = f.getParent();
    Path tmp = Files.createTempFile(dir, "." + f.getFileName() + ".", ".tmp", fileAttrs(dir));
    byte[] bytes = content.getBytes(StandardCharsets.US_ASCII);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    return tmp;
  }

  private static FileChannel lockChannel(Path f) throws IOException {
    Path lock = f.resolveSibling(f.getFileName() + ".lock");
    List<StandardOpenOption> opts =
        new ArrayList<>(List.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE));
    return FileChannel.open(lock, Set.copyOf(opts), fileAttrs(f.getParent()));
  }

  private static void fsyncDir(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some file systems cannot open a directory for fsync; the rename itself is still atomic.
    }
  }

  private static FileAttribute<?>[] fileAttrs(Path dir) throws IOException {
    return posix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
        : new FileAttribute<?>[0];
  }

  private static FileAttribute<?>[] dirAttrs(Path existingParent) throws IOException {
    Path p = existingParent;
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p != null && posix(p)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIR_MODE)}
        : new FileAttribute<?>[0];
  }

  private static boolean posix(Path existing) throws IOException {
    return Files.getFileStore(existing).supportsFileAttributeView("posix");
  }

  @Override
  public String toString() {
    return "LocalKeySealer["
        + file.map(Path::toString).orElse("in memory")
        + ", current="
        + keys.current()
        + ", keys="
        + keys.byId().size()
        + "]";
  }
}
