package dev.rootguard.testkit.conformance;

import dev.rootguard.mfa.ReplayGuard;
import dev.rootguard.testkit.store.ReplayGuardContract;

/** {@link ReplayGuard#inMemory()} passes the replay guard contract. */
class InMemoryReplayGuardTest extends ReplayGuardContract {
  @Override
  protected ReplayGuard newGuard() {
    return ReplayGuard.inMemory();
  }
}
