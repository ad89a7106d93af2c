package dev.rootguard.mfa.hardware;

import java.util.Objects;

/**
 * Why one key of a PSKC file could not be imported: the key's id, the element at fault (a path such
 * as {@code KeyPackage[2]/Key/Data/Secret/ValueMAC}) and the reason. Never contains a secret.
 *
 * <pre>{@code
 * for (PskcError e : result.errors()) {
 *   System.err.println(e);   // key 12345678: KeyPackage[1]/Key/Data/Secret/ValueMAC: does not match
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param keyId the {@code Key/@Id}, or {@code "#n"} (its position) if it has none
 * @param element the element at fault
 * @param reason why it was refused
 * @since 0.1.0
 */
public record PskcError(String keyId, String element, String reason) {
  /** Checks the arguments. */
  public PskcError {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(element, "element");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return "key " + keyId + ": " + element + ": " + reason;
  }
}
