package dev.rootguard.mfa;

import dev.rootguard.InvalidInputException;
import java.util.Objects;

/**
 * Whoever is signing in: the stable identifier a platform uses for a user or an account's root (for
 * example {@code "arn:aws:iam::123456789012:root"} or an internal user id). Attempt limits and
 * lockouts are kept per principal.
 *
 * <pre>{@code
 * Principal alice = Principal.of("alice@example.com");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the identifier; 1 to 512 characters, no control characters
 * @since 0.1.0
 */
public record Principal(String id) {
  /** Longest accepted identifier. */
  public static final int MAX_LENGTH = 512;

  /**
   * Validates the identifier.
   *
   * @throws InvalidInputException if the id is empty, too long or has control characters
   */
  public Principal {
    Objects.requireNonNull(id, "id");
    Identifiers.check("principal", id, MAX_LENGTH);
  }

  /**
   * Returns the principal with this identifier.
   *
   * @param id the identifier
   * @return the principal
   * @throws InvalidInputException if the id is empty, too long or has control characters
   */
  public static Principal of(String id) {
    return new Principal(id);
  }

  @Override
  public String toString() {
    return id;
  }
}
