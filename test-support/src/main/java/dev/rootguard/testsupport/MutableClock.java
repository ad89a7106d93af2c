package dev.rootguard.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock that stands still until a test moves it. Inject it wherever the code under test takes
 * a {@link Clock}.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at(1_700_000_000L);  // or new MutableClock(Instant.EPOCH)
 * clock.advance(Duration.ofSeconds(30));                  // 30 s later
 * clock.set(Instant.EPOCH);                               // or jump anywhere
 * }</pre>
 *
 * <p>Thread-safe: every read sees the latest move, and {@link #advance(Duration)} is atomic, so a
 * worker thread may move the clock while others read it. {@link #withZone(ZoneId)} returns this
 * clock unchanged (it is always UTC).
 *
 * @since 0.1.0
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;

  /**
   * Creates a clock standing at {@code start}.
   *
   * @param start the first instant
   * @throws NullPointerException if {@code start} is null
   */
  public MutableClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  /**
   * Creates a clock standing at a second of the epoch.
   *
   * @param epochSecond seconds since 1970-01-01T00:00:00Z
   * @return the clock
   */
  public static MutableClock at(long epochSecond) {
    return new MutableClock(Instant.ofEpochSecond(epochSecond));
  }

  /**
   * Moves the clock by {@code d} (backwards when negative), atomically.
   *
   * @param d how far
   * @throws NullPointerException if {@code d} is null
   */
  public void advance(Duration d) {
    Objects.requireNonNull(d, "d");
    now.updateAndGet(t -> t.plus(d));
  }

  /**
   * Moves the clock to {@code at}.
   *
   * @param at the new instant
   * @throws NullPointerException if {@code at} is null
   */
  public void set(Instant at) {
    now.set(Objects.requireNonNull(at, "at"));
  }

  /**
   * Returns UTC.
   *
   * @return {@link ZoneOffset#UTC}
   */
  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /**
   * Returns this clock: it stays in UTC so that every holder sees the same moves.
   *
   * @param zone ignored
   * @return this clock
   */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  /**
   * Returns where the clock stands now.
   *
   * @return the current instant
   */
  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + "]";
  }
}
