package dev.rootguard.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One root access key as the credential report (slots 1 and 2) or {@code iam:ListAccessKeys} shows
 * it. The key id is optional: the credential report does not show it.
 *
 * <pre>{@code
 * AccessKey k = new AccessKey("key-1", true, LastUse.never(), Instant.parse("2024-01-01T00:00:00Z"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param label the access key id when known, else {@code "key-1"} / {@code "key-2"}
 * @param active whether the key is active
 * @param lastUsed when it was last used
 * @param lastRotated when it was created or last rotated; {@link Instant#EPOCH} if unknown
 * @since 0.1.0
 */
public record AccessKey(String label, boolean active, LastUse lastUsed, Instant lastRotated) {
  /** Checks the arguments. */
  public AccessKey {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(lastUsed, "lastUsed");
    Objects.requireNonNull(lastRotated, "lastRotated");
  }

  /**
   * Returns the last-rotated instant, if known.
   *
   * @return the instant, or empty when it was not reported
   */
  public Optional<Instant> lastRotatedIfKnown() {
    return Instant.EPOCH.equals(lastRotated) ? Optional.empty() : Optional.of(lastRotated);
  }
}
