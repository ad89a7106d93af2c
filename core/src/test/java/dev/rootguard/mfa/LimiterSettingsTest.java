package dev.rootguard.mfa;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 12: bad limiter settings are {@link InvalidInputException}s naming the field. */
class LimiterSettingsTest {

  static void refused(Runnable setting, String field) {
    assertThatThrownBy(setting::run)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(field + ": ")
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo(field);
  }

  @Test
  void inMemoryAttemptLimiterBuilder() {
    refused(
        () -> InMemoryAttemptLimiter.builder().maxConsecutiveFailures(0), "maxConsecutiveFailures");
    refused(
        () -> InMemoryAttemptLimiter.builder().maxConsecutiveFailures(101),
        "maxConsecutiveFailures");
    refused(() -> InMemoryAttemptLimiter.builder().lockout(Duration.ZERO), "lockout");
    refused(
        () -> InMemoryAttemptLimiter.builder().maxLockout(Duration.ofMillis(999)), "maxLockout");
    refused(
        () ->
            InMemoryAttemptLimiter.builder()
                .lockout(Duration.ofHours(2))
                .maxLockout(Duration.ofHours(1))
                .build(),
        "maxLockout");
  }

  @Test
  void lockoutPolicy() {
    refused(
        () -> new LockoutPolicy(0, Duration.ofMinutes(1), Duration.ofMinutes(1)),
        "maxConsecutiveFailures");
    refused(() -> new LockoutPolicy(1, Duration.ZERO, Duration.ofMinutes(1)), "lockout");
    refused(() -> new LockoutPolicy(1, Duration.ofMinutes(2), Duration.ofMinutes(1)), "maxLockout");
  }
}
