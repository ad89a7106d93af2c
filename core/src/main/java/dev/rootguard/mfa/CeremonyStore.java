package dev.rootguard.mfa;

import dev.rootguard.mfa.internal.InMemoryCeremonyStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where started challenge-response ceremonies (a FIDO registration or sign-in) wait for their
 * answer, so that a ceremony started on one server can be finished on another. A ceremony is put
 * once under a fresh random id, and taken at most once before it expires.
 *
 * <p>Contract, in RFC 2119 words:
 *
 * <ul>
 *   <li>Implementations MUST be thread-safe and MUST NOT return null.
 *   <li>{@link #put} MUST NOT replace a ceremony already stored under the same id.
 *   <li>{@link #take} MUST be atomic across every process sharing the store: of any number of
 *       concurrent calls for one id, exactly one returns {@link Status#TAKEN}. After that, calls
 *       MUST return {@link Status#USED} until the ceremony would have expired (a tombstone), so a
 *       replayed answer is told apart from an unknown id.
 *   <li>A ceremony whose {@code expiresAt} is not after {@code now} MUST NOT be taken; {@code now}
 *       comes from the caller's injected clock, never from the store's own.
 *   <li>A failure to reach the store MUST throw {@link StoreException}, never report TAKEN.
 *   <li>The payload is opaque; implementations MUST NOT log it.
 * </ul>
 *
 * <pre>{@code
 * CeremonyStore ceremonies = CeremonyStore.inMemory(10_000);
 * ceremonies.put(id, new CeremonyStore.Ceremony("authentication", alice, expiresAt, requestJson));
 * CeremonyStore.Taken t = ceremonies.take(id, "authentication", clock.instant());
 * if (t.status() == CeremonyStore.Status.TAKEN) { String json = t.ceremony().get().payload(); }
 * }</pre>
 *
 * @since 0.2.0
 */
public interface CeremonyStore {

  /** The outcome of {@link #take}. New constants may be added in minor releases. */
  enum Status {
    /** Taken now: the caller owns the ceremony and must finish it. */
    TAKEN,
    /** Never stored, stored for another kind, or long gone. */
    UNKNOWN,
    /** Stored but past its expiry. */
    EXPIRED,
    /** Already taken by an earlier call. */
    USED
  }

  /**
   * A pending ceremony.
   *
   * <p>Immutable and thread-safe.
   *
   * @param kind what ceremony it is (e.g. {@code "registration"}), so ids cannot cross over
   * @param principal who it is for
   * @param expiresAt when it expires, by the verifier's clock
   * @param payload what the verifier keeps with it (opaque, e.g. the request as JSON); never logged
   */
  record Ceremony(String kind, Principal principal, Instant expiresAt, String payload) {
    /** Checks the arguments. */
    public Ceremony {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(principal, "principal");
      Objects.requireNonNull(expiresAt, "expiresAt");
      Objects.requireNonNull(payload, "payload");
      if (kind.isEmpty() || kind.length() > 32) {
        throw new IllegalArgumentException("kind: must be 1..32 characters, was " + kind.length());
      }
    }

    @Override
    public String toString() {
      return "Ceremony[kind="
          + kind
          + ", principal="
          + principal
          + ", expiresAt="
          + expiresAt
          + "]";
    }
  }

  /**
   * The result of {@link #take}: a status, and the ceremony when it was {@link Status#TAKEN}.
   *
   * <p>Immutable and thread-safe.
   */
  final class Taken {
    private static final Taken UNKNOWN = new Taken(Status.UNKNOWN, null);
    private static final Taken EXPIRED = new Taken(Status.EXPIRED, null);
    private static final Taken USED = new Taken(Status.USED, null);

    private final Status status;
    private final Ceremony ceremony;

    private Taken(Status status, Ceremony ceremony) {
      this.status = status;
      this.ceremony = ceremony;
    }

    /**
     * Returns a result that hands the ceremony to the caller.
     *
     * @param ceremony the ceremony taken
     * @return the result
     */
    public static Taken taken(Ceremony ceremony) {
      return new Taken(Status.TAKEN, Objects.requireNonNull(ceremony, "ceremony"));
    }

    /**
     * Returns a result that hands nothing to the caller.
     *
     * @param status {@link Status#UNKNOWN}, {@link Status#EXPIRED} or {@link Status#USED}
     * @return the result
     */
    public static Taken notTaken(Status status) {
      switch (Objects.requireNonNull(status, "status")) {
        case UNKNOWN:
          return UNKNOWN;
        case EXPIRED:
          return EXPIRED;
        case USED:
          return USED;
        default:
          throw new IllegalArgumentException("status: TAKEN needs a ceremony");
      }
    }

    /**
     * Returns what happened.
     *
     * @return the status
     */
    public Status status() {
      return status;
    }

    /**
     * Returns the ceremony, present exactly when the status is {@link Status#TAKEN}.
     *
     * @return the ceremony, or empty
     */
    public Optional<Ceremony> ceremony() {
      return Optional.ofNullable(ceremony);
    }

    @Override
    public String toString() {
      return "Taken[" + status + "]";
    }
  }

  /**
   * Stores a new ceremony.
   *
   * @param id the ceremony id: 16 to 128 URL-safe characters, random, not secret
   * @param ceremony the ceremony
   * @return true if stored; false if the id is already taken (the caller picks a new id)
   * @throws StoreException if the store cannot be reached
   */
  boolean put(String id, Ceremony ceremony);

  /**
   * Takes a ceremony for use, at most once.
   *
   * @param id the ceremony id
   * @param kind the kind the caller expects; a ceremony of another kind reads as {@link
   *     Status#UNKNOWN}
   * @param now the caller's current time
   * @return the outcome
   * @throws StoreException if the store cannot be reached
   */
  Taken take(String id, String kind, Instant now);

  /**
   * Deletes ceremonies and tombstones that expired before {@code now}.
   *
   * @param now the caller's current time
   * @return how many records were deleted
   * @throws StoreException if the store cannot be reached
   */
  int purgeExpired(Instant now);

  /**
   * Returns a new store in memory (one process), holding at most {@code maxHeld} ceremonies and
   * tombstones; when full, {@link #put} drops tombstones and then refuses with an {@link
   * IllegalStateException}. Callers purge expired ceremonies with {@link #purgeExpired}.
   *
   * @param maxHeld the bound on memory; 1 to 10,000,000
   * @return an empty thread-safe store
   */
  static CeremonyStore inMemory(int maxHeld) {
    return new InMemoryCeremonyStore(maxHeld);
  }

  /**
   * Checks that an id has the shape {@link #put} requires.
   *
   * @param id the id
   * @return the id
   * @throws IllegalArgumentException if it is not 16 to 128 characters of {@code [A-Za-z0-9_-]}
   */
  static String requireValidId(String id) {
    Objects.requireNonNull(id, "id");
    if (id.length() < 16 || id.length() > 128) {
      throw new IllegalArgumentException("id: must be 16..128 characters, was " + id.length());
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      if (!ok) {
        throw new IllegalArgumentException("id: only [A-Za-z0-9_-] allowed, at index " + i);
      }
    }
    return id;
  }
}
