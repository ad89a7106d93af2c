package dev.rootguard.store.redis.internal;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.mfa.totp.OtpState;
import dev.rootguard.mfa.totp.OtpStateStore;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link OtpStateStore} over one string per credential ({@code {c:<credential>}:otp} = {@code
 * "lastStep:drift"}); {@code compareAndSet} is one script comparing the stored string.
 *
 * <p>After a re-initialization on a server that lost its data, a missing state reads (in {@code
 * load} and in the compare-and-set alike) as "the last step that starts before the marker's floor
 * was used", for the recovery window; so a code accepted before the loss is a replay, and the
 * verifier's retry loop ends. The step length comes from the credential when this process read it
 * ({@code find}), otherwise 30 seconds from the Unix epoch (RFC 6238's default).
 *
 * <p>Values read together with the credential (by the reservation or {@code find}) are handed over
 * for the next {@code load}; they are only guesses, checked by the compare-and-set. When the
 * thread's attempt read the credential for its principal, the accepting compare-and-set also
 * settles the attempt as a success (single server only). Thread-safe.
 */
public final class RedisOtpStateStore implements OtpStateStore {
  private static final int MAX_REMEMBERED = 10_000;
  private static final OtpParameters DEFAULT = OtpParameters.RFC6238_DEFAULT;

  private final Redis redis;
  private final Clock clock;
  private final Duration recoveryWindow;
  private final Duration reservation;
  private final ConcurrentHashMap<CredentialId, OtpState> prefetched = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<CredentialId, OtpParameters> parameters =
      new ConcurrentHashMap<>();

  /**
   * Creates the store.
   *
   * @param redis the runner
   * @param clock the clock
   * @param recoveryWindow how long after a re-initialization missing states read as used
   * @param reservation the limiter's reservation timeout (for the key TTL when settling)
   */
  public RedisOtpStateStore(
      Redis redis, Clock clock, Duration recoveryWindow, Duration reservation) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.recoveryWindow = Objects.requireNonNull(recoveryWindow, "recoveryWindow");
    this.reservation = Objects.requireNonNull(reservation, "reservation");
  }

  void prefetched(CredentialId id, OtpState state, OtpParameters p) {
    if (prefetched.size() >= MAX_REMEMBERED) {
      prefetched.clear();
    }
    if (parameters.size() >= MAX_REMEMBERED) {
      parameters.clear();
    }
    if (state != null) {
      prefetched.put(id, state);
    }
    parameters.put(id, p);
  }

  private String[] timing(CredentialId id) {
    OtpParameters p = parameters.getOrDefault(id, DEFAULT);
    return new String[] {
      Long.toString(Codec.millis(clock.instant())),
      Long.toString(recoveryWindow.toMillis()),
      Long.toString(p.period().toMillis()),
      Long.toString(Codec.millis(p.t0()))
    };
  }

  @Override
  public OtpState load(CredentialId id) {
    Objects.requireNonNull(id, "id");
    OtpState handed = prefetched.remove(id);
    if (handed != null) {
      return handed;
    }
    String k = redis.otpState(id.value());
    String v =
        redis.eval(
            "totp_state.load",
            Lua.OTP_LOAD,
            ScriptOutputType.VALUE,
            new String[] {redis.markerFor(k), k},
            timing(id));
    return Codec.state(v);
  }

  @Override
  public boolean compareAndSet(CredentialId id, OtpState expected, OtpState next) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(next, "next");
    prefetched.remove(id);
    String k = redis.otpState(id.value());
    AttemptContext ctx = AttemptContext.current();
    boolean settle = ctx != null && !ctx.settledAsSuccess && ctx.owned.contains(id);
    String[] t = timing(id);
    String[] keys =
        settle
            ? new String[] {redis.markerFor(k), k, redis.attempts(ctx.principal.id())}
            : new String[] {redis.markerFor(k), k};
    Long r =
        redis.eval(
            "totp_state.compareAndSet",
            Lua.OTP_CAS,
            ScriptOutputType.INTEGER,
            keys,
            Codec.state(expected),
            Codec.state(next),
            t[0],
            t[1],
            t[2],
            t[3],
            Long.toString(reservation.toMillis() + 1000));
    boolean ok = r == 1L;
    if (ok && settle) {
      ctx.settledAsSuccess = true;
    }
    return ok;
  }

  @Override
  public String toString() {
    return "RedisOtpStateStore";
  }
}
