package dev.rootguard.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * Totals of a finished organization audit; the per-account results went to the caller's sink.
 *
 * <pre>{@code
 * AuditSummary s = auditor.audit(sink);
 * System.out.println(s.collected() + " collected, " + s.failed() + " failed in " + s.elapsed());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param collected accounts whose facts were collected
 * @param failed accounts that failed (each reported as {@link AccountResult.Failed})
 * @param skipped suspended or closed accounts, not audited
 * @param elapsed wall time of the audit
 * @since 0.1.0
 */
public record AuditSummary(int collected, int failed, int skipped, Duration elapsed) {
  /** Checks the arguments. */
  public AuditSummary {
    Objects.requireNonNull(elapsed, "elapsed");
  }
}
