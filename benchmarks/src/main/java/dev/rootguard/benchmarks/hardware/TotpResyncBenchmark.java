package dev.rootguard.benchmarks.hardware;

import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.HardwareTokenVerifier;
import dev.rootguard.mfa.hardware.InMemoryTokenStore;
import dev.rootguard.mfa.hardware.OathType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A TOTP resync searched over ±10 minutes (41 steps of 30 s, both codes compared at every step, no
 * early exit): the worst case, where nothing matches and the whole window is scanned.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TotpResyncBenchmark {
  static final Principal ROOT = Principal.of("root");

  HardwareTokenVerifier verifier;

  /** Never locks: the benchmark repeats failing resyncs on purpose. */
  static final class NoLimit implements AttemptLimiter {
    @Override
    public Optional<Instant> tryAcquire(Principal principal) {
      return Optional.empty();
    }

    @Override
    public void recordSuccess(Principal principal) {}

    @Override
    public void recordFailure(Principal principal) {}

    @Override
    public void release(Principal principal) {}
  }

  @Setup
  public void setUp() {
    InMemoryTokenStore store = new InMemoryTokenStore();
    store.add(
        HardwareToken.builder(
                "GALT0001",
                OathType.TOTP,
                "12345678901234567890".getBytes(StandardCharsets.US_ASCII))
            .build());
    store.assign("GALT0001", ROOT);
    verifier =
        HardwareTokenVerifier.builder(store)
            .clock(Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC))
            .attemptLimiter(new NoLimit())
            .build();
  }

  @Benchmark
  public MfaResult resyncFullWindowNoMatch() {
    MfaResult r = verifier.resync(ROOT, "GALT0001", "000000", "000001");
    if (r.isAccepted()) {
      throw new IllegalStateException("bug: random codes accepted");
    }
    return r;
  }
}
