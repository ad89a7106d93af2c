package dev.rootguard.mfa.fido.internal;

import dev.rootguard.mfa.Principal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pending ceremonies: issued with a random id, expiring, single-use. A taken request stays as a
 * tombstone until it would have expired, so a second use is told apart from an unknown id.
 * Thread-safe; taking is an atomic compare-and-set.
 *
 * @param <T> what is kept with a request
 */
public final class PendingRequests<T> {
  /** Outcome of {@link #take}. */
  public enum Status {
    /** Taken now: the caller owns it. */
    TAKEN,
    /** Never issued (or long gone). */
    UNKNOWN,
    /** Issued but past its expiry. */
    EXPIRED,
    /** Already taken by an earlier call. */
    USED
  }

  /**
   * A pending request.
   *
   * @param kind registration or authentication, so ids cannot cross over
   * @param principal who it is for
   * @param expiresAt when it expires
   * @param payload what the verifier keeps with it
   * @param used whether it was taken
   * @param <T> the payload type
   */
  public record Entry<T>(
      String kind, Principal principal, Instant expiresAt, T payload, boolean used) {}

  /**
   * The result of {@link #take}.
   *
   * @param status what happened
   * @param entry the entry, or null when unknown
   * @param <T> the payload type
   */
  public record Taken<T>(Status status, Entry<T> entry) {}

  private final ConcurrentHashMap<String, Entry<T>> entries = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration ttl;
  private final int max;
  private final AtomicLong puts = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicInteger live =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * Creates the registry.
   *
   * @param clock the clock
   * @param ttl how long a request lives
   * @param max most requests held at once
   */
  public PendingRequests(Clock clock, Duration ttl, int max) {
    this.clock = clock;
    this.ttl = ttl;
    this.max = max;
  }

  /**
   * Issues a request.
   *
   * @param kind the ceremony kind
   * @param principal who it is for
   * @param payload what to keep
   * @return the new id and entry
   * @throws IllegalStateException if too many requests are pending
   */
  public java.util.Map.Entry<String, Entry<T>> issue(String kind, Principal principal, T payload) {
    if (puts.incrementAndGet() % 256 == 0 || live.get() >= max) {
      purge();
      if (live.get() >= max) {
        throw new IllegalStateException(
            "too many pending FIDO requests ("
                + max
                + "); raise maxPendingRequests or lower the TTL");
      }
    }
    byte[] raw = new byte[18];
    random.nextBytes(raw);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Entry<T> e = new Entry<>(kind, principal, clock.instant().plus(ttl), payload, false);
    entries.put(id, e);
    live.incrementAndGet();
    return java.util.Map.entry(id, e);
  }

  /**
   * Takes a request for use, at most once.
   *
   * @param id the request id
   * @param kind the expected kind
   * @return the outcome
   */
  public Taken<T> take(String id, String kind) {
    while (true) {
      Entry<T> e = entries.get(id);
      if (e == null || !e.kind().equals(kind)) {
        return new Taken<>(Status.UNKNOWN, null);
      }
      if (e.used()) {
        return new Taken<>(Status.USED, e);
      }
      if (!clock.instant().isBefore(e.expiresAt())) {
        if (entries.remove(id, e)) {
          live.decrementAndGet();
        }
        return new Taken<>(Status.EXPIRED, e);
      }
      Entry<T> used = new Entry<>(e.kind(), e.principal(), e.expiresAt(), null, true);
      if (entries.replace(id, e, used)) {
        live.decrementAndGet();
        return new Taken<>(Status.TAKEN, e);
      }
    }
  }

  /**
   * Removes expired entries and expired tombstones; when more than {@code max} entries are held,
   * drops all tombstones (a later reuse of such an id then reads as expired, not replayed).
   */
  public void purge() {
    Instant now = clock.instant();
    boolean crowded = entries.size() > max;
    entries.forEach(
        (id, e) -> {
          if ((!now.isBefore(e.expiresAt()) || (crowded && e.used())) && entries.remove(id, e)) {
            if (!e.used()) {
              live.decrementAndGet();
            }
          }
        });
  }

  /**
   * Returns how many requests are pending (issued, not yet taken or expired).
   *
   * @return the count
   */
  public int pending() {
    return live.get();
  }

  /**
   * Returns how many entries are held (pending and tombstones).
   *
   * @return the count
   */
  public int size() {
    return entries.size();
  }
}
