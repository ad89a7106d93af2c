package dev.rootguard.testkit.conformance;

import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.LockoutPolicy;
import dev.rootguard.testkit.store.AttemptLimiterContract;
import java.time.Clock;

/** {@link AttemptLimiter#inMemory(LockoutPolicy, Clock)} passes the limiter contract. */
class InMemoryAttemptLimiterTest extends AttemptLimiterContract {
  @Override
  protected AttemptLimiter newLimiter(LockoutPolicy policy, Clock clock) {
    return AttemptLimiter.inMemory(policy, clock);
  }
}
