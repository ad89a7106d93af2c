package dev.rootguard.store.redis;

import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.LockoutPolicy;
import dev.rootguard.testkit.store.AttemptLimiterContract;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

/**
 * {@code RedisStores.attemptLimiter()} passes {@link AttemptLimiterContract} on a real Redis: each
 * limiter is a new {@link RedisStores} under a fresh prefix, with the contract's policy and clock,
 * so every count lives in Redis.
 */
class RedisAttemptLimiterContractTest extends AttemptLimiterContract {
  private final ContractStores stores = new ContractStores();

  @Override
  protected AttemptLimiter newLimiter(LockoutPolicy policy, Clock clock) {
    return stores.fresh(policy, clock).attemptLimiter();
  }

  @Override
  protected int rounds() {
    return ContractStores.ROUNDS;
  }

  @AfterEach
  void closeStores() {
    stores.close();
  }
}
