package dev.rootguard.store.redis;

import dev.rootguard.mfa.LockoutPolicy;
import dev.rootguard.testsupport.RedisServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How the store contract tests ({@code Redis*ContractTest}) open {@link RedisStores}: each {@code
 * newStore} gets a fresh key prefix on the shared test server (so listings such as {@code
 * serials()} see only that test's data), and {@code reopen} is a new {@link RedisStores} (its own
 * connection, no cache shared) over the same prefix. The marker is written with a clock at the Unix
 * epoch, so its floor is 0 and never refuses the contracts' small sequences. Not thread-safe; one
 * per test instance, closed after each test.
 */
final class ContractStores implements AutoCloseable {
  /** Rounds per contract race: the kit's default, 1,000 (one script per racing call). */
  static final int ROUNDS = 1_000;

  private final List<RedisStores> open = new ArrayList<>();
  private final Map<Object, String> prefixes = new IdentityHashMap<>();

  static RedisServer server() {
    return RedisServer.shared();
  }

  RedisStores fresh(LockoutPolicy policy, Clock clock) {
    String prefix = "t" + UUID.randomUUID().toString().substring(0, 12) + ":";
    try (RedisStores init =
        RedisStores.builder(server().uri(), Fixtures.sealer("k1", 1))
            .prefix(prefix)
            .clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
            .build()) {
      init.init();
    }
    return open(prefix, policy, clock);
  }

  RedisStores fresh() {
    return fresh(LockoutPolicy.DEFAULT, Clock.systemUTC());
  }

  private RedisStores open(String prefix, LockoutPolicy policy, Clock clock) {
    RedisStores s =
        RedisStores.builder(server().uri(), Fixtures.sealer("k1", 1))
            .prefix(prefix)
            .lockoutPolicy(policy)
            .clock(clock)
            .build();
    open.add(s);
    prefixes.put(s, prefix);
    return s;
  }

  /** Remembers which prefix a store returned by a contract factory lives under. */
  <T> T track(T store, RedisStores from) {
    prefixes.put(store, prefixes.get(from));
    return store;
  }

  RedisStores reopen(Object store) {
    String prefix = prefixes.get(store);
    if (prefix == null) {
      throw new IllegalStateException("not a store of this test");
    }
    return open(prefix, LockoutPolicy.DEFAULT, Clock.systemUTC());
  }

  @Override
  public void close() {
    for (RedisStores s : open) {
      s.close();
    }
    open.clear();
  }
}
