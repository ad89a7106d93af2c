package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.OtpMatch;
import dev.rootguard.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import javax.crypto.Mac;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * RFC 6238 §5.2 over random seeds for {@link HardwareTokenVerifier}: search forward from a random
 * step (or counter) for two steps of one window with the same 6-digit code, using the independent
 * {@link OtpOracle}; submit the code twice at one instant; the second is never accepted.
 */
class SameCodeProperties {
  private static final Principal ROOT = Principal.of("root");

  private static MfaResult verify(HardwareTokenVerifier v, String code) {
    return v.verify(MfaAttempt.of(ROOT, Factor.HARDWARE_OTP, CredentialId.of("T"), code));
  }

  @Property(tries = 12)
  void totp_codeOfTwoStepsInOneWindow_secondSubmissionNeverAccepted(
      @ForAll @Size(min = 10, max = 64) byte[] seed,
      @ForAll HmacAlgorithm algorithm,
      @ForAll @LongRange(min = 1, max = 3600) long period,
      @ForAll @LongRange(min = 0, max = 32_503_680_000L) long epochSecond,
      @ForAll @IntRange(min = 2, max = HardwareTokenVerifier.MAX_WINDOW) int window,
      @ForAll @IntRange(min = 0, max = HardwareTokenVerifier.MAX_WINDOW) int behind,
      @ForAll @LongRange(min = 0, max = 3599) long phase) {
    long maxDrift = Math.max(1, -Math.floorDiv(-600, period)); // the default 10-minute resync
    int lag = (int) Math.min(Math.min(behind, window), maxDrift);
    Mac mac = OtpOracle.mac(seed, algorithm);
    long from = epochSecond / period;
    // No other step of the first window [now - window, now + window] shares the code, but pair[1].
    long[] pair = OtpOracle.firstCollision(mac, from, 2 * window);
    long now = pair[0] - lag;
    Assume.that(now - window >= from);
    String code = OtpOracle.code(mac, pair[0]);
    InMemoryTokenStore store = new InMemoryTokenStore();
    store.add(
        HardwareToken.builder("T", OathType.TOTP, seed)
            .algorithm(algorithm)
            .timeStep(Duration.ofSeconds(period))
            .build());
    store.assign("T", ROOT);
    MutableClock clock = new MutableClock(Instant.ofEpochSecond(now * period + phase % period));
    HardwareTokenVerifier v =
        HardwareTokenVerifier.builder(store).clock(clock).window(window).build();

    MfaResult first = verify(v, code);
    assertThat(first.isAccepted()).as("first submission: %s", first).isTrue();
    assertThat(((OtpMatch) first.detail()).step()).isEqualTo(pair[0]);

    MfaResult second = verify(v, code);
    assertThat(second.isAccepted())
        .as("second submission of %s, steps %s", code, Arrays.toString(pair))
        .isFalse();
    assertThat(((MfaResult.Rejected) second).reason()).isEqualTo(MfaResult.Reason.REPLAYED);
  }

  @Property(tries = 12)
  void hotp_codeOfTwoCountersInLookAhead_secondSubmissionNeverAccepted(
      @ForAll @Size(min = 10, max = 64) byte[] seed,
      @ForAll HmacAlgorithm algorithm,
      @ForAll @LongRange(min = 0, max = 1L << 40) long from,
      @ForAll @IntRange(min = 0, max = 100) int lookAhead,
      @ForAll @IntRange(min = 0, max = 100) int behind) {
    int lag = Math.min(behind, lookAhead); // the first code is this many counters ahead
    int back = Math.max(1, lookAhead); // how far back the verifier looks for replays
    Mac mac = OtpOracle.mac(seed, algorithm);
    // No other counter of the first range [counter - back, counter + lookAhead] shares the code.
    long[] pair = OtpOracle.firstCollision(mac, from, lag + back + 1);
    long counter = pair[0] - lag;
    Assume.that(counter - back >= from);
    String code = OtpOracle.code(mac, pair[0]);
    InMemoryTokenStore store = new InMemoryTokenStore();
    store.add(
        HardwareToken.builder("T", OathType.HOTP, seed)
            .algorithm(algorithm)
            .counter(counter)
            .build());
    store.assign("T", ROOT);
    HardwareTokenVerifier v =
        HardwareTokenVerifier.builder(store)
            .clock(MutableClock.at(1_700_000_000L))
            .hotpLookAhead(lookAhead)
            .build();

    MfaResult first = verify(v, code);
    assertThat(first.isAccepted()).as("first submission: %s", first).isTrue();
    assertThat(((OtpMatch) first.detail()).step()).isEqualTo(pair[0]);

    MfaResult second = verify(v, code);
    assertThat(second.isAccepted())
        .as("second submission of %s, counters %s", code, Arrays.toString(pair))
        .isFalse();
    assertThat(((MfaResult.Rejected) second).reason()).isEqualTo(MfaResult.Reason.REPLAYED);
  }
}
