package dev.rootguard.mfa.hardware;

import dev.rootguard.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default store for OATH hardware tokens and Yubico keys, in memory. State is lost when the
 * process ends; use {@link JsonFileTokenStore} (or your own {@link TokenStore}) to keep it.
 *
 * <pre>{@code
 * InMemoryTokenStore store = new InMemoryTokenStore();
 * store.add(token);
 * store.assign(token.serial(), Principal.of("alice"));
 * }</pre>
 *
 * <p>Thread-safe; compare-and-set is atomic ({@link ConcurrentHashMap#computeIfPresent}).
 *
 * @since 0.1.0
 */
public final class InMemoryTokenStore implements TokenStore, YubicoKeyStore {
  /** A secret with its state. */
  record Entry<S>(S secret, TokenState state) {}

  private final Registry<HardwareToken> tokens = new Registry<>("serial");
  private final Registry<YubicoKey> yubico = new Registry<>("publicId");

  /** Creates an empty store. */
  public InMemoryTokenStore() {}

  // ---- OATH tokens ----

  @Override
  public void add(HardwareToken token) {
    Objects.requireNonNull(token, "token");
    // The vendor's measured drift (PSKC TimeDrift) is where the search starts.
    TokenState initial =
        TokenState.of(
            Optional.empty(), false, token.timeDrift(), java.util.OptionalLong.empty(), 0);
    tokens.add(token.serial(), token.toBuilder().build(), initial); // our own copy of the seed
  }

  @Override
  public void addAll(java.util.Collection<HardwareToken> all) {
    addAll(all, Optional.empty());
  }

  @Override
  public void addAll(java.util.Collection<HardwareToken> all, dev.rootguard.mfa.Principal owner) {
    addAll(all, Optional.of(Objects.requireNonNull(owner, "owner")));
  }

  private void addAll(
      java.util.Collection<HardwareToken> all, Optional<dev.rootguard.mfa.Principal> owner) {
    java.util.Map<String, Entry<HardwareToken>> batch = new java.util.LinkedHashMap<>();
    for (HardwareToken t : TokenStore.checkedBatch(all).values()) {
      TokenState initial =
          TokenState.of(owner, false, t.timeDrift(), java.util.OptionalLong.empty(), 0);
      batch.put(t.serial(), new Entry<>(t.toBuilder().build(), initial));
    }
    tokens.addAll(batch);
  }

  @Override
  public Optional<HardwareToken> token(String serial) {
    return tokens.secret(serial);
  }

  @Override
  public Optional<TokenState> state(String serial) {
    return tokens.state(serial);
  }

  @Override
  public boolean compareAndSet(String serial, TokenState expected, TokenState updated) {
    return tokens.compareAndSet(serial, expected, updated);
  }

  @Override
  public boolean remove(String serial) {
    return tokens.remove(serial);
  }

  @Override
  public List<String> serials() {
    return tokens.ids();
  }

  // ---- Yubico keys ----

  @Override
  public void addYubicoKey(YubicoKey key) {
    Objects.requireNonNull(key, "key");
    yubico.add(key.publicId(), copy(key), TokenState.NEW);
  }

  @Override
  public void addYubicoKey(YubicoKey key, dev.rootguard.mfa.Principal owner) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(owner, "owner");
    yubico.add(key.publicId(), copy(key), TokenState.NEW.withOwner(owner));
  }

  @Override
  public Optional<YubicoKey> yubicoKey(String publicId) {
    return yubico.secret(publicId);
  }

  @Override
  public Optional<TokenState> yubicoKeyState(String publicId) {
    return yubico.state(publicId);
  }

  @Override
  public boolean compareAndSetYubicoKey(String publicId, TokenState expected, TokenState updated) {
    return yubico.compareAndSet(publicId, expected, updated);
  }

  @Override
  public boolean removeYubicoKey(String publicId) {
    return yubico.remove(publicId);
  }

  @Override
  public List<String> yubicoPublicIds() {
    return yubico.ids();
  }

  /** Our own copy, so a caller destroying its key after adding it leaves the store intact. */
  private static YubicoKey copy(YubicoKey key) {
    byte[] privateId = key.revealPrivateId();
    byte[] aesKey = key.revealAesKey();
    try {
      return YubicoKey.of(key.publicId(), privateId, aesKey);
    } finally {
      java.util.Arrays.fill(privateId, (byte) 0);
      java.util.Arrays.fill(aesKey, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "InMemoryTokenStore[tokens=" + tokens.size() + ", yubicoKeys=" + yubico.size() + "]";
  }

  /**
   * One kind of registered secret with its state, by id: OATH tokens by serial, Yubico keys by
   * public id. {@code idField} names the id in error messages.
   */
  private static final class Registry<S> {
    private final Map<String, Entry<S>> map = new ConcurrentHashMap<>();
    private final String idField;

    Registry(String idField) {
      this.idField = idField;
    }

    void add(String id, S secret, TokenState state) {
      if (map.putIfAbsent(id, new Entry<>(secret, state)) != null) {
        throw new InvalidInputException(idField, id + " is already registered");
      }
    }

    /** Adds every entry or none; batches are serialized so two cannot interleave. */
    synchronized void addAll(Map<String, Entry<S>> batch) {
      for (String id : batch.keySet()) {
        if (map.containsKey(id)) {
          throw new InvalidInputException(idField, id + " is already registered");
        }
      }
      java.util.List<String> added = new java.util.ArrayList<>();
      for (Map.Entry<String, Entry<S>> e : batch.entrySet()) {
        if (map.putIfAbsent(e.getKey(), e.getValue()) != null) {
          added.forEach(map::remove); // a concurrent single add won the id: undo ours
          throw new InvalidInputException(idField, e.getKey() + " is already registered");
        }
        added.add(e.getKey());
      }
    }

    Optional<S> secret(String id) {
      return Optional.ofNullable(map.get(Objects.requireNonNull(id, idField))).map(Entry::secret);
    }

    Optional<TokenState> state(String id) {
      return Optional.ofNullable(map.get(Objects.requireNonNull(id, idField))).map(Entry::state);
    }

    boolean compareAndSet(String id, TokenState expected, TokenState updated) {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(expected, "expected");
      Objects.requireNonNull(updated, "updated");
      boolean[] done = {false};
      map.computeIfPresent(
          id,
          (k, e) -> {
            if (e.state().version() != expected.version()) {
              return e;
            }
            done[0] = true;
            return new Entry<>(e.secret(), updated.withVersion(expected.version() + 1));
          });
      return done[0];
    }

    boolean remove(String id) {
      return map.remove(Objects.requireNonNull(id, idField)) != null;
    }

    List<String> ids() {
      return map.keySet().stream().sorted().toList();
    }

    int size() {
      return map.size();
    }
  }
}
