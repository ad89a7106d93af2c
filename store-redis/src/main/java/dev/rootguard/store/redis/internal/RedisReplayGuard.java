package dev.rootguard.store.redis.internal;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.ReplayGuard;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@link ReplayGuard} over one string per credential ({@code {c:<credential>}:replay}, the highest
 * accepted sequence as sortable hex). {@code tryAccept} is one script that writes only a strictly
 * higher sequence. Within the recovery window after a re-initialization ({@code RedisStores.init()}
 * on a server that lost its data), a sequence whose time step (read as a 30-second TOTP step)
 * starts before the marker's floor is refused. Thread-safe.
 */
public final class RedisReplayGuard implements ReplayGuard {
  /** The step length sequences are read with for the floor (RFC 6238's default). */
  static final long STEP_MS = 30_000;

  private final Redis redis;
  private final Clock clock;
  private final Duration recoveryWindow;

  /**
   * Creates the guard.
   *
   * @param redis the runner
   * @param clock the clock
   * @param recoveryWindow how long after a re-initialization the floor applies
   */
  public RedisReplayGuard(Redis redis, Clock clock, Duration recoveryWindow) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.recoveryWindow = Objects.requireNonNull(recoveryWindow, "recoveryWindow");
  }

  @Override
  public boolean tryAccept(CredentialId credential, long sequence) {
    Objects.requireNonNull(credential, "credential");
    String k = redis.replay(credential.value());
    Long r =
        redis.eval(
            "replay.tryAccept",
            Lua.REPLAY,
            ScriptOutputType.INTEGER,
            new String[] {redis.markerFor(k), k},
            Codec.sortable(sequence),
            Long.toString(Codec.millis(clock.instant())),
            Long.toString(Codec.stepStartMillis(sequence, STEP_MS, 0)),
            Long.toString(recoveryWindow.toMillis()));
    return r == 1L;
  }

  @Override
  public OptionalLong lastAccepted(CredentialId credential) {
    Objects.requireNonNull(credential, "credential");
    String k = redis.replay(credential.value());
    String v =
        redis.eval(
            "replay.lastAccepted",
            Lua.GET,
            ScriptOutputType.VALUE,
            new String[] {redis.markerFor(k), k});
    return v == null ? OptionalLong.empty() : OptionalLong.of(Codec.unsortable(v));
  }

  @Override
  public String toString() {
    return "RedisReplayGuard";
  }
}
