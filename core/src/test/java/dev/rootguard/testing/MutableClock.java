package dev.rootguard.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Deprecated alias of {@link dev.rootguard.testsupport.MutableClock}, kept only while the test
 * suites of mfa-hardware and mfa-u2f (which other branches are changing) still import it; it holds
 * no logic of its own and forwards every call. Delete it once they import {@code
 * dev.rootguard.testsupport.MutableClock}.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at(1_700_000_000L);  // prefer dev.rootguard.testsupport's
 * clock.advance(Duration.ofSeconds(30));
 * }</pre>
 *
 * <p>Thread-safe, as the clock it forwards to.
 *
 * @deprecated use {@link dev.rootguard.testsupport.MutableClock} from {@code
 *     rootguard-test-support}
 */
@Deprecated(forRemoval = true)
public final class MutableClock extends Clock {
  private final dev.rootguard.testsupport.MutableClock clock;

  /**
   * Creates a clock standing at {@code start}.
   *
   * @param start the first instant
   */
  public MutableClock(Instant start) {
    this.clock = new dev.rootguard.testsupport.MutableClock(start);
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
  public void advance(Duration d) {
    clock.advance(d);
  }

  /**
   * Moves the clock to {@code at}.
   *
   * @param at the new instant
   */
  public void set(Instant at) {
    clock.set(at);
  }

  @Override
  public ZoneId getZone() {
    return clock.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return clock.instant();
  }
}
