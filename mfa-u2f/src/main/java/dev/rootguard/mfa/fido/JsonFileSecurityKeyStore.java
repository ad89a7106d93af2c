package dev.rootguard.mfa.fido;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.mfa.fido.internal.StoreJson;
import dev.rootguard.mfa.internal.LockedJsonFile;
import dev.rootguard.mfa.internal.LockedJsonFile.Change;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link SecurityKeyStore} kept in one JSON file, for small deployments and CLIs, safe to share
 * between threads and between processes on one host.
 *
 * <p>Every change is one locked read-modify-write: it takes an OS lock on a sidecar {@code
 * <file>.lock}, re-reads the file under the lock, decides, and writes the new content atomically
 * (temporary file, {@code fsync}, atomic rename, {@code fsync} of the directory). So a user handle
 * is assigned once even when two processes register the same principal at once, {@link #add} never
 * replaces a credential another process added, and {@link #updateSignatureCount} compares against
 * the counter in the file, not a copy in memory: of two processes racing with the same expected
 * counter, exactly one wins. A crash leaves the old file or the new one, never a torn one; leftover
 * temporary files are removed by the next change. A failed write throws {@link
 * SecurityKeyStoreException} and leaves the file, and what this instance reads, as they were.
 *
 * <p>Reads take no lock: they see the last complete write, and are served from memory while the
 * file's identity, size and modification time are unchanged.
 *
 * <p>Reading is strict. {@link #open} fails with {@link InvalidInputException} naming the member
 * (such as {@code credentials[2].signatureCount}) when a member has the wrong type or is missing or
 * unknown, two credentials share an id, two principals share a user handle, or the format version
 * is not 1; nothing is coerced or skipped. If the file becomes invalid later (edited by hand),
 * every operation throws {@link SecurityKeyStoreException} with that {@link InvalidInputException}
 * as its cause, and nothing is written over it.
 *
 * <p>The file holds public keys, credential ids, user handles and counters: no secrets. It is not
 * sealed (encrypted), unlike the stores of TOTP secrets and token seeds; it is created {@code
 * rw-------} in a directory created {@code rwx------}, since who may edit it decides whose keys are
 * accepted.
 *
 * <pre>{@code
 * SecurityKeyStore store = JsonFileSecurityKeyStore.open(Path.of("/var/lib/app/keys.json"));
 * SecurityKeyVerifier keys = SecurityKeyVerifier.builder("example.com", "Example")
 *     .credentialStore(store)
 *     .build();
 * }</pre>
 *
 * <p>Each sign-in rewrites the file (the signature counter), so this store suits hundreds of
 * credentials, not millions. The lock is an OS file lock: it coordinates processes on one host, not
 * hosts sharing a network file system; several servers share a database store instead.
 *
 * <p>Thread-safe; share one instance (or open one per process: they coordinate through the file).
 *
 * @since 0.1.0
 */
public final class JsonFileSecurityKeyStore implements SecurityKeyStore {
  private static final int HANDLE_ATTEMPTS = 3;

  /** A document read, and the file's stamp taken before reading it. */
  private record Snapshot(Optional<String> stamp, StoreJson.Document document) {}

  private final LockedJsonFile file;
  private volatile Snapshot snapshot;

  private JsonFileSecurityKeyStore(LockedJsonFile file, Snapshot initial) {
    this.file = file;
    this.snapshot = initial;
  }

  /**
   * Opens the store in a file, creating an empty store if the file does not exist (the file itself
   * is written with the first change). A symbolic link is followed.
   *
   * @param file the JSON file
   * @return the store
   * @throws InvalidInputException if the file exists but is not a valid store, naming the member
   *     (or field {@code store} if it is not JSON, or the path is a directory or a dangling link)
   * @throws SecurityKeyStoreException if the file cannot be read
   */
  public static JsonFileSecurityKeyStore open(Path file) {
    Objects.requireNonNull(file, "file");
    LockedJsonFile f = LockedJsonFile.at(file, "security key store");
    try {
      Optional<String> stamp = f.stamp();
      StoreJson.Document d = f.read(StoreJson::read);
      return new JsonFileSecurityKeyStore(f, new Snapshot(stamp, d));
    } catch (SecurityKeyStoreException e) {
      throw e;
    } catch (StoreException e) {
      throw new SecurityKeyStoreException(
          "security_keys.open", "cannot read the credential store " + f.path(), e);
    }
  }

  /**
   * Returns the file this store writes (after following symbolic links).
   *
   * @return the absolute path
   */
  public Path file() {
    return file.path();
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidInputException if the credential could not be read back (an id, public key or
   *     user handle that is not base64url), naming the member as {@code credential.<member>};
   *     nothing is written then
   */
  @Override
  public boolean add(SecurityKeyCredential credential) {
    Objects.requireNonNull(credential, "credential");
    StoreJson.check(credential);
    return change(
        "add",
        d ->
            d.credentials().containsKey(credential.id())
                ? Change.none(false)
                : write(d.with(credential), true));
  }

  @Override
  public Optional<SecurityKeyCredential> find(CredentialId id) {
    Objects.requireNonNull(id, "id");
    return Optional.ofNullable(current("find").credentials().get(id));
  }

  @Override
  public List<SecurityKeyCredential> findByPrincipal(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    return current("findByPrincipal").credentials().values().stream()
        .filter(c -> c.principal().equals(principal))
        .sorted(Comparator.comparing(SecurityKeyCredential::registeredAt))
        .toList();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code ifAbsent} makes a handle that is not non-empty
   *     base64url; nothing is written then
   */
  @Override
  public String userHandle(Principal principal, Supplier<String> ifAbsent) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(ifAbsent, "ifAbsent");
    String known = current("userHandle").userHandles().get(principal);
    if (known != null) {
      return known;
    }
    return change(
        "userHandle",
        d -> {
          String h = d.userHandles().get(principal);
          if (h != null) {
            return Change.none(h); // another thread or process assigned it meanwhile
          }
          for (int i = 0; i < HANDLE_ATTEMPTS; i++) {
            String created = Objects.requireNonNull(ifAbsent.get(), "ifAbsent.get()");
            try {
              StoreJson.checkHandle(created, "ifAbsent.get()");
            } catch (InvalidInputException e) {
              throw new IllegalArgumentException(e.getMessage(), e); // not the file's fault
            }
            if (!d.userHandles().containsValue(created)) {
              return write(d.withHandle(principal, created), created);
            }
          }
          throw new SecurityKeyStoreException(
              "security_keys.userHandle",
              "the handle supplier returned handles other principals own, "
                  + HANDLE_ATTEMPTS
                  + " times",
              null);
        });
  }

  @Override
  public Optional<Principal> findPrincipalByUserHandle(String userHandle) {
    Objects.requireNonNull(userHandle, "userHandle");
    return current("findPrincipalByUserHandle").userHandles().entrySet().stream()
        .filter(e -> e.getValue().equals(userHandle))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  @Override
  public boolean updateSignatureCount(CredentialId id, long expected, long next) {
    Objects.requireNonNull(id, "id");
    return change(
        "updateSignatureCount",
        d -> {
          SecurityKeyCredential c = d.credentials().get(id);
          if (c == null || c.signatureCount() != expected) {
            return Change.none(false);
          }
          return write(d.with(c.withSignatureCount(next)), true);
        });
  }

  @Override
  public boolean remove(CredentialId id) {
    Objects.requireNonNull(id, "id");
    return change(
        "remove",
        d -> d.credentials().containsKey(id) ? write(d.without(id), true) : Change.none(false));
  }

  private static <T> Change<T> write(StoreJson.Document d, T result) {
    return new Change<>(StoreJson.write(d), result);
  }

  /** One locked read-modify-write of the file; on success the next read re-reads the file. */
  private <T> T change(
      String operation, java.util.function.Function<StoreJson.Document, Change<T>> body) {
    try {
      T result = file.update(root -> body.apply(StoreJson.read(root)));
      snapshot = null;
      return result;
    } catch (SecurityKeyStoreException e) {
      throw e;
    } catch (StoreException e) {
      throw new SecurityKeyStoreException(
          "security_keys." + operation, "cannot update the credential store " + file.path(), e);
    } catch (InvalidInputException e) {
      throw invalid(operation, e);
    }
  }

  /** The document as of now: from memory while the file's stamp is unchanged. */
  private StoreJson.Document current(String operation) {
    try {
      Optional<String> stamp = file.stamp();
      Snapshot s = snapshot;
      if (s != null && s.stamp().equals(stamp)) {
        return s.document();
      }
      // The stamp is taken before the read: a write in between only makes the next read re-read.
      StoreJson.Document d = file.read(StoreJson::read);
      snapshot = new Snapshot(stamp, d);
      return d;
    } catch (SecurityKeyStoreException e) {
      throw e;
    } catch (StoreException e) {
      throw new SecurityKeyStoreException(
          "security_keys." + operation, "cannot read the credential store " + file.path(), e);
    } catch (InvalidInputException e) {
      throw invalid(operation, e);
    }
  }

  private SecurityKeyStoreException invalid(String operation, InvalidInputException e) {
    return new SecurityKeyStoreException(
        "security_keys." + operation,
        file.path() + " is no longer a valid credential store (" + e.getMessage() + ")",
        e);
  }

  @Override
  public String toString() {
    Snapshot s = snapshot;
    return "JsonFileSecurityKeyStore["
        + file.path()
        + (s == null ? "" : ", " + s.document().credentials().size() + " credentials")
        + "]";
  }
}
