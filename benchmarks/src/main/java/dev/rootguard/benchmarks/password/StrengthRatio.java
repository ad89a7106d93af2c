package dev.rootguard.benchmarks.password;

import com.nulabinc.zxcvbn.Zxcvbn;
import dev.rootguard.password.PasswordDictionary;
import dev.rootguard.password.internal.StrengthEstimator;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Our strength estimate against zxcvbn4j over the same 1,000 passwords as {@link
 * DictionaryBenchmark}, in alternating rounds within one JVM so that both sides see the same
 * machine load (useful on a shared machine where JMH iterations minutes apart see different load).
 * Prints per-round times and the median ratio.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.rootguard.benchmarks.password.StrengthRatio}
 */
public final class StrengthRatio {
  private StrengthRatio() {}

  /**
   * Runs the comparison.
   *
   * @param args optional number of rounds (default 20)
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    String[] passwords = DictionaryBenchmark.mixedPasswords(DictionaryBenchmark.bundledLines());
    StrengthEstimator ours = StrengthEstimator.create(PasswordDictionary.bundled());
    Zxcvbn zxcvbn = new Zxcvbn();
    long sink = 0;
    double[] ratios = new double[rounds];
    double[] oursUs = new double[rounds];
    double[] theirsUs = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      for (int k = 0; k < 20; k++) {
        for (String p : passwords) {
          sink += ours.estimate(p, List.of()).score();
        }
      }
      long t1 = System.nanoTime();
      for (String p : passwords) {
        sink += zxcvbn.measure(p).getScore();
      }
      long t2 = System.nanoTime();
      oursUs[r] = (t1 - t0) / (20.0 * passwords.length) / 1000;
      theirsUs[r] = (t2 - t1) / (double) passwords.length / 1000;
      ratios[r] = theirsUs[r] / oursUs[r];
      System.out.printf(
          Locale.ROOT,
          "round %2d: ours %.2f us, zxcvbn4j %.1f us, ratio %.0f%n",
          r + 1,
          oursUs[r],
          theirsUs[r],
          ratios[r]);
    }
    int from = rounds / 2; // second half: both sides warmed up
    System.out.printf(
        Locale.ROOT,
        "median of rounds %d-%d: ours %.2f us, zxcvbn4j %.1f us, ratio %.0fx (checksum %d)%n",
        from + 1,
        rounds,
        median(oursUs, from),
        median(theirsUs, from),
        median(ratios, from),
        sink);
  }

  private static double median(double[] values, int from) {
    double[] v = Arrays.copyOfRange(values, from, values.length);
    Arrays.sort(v);
    return v[v.length / 2];
  }
}
