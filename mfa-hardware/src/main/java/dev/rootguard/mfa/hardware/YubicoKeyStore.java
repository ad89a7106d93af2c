package dev.rootguard.mfa.hardware;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.Principal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The Yubico OTP key store (the "KSM"): each key's secrets ({@link YubicoKey}) by public id, and
 * its changing {@link TokenState} (owner, disabled, last accepted session counter and use). {@link
 * YubicoOtpVerifier} reads it and updates the state with {@link #compareAndSetYubicoKey}.
 *
 * <p>Contract, in RFC 2119 words: implementations MUST be thread-safe, MUST NOT return null, MUST
 * make {@link #compareAndSetYubicoKey} atomic, and MUST NOT log AES keys or private ids. {@link
 * InMemoryTokenStore} and {@link JsonFileTokenStore} implement it.
 *
 * <pre>{@code
 * YubicoKeyStore keys = new InMemoryTokenStore();
 * keys.addYubicoKey(YubicoKey.fromHex(publicId, privateIdHex, aesKeyHex));
 * keys.assignYubicoKey(publicId, Principal.of("alice"));
 * }</pre>
 *
 * @since 0.1.0
 */
public interface YubicoKeyStore {

  /**
   * Adds a key with {@link TokenState#NEW}.
   *
   * @param key the key
   * @throws InvalidInputException if that public id is already registered
   */
  void addYubicoKey(YubicoKey key);

  /**
   * Adds a key assigned to {@code owner}. The default adds, then assigns (two steps); the bundled
   * stores do both in one atomic step.
   *
   * @param key the key
   * @param owner the principal
   * @throws InvalidInputException if that public id is already registered
   * @since 0.2.0
   */
  default void addYubicoKey(YubicoKey key, Principal owner) {
    Objects.requireNonNull(owner, "owner");
    addYubicoKey(key);
    assignYubicoKey(key.publicId(), owner);
  }

  /**
   * Returns the key with that public id.
   *
   * @param publicId the public id (lower-case modhex)
   * @return the key, or empty
   */
  Optional<YubicoKey> yubicoKey(String publicId);

  /**
   * Returns the state of the key with that public id.
   *
   * @param publicId the public id
   * @return the state, or empty
   */
  Optional<TokenState> yubicoKeyState(String publicId);

  /**
   * Replaces the key's state if it is still {@code expected}; the stored state gets {@code
   * expected.version() + 1}.
   *
   * @param publicId the public id
   * @param expected the state read before
   * @param updated the new state
   * @return true if replaced
   */
  boolean compareAndSetYubicoKey(String publicId, TokenState expected, TokenState updated);

  /**
   * Removes a key.
   *
   * @param publicId the public id
   * @return true if it was registered
   */
  boolean removeYubicoKey(String publicId);

  /**
   * Returns every registered public id, sorted.
   *
   * @return the public ids
   */
  List<String> yubicoPublicIds();

  /**
   * Assigns the key to a principal.
   *
   * @param publicId the public id
   * @param owner the principal
   * @throws InvalidInputException if no such key
   */
  default void assignYubicoKey(String publicId, Principal owner) {
    Objects.requireNonNull(owner, "owner");
    updateYubicoKey(publicId, s -> s.withOwner(owner));
  }

  /**
   * Applies a change to a key's state with a compare-and-set loop.
   *
   * @param publicId the public id
   * @param change the change
   * @return the state saved
   * @throws InvalidInputException if no such key
   */
  default TokenState updateYubicoKey(String publicId, UnaryOperator<TokenState> change) {
    while (true) {
      TokenState current =
          yubicoKeyState(publicId)
              .orElseThrow(
                  () -> new InvalidInputException("publicId", "no Yubico key " + publicId));
      TokenState next = change.apply(current);
      if (compareAndSetYubicoKey(publicId, current, next)) {
        return next.withVersion(current.version() + 1);
      }
    }
  }

  /**
   * Returns a new store in memory (one process); it is also a {@link TokenStore}.
   *
   * @return an empty thread-safe store
   * @since 0.2.0
   */
  static InMemoryTokenStore inMemory() {
    return new InMemoryTokenStore();
  }
}
