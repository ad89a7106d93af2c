package dev.rootguard.mfa.hardware;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.mfa.hardware.internal.TokenFile;
import dev.rootguard.mfa.hardware.internal.TokenFile.Document;
import dev.rootguard.mfa.hardware.internal.TokenFile.Entry;
import dev.rootguard.mfa.internal.LockedJsonFile;
import dev.rootguard.seal.SealingException;
import dev.rootguard.seal.SecretSealer;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TokenStore} and {@link YubicoKeyStore} kept in one JSON file that several processes on
 * one host may share: the CLI, a service and a cron job can use the same file at once.
 *
 * <ul>
 *   <li><b>Atomic across processes.</b> Every change (add, {@link #addAll}, {@link #compareAndSet},
 *       remove, assign, disable, the Yubico operations, {@link #reseal}) is one locked step: it
 *       takes an OS lock on a sidecar {@code <file>.lock}, re-reads the file, checks the version
 *       found <em>there</em>, and writes the whole document once, atomically (temporary file,
 *       fsync, {@code ATOMIC_MOVE}, fsync of the directory). So of 20 processes submitting one
 *       code, exactly one is accepted, and a disable is never undone by a concurrent import.
 *   <li><b>Sealed at rest.</b> Seeds and the Yubico keys' private ids and AES keys are sealed with
 *       the {@link SecretSealer} (AES-256-GCM for {@link dev.rootguard.seal.LocalKeySealer}), the
 *       record's identity ({@code token:<serial>}, {@code yubico:<publicId>}) bound as associated
 *       data. Files of the legacy format {@code rootguard-tokens/1} (plain Base64/hex) still open
 *       and are sealed, whole, on their next write. Reading opens one sealed value per key id at
 *       once, so a wrong or missing seal key fails {@link #open} (and any change) with a {@link
 *       SealingException} naming the key id, and nothing is written; every other seed is opened
 *       when first used, and one altered or moved to another record fails then.
 *   <li><b>Strict.</b> A wrong JSON type, a missing or unknown field, a duplicate serial or an
 *       unknown format version is an {@link InvalidInputException} naming the JSON path (such as
 *       {@code tokens[3].state.disabled}), and the file is never rewritten from a document that did
 *       not read cleanly.
 *   <li><b>Fail closed.</b> If a write fails (I/O, sealing), the file and this object are unchanged
 *       and the call throws ({@link StoreException}, {@link SealingException}); nothing is retried
 *       or saved later.
 *   <li><b>Files.</b> The directory is created {@code rwx------} and the file {@code rw-------}
 *       where POSIX permissions exist; a symlinked path is followed (a dangling link is refused,
 *       never replaced); temporary files a killed writer left are removed when the store opens and
 *       on every write.
 * </ul>
 *
 * <p>Reads use a copy of the document that is re-read when the file's identity, time or size
 * changes; {@link #compareAndSet} never trusts it, so a stale read costs a retry, never a double
 * acceptance. Every change rewrites the whole file, so batch imports with {@link #addAll}: 10,000
 * tokens are one write.
 *
 * <pre>{@code
 * SecretSealer sealer = LocalKeySealer.openOrCreate(LocalKeySealer.defaultPath());
 * JsonFileTokenStore store = JsonFileTokenStore.open(Path.of("/var/lib/rootguard/tokens.json"), sealer);
 * store.addAll(Pskc.read(in, key).requireComplete(), Principal.of("alice"));  // one atomic write
 * }</pre>
 *
 * <p>Thread-safe; share one instance. Several instances and processes on one file are safe too.
 *
 * @since 0.1.0
 */
public final class JsonFileTokenStore implements TokenStore, YubicoKeyStore {
  private static final Logger LOG = LoggerFactory.getLogger(JsonFileTokenStore.class);

  private final LockedJsonFile file;
  private final SecretSealer sealer;

  /** The last document read, with the stamp of the file it came from; null when unknown. */
  private volatile Snapshot cache;

  /**
   * The last document read or written: its opened secrets are reused for envelopes that did not
   * change, so a re-read does not open every secret again. Never used to answer a read.
   */
  private volatile Document known = Document.EMPTY;

  private record Snapshot(Optional<String> stamp, Document document) {}

  private JsonFileTokenStore(LockedJsonFile file, SecretSealer sealer) {
    this.file = file;
    this.sealer = sealer;
  }

  /**
   * Opens a store file, or starts an empty one if it does not exist yet (the file and its directory
   * are created on the first change). The file is read and every sealed secret opened now, so a
   * broken file or a wrong key fails here (one sealed value per key id is opened now, the others
   * when first used); stale temporary files are removed.
   *
   * @param file the file; a symlink is followed
   * @param sealer seals and opens the secrets
   * @return the store
   * @throws InvalidInputException naming the field (a JSON path) if the file is not a token store,
   *     or with field {@code store} if the path is a directory or a dangling symlink
   * @throws SealingException naming the key id if a secret does not open with {@code sealer}
   * @throws StoreException if the file cannot be read
   * @since 0.2.0
   */
  public static JsonFileTokenStore open(Path file, SecretSealer sealer) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sealer, "sealer");
    JsonFileTokenStore s = new JsonFileTokenStore(LockedJsonFile.at(file, "token store"), sealer);
    try {
      int removed = s.file.removeStaleTemporaryFiles();
      if (removed > 0) {
        LOG.debug("token store {}: removed {} stale temporary file(s)", s.file.path(), removed);
      }
    } catch (StoreException e) {
      // A read-only location can still be read; the next write cleans up or fails itself.
      LOG.debug("token store {}: no clean-up ({})", s.file.path(), e.getMessage());
    }
    s.snapshot();
    return s;
  }

  /**
   * Returns the file (after following symlinks).
   *
   * @return the path
   */
  public Path file() {
    return file.path();
  }

  // ---- TokenStore ----

  @Override
  public void add(HardwareToken token) {
    Objects.requireNonNull(token, "token");
    addAll(List.of(token));
  }

  @Override
  public void addAll(Collection<HardwareToken> tokens) {
    addTokens(tokens, Optional.empty());
  }

  /**
   * Adds several tokens, each assigned to {@code owner}, in one atomic write: all or nothing.
   *
   * @param tokens the tokens
   * @param owner the principal every token is assigned to
   * @throws InvalidInputException with field {@code serial} naming the first duplicate
   * @since 0.2.0
   */
  @Override
  public void addAll(Collection<HardwareToken> tokens, Principal owner) {
    addTokens(tokens, Optional.of(Objects.requireNonNull(owner, "owner")));
  }

  private void addTokens(Collection<HardwareToken> tokens, Optional<Principal> owner) {
    Map<String, HardwareToken> batch = TokenStore.checkedBatch(tokens);
    if (batch.isEmpty()) {
      return;
    }
    mutate(
        m -> {
          for (String serial : batch.keySet()) {
            if (m.tokens.containsKey(serial)) {
              throw new InvalidInputException("serial", serial + " is already registered");
            }
          }
          for (HardwareToken t : batch.values()) {
            TokenState initial =
                TokenState.of(owner, false, t.timeDrift(), OptionalLong.empty(), 0);
            m.tokens.put(t.serial(), new Entry<>(t, null, initial));
          }
          m.changed = true;
          return null;
        });
  }

  @Override
  public Optional<HardwareToken> token(String serial) {
    Objects.requireNonNull(serial, "serial");
    return Optional.ofNullable(snapshot().token(serial)).map(Entry::secret);
  }

  @Override
  public Optional<TokenState> state(String serial) {
    Objects.requireNonNull(serial, "serial");
    return Optional.ofNullable(snapshot().token(serial)).map(Entry::state);
  }

  @Override
  public boolean compareAndSet(String serial, TokenState expected, TokenState updated) {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(updated, "updated");
    return mutate(m -> m.compareAndSet(m.tokens, serial, expected, updated));
  }

  @Override
  public TokenState update(String serial, UnaryOperator<TokenState> change) {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(change, "change");
    return mutate(m -> m.update(m.tokens, serial, change, "serial", "no token "));
  }

  @Override
  public boolean remove(String serial) {
    Objects.requireNonNull(serial, "serial");
    return mutate(m -> m.changed = m.tokens.remove(serial) != null);
  }

  @Override
  public List<String> serials() {
    return snapshot().serials();
  }

  // ---- YubicoKeyStore ----

  @Override
  public void addYubicoKey(YubicoKey key) {
    addYubico(key, Optional.empty());
  }

  @Override
  public void addYubicoKey(YubicoKey key, Principal owner) {
    addYubico(key, Optional.of(Objects.requireNonNull(owner, "owner")));
  }

  private void addYubico(YubicoKey key, Optional<Principal> owner) {
    Objects.requireNonNull(key, "key");
    mutate(
        m -> {
          if (m.yubico.containsKey(key.publicId())) {
            throw new InvalidInputException("publicId", key.publicId() + " is already registered");
          }
          TokenState initial = TokenState.of(owner, false, 0, OptionalLong.empty(), 0);
          m.yubico.put(key.publicId(), new Entry<>(key, null, initial));
          m.changed = true;
          return null;
        });
  }

  @Override
  public Optional<YubicoKey> yubicoKey(String publicId) {
    Objects.requireNonNull(publicId, "publicId");
    return Optional.ofNullable(snapshot().yubicoKey(publicId)).map(Entry::secret);
  }

  @Override
  public Optional<TokenState> yubicoKeyState(String publicId) {
    Objects.requireNonNull(publicId, "publicId");
    return Optional.ofNullable(snapshot().yubicoKey(publicId)).map(Entry::state);
  }

  @Override
  public boolean compareAndSetYubicoKey(String publicId, TokenState expected, TokenState updated) {
    Objects.requireNonNull(publicId, "publicId");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(updated, "updated");
    return mutate(m -> m.compareAndSet(m.yubico, publicId, expected, updated));
  }

  @Override
  public TokenState updateYubicoKey(String publicId, UnaryOperator<TokenState> change) {
    Objects.requireNonNull(publicId, "publicId");
    Objects.requireNonNull(change, "change");
    return mutate(m -> m.update(m.yubico, publicId, change, "publicId", "no Yubico key "));
  }

  @Override
  public boolean removeYubicoKey(String publicId) {
    Objects.requireNonNull(publicId, "publicId");
    return mutate(m -> m.changed = m.yubico.remove(publicId) != null);
  }

  @Override
  public List<String> yubicoPublicIds() {
    return snapshot().publicIds();
  }

  // ---- sealing ----

  /**
   * How many secrets {@link #reseal()} sealed again and how many were already sealed under the
   * current key.
   *
   * <pre>{@code
   * JsonFileTokenStore.Resealed r = store.reseal();
   * System.out.println(r.resealed() + " resealed, " + r.unchanged() + " already current");
   * }</pre>
   *
   * <p>Immutable and thread-safe.
   *
   * @param resealed secrets sealed again (under an older key, or plain in a legacy file)
   * @param unchanged secrets already sealed under the current key
   * @since 0.2.0
   */
  public record Resealed(int resealed, int unchanged) {}

  /**
   * Seals every secret again under the sealer's current key (after {@link
   * dev.rootguard.seal.LocalKeySealer#rotate()}), and seals the plain secrets of a legacy file, in
   * one atomic write. Writes nothing if every secret is already current.
   *
   * @return the counts
   * @throws SealingException naming the key id if a secret does not open (then nothing is written)
   * @throws StoreException if the file cannot be written (then it is unchanged)
   * @since 0.2.0
   */
  public Resealed reseal() {
    return mutate(
        m -> {
          int[] n = new int[2];
          m.tokens.replaceAll((k, e) -> m.resealIfOld(e, n));
          m.yubico.replaceAll((k, e) -> m.resealIfOld(e, n));
          return new Resealed(n[0], n[1]);
        });
  }

  // ---- the document ----

  /** A document being changed inside one locked update. */
  private final class Edit {
    final TreeMap<String, Entry<HardwareToken>> tokens;
    final TreeMap<String, Entry<YubicoKey>> yubico;
    boolean changed;

    Edit(Document d) {
      tokens = d.tokens();
      yubico = d.yubicoKeys();
      // A legacy file is rewritten sealed by whatever change comes first.
      changed = false;
    }

    <S> boolean compareAndSet(
        Map<String, Entry<S>> map, String id, TokenState expected, TokenState updated) {
      Entry<S> e = map.get(id);
      if (e == null || e.state().version() != expected.version()) {
        return false;
      }
      map.put(id, e.withState(updated.withVersion(expected.version() + 1)));
      changed = true;
      return true;
    }

    <S> TokenState update(
        Map<String, Entry<S>> map,
        String id,
        UnaryOperator<TokenState> change,
        String field,
        String missing) {
      Entry<S> e = map.get(id);
      if (e == null) {
        throw new InvalidInputException(field, missing + id);
      }
      TokenState next =
          Objects.requireNonNull(change.apply(e.state()), "change result")
              .withVersion(e.state().version() + 1);
      map.put(id, e.withState(next));
      changed = true;
      return next;
    }

    <S> Entry<S> resealIfOld(Entry<S> e, int[] counts) {
      if (e.sealed().isEmpty() || sealer.needsReseal(e.sealed().get())) {
        counts[0]++;
        changed = true;
        return e.unsealed();
      }
      counts[1]++;
      return e;
    }
  }

  /** What one locked update produced. */
  private record Outcome<T>(T result, Document document, Optional<String> stamp, boolean written) {}

  /**
   * Runs one change under the file's locks: re-reads the file, applies the change to the document
   * found there, and writes it (sealing what is not sealed yet) if the change says so. Memory is
   * updated only after the write succeeded.
   */
  private <T> T mutate(Function<Edit, T> change) {
    Outcome<T> o =
        file.update(
            root -> {
              Document before = TokenFile.read(root, sealer, known, file.path().toString());
              Edit m = new Edit(before);
              T result = change.apply(m);
              if (!m.changed) {
                // Under the lock nobody writes, so this stamp is exactly the document's.
                return LockedJsonFile.Change.none(
                    new Outcome<>(result, before, file.stamp(), false));
              }
              Document after = TokenFile.sealAll(new Document(2, m.tokens, m.yubico), sealer);
              return new LockedJsonFile.Change<>(
                  TokenFile.write(after), new Outcome<>(result, after, Optional.empty(), true));
            });
    known = o.document();
    // After a write, the new file's stamp is unknown here (taking it now could race another
    // writer), so the next read re-reads; after no write, the document read under the lock is
    // current.
    cache = o.written() ? null : new Snapshot(o.stamp(), o.document());
    return o.result();
  }

  /** The current document: the cached one if the file has not changed since, else re-read. */
  private Document snapshot() {
    Optional<String> stamp = file.stamp();
    Snapshot c = cache;
    if (c != null && c.stamp().equals(stamp)) {
      return c.document();
    }
    Document d = file.read(root -> TokenFile.read(root, sealer, known, file.path().toString()));
    known = d;
    cache = new Snapshot(stamp, d);
    return d;
  }

  @Override
  public String toString() {
    return "JsonFileTokenStore[" + file.path() + ", sealKey=" + sealer.currentKeyId() + "]";
  }
}
