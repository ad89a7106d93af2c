package dev.rootguard.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a fact came from and when: an API call ({@code "iam:GetAccountSummary"}), a file ({@code
 * "credential-report.csv"}), or a statement of the caller ({@code "caller"}).
 *
 * <pre>{@code
 * Source s = Source.of("iam:GetCredentialReport", clock.instant());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param origin the API action, file name or "caller"; not empty
 * @param collectedAt when the fact was read
 * @since 0.1.0
 */
public record Source(String origin, Instant collectedAt) {
  /** Checks the arguments. */
  public Source {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(collectedAt, "collectedAt");
    if (origin.isBlank()) {
      throw new IllegalArgumentException("origin: must not be blank");
    }
  }

  /**
   * Returns a source.
   *
   * @param origin the API action, file name or "caller"
   * @param collectedAt when the fact was read
   * @return the source
   */
  public static Source of(String origin, Instant collectedAt) {
    return new Source(origin, collectedAt);
  }
}
