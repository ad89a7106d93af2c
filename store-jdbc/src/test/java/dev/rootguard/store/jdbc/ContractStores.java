package dev.rootguard.store.jdbc;

import dev.rootguard.mfa.LockoutPolicy;
import dev.rootguard.testkit.store.StoreContract;
import java.time.Clock;

/**
 * How the store contract tests ({@code Jdbc*ContractTest}) open {@link JdbcStores}: every call
 * builds a new instance over the test class's pool with the same sealing key, so that a contract's
 * {@code reopen} sees only what PostgreSQL holds (no per-instance or per-thread cache of the first
 * store is shared with the second).
 */
final class ContractStores {
  private ContractStores() {}

  /**
   * Rounds per contract race: the kit's default ({@link StoreContract#DEFAULT_ROUNDS}), not its
   * floor. A round is about 16 statements (one per racing thread) behind a barrier; at this count
   * the eight contract classes took 14 to 22 s together in our runs on a loaded 2-core machine.
   */
  static final int ROUNDS = StoreContract.DEFAULT_ROUNDS;

  static JdbcStores open(PostgresServer pg) {
    return JdbcStores.builder(pg.dataSource(), Fixtures.sealer("k1", 1)).build();
  }

  static JdbcStores open(PostgresServer pg, LockoutPolicy policy, Clock clock) {
    return JdbcStores.builder(pg.dataSource(), Fixtures.sealer("k1", 1))
        .lockoutPolicy(policy)
        .clock(clock)
        .build();
  }
}
