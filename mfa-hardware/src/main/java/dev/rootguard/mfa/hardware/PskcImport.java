package dev.rootguard.mfa.hardware;

import dev.rootguard.InvalidInputException;
import java.util.List;

/**
 * What {@link Pskc#read} found in a PSKC file: the tokens it could import and, for every key it
 * could not, a {@link PskcError} naming the key and the element at fault. A caller decides whether
 * a partial import is acceptable ({@link #requireComplete()} refuses it).
 *
 * <pre>{@code
 * PskcImport result = Pskc.read(in, PskcKey.password(pw));
 * result.errors().forEach(e -> log.warn("skipped {}", e));
 * result.tokens().forEach(store::add);
 * }</pre>
 *
 * <p>Thread-safe (immutable; the tokens themselves can be destroyed).
 *
 * @since 0.1.0
 */
public final class PskcImport {
  private final List<HardwareToken> tokens;
  private final List<PskcError> errors;

  PskcImport(List<HardwareToken> tokens, List<PskcError> errors) {
    this.tokens = List.copyOf(tokens);
    this.errors = List.copyOf(errors);
  }

  /**
   * Returns the tokens imported, in file order.
   *
   * @return the tokens
   */
  public List<HardwareToken> tokens() {
    return tokens;
  }

  /**
   * Returns one error per key that could not be imported, in file order.
   *
   * @return the errors; empty if every key was imported
   */
  public List<PskcError> errors() {
    return errors;
  }

  /**
   * Returns whether every key was imported.
   *
   * @return true if there are no errors
   */
  public boolean isComplete() {
    return errors.isEmpty();
  }

  /**
   * Returns the tokens if every key was imported, otherwise throws naming the first bad key.
   *
   * @return the tokens
   * @throws InvalidInputException naming the first bad key's element if any key failed
   */
  public List<HardwareToken> requireComplete() {
    if (!errors.isEmpty()) {
      PskcError e = errors.get(0);
      throw new InvalidInputException(
          e.element(),
          "key "
              + e.keyId()
              + ": "
              + e.reason()
              + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more bad keys)" : ""));
    }
    return tokens;
  }

  /** Destroys the secrets of every imported token. */
  public void destroyAll() {
    tokens.forEach(HardwareToken::destroy);
  }

  @Override
  public String toString() {
    return "PskcImport[tokens=" + tokens.size() + ", errors=" + errors + "]";
  }
}
