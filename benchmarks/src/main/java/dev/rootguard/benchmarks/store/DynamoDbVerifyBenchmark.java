package dev.rootguard.benchmarks.store;

import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.totp.TotpVerifier;
import dev.rootguard.seal.LocalKeySealer;
import dev.rootguard.seal.SecretSealer;
import dev.rootguard.store.dynamodb.DynamoDbStores;
import dev.rootguard.testsupport.DynaliteServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * TOTP verification through {@link MfaAuthenticator} with the DynamoDB stores, beside the floor:
 * the same number of bare conditional {@code UpdateItem} calls ({@code SET v = v + 1} on condition
 * {@code v = :expected}) per verification, on the same client and the same server. Throughput; the
 * thread count comes from the command line ({@code -t 1}, {@code -t 4}, {@code -t 16}).
 *
 * <p><b>Not representative of the service.</b> The server is dynalite (Node.js, one thread, in
 * memory, on loopback) from {@link DynaliteServer}: its latency and its ceiling say nothing about
 * DynamoDB's (single-digit milliseconds per call over the network, scaling per partition). What
 * carries over is the round-trip count and the ratio to a floor of the same calls.
 *
 * <p><b>Fresh codes.</b> As in {@link JdbcVerifyBenchmark} (whose {@code Signer} this reuses): each
 * thread owns {@value JdbcVerifyBenchmark#PER_THREAD} principals with a credential each and its own
 * clock, which moves one 30-second step per pass, so every accepted code is the first of its step;
 * rejected codes are wrong in every step of the window and each counts as one failure, a principal
 * getting one per pass (the run must stay below the lockout's 100 per principal).
 *
 * <p><b>Floor.</b> {@code floor4Updates} and {@code floor3Updates}: 4 and 3 conditional {@code
 * UpdateItem} calls on the thread's next item. An accepted code costs 4 round trips (reserve,
 * {@code Query} of the credential's partition, state compare-and-set, settle) and a rejected one 3,
 * counted once per trial before the timed loop with an SDK interceptor and printed.
 *
 * <pre>{@code
 * export ROOTGUARD_DYNALITE_HOME=$PWD/tools/dynalite   # npm ci --prefix tools/dynalite first
 * for t in 1 4 16; do
 *   java -jar benchmarks/target/benchmarks.jar 'store.DynamoDbVerifyBenchmark' -t $t -f 1 -wi 3 -i 3 -w 2s -r 2s
 * done
 * }</pre>
 *
 * <p>Thread-safe as JMH uses it: shared state is {@code Scope.Benchmark}, the rest per thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DynamoDbVerifyBenchmark {
  static final int PER_THREAD = JdbcVerifyBenchmark.PER_THREAD;

  /** Counts SDK calls by operation name. Thread-safe. */
  static final class Calls implements ExecutionInterceptor {
    final LongAdder total = new LongAdder();
    final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      total.increment();
      byOperation
          .computeIfAbsent(
              attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new LongAdder())
          .increment();
    }
  }

  /** The client, the table, the sealer and the run's name, for the whole trial. */
  @State(Scope.Benchmark)
  public static class Db {
    DynamoDbClient client;
    final Calls calls = new Calls();
    final String table = "rootguard-bench-" + UUID.randomUUID();
    final SecretSealer sealer = LocalKeySealer.ofKey("bench", JdbcVerifyBenchmark.key(7));
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final AtomicInteger slots = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() {
      client =
          DynamoDbClient.builder()
              .endpointOverride(DynaliteServer.shared().endpoint())
              .region(Region.US_EAST_1)
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
              .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64))
              .overrideConfiguration(
                  o -> o.apiCallTimeout(Duration.ofSeconds(30)).addExecutionInterceptor(calls))
              .build();
      DynamoDbStores.createTable(client, table);
      System.out.println(
          "\n[bench] dynalite (NOT representative of DynamoDB) at "
              + DynaliteServer.shared().endpoint()
              + ", table "
              + table);
      countRoundTrips();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      client.close();
    }

    private long count() {
      return calls.total.sum();
    }

    private void countRoundTrips() {
      int principals = 20;
      int n = 3 * principals;
      DdbCaller a = new DdbCaller();
      a.open(new JdbcVerifyBenchmark.Signer("count-a-" + run, principals), this);
      a.enroll();
      DdbCaller r = new DdbCaller();
      r.open(new JdbcVerifyBenchmark.Signer("count-r-" + run, principals), this);
      r.enroll();
      for (int i = 0; i < principals; i++) { // a first pass, not counted
        a.accepted();
        r.rejected();
      }
      Map<String, Long> before = snapshot();
      long b = count();
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        a.accepted();
      }
      long t1 = System.nanoTime();
      double accepted = (count() - b) / (double) n;
      Map<String, Long> acceptedOps = diff(before, snapshot());
      b = count();
      for (int i = 0; i < n; i++) {
        r.rejected();
      }
      long t2 = System.nanoTime();
      double rejected = (count() - b) / (double) n;
      FloorCaller f = new FloorCaller();
      f.open(this, "count-floor-" + run);
      b = count();
      for (int i = 0; i < n; i++) {
        f.updates(4);
      }
      double floor4 = (count() - b) / (double) n;
      System.out.printf(
          Locale.ROOT,
          "[bench] round trips per verification (counted, %d each): accepted %.2f, rejected %.2f;"
              + " per floor4Updates op %.2f (one thread, untimed by JMH: %.2f ms per accepted,"
              + " %.2f ms per rejected)%n[bench]   accepted by operation: %s%n",
          n,
          accepted,
          rejected,
          floor4,
          (t1 - t0) / 1e6 / n,
          (t2 - t1) / 1e6 / n,
          acceptedOps);
    }

    private Map<String, Long> snapshot() {
      Map<String, Long> m = new TreeMap<>();
      calls.byOperation.forEach((k, v) -> m.put(k, v.sum()));
      return m;
    }

    private static Map<String, Long> diff(Map<String, Long> a, Map<String, Long> b) {
      Map<String, Long> m = new TreeMap<>();
      b.forEach(
          (k, v) -> {
            long d = v - a.getOrDefault(k, 0L);
            if (d != 0) {
              m.put(k, d);
            }
          });
      return m;
    }

    int slot() {
      return slots.getAndIncrement();
    }
  }

  /** A benchmark thread signing in through the DynamoDB stores. */
  @State(Scope.Thread)
  public static class DdbCaller {
    JdbcVerifyBenchmark.Signer signer;
    DynamoDbStores stores;
    MfaAuthenticator mfa;

    @Setup(Level.Trial)
    public void setUp(Db db) {
      open(new JdbcVerifyBenchmark.Signer("bench-" + db.run + "-" + db.slot(), PER_THREAD), db);
      enroll();
    }

    void open(JdbcVerifyBenchmark.Signer s, Db db) {
      signer = s;
      stores = DynamoDbStores.builder(db.client, db.table, db.sealer).clock(s.clock).build();
      TotpVerifier totp =
          TotpVerifier.builder()
              .clock(s.clock)
              .stateStore(stores.totpStates())
              .credentialStore(stores.totpCredentials())
              .build();
      mfa =
          MfaAuthenticator.builder()
              .verifier(totp)
              .attemptLimiter(stores.attemptLimiter())
              .replayGuard(stores.replayGuard())
              .clock(s.clock)
              .build();
    }

    void enroll() {
      for (int i = 0; i < signer.principals.length; i++) {
        stores.totpCredentials().add(signer.credential(i));
      }
    }

    MfaResult accepted() {
      return signer.signInRight(mfa);
    }

    MfaResult rejected() {
      return JdbcVerifyBenchmark.expect(mfa.authenticate(signer.nextWrong()), false);
    }
  }

  /** A benchmark thread running the floor on items of its own. */
  @State(Scope.Thread)
  public static class FloorCaller {
    Db db;
    String prefix;
    final long[] versions = new long[PER_THREAD];
    int next;

    @Setup(Level.Trial)
    public void setUp(Db db) {
      open(db, "floor-" + db.run + "-" + db.slot());
    }

    void open(Db db, String prefix) {
      this.db = db;
      this.prefix = prefix;
      for (int i = 0; i < PER_THREAD; i++) {
        db.client.putItem(
            r ->
                r.tableName(db.table)
                    .item(
                        Map.of(
                            "pk", AttributeValue.fromS(prefix + "-" + next),
                            "sk", AttributeValue.fromS("F"),
                            "v", AttributeValue.fromN("0"))));
        next++;
      }
      next = 0;
    }

    /** {@code k} conditional UpdateItem calls on the thread's next item. */
    void updates(int k) {
      int i = next;
      next = i + 1 == PER_THREAD ? 0 : i + 1;
      for (int j = 0; j < k; j++) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":one", AttributeValue.fromN("1"));
        values.put(":expected", AttributeValue.fromN(Long.toString(versions[i])));
        db.client.updateItem(
            r ->
                r.tableName(db.table)
                    .key(
                        Map.of(
                            "pk", AttributeValue.fromS(prefix + "-" + i),
                            "sk", AttributeValue.fromS("F")))
                    .updateExpression("SET #v = #v + :one")
                    .conditionExpression("#v = :expected")
                    .expressionAttributeNames(Map.of("#v", "v"))
                    .expressionAttributeValues(values));
        versions[i]++;
      }
    }
  }

  @Benchmark
  public MfaResult dynamoDbAccepted(DdbCaller c) {
    return c.accepted();
  }

  @Benchmark
  public MfaResult dynamoDbRejected(DdbCaller c) {
    return c.rejected();
  }

  @Benchmark
  public void floor4Updates(FloorCaller f) {
    f.updates(4);
  }

  @Benchmark
  public void floor3Updates(FloorCaller f) {
    f.updates(3);
  }
}
