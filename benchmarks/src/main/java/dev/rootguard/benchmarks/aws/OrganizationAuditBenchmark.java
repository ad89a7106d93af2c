package dev.rootguard.benchmarks.aws;

import dev.rootguard.aws.AccessMode;
import dev.rootguard.aws.AuditSummary;
import dev.rootguard.aws.LocalAwsEndpoint;
import dev.rootguard.aws.OrganizationAuditor;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * An organization audit against the local AWS endpoint with injected latency per call, measured
 * once (a macro benchmark: minutes of mostly waiting, so not JMH). Prints wall time per
 * configuration and the peak live heap (sampled after a full GC every 500 ms) while it ran.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.rootguard.benchmarks.aws.OrganizationAuditBenchmark \
 *     [accounts=1000] [latencyMs=50] [sequential=true]
 * </pre>
 */
public final class OrganizationAuditBenchmark {
  private OrganizationAuditBenchmark() {}

  public static void main(String[] args) throws Exception {
    int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int latency = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    boolean sequential = args.length <= 2 || Boolean.parseBoolean(args[2]);
    System.out.printf(Locale.ROOT, "accounts=%d latency=%dms per call%n", accounts, latency);
    print("warm-up (200 accounts, no latency)", run(200, 0, 8));
    Result c8 = run(accounts, latency, 8);
    print("concurrency 8", c8);
    Result quarter = run(accounts / 4, latency, 8);
    print("concurrency 8, " + accounts / 4 + " accounts", quarter);
    if (sequential) {
      Result c1 = run(accounts, latency, 1);
      print("sequential (concurrency 1)", c1);
      System.out.printf(
          Locale.ROOT,
          "speed-up: %.2fx (concurrency 8 takes %.3f of sequential time)%n",
          c1.seconds / c8.seconds,
          c8.seconds / c1.seconds);
    }
  }

  record Result(double seconds, int collected, int failed, long peakHeapMb) {}

  static void print(String label, Result r) {
    System.out.printf(
        Locale.ROOT,
        "%-40s %8.1f s  collected=%d failed=%d peak live heap=%d MiB%n",
        label,
        r.seconds,
        r.collected,
        r.failed,
        r.peakHeapMb);
  }

  static Result run(int accounts, int latencyMs, int concurrency) throws Exception {
    String mgmt = "100000000000";
    try (LocalAwsEndpoint aws = LocalAwsEndpoint.start(mgmt);
        IamClient iam = aws.iam();
        StsClient sts = aws.sts();
        OrganizationsClient org = aws.organizations()) {
      for (int i = 1; i < accounts; i++) {
        LocalAwsEndpoint.FakeAccount a = aws.account(String.format(Locale.ROOT, "2%011d", i));
        if (i % 7 == 0) {
          a.neglect();
        }
      }
      aws.recordCalls(false); // the stub's call log would grow with the run
      aws.latency(Duration.ofMillis(latencyMs));
      MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
      System.gc();
      AtomicLong peak = new AtomicLong(mem.getHeapMemoryUsage().getUsed());
      AtomicInteger seen = new AtomicInteger();
      // live heap: sampled right after a full GC every 500 ms, so garbage does not count
      Thread sampler =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  System.gc();
                  peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                  try {
                    Thread.sleep(500);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      sampler.setDaemon(true);
      sampler.start();
      long t0 = System.nanoTime();
      AuditSummary s =
          OrganizationAuditor.builder(org, sts)
              .managementIam(iam)
              .accessMode(AccessMode.ASSUME_ROLE)
              .concurrency(concurrency)
              .iamClientFactory(session -> aws.iam(session.credentials()))
              .build()
              .audit(r -> seen.incrementAndGet()); // streamed: nothing is kept
      double seconds = (System.nanoTime() - t0) / 1e9;
      sampler.interrupt();
      sampler.join();
      return new Result(seconds, s.collected(), s.failed(), peak.get() >> 20);
    }
  }
}
