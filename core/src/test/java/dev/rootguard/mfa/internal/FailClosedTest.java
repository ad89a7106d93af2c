package dev.rootguard.mfa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.FactorDetail;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The settlement of {@link FailClosed#limited} and the secret-free {@link FailClosed#describe}. */
class FailClosedTest {
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final Principal alice = Principal.of("alice");

  /** Records which limiter operations were called, in order. */
  private static final class RecordingLimiter implements AttemptLimiter {
    final List<String> calls = new ArrayList<>();

    @Override
    public Optional<Instant> tryAcquire(Principal principal) {
      calls.add("tryAcquire");
      return Optional.empty();
    }

    @Override
    public void recordSuccess(Principal principal) {
      calls.add("recordSuccess");
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

  private MfaResult rejected(Reason reason) {
    return MfaResult.Rejected.of(alice, Factor.TOTP_APP, reason, NOW);
  }

  @Test
  void limited_acceptance_recordsSuccess() {
    RecordingLimiter limiter = new RecordingLimiter();
    MfaResult ok =
        new MfaResult.Accepted(
            alice, CredentialId.of("phone-1"), Factor.TOTP_APP, NOW, FactorDetail.NONE);

    MfaResult r = FailClosed.limited(limiter, alice, Factor.TOTP_APP, clock, () -> ok);

    assertThat(r).isSameAs(ok);
    assertThat(limiter.calls).containsExactly("tryAcquire", "recordSuccess");
  }

  @Test
  void limited_countingRejection_recordsFailure() {
    RecordingLimiter limiter = new RecordingLimiter();
    MfaResult wrong = rejected(Reason.WRONG_CODE);

    MfaResult r = FailClosed.limited(limiter, alice, Factor.TOTP_APP, clock, () -> wrong);

    assertThat(r).isSameAs(wrong);
    assertThat(limiter.calls).containsExactly("tryAcquire", "recordFailure");
  }

  @Test
  void limited_nonCountingRejection_releasesTheAttempt() {
    RecordingLimiter limiter = new RecordingLimiter();
    MfaResult refused = rejected(Reason.FACTOR_NOT_ALLOWED);

    MfaResult r = FailClosed.limited(limiter, alice, Factor.TOTP_APP, clock, () -> refused);

    assertThat(r).isSameAs(refused);
    assertThat(limiter.calls).containsExactly("tryAcquire", "release");
  }

  @Test
  void limited_checkThrows_recordsFailureAndPropagates() {
    RecordingLimiter limiter = new RecordingLimiter();
    IllegalStateException bug = new IllegalStateException("bug in a verifier");

    assertThatThrownBy(
            () ->
                FailClosed.limited(
                    limiter,
                    alice,
                    Factor.TOTP_APP,
                    clock,
                    () -> {
                      throw bug;
                    }))
        .isSameAs(bug);
    assertThat(limiter.calls).containsExactly("tryAcquire", "recordFailure");
  }

  @Test
  void limited_checkThrowsStoreException_recordsFailureAndPropagates() {
    RecordingLimiter limiter = new RecordingLimiter();
    StoreException down = new StoreException("replay.check", "down", null);

    assertThatThrownBy(
            () ->
                FailClosed.limited(
                    limiter,
                    alice,
                    Factor.TOTP_APP,
                    clock,
                    () -> {
                      throw down;
                    }))
        .isSameAs(down);
    assertThat(limiter.calls).containsExactly("tryAcquire", "recordFailure");
  }

  @Test
  void limited_checkReturnsNull_isAFailure() {
    RecordingLimiter limiter = new RecordingLimiter();

    assertThatThrownBy(() -> FailClosed.limited(limiter, alice, Factor.TOTP_APP, clock, () -> null))
        .isInstanceOf(NullPointerException.class);
    assertThat(limiter.calls).containsExactly("tryAcquire", "recordFailure");
  }

  @Test
  void describe_rootGuardException_givesSimpleNameAndMessage() {
    InvalidInputException e = new InvalidInputException("code", "must be 6 digits");

    assertThat(FailClosed.describe(e)).isEqualTo("InvalidInputException: " + e.getMessage());
  }

  @Test
  void describe_exceptionThrownInRootGuardCode_givesItsMessage() {
    IllegalArgumentException e = new IllegalArgumentException("window must be at most 10");
    e.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("dev.rootguard.mfa.totp.TotpVerifier", "build", null, 1),
          new StackTraceElement("com.example.App", "main", null, 2)
        });

    assertThat(FailClosed.describe(e))
        .isEqualTo("IllegalArgumentException: window must be at most 10");
  }

  @Test
  void describe_ourExceptionWithoutMessage_givesTheSimpleName() {
    IllegalStateException e = new IllegalStateException();
    e.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("dev.rootguard.seal.Envelope", "open", null, 1)
        });

    assertThat(FailClosed.describe(e)).isEqualTo("IllegalStateException");
  }

  @Test
  void describe_thirdPartyException_givesOnlyTheClassName() {
    IllegalStateException e = new IllegalStateException("password=hunter2 rejected by driver");
    e.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("org.example.driver.Connection", "query", null, 1),
          new StackTraceElement("dev.rootguard.mfa.MfaAuthenticator", "check", null, 2)
        });

    assertThat(FailClosed.describe(e)).isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void describe_exceptionWithoutStackTrace_givesOnlyTheClassName() {
    IllegalStateException e = new IllegalStateException("secret-ish detail");
    e.setStackTrace(new StackTraceElement[0]);

    assertThat(FailClosed.describe(e)).isEqualTo("java.lang.IllegalStateException");
  }
}
