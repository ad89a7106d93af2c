package dev.rootguard.store.redis;

import dev.rootguard.testsupport.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The measurement behind the choice of Lua scripts over {@code WATCH}/{@code MULTI} for the OTP
 * state compare-and-set (a main, not a test; one run on a shared machine, so an order of
 * magnitude). Each thread moves its own key from version v to v + 1: (a) one {@code EVALSHA} of a
 * compare-and-set script, all threads on one shared connection (as the stores run); (b) {@code
 * WATCH}, {@code GET}, compare, {@code MULTI}, {@code SET}, {@code EXEC}, each thread on a
 * connection of its own (WATCH is per connection, so it cannot share one). Then (c) the contended
 * case: all threads on one key, counting how many compare-and-sets succeed per second.
 *
 * <pre>{@code
 * java -cp ... dev.rootguard.store.redis.CasStrategyProbe 5
 * }</pre>
 */
public final class CasStrategyProbe {
  private static final String CAS =
      "if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end"
          + " redis.call('SET', KEYS[1], ARGV[2]) return 1";

  private CasStrategyProbe() {}

  interface Op {
    boolean cas(int thread, String key, long expected, long next);
  }

  private static RedisCommands<String, String> reader;

  private static long readVersion(String key) {
    String v = reader.get(key);
    return v == null ? 0 : Long.parseLong(v);
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    String uri = RedisServer.shared().uri();
    RedisClient client = RedisClient.create(uri);
    StatefulRedisConnection<String, String> shared = client.connect();
    String sha = shared.sync().scriptLoad(CAS);
    reader = client.connect().sync();
    List<StatefulRedisConnection<String, String>> own = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      own.add(client.connect());
    }
    Op lua =
        (t, key, e, n) ->
            shared
                    .sync()
                    .<Long>evalsha(
                        sha,
                        ScriptOutputType.INTEGER,
                        new String[] {key},
                        Long.toString(e),
                        Long.toString(n))
                == 1L;
    Op watch =
        (t, key, e, n) -> {
          RedisCommands<String, String> c = own.get(t).sync();
          c.watch(key);
          String cur = c.get(key);
          if (!Long.toString(e).equals(cur == null ? "0" : cur)) {
            c.unwatch();
            return false;
          }
          c.multi();
          c.set(key, Long.toString(n));
          TransactionResult r = c.exec();
          return !r.wasDiscarded();
        };
    System.out.println("threads, strategy, uncontended CAS/s, contended successes/s");
    for (int threads : new int[] {1, 4, 16}) {
      for (String name : new String[] {"lua", "watch"}) {
        Op op = name.equals("lua") ? lua : watch;
        double free = run(op, threads, seconds, false, name);
        double contended = run(op, threads, seconds, true, name);
        System.out.printf(Locale.ROOT, "%d, %s, %.0f, %.0f%n", threads, name, free, contended);
      }
    }
    for (StatefulRedisConnection<String, String> c : own) {
      c.close();
    }
    shared.close();
    client.shutdown();
  }

  private static double run(Op op, int threads, int seconds, boolean oneKey, String name)
      throws InterruptedException {
    AtomicLong done = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    String run = Long.toString(System.nanoTime(), 36);
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread th =
          new Thread(
              () -> {
                String key = "probe:" + run + ":" + name + ":" + (oneKey ? "shared" : id);
                long v = 0;
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                while (System.nanoTime() < end) {
                  if (op.cas(id, key, v, v + 1)) {
                    done.incrementAndGet();
                    v++;
                  } else if (oneKey) {
                    // lost a race: re-read, as a verifier would
                    v = readVersion(key);
                  } else {
                    throw new IllegalStateException("uncontended CAS failed");
                  }
                }
              });
      th.start();
      ts.add(th);
    }
    start.countDown();
    for (Thread th : ts) {
      th.join();
    }
    return done.get() / (double) seconds;
  }
}
