package dev.rootguard.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that stands still until a test moves it, shared by the test suites of every module
 * (core builds it into its {@code test-jar}).
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at(1_700_000_000L);  // inject it where a Clock is taken
 * clock.advance(Duration.ofSeconds(30));                  // 30 s later
 * clock.set(Instant.EPOCH);                               // or jump anywhere
 * }</pre>
 *
 * <p>Thread-safe: reads see the latest move, and {@link #advance(Duration)} is atomic, so a worker
 * thread may move the clock while others read it. {@link #withZone(ZoneId)} returns this clock
 * unchanged.
 *
 * @since 0.1.0
 */
public final class MutableClock extends Clock {
  private volatile Instant now;

  /**
   * Creates a clock standing at {@code start}.
   *
   * @param start the first instant
   */
  public MutableClock(Instant start) {
    this.now = start;
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
   * Moves the clock by {@code d} (backwards when negative).
   *
   * @param d how far
   */
  public synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  /**
   * Moves the clock to {@code at}.
   *
   * @param at the new instant
   */
  public synchronized void set(Instant at) {
    now = at;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
