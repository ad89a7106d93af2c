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

  private final Map<String, Entry<HardwareToken>> tokens = new ConcurrentHashMap<>();
  private final Map<String, Entry<YubicoKey>> yubico = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryTokenStore() {}

  // ---- OATH tokens ----

  @Override
  public void add(HardwareToken token) {
    Objects.requireNonNull(token, "token");
    // The vendor's measured drift (PSKC TimeDrift) is where the search starts.
    TokenState initial =
        TokenState.of(Optional.empty(), false, token.timeDrift(), java.util.OptionalLong.empty(), 0);
    put(tokens, token.serial(), token, initial, "serial");
  }

  void put(HardwareToken token, TokenState state) {
    tokens.put(token.serial(), new Entry<>(token, state));
  }

  @Override
  public Optional<HardwareToken> token(String serial) {
    return Optional.ofNullable(tokens.get(Objects.requireNonNull(serial, "serial"))).map(Entry::secret);
  }

  @Override
  public Optional<TokenState> state(String serial) {
    return Optional.ofNullable(tokens.get(Objects.requireNonNull(serial, "serial"))).map(Entry::state);
  }

  @Override
  public boolean compareAndSet(String serial, TokenState expected, TokenState updated) {
    return cas(tokens, serial, expected, updated);
  }

  @Override
  public boolean remove(String serial) {
    return tokens.remove(Objects.requireNonNull(serial, "serial")) != null;
  }

  @Override
  public List<String> serials() {
    return tokens.keySet().stream().sorted().toList();
  }

  // ---- Yubico keys ----

  @Override
  public void addYubicoKey(YubicoKey key) {
    Objects.requireNonNull(key, "key");
    put(yubico, key.publicId(), key, TokenState.NEW, "publicId");
  }

  void putYubicoKey(YubicoKey key, TokenState state) {
    yubico.put(key.publicId(), new Entry<>(key, state));
  }

  @Override
  public Optional<YubicoKey> yubicoKey(String publicId) {
    return Optional.ofNullable(yubico.get(Objects.requireNonNull(publicId, "publicId"))).map(Entry::secret);
  }

  @Override
  public Optional<TokenState> yubicoKeyState(String publicId) {
    return Optional.ofNullable(yubico.get(Objects.requireNonNull(publicId, "publicId"))).map(Entry::state);
  }

  @Override
  public boolean compareAndSetYubicoKey(String publicId, TokenState expected, TokenState updated) {
    return cas(yubico, publicId, expected, updated);
  }

  @Override
  public boolean removeYubicoKey(String publicId) {
    return yubico.remove(Objects.requireNonNull(publicId, "publicId")) != null;
  }

  @Override
  public List<String> yubicoPublicIds() {
    return yubico.keySet().stream().sorted().toList();
  }

  // ---- shared ----

  private static <S> void put(Map<String, Entry<S>> map, String id, S secret, TokenState state, String field) {
    if (map.putIfAbsent(id, new Entry<>(secret, state)) != null) {
      throw new InvalidInputException(field, id + " is already registered");
    }
  }

  private static <S> boolean cas(
      Map<String, Entry<S>> map, String id, TokenState expected, TokenState updated) {
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

  @Override
  public String toString() {
    return "InMemoryTokenStore[tokens=" + tokens.size() + ", yubicoKeys=" + yubico.size() + "]";
  }
}
