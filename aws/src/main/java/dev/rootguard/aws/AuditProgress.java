package dev.rootguard.aws;

/**
 * Progress of an organization audit, reported after each account.
 *
 * <pre>{@code
 * builder.progress(p -> System.err.printf("\r%d/%d", p.completed(), p.listed()));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param listed accounts listed so far (suspended ones excluded)
 * @param completed accounts finished, collected or failed
 * @param failed accounts that failed
 * @param listingComplete whether every account has been listed (so {@code listed} is the total)
 * @since 0.1.0
 */
public record AuditProgress(int listed, int completed, int failed, boolean listingComplete) {}
