package dev.rootguard.mfa.fido.internal;

import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The verifier's side of a {@link CeremonyStore}: fresh random ids, expiry from the injected clock,
 * single-use takes, and a periodic purge of expired ceremonies. The payload is the opaque text the
 * verifier wants back (java-webauthn-server's own JSON of the request).
 *
 * <p>Thread-safe.
 */
public final class Ceremonies {
  /** The kind of a pending registration. */
  public static final String REGISTRATION = "fido-registration";

  /** The kind of a pending sign-in. */
  public static final String AUTHENTICATION = "fido-authentication";

  /** Purge after this many starts, whatever the time. */
  static final int PURGE_EVERY_STARTS = 256;

  /** Purge when this much time (by the injected clock) passed since the last purge. */
  static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

  /** Fresh ids tried before the store is considered broken (144 random bits each). */
  static final int MAX_ID_ATTEMPTS = 5;

  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  /**
   * A ceremony put into the store.
   *
   * @param id its id
   * @param expiresAt when it expires, by the verifier's clock
   */
  public record Started(String id, Instant expiresAt) {}

  private final CeremonyStore store;
  private final Clock clock;
  private final Duration ttl;
  private final SecureRandom random = new SecureRandom();
  private final AtomicLong starts = new AtomicLong();
  private final AtomicReference<Instant> lastPurge;

  /**
   * Creates the helper.
   *
   * @param store where ceremonies wait
   * @param clock the verifier's clock
   * @param ttl how long a ceremony may be finished
   */
  public Ceremonies(CeremonyStore store, Clock clock, Duration ttl) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.lastPurge = new AtomicReference<>(clock.instant());
  }

  /**
   * Returns the store.
   *
   * @return the store
   */
  public CeremonyStore store() {
    return store;
  }

  /**
   * Puts a new ceremony under a fresh random id, first purging expired ceremonies if it is time to.
   *
   * @param kind {@link #REGISTRATION} or {@link #AUTHENTICATION}
   * @param principal who it is for
   * @param payload what to get back on {@link #take}
   * @return the id and expiry
   * @throws StoreException if the store fails, or refuses {@value #MAX_ID_ATTEMPTS} fresh ids
   * @throws IllegalStateException if an in-memory store is full
   */
  public Started start(String kind, Principal principal, String payload) {
    Instant now = clock.instant();
    maybePurge(now);
    CeremonyStore.Ceremony c = new CeremonyStore.Ceremony(kind, principal, now.plus(ttl), payload);
    for (int attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      String id = newId();
      if (store.put(id, c)) {
        return new Started(id, c.expiresAt());
      }
    }
    throw new StoreException(
        "ceremonies.put",
        "the ceremony store refused " + MAX_ID_ATTEMPTS + " fresh random ids in a row",
        null);
  }

  /**
   * Takes a ceremony, at most once. An id that {@link #start} could not have made reads as {@link
   * CeremonyStore.Status#UNKNOWN} without asking the store.
   *
   * @param id the id the client sent back
   * @param kind the kind expected
   * @return the outcome
   * @throws StoreException if the store fails
   */
  public CeremonyStore.Taken take(String id, String kind) {
    try {
      CeremonyStore.requireValidId(id);
    } catch (IllegalArgumentException e) {
      return CeremonyStore.Taken.notTaken(CeremonyStore.Status.UNKNOWN);
    }
    return store.take(id, kind, clock.instant());
  }

  private void maybePurge(Instant now) {
    Instant last = lastPurge.get();
    boolean due =
        starts.incrementAndGet() % PURGE_EVERY_STARTS == 0
            || !now.isBefore(last.plus(PURGE_INTERVAL));
    if (due && lastPurge.compareAndSet(last, now)) {
      store.purgeExpired(now);
    }
  }

  private String newId() {
    byte[] raw = new byte[18];
    random.nextBytes(raw);
    return B64URL.encodeToString(raw);
  }
}
