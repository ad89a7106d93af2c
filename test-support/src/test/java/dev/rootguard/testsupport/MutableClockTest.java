package dev.rootguard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {

  @Test
  void at_standsStillUntilMoved() {
    MutableClock clock = MutableClock.at(1_700_000_000L);

    assertThat(clock.instant()).isEqualTo(Instant.parse("2023-11-14T22:13:20Z"));
    assertThat(clock.millis()).isEqualTo(1_700_000_000_000L);
    assertThat(clock.instant()).isEqualTo(Instant.parse("2023-11-14T22:13:20Z"));
  }

  @Test
  void advance_movesForwardAndBack() {
    MutableClock clock = new MutableClock(Instant.EPOCH);

    clock.advance(Duration.ofSeconds(30));
    assertThat(clock.instant()).isEqualTo(Instant.parse("1970-01-01T00:00:30Z"));
    clock.advance(Duration.ofSeconds(-45));
    assertThat(clock.instant()).isEqualTo(Instant.parse("1969-12-31T23:59:45Z"));
  }

  @Test
  void set_jumpsAnywhere() {
    MutableClock clock = MutableClock.at(0);

    clock.set(Instant.parse("2030-01-02T03:04:05Z"));

    assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-02T03:04:05Z"));
    assertThat(clock).hasToString("MutableClock[2030-01-02T03:04:05Z]");
  }

  @Test
  void zone_alwaysUtc_withZoneKeepsTheSameClock() {
    MutableClock clock = MutableClock.at(0);

    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(clock.withZone(ZoneId.of("Asia/Tokyo"))).isSameAs(clock);
  }

  @Test
  void advance_fromManyThreads_noMoveIsLost() {
    MutableClock clock = MutableClock.at(0);

    Race.together(
        8,
        t -> {
          for (int i = 0; i < 1_000; i++) {
            clock.advance(Duration.ofMillis(1));
          }
        });

    assertThat(clock.instant()).isEqualTo(Instant.ofEpochSecond(8));
  }

  @Test
  void nulls_rejected() {
    MutableClock clock = MutableClock.at(0);

    assertThatThrownBy(() -> new MutableClock(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> clock.advance(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> clock.set(null)).isInstanceOf(NullPointerException.class);
  }
}
