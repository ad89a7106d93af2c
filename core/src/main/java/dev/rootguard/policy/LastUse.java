package dev.rootguard.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a root credential (password or access key) was last used, or that it never was (the
 * credential report's {@code no_information} / {@code N/A}).
 *
 * <pre>{@code
 * LastUse lu = LastUse.at(Instant.parse("2024-01-02T03:04:05Z"));
 * LastUse never = LastUse.never();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class LastUse {
  private static final LastUse NEVER = new LastUse(null);

  private final Instant at;

  private LastUse(Instant at) {
    this.at = at;
  }

  /**
   * Returns "used at this instant".
   *
   * @param at when
   * @return the value
   */
  public static LastUse at(Instant at) {
    return new LastUse(Objects.requireNonNull(at, "at"));
  }

  /**
   * Returns "never used, or not since AWS began tracking".
   *
   * @return the value
   */
  public static LastUse never() {
    return NEVER;
  }

  /**
   * Returns when, if ever.
   *
   * @return the instant, or empty if never used
   */
  public Optional<Instant> instant() {
    return Optional.ofNullable(at);
  }

  /**
   * Returns whether the credential was never used.
   *
   * @return true if never used
   */
  public boolean isNever() {
    return at == null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LastUse other && Objects.equals(at, other.at);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(at);
  }

  @Override
  public String toString() {
    return at == null ? "never" : at.toString();
  }
}
