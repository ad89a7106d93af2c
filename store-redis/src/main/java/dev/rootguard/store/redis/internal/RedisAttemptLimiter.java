package dev.rootguard.store.redis.internal;

import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.LockoutPolicy;
import dev.rootguard.mfa.Principal;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link AttemptLimiter} over one hash per principal ({@code {p:<principal>}:attempts}: failures,
 * reservations in flight and until when they hold, lockouts, locked until). Each operation is one
 * script, so concurrent reservations from any number of processes never exceed the budget.
 * Reservations of a crashed process stop holding budget after the reservation timeout (by the
 * callers' clock); a key holding nothing but reservations carries a Redis TTL of that length, and
 * one holding nothing is deleted, so idle principals leave no keys behind. Failures and lockouts
 * never expire before a success, as in store-jdbc.
 *
 * <p>On a single server (not a cluster) the reservation also reads the principal's TOTP credentials
 * and their OTP states in the same script and hands them to this thread's {@code find} and {@code
 * load}; and the OTP compare-and-set that accepts a code settles the attempt as a success in its
 * script, so {@code recordSuccess} then sends nothing: an accepted TOTP code costs 2 round trips.
 * Thread-safe.
 */
public final class RedisAttemptLimiter implements AttemptLimiter {
  /** The most TOTP credentials of one principal handed over per attempt. */
  static final int MAX_HANDED_OVER = 16;

  private final Redis redis;
  private final LockoutPolicy policy;
  private final Clock clock;
  private final Duration reservation;
  private final Duration recoveryWindow;
  private final RedisTotpCredentialStore credentials; // null: no fold
  private final String[] lockouts;

  /**
   * Creates the limiter.
   *
   * @param redis the runner
   * @param policy the lockout policy
   * @param clock the clock
   * @param reservation how long an unsettled reservation holds budget
   * @param recoveryWindow how long after a re-initialization missing OTP states read as used
   * @param credentials the TOTP credential store to hand credentials to, or null
   */
  public RedisAttemptLimiter(
      Redis redis,
      LockoutPolicy policy,
      Clock clock,
      Duration reservation,
      Duration recoveryWindow,
      RedisTotpCredentialStore credentials) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reservation = Objects.requireNonNull(reservation, "reservation");
    this.recoveryWindow = Objects.requireNonNull(recoveryWindow, "recoveryWindow");
    this.credentials = credentials;
    List<String> l = new ArrayList<>();
    for (int k = 0; k < 64; k++) {
      Duration d = policy.lockoutAfter(k);
      l.add(d.getSeconds() + ":" + d.getNano());
      if (d.equals(policy.maxLockout())) {
        break;
      }
    }
    this.lockouts = l.toArray(String[]::new);
  }

  private String[] keys(Principal p) {
    String a = redis.attempts(p.id());
    return new String[] {redis.markerFor(a), a};
  }

  @Override
  public Optional<Instant> tryAcquire(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    AttemptContext.end();
    Instant now = clock.instant();
    Instant until = now.plus(reservation);
    String a = redis.attempts(principal.id());
    boolean fold = credentials != null && !redis.cluster();
    String[] keys =
        fold
            ? new String[] {redis.markerFor(a), a, redis.registry("totp-owner:" + principal.id())}
            : new String[] {redis.markerFor(a), a};
    List<String> args = new ArrayList<>(11);
    args.add(Long.toString(now.getEpochSecond()));
    args.add(Integer.toString(now.getNano()));
    args.add(Long.toString(until.getEpochSecond()));
    args.add(Integer.toString(until.getNano()));
    args.add(Integer.toString(policy.maxConsecutiveFailures()));
    args.add(Long.toString(reservation.toMillis() + 1000));
    if (fold) {
      args.add(redis.registryPrefix());
      args.add(redis.prefix());
      args.add(Long.toString(Codec.millis(now)));
      args.add(Long.toString(recoveryWindow.toMillis()));
      args.add(Integer.toString(MAX_HANDED_OVER));
    }
    List<Object> r =
        redis.eval(
            "attempts.tryAcquire",
            Lua.ACQUIRE,
            ScriptOutputType.MULTI,
            keys,
            args.toArray(String[]::new));
    if (((Long) r.get(0)) == 1L) {
      Map<CredentialId, RedisTotpCredentialStore.Row> rows = new HashMap<>();
      for (int i = 1; i + 10 <= r.size(); i += 10) {
        CredentialId id = CredentialId.of((String) r.get(i));
        String[] f = new String[9];
        for (int j = 0; j < 9; j++) {
          f[j] = (String) r.get(i + 1 + j);
        }
        rows.put(id, RedisTotpCredentialStore.Row.of(f));
      }
      AttemptContext.begin(principal, rows);
      return Optional.empty();
    }
    if (r.size() == 3) {
      return Optional.of(
          Instant.ofEpochSecond(
              Long.parseLong((String) r.get(1)), Long.parseLong((String) r.get(2))));
    }
    return Optional.of(now);
  }

  @Override
  public void recordSuccess(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    AttemptContext c = AttemptContext.end();
    if (c != null && c.settledAsSuccess && c.principal.equals(principal)) {
      return; // the compare-and-set that accepted the code settled it already
    }
    redis.eval(
        "attempts.recordSuccess",
        Lua.SUCCESS,
        ScriptOutputType.INTEGER,
        keys(principal),
        Long.toString(reservation.toMillis() + 1000));
  }

  @Override
  public void release(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    AttemptContext c = AttemptContext.end();
    if (c != null && c.settledAsSuccess && c.principal.equals(principal)) {
      return; // already settled (and its reservation released) by the compare-and-set
    }
    redis.eval(
        "attempts.release",
        Lua.RELEASE,
        ScriptOutputType.INTEGER,
        keys(principal),
        Long.toString(reservation.toMillis() + 1000));
  }

  @Override
  public void recordFailure(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    AttemptContext c = AttemptContext.end();
    boolean alreadyReleased = c != null && c.settledAsSuccess && c.principal.equals(principal);
    Instant now = clock.instant();
    String[] args = new String[5 + lockouts.length];
    args[0] = Long.toString(now.getEpochSecond());
    args[1] = Integer.toString(now.getNano());
    args[2] = Integer.toString(policy.maxConsecutiveFailures());
    args[3] = Long.toString(reservation.toMillis() + 1000);
    args[4] = alreadyReleased ? "0" : "1";
    System.arraycopy(lockouts, 0, args, 5, lockouts.length);
    redis.eval(
        "attempts.recordFailure", Lua.FAILURE, ScriptOutputType.INTEGER, keys(principal), args);
  }

  @Override
  public String toString() {
    return "RedisAttemptLimiter[" + policy + "]";
  }
}
