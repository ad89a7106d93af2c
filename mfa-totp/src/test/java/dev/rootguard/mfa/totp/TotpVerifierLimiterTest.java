package dev.rootguard.mfa.totp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link TotpVerifier#verify(TotpCredential, CharSequence)} with a limiter fails closed the way
 * {@link dev.rootguard.mfa.MfaAuthenticator} does (one guard in core): a limiter that cannot
 * reserve an attempt means no code is checked, and an acceptance it cannot record is no acceptance.
 */
class TotpVerifierLimiterTest {
  static final Principal ALICE = Principal.of("alice");
  static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  /** A limiter whose store fails where asked, recording the calls that reached it. */
  static final class FailingLimiter implements AttemptLimiter {
    final boolean failAcquire;
    final boolean failSuccess;
    final List<String> calls = new ArrayList<>();

    FailingLimiter(boolean failAcquire, boolean failSuccess) {
      this.failAcquire = failAcquire;
      this.failSuccess = failSuccess;
    }

    @Override
    public Optional<Instant> tryAcquire(Principal principal) {
      calls.add("tryAcquire");
      if (failAcquire) {
        throw new StoreException("attempts.tryAcquire", "down", null);
      }
      return Optional.empty();
    }

    @Override
    public void recordSuccess(Principal principal) {
      calls.add("recordSuccess");
      if (failSuccess) {
        throw new StoreException("attempts.recordSuccess", "down", null);
      }
    }

    @Override
    public void recordFailure(Principal principal) {
      calls.add("recordFailure");
    }

    @Override
    public void release(Principal principal) {
      calls.add("release");
    }
  }

  // RFC 6238 Appendix B: T = 59 s, SHA-1 -> 94287082, i.e. "287082" with 6 digits.
  final MutableClock clock = MutableClock.at(59);
  final OtpStateStore states = OtpStateStore.inMemory();
  final TotpCredential phone =
      TotpCredential.builder(CredentialId.of("phone"), ALICE, OtpSecret.fromBytes(SEED)).build();

  TotpVerifier verifier(AttemptLimiter limiter) {
    return TotpVerifier.builder().clock(clock).stateStore(states).attemptLimiter(limiter).build();
  }

  String current() {
    return "287082";
  }

  @Test
  void limiterDown_noCodeChecked_storeUnavailable() {
    FailingLimiter limiter = new FailingLimiter(true, false);
    MfaResult r = verifier(limiter).verify(phone, current());
    assertThat(r.isAccepted()).isFalse();
    assertThat(((MfaResult.Rejected) r).reason()).isEqualTo(Reason.STORE_UNAVAILABLE);
    assertThat(states.load(phone.id())).isEqualTo(OtpState.NEVER_USED);
    assertThat(limiter.calls).containsExactly("tryAcquire");
  }

  @Test
  void acceptanceTheLimiterCannotRecord_isNoAcceptance() {
    FailingLimiter limiter = new FailingLimiter(false, true);
    MfaResult r = verifier(limiter).verify(phone, current());
    assertThat(r.isAccepted()).isFalse();
    assertThat(((MfaResult.Rejected) r).reason()).isEqualTo(Reason.STORE_UNAVAILABLE);
    assertThat(limiter.calls).containsExactly("tryAcquire", "recordSuccess");
  }

  @Test
  void wrongCode_recordedAsFailure() {
    FailingLimiter limiter = new FailingLimiter(false, false);
    MfaResult r = verifier(limiter).verify(phone, "287083");
    assertThat(((MfaResult.Rejected) r).reason()).isEqualTo(Reason.WRONG_CODE);
    assertThat(limiter.calls).containsExactly("tryAcquire", "recordFailure");
  }
}
