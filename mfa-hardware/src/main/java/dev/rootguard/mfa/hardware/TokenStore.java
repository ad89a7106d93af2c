package dev.rootguard.mfa.hardware;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The registry of OATH hardware tokens, by serial number: each token's secret ({@link
 * HardwareToken}) and its changing {@link TokenState} (owner, disabled, drift, last accepted step
 * or counter). {@link HardwareTokenVerifier} reads it and updates the state with {@link
 * #compareAndSet}.
 *
 * <p>Contract, in RFC 2119 words: implementations MUST be thread-safe, MUST NOT return null, and
 * {@link #compareAndSet} MUST be atomic: of concurrent calls with the same expected state, at most
 * one succeeds. Secrets MUST NOT be logged. {@link InMemoryTokenStore} and {@link
 * JsonFileTokenStore} are the defaults.
 *
 * <pre>{@code
 * TokenStore store = JsonFileTokenStore.open(Path.of("/var/lib/rootguard/tokens.json"), sealer);
 * store.addAll(Pskc.read(in, key).requireComplete());
 * store.assign("GALT12345678", Principal.of("arn:aws:iam::123456789012:root"));
 * List<String> ended = store.expiredAt(clock.instant());
 * }</pre>
 *
 * @since 0.1.0
 */
public interface TokenStore {

  /**
   * Adds a token with {@link TokenState#NEW}, its drift set to the vendor's {@link
   * HardwareToken#timeDrift()}.
   *
   * @param token the token
   * @throws InvalidInputException if a token with that serial is already registered
   */
  void add(HardwareToken token);

  /**
   * Adds several tokens at once, all or nothing: if any serial is already registered or repeated in
   * {@code tokens}, nothing is added. A persistent store writes them in one atomic step (one file
   * write, one transaction).
   *
   * @param tokens the tokens
   * @throws InvalidInputException with field {@code serial} naming the first duplicate
   * @since 0.2.0
   */
  void addAll(java.util.Collection<HardwareToken> tokens);

  /**
   * Adds several tokens, all or nothing, each assigned to {@code owner}. The default adds, then
   * assigns token by token (so a crash in between leaves unassigned tokens, which verify for
   * nobody); the bundled stores do both in one atomic step, and other stores SHOULD too.
   *
   * @param tokens the tokens
   * @param owner the principal every token is assigned to
   * @throws InvalidInputException with field {@code serial} naming the first duplicate
   * @since 0.2.0
   */
  default void addAll(java.util.Collection<HardwareToken> tokens, Principal owner) {
    Objects.requireNonNull(owner, "owner");
    addAll(tokens);
    for (HardwareToken t : tokens) {
      assign(t.serial(), owner);
    }
  }

  /**
   * Checks a batch for {@link #addAll}, for store implementations: no null token, no serial twice.
   * Every bundled store starts its {@code addAll} with it, so they all refuse the same batches with
   * the same message.
   *
   * <pre>{@code
   * Map<String, HardwareToken> batch = TokenStore.checkedBatch(tokens);
   * if (batch.isEmpty()) return;
   * }</pre>
   *
   * @param tokens the batch
   * @return the tokens by serial, in batch order (a new, modifiable map)
   * @throws InvalidInputException with field {@code serial} naming the first serial given twice
   * @since 0.2.0
   */
  static java.util.LinkedHashMap<String, HardwareToken> checkedBatch(
      java.util.Collection<HardwareToken> tokens) {
    Objects.requireNonNull(tokens, "tokens");
    java.util.LinkedHashMap<String, HardwareToken> batch = new java.util.LinkedHashMap<>();
    for (HardwareToken t : tokens) {
      Objects.requireNonNull(t, "tokens[]");
      if (batch.put(t.serial(), t) != null) {
        throw new InvalidInputException("serial", t.serial() + " appears twice in the batch");
      }
    }
    return batch;
  }

  /**
   * Returns the token with that serial.
   *
   * @param serial the serial
   * @return the token, or empty
   */
  Optional<HardwareToken> token(String serial);

  /**
   * Returns the state of the token with that serial.
   *
   * @param serial the serial
   * @return the state, or empty if no such token
   */
  Optional<TokenState> state(String serial);

  /**
   * Replaces the state if it is still {@code expected} (same version); the stored state gets {@code
   * expected.version() + 1}.
   *
   * @param serial the serial
   * @param expected the state read before
   * @param updated the new state
   * @return true if replaced; false if the state changed meanwhile or the token is gone
   */
  boolean compareAndSet(String serial, TokenState expected, TokenState updated);

  /**
   * Removes a token.
   *
   * @param serial the serial
   * @return true if it was registered
   */
  boolean remove(String serial);

  /**
   * Returns every registered serial, sorted.
   *
   * @return the serials
   */
  List<String> serials();

  /**
   * Assigns the token to a principal (replacing any previous owner).
   *
   * @param serial the serial
   * @param owner the principal
   * @throws InvalidInputException if no such token
   */
  default void assign(String serial, Principal owner) {
    Objects.requireNonNull(owner, "owner");
    update(serial, s -> s.withOwner(owner));
  }

  /**
   * Disables or re-enables the token.
   *
   * @param serial the serial
   * @param disabled true to disable
   * @throws InvalidInputException if no such token
   */
  default void setDisabled(String serial, boolean disabled) {
    update(serial, s -> s.withDisabled(disabled));
  }

  /**
   * Applies a change to a token's state with a compare-and-set loop.
   *
   * @param serial the serial
   * @param change the change
   * @return the state saved
   * @throws InvalidInputException if no such token
   */
  default TokenState update(String serial, UnaryOperator<TokenState> change) {
    Objects.requireNonNull(change, "change");
    while (true) {
      TokenState current =
          state(serial)
              .orElseThrow(() -> new InvalidInputException("serial", "no token " + serial));
      TokenState next = change.apply(current);
      if (compareAndSet(serial, current, next)) {
        return next.withVersion(current.version() + 1);
      }
    }
  }

  /**
   * Returns the serials of tokens whose validity has ended at {@code now} (see {@link
   * HardwareToken#validUntil()}), for an administrator to replace them.
   *
   * @param now the instant to test
   * @return the serials, sorted
   */
  default List<String> expiredAt(Instant now) {
    Objects.requireNonNull(now, "now");
    List<String> out = new ArrayList<>();
    for (String s : serials()) {
      token(s).filter(t -> t.isExpiredAt(now)).ifPresent(t -> out.add(s));
    }
    return out;
  }

  /**
   * Returns a new store in memory (one process); it is also a {@link YubicoKeyStore}.
   *
   * @return an empty thread-safe store
   * @since 0.2.0
   */
  static InMemoryTokenStore inMemory() {
    return new InMemoryTokenStore();
  }
}
