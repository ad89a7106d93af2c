package dev.rootguard.benchmarks.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The ratios of {@link JdbcVerifyBenchmark} measured in interleaved rounds in one JVM, on one pool
 * and one server, so that load changing on a shared machine hits both sides of each ratio alike
 * (JMH runs each benchmark in its own fork, a minute or more after the previous one).
 *
 * <p>For each thread count it sets up its own callers as the JMH states do (the same {@code Db},
 * {@code JdbcCaller} and {@code FloorCaller} code, enrolled in parallel), then runs rounds; each
 * round runs {@code floor3Updates}, {@code jdbcAccepted}, {@code floor2Updates} and {@code
 * jdbcRejected} for the given seconds each, the order rotating from round to round. It prints each
 * round, then per method the median rate, and the median over rounds of each round's ratio to its
 * floor. Not a JMH benchmark: no forks, no blackholes; the operations are milliseconds of I/O.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.rootguard.benchmarks.store.JdbcVerifyInterleaved 1,4,16 6 3
 * }</pre>
 *
 * <p>Arguments: thread counts, rounds, seconds per method per round.
 */
public final class JdbcVerifyInterleaved {
  private JdbcVerifyInterleaved() {}

  private static final String[] METHODS = {
    "floor3Updates", "jdbcAccepted", "floor2Updates", "jdbcRejected"
  };

  public static void main(String[] args) throws Exception {
    int[] threadCounts =
        Arrays.stream((args.length > 0 ? args[0] : "1,4,16").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 3;
    JdbcVerifyBenchmark.Db db = new JdbcVerifyBenchmark.Db();
    db.setUp();
    try {
      for (int threads : threadCounts) {
        run(db, threads, rounds, seconds);
      }
    } finally {
      db.tearDown();
    }
  }

  private static void run(JdbcVerifyBenchmark.Db db, int threads, int rounds, double seconds)
      throws Exception {
    List<JdbcVerifyBenchmark.JdbcCaller> accepting = new ArrayList<>();
    List<JdbcVerifyBenchmark.JdbcCaller> rejecting = new ArrayList<>();
    List<JdbcVerifyBenchmark.FloorCaller> floors = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> setUp = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        JdbcVerifyBenchmark.JdbcCaller a = new JdbcVerifyBenchmark.JdbcCaller();
        JdbcVerifyBenchmark.JdbcCaller r = new JdbcVerifyBenchmark.JdbcCaller();
        JdbcVerifyBenchmark.FloorCaller f = new JdbcVerifyBenchmark.FloorCaller();
        accepting.add(a);
        rejecting.add(r);
        floors.add(f);
        setUp.add(
            pool.submit(
                () -> {
                  a.setUp(db);
                  r.setUp(db);
                  f.setUp(db);
                  return null;
                }));
      }
      for (Future<?> f : setUp) {
        f.get();
      }
      double[][] rate = new double[METHODS.length][rounds];
      for (int round = 0; round < rounds; round++) {
        StringBuilder line =
            new StringBuilder(String.format(Locale.ROOT, "threads=%2d round %d:", threads, round));
        for (int k = 0; k < METHODS.length; k++) {
          int m = (k + round) % METHODS.length;
          rate[m][round] =
              switch (m) {
                case 0 -> rate(pool, floors, f -> f.updates(f.pool, 3), seconds);
                case 1 -> rate(pool, accepting, JdbcVerifyBenchmark.JdbcCaller::accepted, seconds);
                case 2 -> rate(pool, floors, f -> f.updates(f.pool, 2), seconds);
                default -> rate(pool, rejecting, JdbcVerifyBenchmark.JdbcCaller::rejected, seconds);
              };
          line.append(String.format(Locale.ROOT, "  %s %.0f/s", METHODS[m], rate[m][round]));
        }
        System.out.println(line + "  load " + load());
      }
      double[] acceptedRatio = new double[rounds];
      double[] rejectedRatio = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        acceptedRatio[round] = rate[1][round] / rate[0][round];
        rejectedRatio[round] = rate[3][round] / rate[2][round];
      }
      System.out.printf(
          Locale.ROOT,
          "threads=%2d medians: floor3Updates %.0f ops/s (%.0f UPDATE/s), jdbcAccepted %.0f/s,"
              + " floor2Updates %.0f ops/s (%.0f UPDATE/s), jdbcRejected %.0f/s;"
              + " accepted/floor3 %.2f (rounds %s), rejected/floor2 %.2f (rounds %s)%n",
          threads,
          median(rate[0]),
          3 * median(rate[0]),
          median(rate[1]),
          median(rate[2]),
          2 * median(rate[2]),
          median(rate[3]),
          median(acceptedRatio),
          range(acceptedRatio),
          median(rejectedRatio),
          range(rejectedRatio));
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs {@code op} on every state, one thread each, for the given seconds; returns ops/s. */
  private static <S> double rate(
      ExecutorService pool, List<S> states, Consumer<S> op, double seconds) throws Exception {
    AtomicLong done = new AtomicLong();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    List<Future<?>> running = new ArrayList<>();
    for (S s : states) {
      running.add(
          pool.submit(
              () -> {
                long n = 0;
                while (System.nanoTime() < end) {
                  op.accept(s);
                  n++;
                }
                done.addAndGet(n);
                return null;
              }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static String range(double[] xs) {
    double lo = Arrays.stream(xs).min().orElse(0);
    double hi = Arrays.stream(xs).max().orElse(0);
    return String.format(Locale.ROOT, "%.2f–%.2f", lo, hi);
  }

  private static String load() {
    try {
      String[] f =
          java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
