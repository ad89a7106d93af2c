package dev.rootguard.mfa.fido;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.internal.StoreJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link SecurityKeyStore} kept in one JSON file, for small deployments and CLIs. Every change
 * rewrites the file atomically: the new content goes to a temporary file in the same directory, is
 * flushed to disk ({@code fsync}), and then replaces the old file with an atomic move. A crash at
 * any point leaves either the old or the new file, never a torn one, and never loses a credential.
 * A failed write throws {@link SecurityKeyStoreException} and leaves the store (file and memory) as
 * it was.
 *
 * <pre>{@code
 * SecurityKeyStore store = JsonFileSecurityKeyStore.open(Path.of("keys.json"));
 * }</pre>
 *
 * <p>One store instance must own the file; two processes writing the same file are not coordinated.
 * Each sign-in rewrites the file (the signature counter), so this store suits hundreds of
 * credentials, not millions.
 *
 * <p>Thread-safe; share one instance. Reads are lock-free; writes are serialized.
 *
 * @since 0.1.0
 */
public final class JsonFileSecurityKeyStore implements SecurityKeyStore {
  /** Replaces the target with the source atomically; a seam for crash tests. */
  @FunctionalInterface
  interface Mover {
    void move(Path source, Path target) throws IOException;
  }

  private final Path file;
  private final Mover mover;
  private volatile StoreJson.Document state;

  private JsonFileSecurityKeyStore(Path file, Mover mover, StoreJson.Document initial) {
    this.file = file;
    this.mover = mover;
    this.state = initial;
  }

  /**
   * Opens the store in a file, creating an empty store if the file does not exist (the file itself
   * is written with the first change).
   *
   * @param file the JSON file
   * @return the store
   * @throws InvalidInputException if the file exists but is not a valid store (field {@code file})
   * @throws SecurityKeyStoreException if the file cannot be read
   */
  public static JsonFileSecurityKeyStore open(Path file) {
    return open(
        file,
        (s, t) ->
            Files.move(s, t, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING));
  }

  static JsonFileSecurityKeyStore open(Path file, Mover mover) {
    Objects.requireNonNull(file, "file");
    Path abs = file.toAbsolutePath();
    StoreJson.Document doc;
    try {
      doc = StoreJson.read(Files.readAllBytes(abs));
    } catch (NoSuchFileException e) {
      doc = new StoreJson.Document(Map.of(), Map.of());
    } catch (IOException e) {
      throw new SecurityKeyStoreException("cannot read the credential store " + abs, e);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "file", "not a RootGuard credential store (" + abs + "): " + e.getMessage());
    }
    return new JsonFileSecurityKeyStore(abs, mover, doc);
  }

  /**
   * Returns the file this store writes.
   *
   * @return the absolute path
   */
  public Path file() {
    return file;
  }

  @Override
  public synchronized boolean add(SecurityKeyCredential credential) {
    Objects.requireNonNull(credential, "credential");
    StoreJson.Document s = state;
    if (s.credentials().containsKey(credential.id())) {
      return false;
    }
    Map<CredentialId, SecurityKeyCredential> creds = new LinkedHashMap<>(s.credentials());
    creds.put(credential.id(), credential);
    commit(new StoreJson.Document(creds, s.userHandles()));
    return true;
  }

  @Override
  public Optional<SecurityKeyCredential> find(CredentialId id) {
    return Optional.ofNullable(state.credentials().get(Objects.requireNonNull(id, "id")));
  }

  @Override
  public List<SecurityKeyCredential> findByPrincipal(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    return state.credentials().values().stream()
        .filter(c -> c.principal().equals(principal))
        .sorted(Comparator.comparing(SecurityKeyCredential::registeredAt))
        .toList();
  }

  @Override
  public String userHandle(Principal principal, Supplier<String> ifAbsent) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(ifAbsent, "ifAbsent");
    String h = state.userHandles().get(principal);
    if (h != null) {
      return h;
    }
    synchronized (this) {
      StoreJson.Document s = state;
      h = s.userHandles().get(principal);
      if (h != null) {
        return h;
      }
      String created = Objects.requireNonNull(ifAbsent.get(), "ifAbsent.get()");
      Map<Principal, String> handles = new LinkedHashMap<>(s.userHandles());
      handles.put(principal, created);
      commit(new StoreJson.Document(s.credentials(), handles));
      return created;
    }
  }

  @Override
  public Optional<Principal> findPrincipalByUserHandle(String userHandle) {
    Objects.requireNonNull(userHandle, "userHandle");
    return state.userHandles().entrySet().stream()
        .filter(e -> e.getValue().equals(userHandle))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  @Override
  public synchronized boolean updateSignatureCount(CredentialId id, long expected, long next) {
    Objects.requireNonNull(id, "id");
    StoreJson.Document s = state;
    SecurityKeyCredential c = s.credentials().get(id);
    if (c == null || c.signatureCount() != expected) {
      return false;
    }
    Map<CredentialId, SecurityKeyCredential> creds = new LinkedHashMap<>(s.credentials());
    creds.put(id, c.withSignatureCount(next));
    commit(new StoreJson.Document(creds, s.userHandles()));
    return true;
  }

  @Override
  public synchronized boolean remove(CredentialId id) {
    Objects.requireNonNull(id, "id");
    StoreJson.Document s = state;
    if (!s.credentials().containsKey(id)) {
      return false;
    }
    Map<CredentialId, SecurityKeyCredential> creds = new LinkedHashMap<>(s.credentials());
    creds.remove(id);
    commit(new StoreJson.Document(creds, s.userHandles()));
    return true;
  }

  /** Writes the new state to disk atomically, then publishes it in memory. Holds the lock. */
  private void commit(StoreJson.Document next) {
    byte[] bytes = StoreJson.write(next);
    Path dir = file.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      mover.move(tmp, file);
      tmp = null;
      syncDirectory(dir);
    } catch (IOException e) {
      throw new SecurityKeyStoreException("cannot write the credential store " + file, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the temporary file is garbage either way; the store file is intact
        }
      }
    }
    state = next;
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some platforms cannot open directories; the rename itself is still atomic
    }
  }

  @Override
  public String toString() {
    return "JsonFileSecurityKeyStore[" + file + ", " + state.credentials().size() + " credentials]";
  }
}
