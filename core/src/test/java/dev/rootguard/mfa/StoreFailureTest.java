package dev.rootguard.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.MfaResult.Rejected;
import dev.rootguard.testsupport.MutableClock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A store that fails never turns into an acceptance: each failure point gives STORE_UNAVAILABLE.
 */
class StoreFailureTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T00:00:00Z"));
  private final Principal alice = Principal.of("alice");
  private final MfaAttempt right =
      MfaAttempt.of(alice, Factor.TOTP_APP, CredentialId.of("phone-1"), "123456");

  /** A limiter whose chosen operation throws, counting the others. */
  private static final class FailingLimiter implements AttemptLimiter {
    final String failOn;
    final AtomicInteger failures = new AtomicInteger();

    FailingLimiter(String failOn) {
      this.failOn = failOn;
    }

    private void maybeFail(String op) {
      if (op.equals(failOn)) {
        throw new StoreException("limiter." + op, "database is down", null);
      }
    }

    @Override
    public Optional<Instant> tryAcquire(Principal principal) {
      maybeFail("tryAcquire");
      return Optional.empty();
    }

    @Override
    public void recordSuccess(Principal principal) {
      maybeFail("recordSuccess");
    }

    @Override
    public void recordFailure(Principal principal) {
      failures.incrementAndGet();
      maybeFail("recordFailure");
    }

    @Override
    public void release(Principal principal) {
      maybeFail("release");
    }
  }

  private static Reason reason(MfaResult r) {
    assertThat(r.isAccepted()).isFalse();
    return ((Rejected) r).reason();
  }

  @Test
  void authenticate_limiterDownOnAcquire_storeUnavailableAndVerifierNotCalled() {
    FakeVerifier v = new FakeVerifier(clock, Factor.TOTP_APP);
    MfaAuthenticator mfa =
        MfaAuthenticator.builder()
            .verifier(v)
            .attemptLimiter(new FailingLimiter("tryAcquire"))
            .clock(clock)
            .build();
    assertThat(reason(mfa.authenticate(right))).isEqualTo(Reason.STORE_UNAVAILABLE);
    assertThat(v.calls).hasValue(0);
  }

  @Test
  void authenticate_limiterDownOnSettlingSuccess_storeUnavailable() {
    MfaAuthenticator mfa =
        MfaAuthenticator.builder()
            .verifier(new FakeVerifier(clock, Factor.TOTP_APP))
            .attemptLimiter(new FailingLimiter("recordSuccess"))
            .clock(clock)
            .build();
    assertThat(reason(mfa.authenticate(right))).isEqualTo(Reason.STORE_UNAVAILABLE);
  }

  @Test
  void authenticate_limiterDownOnSettlingFailure_wrongCodeStillReported() {
    FailingLimiter limiter = new FailingLimiter("recordFailure");
    MfaAuthenticator mfa =
        MfaAuthenticator.builder()
            .verifier(new FakeVerifier(clock, Factor.TOTP_APP))
            .attemptLimiter(limiter)
            .clock(clock)
            .build();
    MfaAttempt wrong = MfaAttempt.of(alice, Factor.TOTP_APP, CredentialId.of("phone-1"), "999999");
    assertThat(reason(mfa.authenticate(wrong))).isEqualTo(Reason.WRONG_CODE);
    assertThat(limiter.failures).hasValue(1);
  }

  @Test
  void authenticate_verifierStoreDown_storeUnavailableNotVerifierError() {
    FakeVerifier v = new FakeVerifier(clock, Factor.TOTP_APP);
    v.failWith = new StoreException("totp_state.load", "statement timeout", null);
    MfaAuthenticator mfa = MfaAuthenticator.builder().verifier(v).clock(clock).build();
    assertThat(reason(mfa.authenticate(right))).isEqualTo(Reason.STORE_UNAVAILABLE);
  }

  @Test
  void authenticate_replayGuardDown_storeUnavailable() {
    ReplayGuard down =
        new ReplayGuard() {
          @Override
          public boolean tryAccept(CredentialId credential, long sequence) {
            throw new StoreException("replay.tryAccept", "connection reset", null);
          }

          @Override
          public OptionalLong lastAccepted(CredentialId credential) {
            throw new StoreException("replay.lastAccepted", "connection reset", null);
          }
        };
    MfaAuthenticator mfa =
        MfaAuthenticator.builder()
            .verifier(new FakeVerifier(clock, Factor.TOTP_APP))
            .replayGuard(down)
            .clock(clock)
            .build();
    assertThat(reason(mfa.authenticate(right))).isEqualTo(Reason.STORE_UNAVAILABLE);
  }

  @Test
  void storeUnavailable_doesNotCountAsFailure() {
    assertThat(Reason.STORE_UNAVAILABLE.countsAsFailure()).isFalse();
  }

  @Test
  void storeException_namesOperation() {
    StoreException e = new StoreException("tokens.compareAndSet", "timeout", null);
    assertThat(e.operation()).isEqualTo("tokens.compareAndSet");
    assertThat(e.getMessage()).startsWith("tokens.compareAndSet: ");
  }
}
