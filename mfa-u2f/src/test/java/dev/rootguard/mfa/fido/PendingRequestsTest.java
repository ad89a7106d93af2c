package dev.rootguard.mfa.fido;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.internal.PendingRequests;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PendingRequestsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
  private final Principal alice = Principal.of("alice");

  @Test
  void take_onceThenUsedThenExpired() {
    PendingRequests<String> p = new PendingRequests<>(clock, Duration.ofMinutes(5), 10);
    String id = p.issue("auth", alice, "x").getKey();
    assertThat(p.take(id, "reg").status()).isEqualTo(PendingRequests.Status.UNKNOWN);
    assertThat(p.take(id, "auth").status()).isEqualTo(PendingRequests.Status.TAKEN);
    assertThat(p.take(id, "auth").status()).isEqualTo(PendingRequests.Status.USED);
    String late = p.issue("auth", alice, "y").getKey();
    clock.advance(Duration.ofMinutes(5));
    assertThat(p.take(late, "auth").status()).isEqualTo(PendingRequests.Status.EXPIRED);
    assertThat(p.pending()).isZero();
  }

  @Test
  void usedRequests_doNotCountAgainstTheLimit() {
    PendingRequests<String> p = new PendingRequests<>(clock, Duration.ofMinutes(5), 10);
    for (int i = 0; i < 1000; i++) {
      String id = p.issue("auth", alice, "x").getKey();
      assertThat(p.take(id, "auth").status()).isEqualTo(PendingRequests.Status.TAKEN);
    }
    assertThat(p.pending()).isZero();
    assertThat(p.size()).isLessThanOrEqualTo(300);
  }

  @Test
  void tooManyPending_refusedUntilTheyExpire() {
    PendingRequests<String> p = new PendingRequests<>(clock, Duration.ofMinutes(5), 3);
    for (int i = 0; i < 3; i++) {
      p.issue("auth", alice, "x");
    }
    assertThatThrownBy(() -> p.issue("auth", alice, "x")).isInstanceOf(IllegalStateException.class);
    clock.advance(Duration.ofMinutes(6));
    assertThat(p.issue("auth", alice, "x").getKey()).isNotEmpty();
  }
}
