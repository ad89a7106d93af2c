package dev.rootguard.mfa;

import java.time.Clock;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** A trivial verifier for tests: the right code is "123456"; its sequence is the code's digits. */
final class FakeVerifier implements MfaVerifier {
  private final Clock clock;
  private final Set<Factor> factors;
  final AtomicInteger calls = new AtomicInteger();
  volatile RuntimeException failWith;
  volatile boolean guardsReplay;

  FakeVerifier(Clock clock, Factor... factors) {
    this.clock = clock;
    this.factors = Set.of(factors);
  }

  record Seq(long value) implements FactorDetail {
    @Override
    public OptionalLong sequence() {
      return OptionalLong.of(value);
    }
  }

  @Override
  public Set<Factor> factors() {
    return factors;
  }

  @Override
  public boolean guardsReplay() {
    return guardsReplay;
  }

  @Override
  public MfaResult verify(MfaAttempt a) {
    calls.incrementAndGet();
    if (failWith != null) {
      throw failWith;
    }
    if (!a.response().matches("[0-9]{6}")) {
      return MfaResult.Rejected.of(
          a.principal(), a.factor(), MfaResult.Reason.MALFORMED_INPUT, clock.instant());
    }
    if (!a.response().startsWith("1")) {
      return MfaResult.Rejected.of(
          a.principal(), a.factor(), MfaResult.Reason.WRONG_CODE, clock.instant());
    }
    CredentialId id = a.credential().orElse(CredentialId.of("fake"));
    if (a.response().equals("199999")) {
      id = CredentialId.of("someone-else");
    }
    return new MfaResult.Accepted(
        a.principal(), id, a.factor(), clock.instant(), new Seq(Long.parseLong(a.response())));
  }
}
