package dev.rootguard.benchmarks.password;

import com.nulabinc.zxcvbn.Zxcvbn;
import dev.rootguard.password.PasswordDictionary;
import dev.rootguard.password.internal.CompactDictionary;
import dev.rootguard.password.internal.StrengthEstimator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The common-password dictionary and the strength estimate, side by side with a {@code
 * HashSet<String>} and with zxcvbn4j.
 *
 * <ul>
 *   <li>{@code loadBundled}: single-shot load of the bundled 30,000-entry list into the compact
 *       form (first shot is the cold one the README reports; see also {@link DictionaryHeap}).
 *   <li>{@code lookupCompact} vs {@code lookupHashSet}: case-insensitive lookups of the same 1,000
 *       words (half listed, mixed case); the HashSet must lower-case each probe, as ours does.
 *   <li>{@code strengthOurs} vs {@code strengthZxcvbn4j}: the same 1,000 mixed passwords (common,
 *       l33t, with years/digits, keyboard walks, random) through our estimator and {@code new
 *       Zxcvbn().measure(pw)}.
 *   <li>{@code strengthOurs10k}: one 10,000-character input (zxcvbn4j would take seconds).
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DictionaryBenchmark -f 1 -wi 3 -i 5 -w
 * 1s -r 1s}
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DictionaryBenchmark {
  static final int N = 1_000;

  PasswordDictionary compact;
  Set<String> hashSet;
  String[] probes;
  String[] passwords;
  String tenThousand;
  StrengthEstimator ours;
  Zxcvbn zxcvbn;

  static List<String> bundledLines() {
    try (InputStream in = resource();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> out = new ArrayList<>();
      for (String line; (line = r.readLine()) != null; ) {
        out.add(line);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InputStream resource() {
    return DictionaryBenchmark.class.getResourceAsStream(
        "/dev/rootguard/password/internal/common-passwords.txt");
  }

  /** 1,000 mixed passwords, deterministic. */
  static String[] mixedPasswords(List<String> common) {
    Random rnd = new Random(42);
    String[] walks = {
      "qwertyuiop", "asdfghjkl", "1qaz2wsx3edc", "zxcvbnm", "poiuytrewq", "@[:;lkj"
    };
    String alpha = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*()";
    String[] out = new String[N];
    for (int i = 0; i < N; i++) {
      String w = common.get(rnd.nextInt(common.size()));
      switch (i % 5) {
        case 0 -> out[i] = w;
        case 1 -> out[i] = w.replace('a', '@').replace('o', '0').replace('e', '3') + "!";
        case 2 ->
            out[i] = Character.toUpperCase(w.charAt(0)) + w.substring(1) + (1950 + rnd.nextInt(80));
        case 3 -> out[i] = walks[rnd.nextInt(walks.length)];
        default -> {
          StringBuilder sb = new StringBuilder();
          int len = 8 + rnd.nextInt(13);
          for (int k = 0; k < len; k++) {
            sb.append(alpha.charAt(rnd.nextInt(alpha.length())));
          }
          out[i] = sb.toString();
        }
      }
    }
    return out;
  }

  @Setup
  public void setUp() {
    List<String> common = bundledLines();
    compact = PasswordDictionary.bundled();
    hashSet = new HashSet<>();
    for (String w : common) {
      hashSet.add(w.toLowerCase(Locale.ROOT));
    }
    Random rnd = new Random(7);
    probes = new String[N];
    for (int i = 0; i < N; i++) {
      String w = common.get(rnd.nextInt(common.size()));
      probes[i] = i % 2 == 0 ? w.toUpperCase(Locale.ROOT) : w + "x9";
    }
    passwords = mixedPasswords(common);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      sb.append((char) (0x21 + rnd.nextInt(94)));
    }
    tenThousand = sb.toString();
    ours = StrengthEstimator.create(compact);
    zxcvbn = new Zxcvbn();
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 0)
  @Measurement(iterations = 10)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public PasswordDictionary loadBundled() throws IOException {
    try (InputStream in = resource()) {
      return CompactDictionary.read(in, "bundled", 256 * 1024);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @OperationsPerInvocation(N)
  public void lookupCompact(Blackhole bh) {
    for (String p : probes) {
      bh.consume(compact.contains(p));
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @OperationsPerInvocation(N)
  public void lookupHashSet(Blackhole bh) {
    for (String p : probes) {
      bh.consume(hashSet.contains(p.toLowerCase(Locale.ROOT)));
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @OperationsPerInvocation(N)
  public void strengthOurs(Blackhole bh) {
    for (String p : passwords) {
      bh.consume(ours.estimate(p, List.of()));
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @OperationsPerInvocation(N)
  public void strengthZxcvbn4j(Blackhole bh) {
    for (String p : passwords) {
      bh.consume(zxcvbn.measure(p));
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Object strengthOurs10k() {
    return ours.estimate(tenThousand, List.of());
  }
}
