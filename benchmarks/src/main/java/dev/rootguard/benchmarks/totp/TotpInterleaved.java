package dev.rootguard.benchmarks.totp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A load-tolerant companion to {@link TotpBenchmark} for a shared, busy machine: it runs the
 * candidates in interleaved rounds inside one JVM, after a JIT warm-up, and keeps each candidate's
 * fastest round. Load that comes and goes hits every candidate alike, and the minimum filters out
 * rounds that were descheduled, so the ratios are far more stable than those of separate JMH runs.
 * Not a replacement for JMH: use it for ratios only.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.rootguard.benchmarks.totp.TotpInterleaved [rounds] [opsPerRound]}
 */
public final class TotpInterleaved {
  private TotpInterleaved() {}

  /**
   * Runs the comparison and prints ns/op per candidate.
   *
   * @param args optional rounds and operations per round
   * @throws Exception if a candidate fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int ops = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    TotpBenchmark b = new TotpBenchmark();
    b.setUp();
    Map<String, Callable<Object>> c = new LinkedHashMap<>();
    c.put("ourVerifyWrong", b::ourVerifyWrong);
    c.put("ourVerifyWrongCold", b::ourVerifyWrongCold);
    c.put("ourVerifyWrongNextStep", b::ourVerifyWrongNextStep);
    c.put("ourVerifyRight", b::ourVerifyRight);
    c.put("javaOtpVerifyWrong", b::javaOtpVerifyWrong);
    c.put("googleauthVerifyWrong", b::googleauthVerifyWrong);
    c.put("samstevensVerifyWrong", b::samstevensVerifyWrong);
    c.put("rawJcaHmacSha1x3", b::rawJcaHmacSha1x3);
    c.put("engineRootGuardX3", b::engineRootGuardX3);
    c.put("engineBouncyCastleX3", b::engineBouncyCastleX3);
    c.put("engineJcaClonedX3", b::engineJcaClonedX3);
    c.put("enginePrimedDigestCloneX3", b::enginePrimedDigestCloneX3);
    c.put("ourGenerate", b::ourGenerate);
    c.put("javaOtpGenerate", b::javaOtpGenerate);
    Map<String, Double> best = new LinkedHashMap<>();
    Object sink = null;
    for (int r = -10; r < rounds; r++) { // 10 warm-up rounds
      for (Map.Entry<String, Callable<Object>> e : c.entrySet()) {
        int n =
            e.getKey().startsWith("samstevens") || e.getKey().startsWith("googleauth")
                ? ops / 10
                : ops;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          sink = e.getValue().call();
        }
        double ns = (System.nanoTime() - t0) / (double) n;
        if (r >= 0) {
          best.merge(e.getKey(), ns, Math::min);
        }
      }
    }
    best.forEach((k, v) -> System.out.printf("%-24s %10.1f ns/op%n", k, v));
    System.out.println("# sink " + (sink != null));
  }
}
