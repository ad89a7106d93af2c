package dev.rootguard.mfa.totp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.testsupport.MutableClock;
import java.time.Instant;
import javax.crypto.Mac;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * RFC 6238 §5.2 over random secrets: search forward from a random step for two steps at most {@code
 * reach} apart with the same 6-digit code (found after about {@code 10^6 / reach} HMACs with the
 * independent {@link OtpOracle}), put the clock where the first submission accepts the earlier one,
 * and check that submitting the same string again at the same instant is never accepted.
 */
class SameCodeProperties {
  private static final Principal ALICE = Principal.of("alice");

  @Provide
  Arbitrary<OtpSecret> secrets() {
    return Generators.secrets();
  }

  /**
   * Returns the first pair of steps {@code {a, b}}, {@code from <= a < b <= a + reach}, with the
   * same 6-digit code: no two steps in {@code [from, b)} at most {@code reach} apart share a code.
   */
  static long[] firstCollision(Mac mac, long from, int reach) {
    int[] ring = new int[reach + 1];
    for (long s = from; ; s++) {
      int v = OtpOracle.value(mac, 6, s);
      for (int k = 1; k <= reach && s - k >= from; k++) {
        if (ring[(int) ((s - k) % ring.length)] == v) {
          return new long[] {s - k, s};
        }
      }
      ring[(int) (s % ring.length)] = v;
    }
  }

  @Property(tries = 12)
  void totp_codeOfTwoStepsInOneWindow_secondSubmissionNeverAccepted(
      @ForAll("secrets") OtpSecret secret,
      @ForAll HmacAlgorithm algorithm,
      @ForAll @LongRange(min = 1, max = 3600) long period,
      @ForAll @LongRange(min = 0, max = 32_503_680_000L) long epochSecond,
      @ForAll @IntRange(min = 2, max = TotpVerifier.MAX_WINDOW) int window,
      @ForAll @IntRange(min = 0, max = TotpVerifier.MAX_DRIFT) int maxDrift,
      @ForAll @IntRange(min = 0, max = TotpVerifier.MAX_WINDOW) int behind,
      @ForAll @LongRange(min = 0, max = 3599) long phase) {
    int lag = Math.min(behind, window); // the first code is this many steps ahead of our clock
    OtpParameters p = OtpParameters.of(algorithm, 6, period);
    Mac mac = OtpOracle.mac(secret.revealBytes(), OtpOracle.jcaName(algorithm));
    long from = p.stepAtEpochSecond(epochSecond);
    // No other step of the first window [now - window, now + window] shares the code, but pair[1].
    long[] pair = firstCollision(mac, from, 2 * window);
    long now = pair[0] - lag;
    Assume.that(now - window >= from);
    String code = OtpOracle.format(OtpOracle.value(mac, 6, pair[0]), 6);
    MutableClock clock = new MutableClock(Instant.ofEpochSecond(now * period + phase % period));
    TotpVerifier verifier =
        TotpVerifier.builder().clock(clock).window(window).maxDrift(maxDrift).build();
    TotpCredential credential =
        TotpCredential.builder(CredentialId.of("phone"), ALICE, secret).parameters(p).build();

    MfaResult first = verifier.verify(credential, code);
    assertThat(first.isAccepted()).as("first submission").isTrue();
    assertThat(((OtpMatch) first.detail()).step()).isEqualTo(pair[0]);

    MfaResult second = verifier.verify(credential, code);
    assertThat(second.isAccepted())
        .as("second submission of %s, steps %s", code, java.util.Arrays.toString(pair))
        .isFalse();
    assertThat(((MfaResult.Rejected) second).reason()).isEqualTo(MfaResult.Reason.REPLAYED);
  }

  @Property(tries = 12)
  void hotp_codeOfTwoCountersInLookAhead_secondSubmissionNeverAccepted(
      @ForAll("secrets") OtpSecret secret,
      @ForAll HmacAlgorithm algorithm,
      @ForAll @LongRange(min = 0, max = 1L << 40) long from,
      @ForAll @IntRange(min = 1, max = HotpVerifier.MAX_LOOK_AHEAD) int lookAhead,
      @ForAll @IntRange(min = 0, max = HotpVerifier.MAX_LOOK_AHEAD) int behind) {
    int lag = Math.min(behind, lookAhead); // the first code is this many counters ahead
    Mac mac = OtpOracle.mac(secret.revealBytes(), OtpOracle.jcaName(algorithm));
    // The second verification looks at counters last+1 .. last+1+lookAhead.
    long[] pair = firstCollision(mac, from, lookAhead + 1);
    Assume.that(pair[0] - lag >= from); // so no counter before pair[0] in the look-ahead matches
    String code = OtpOracle.format(OtpOracle.value(mac, 6, pair[0]), 6);
    HotpVerifier verifier =
        HotpVerifier.builder().clock(MutableClock.at(1_700_000_000L)).lookAhead(lookAhead).build();
    HotpCredential fob =
        HotpCredential.builder(CredentialId.of("fob"), ALICE, secret)
            .algorithm(algorithm)
            .initialCounter(pair[0] - lag)
            .build();

    MfaResult first = verifier.verify(fob, code);
    assertThat(first.isAccepted()).as("first submission").isTrue();

    MfaResult second = verifier.verify(fob, code);
    assertThat(second.isAccepted())
        .as("second submission of %s, counters %s", code, java.util.Arrays.toString(pair))
        .isFalse();
    assertThat(((MfaResult.Rejected) second).reason()).isEqualTo(MfaResult.Reason.REPLAYED);
  }
}
