package dev.rootguard.store.redis.internal;

import dev.rootguard.mfa.StoreException;
import dev.rootguard.seal.SecretSealer;
import io.lettuce.core.ScriptOutputType;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/** The store marker ({@code init}, {@code check}) and resealing. Thread-safe. */
public final class Admin {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Redis redis;
  private final Clock clock;

  /**
   * Creates the helper.
   *
   * @param redis the runner
   * @param clock the clock the floor is read from
   */
  public Admin(Redis redis, Clock clock) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The marker found or written.
   *
   * @param created whether this call wrote it
   * @param epoch its random id
   * @param floor no time step starting before it is accepted during the recovery window
   */
  public record Marker(boolean created, String epoch, Instant floor) {}

  /**
   * Writes the marker where it is missing (every slot's on a cluster).
   *
   * @return the marker (on a cluster: created if any slot's marker was written)
   */
  public Marker init() {
    byte[] e = new byte[8];
    RANDOM.nextBytes(e);
    String epoch = HexFormat.of().formatHex(e);
    String floor = Long.toString(Codec.millis(clock.instant()));
    boolean created = false;
    String seenEpoch = null;
    String seenFloor = null;
    for (String m : redis.allMarkers()) {
      List<Object> r =
          redis.eval(
              "store.init", Lua.INIT, ScriptOutputType.MULTI, new String[] {m}, epoch, floor);
      created |= ((Long) r.get(0)) == 1L;
      if (seenEpoch == null || ((Long) r.get(0)) == 1L) {
        seenEpoch = (String) r.get(1);
        seenFloor = (String) r.get(2);
      }
    }
    return new Marker(created, seenEpoch, Instant.ofEpochMilli(Long.parseLong(seenFloor)));
  }

  /**
   * Fails unless every marker is present.
   *
   * @throws StoreException naming {@code rootguard store init}
   */
  public void check() {
    for (String m : redis.allMarkers()) {
      redis.eval("store.check", Lua.CHECK, ScriptOutputType.INTEGER, new String[] {m});
    }
  }

  /**
   * Counts of a reseal.
   *
   * @param resealed values rewritten under the current key
   * @param unchanged values already under it, or changed meanwhile
   */
  public record Counts(int resealed, int unchanged) {}

  /**
   * Seals every sealed value again under the sealer's current key, each with a compare-and-set on
   * the old envelope.
   *
   * @param sealer the sealer
   * @return the counts
   */
  public Counts reseal(SecretSealer sealer) {
    int resealed = 0;
    int unchanged = 0;
    String[][] kinds = {
      {"totps", "totp:", "totp:"}, {"tokens", "token:", "token:"}, {"yubicos", "yubico:", "yubico:"}
    };
    for (String[] kind : kinds) {
      String set = redis.registry(kind[0]);
      List<Object> ids =
          redis.eval(
              "reseal.read",
              Lua.SMEMBERS,
              ScriptOutputType.MULTI,
              new String[] {redis.markerFor(set), set});
      for (Object o : ids) {
        String id = (String) o;
        String key = redis.registry(kind[1] + id);
        String old =
            redis.eval(
                "reseal.read",
                Lua.HGET,
                ScriptOutputType.VALUE,
                new String[] {redis.markerFor(key), key},
                "sealed");
        if (old == null || !sealer.needsReseal(old)) {
          unchanged++;
          continue;
        }
        String context = kind[2] + id;
        byte[] plain = sealer.open(old, context);
        String fresh;
        try {
          fresh = sealer.seal(plain, context);
        } finally {
          Arrays.fill(plain, (byte) 0);
        }
        Long n =
            redis.eval(
                "reseal.write",
                Lua.HSET_IF,
                ScriptOutputType.INTEGER,
                new String[] {redis.markerFor(key), key},
                "sealed",
                old,
                fresh);
        if (n == 1L) {
          resealed++;
        } else {
          unchanged++;
        }
      }
    }
    return new Counts(resealed, unchanged);
  }
}
