package dev.rootguard.mfa.fido.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import java.util.Objects;
import java.util.Optional;

/**
 * Started ceremonies of one kind, typed by java-webauthn-server's request class: what {@link #put}
 * stores (the request's own JSON, under the kind's name) is what {@link #take} hands back, already
 * read, so no caller casts or parses a payload. Two kinds exist: {@link PendingRegistrations} and
 * {@link PendingAuthentications}; an id of one kind is unknown to the other. Ids, expiry, single
 * use and purging are {@link Ceremonies}'.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * PendingAuthentications pending = new PendingAuthentications(ceremonies);
 * Ceremonies.Started s = pending.put(alice, assertionRequest);
 * PendingCeremonies.Taken<AssertionRequest> t = pending.take(s.id());
 * }</pre>
 *
 * @param <T> java-webauthn-server's request type
 */
public abstract sealed class PendingCeremonies<T>
    permits PendingRegistrations, PendingAuthentications {
  private final Ceremonies ceremonies;
  private final String kind;

  PendingCeremonies(Ceremonies ceremonies, String kind) {
    this.ceremonies = Objects.requireNonNull(ceremonies, "ceremonies");
    this.kind = kind;
  }

  /**
   * What {@link #take} found.
   *
   * @param <T> the request type
   */
  public sealed interface Taken<T> permits Taken.Found, Taken.Refused {
    /**
     * Returns who started the ceremony.
     *
     * @return the principal; null when a refusal does not know it
     */
    Principal principal();

    /**
     * Returns why there is no ceremony to go on with.
     *
     * @return the reason, or empty when found
     */
    Optional<Reason> refusal();

    /**
     * The ceremony was pending and is now used up.
     *
     * @param principal who started it
     * @param request the request as it was started
     * @param <T> the request type
     */
    record Found<T>(Principal principal, T request) implements Taken<T> {
      @Override
      public Optional<Reason> refusal() {
        return Optional.empty();
      }
    }

    /**
     * No ceremony to go on with.
     *
     * @param principal who started it, or null when that is not known (unknown, expired or used id;
     *     a failing store)
     * @param reason {@code REQUEST_EXPIRED}, {@code REPLAYED} or {@code STORE_UNAVAILABLE}
     * @param <T> the request type
     */
    record Refused<T>(Principal principal, Reason reason) implements Taken<T> {
      @Override
      public Optional<Reason> refusal() {
        return Optional.of(reason);
      }
    }
  }

  /**
   * Starts a ceremony.
   *
   * @param principal who it is for
   * @param request java-webauthn-server's request
   * @return the fresh id and the expiry
   * @throws StoreException if the ceremony store fails
   * @throws IllegalStateException if an in-memory ceremony store is full
   */
  public Ceremonies.Started put(Principal principal, T request) {
    String payload;
    try {
      payload = encode(request);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("bug: cannot write the " + kind + " request", e);
    }
    return ceremonies.start(kind, principal, payload);
  }

  /**
   * Takes a ceremony of this kind, at most once. A failing ceremony store, or a payload this
   * version cannot read (the store handed back something it cannot have written), is {@code
   * STORE_UNAVAILABLE}: fail closed.
   *
   * @param id the id the client sent back
   * @return the ceremony or why there is none
   */
  public Taken<T> take(String id) {
    CeremonyStore.Taken t;
    try {
      t = ceremonies.take(id, kind);
    } catch (StoreException e) {
      return new Taken.Refused<>(null, Reason.STORE_UNAVAILABLE);
    }
    if (t.ceremony().isEmpty()) {
      Reason r = t.status() == CeremonyStore.Status.USED ? Reason.REPLAYED : Reason.REQUEST_EXPIRED;
      return new Taken.Refused<>(null, r);
    }
    Principal principal = t.ceremony().get().principal();
    try {
      return new Taken.Found<>(principal, decode(t.ceremony().get().payload()));
    } catch (JsonProcessingException | RuntimeException e) {
      return new Taken.Refused<>(principal, Reason.STORE_UNAVAILABLE);
    }
  }

  abstract String encode(T request) throws JsonProcessingException;

  abstract T decode(String payload) throws JsonProcessingException;
}
