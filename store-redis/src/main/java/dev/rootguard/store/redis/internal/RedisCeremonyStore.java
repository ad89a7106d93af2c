package dev.rootguard.store.redis.internal;

import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.Principal;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@link CeremonyStore} over one hash per ceremony ({@code {x}:cer:<id>}) and a sorted set of
 * expiries ({@code {x}:cer-exp}); all ceremonies share one slot. {@code take} is one script that
 * marks the ceremony used and returns it, so of concurrent takes from any process exactly one gets
 * it; it also says why nothing was taken in the same round trip. Expiry is decided by the caller's
 * {@code now}. Each ceremony also carries a Redis TTL (its remaining life by this store's clock
 * plus {@link #TOMBSTONE_GRACE}), so that the tombstones of taken ceremonies vanish even without
 * {@link #purgeExpired}; a TTL deletion only ever turns USED or EXPIRED into UNKNOWN, never into
 * TAKEN. Thread-safe.
 */
public final class RedisCeremonyStore implements CeremonyStore {
  /** How long a ceremony and its tombstone outlive their expiry before Redis deletes them. */
  static final Duration TOMBSTONE_GRACE = Duration.ofHours(1);

  private final Redis redis;
  private final Clock clock;

  /**
   * Creates the store.
   *
   * @param redis the runner
   * @param clock the clock the TTL is computed with
   */
  public RedisCeremonyStore(Redis redis, Clock clock) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public boolean put(String id, Ceremony ceremony) {
    CeremonyStore.requireValidId(id);
    Objects.requireNonNull(ceremony, "ceremony");
    Instant exp = Codec.checked("expiresAt", ceremony.expiresAt());
    Duration left = Duration.between(clock.instant(), exp);
    long ttl = Math.max(0, left.isNegative() ? 0 : left.toMillis()) + TOMBSTONE_GRACE.toMillis();
    String k = redis.ceremony(id);
    Long r =
        redis.eval(
            "ceremonies.put",
            Lua.CEREMONY_PUT,
            ScriptOutputType.INTEGER,
            new String[] {redis.markerFor(k), k, redis.ceremonyIndex()},
            id,
            ceremony.kind(),
            ceremony.principal().id(),
            Long.toString(exp.getEpochSecond()),
            Integer.toString(exp.getNano()),
            ceremony.payload(),
            Long.toString(ttl));
    return r == 1L;
  }

  @Override
  public Taken take(String id, String kind, Instant now) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(now, "now");
    String k = redis.ceremony(id);
    List<Object> r =
        redis.eval(
            "ceremonies.take",
            Lua.CEREMONY_TAKE,
            ScriptOutputType.MULTI,
            new String[] {redis.markerFor(k), k},
            kind,
            Long.toString(now.getEpochSecond()),
            Integer.toString(now.getNano()));
    String status = (String) r.get(0);
    if (status.equals("TAKEN")) {
      return Taken.taken(
          new Ceremony(
              kind,
              Principal.of((String) r.get(1)),
              Instant.ofEpochSecond(
                  Long.parseLong((String) r.get(2)), Long.parseLong((String) r.get(3))),
              (String) r.get(4)));
    }
    return Taken.notTaken(Status.valueOf(status));
  }

  @Override
  public int purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    String z = redis.ceremonyIndex();
    Long n =
        redis.eval(
            "ceremonies.purgeExpired",
            Lua.CEREMONY_PURGE,
            ScriptOutputType.INTEGER,
            new String[] {redis.markerFor(z), z},
            redis.prefix() + "{x}:cer:",
            Long.toString(now.getEpochSecond()),
            Integer.toString(now.getNano()));
    return n.intValue();
  }

  @Override
  public String toString() {
    return "RedisCeremonyStore";
  }
}
