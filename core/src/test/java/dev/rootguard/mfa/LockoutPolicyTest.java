package dev.rootguard.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LockoutPolicyTest {
  private final LockoutPolicy p =
      new LockoutPolicy(10, Duration.ofMinutes(15), Duration.ofHours(24));

  @Test
  void lockoutAfter_doublesUpToCap() {
    assertThat(p.lockoutAfter(0)).isEqualTo(Duration.ofMinutes(15));
    assertThat(p.lockoutAfter(1)).isEqualTo(Duration.ofMinutes(30));
    assertThat(p.lockoutAfter(6)).isEqualTo(Duration.ofMinutes(960));
    assertThat(p.lockoutAfter(7)).isEqualTo(Duration.ofHours(24));
    assertThat(p.lockoutAfter(1_000)).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void constructor_outOfRange_namesComponent() {
    assertThatThrownBy(() -> new LockoutPolicy(0, Duration.ofMinutes(1), Duration.ofMinutes(1)))
        .hasMessageStartingWith("maxConsecutiveFailures:");
    assertThatThrownBy(() -> new LockoutPolicy(101, Duration.ofMinutes(1), Duration.ofMinutes(1)))
        .hasMessageStartingWith("maxConsecutiveFailures:");
    assertThatThrownBy(() -> new LockoutPolicy(5, Duration.ofMillis(10), Duration.ofMinutes(1)))
        .hasMessageStartingWith("lockout:");
    assertThatThrownBy(() -> new LockoutPolicy(5, Duration.ofMinutes(2), Duration.ofMinutes(1)))
        .hasMessageStartingWith("maxLockout:");
  }

  @Test
  void default_isNistBound() {
    assertThat(LockoutPolicy.DEFAULT.maxConsecutiveFailures()).isEqualTo(100);
    assertThat(LockoutPolicy.DEFAULT.lockout()).isEqualTo(Duration.ofMinutes(15));
  }

  @Property
  void lockoutAfter_isMonotoneAndBounded(
      @ForAll @IntRange(min = 1, max = 3600) int firstSeconds,
      @ForAll @IntRange(min = 0, max = 40) int extra,
      @ForAll @IntRange(min = 0, max = 200) int n) {
    Duration first = Duration.ofSeconds(firstSeconds);
    Duration cap = first.multipliedBy(1L << Math.min(extra, 20));
    LockoutPolicy q = new LockoutPolicy(3, first, cap);
    Duration d = q.lockoutAfter(n);
    assertThat(d).isBetween(first, cap);
    assertThat(q.lockoutAfter(n + 1)).isGreaterThanOrEqualTo(d);
  }
}
