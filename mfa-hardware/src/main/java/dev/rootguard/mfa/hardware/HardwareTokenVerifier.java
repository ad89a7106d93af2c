package dev.rootguard.mfa.hardware;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.InMemoryAttemptLimiter;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.MfaVerifier;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.mfa.internal.FailClosed;
import dev.rootguard.mfa.totp.Hotp;
import dev.rootguard.mfa.totp.OtpMatch;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.mfa.totp.internal.OtpEngine;
import dev.rootguard.mfa.totp.internal.OtpKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies codes from OATH hardware tokens ({@link Factor#HARDWARE_OTP}): TOTP key fobs with
 * per-token clock drift, and HOTP key fobs with a counter look-ahead. Codes are computed with the
 * mfa-totp module ({@link Hotp}); this class adds the hardware-token rules:
 *
 * <ul>
 *   <li><b>Drift.</b> Each token's clock offset is stored with it ({@link
 *       TokenState#driftSteps()}); a code is looked for within ±{@link Builder#window(int) window}
 *       steps around {@code now + drift}, and each accepted code moves the stored drift to where
 *       that code was found.
 *   <li><b>Resync</b> ({@link #resync}), as AWS {@code ResyncMFADevice} does: two consecutive codes
 *       searched over a wide window (default ±10 minutes for TOTP, the next 1,000 counters for
 *       HOTP) re-anchor a token whose clock or counter ran away.
 *   <li><b>Replay.</b> The last accepted step (or counter) is stored with the token; a code for
 *       that step or an earlier one in the searched range is {@link Reason#REPLAYED}, even if it
 *       also matches a later step (two steps can share a code; RFC 6238 §5.2), so the second
 *       submission of an accepted code is never accepted. The searched range always contains the
 *       step or counter just accepted. State changes use compare-and-set, so concurrent submissions
 *       of one code accept once.
 *   <li><b>Match choice.</b> Of several fresh TOTP steps with the submitted code (or pair), the one
 *       nearest to the current step is taken, on a tie the earlier; for HOTP the lowest counter.
 *   <li><b>Registry.</b> The token must exist ({@link Reason#UNKNOWN_CREDENTIAL}), be assigned to
 *       someone ({@link Reason#CREDENTIAL_NOT_ASSIGNED}: an administrator assigns it, e.g. {@code
 *       rootguard tokens assign SERIAL USER}), namely to the attempt's principal ({@link
 *       Reason#CREDENTIAL_NOT_OWNED}), be enabled ({@link Reason#CREDENTIAL_DISABLED}) and within
 *       its validity period ({@link Reason#CREDENTIAL_EXPIRED}). ASCII spaces are removed from a
 *       code ({@code "123 456"}, as users type it); a code that is not then exactly the token's
 *       number of ASCII digits, or an attempt without a credential (the serial), is {@link
 *       Reason#MALFORMED_INPUT}.
 *   <li><b>Fail closed.</b> A stored token that cannot be used (a seed that does not open, or one
 *       shorter than {@link HardwareToken#MIN_SECRET_LENGTH} bytes left by a legacy store file or a
 *       hand-edited row) is {@link Reason#VERIFIER_ERROR}, counted as a failure and logged at WARN
 *       with the serial (never the seed); the verifier does not throw. Only a {@link
 *       StoreException} (the store is unreachable) is thrown on, which {@link
 *       dev.rootguard.mfa.MfaAuthenticator} reports as {@link Reason#STORE_UNAVAILABLE}.
 * </ul>
 *
 * <p>Codes are compared in constant time, every step of the window being checked without an early
 * return, and the buffers holding codes are wiped. These input, replay, match-choice, constant-time
 * and wiping rules are the ones every OTP verifier of RootGuard shares ({@link
 * dev.rootguard.mfa.totp.TotpVerifier}, {@link dev.rootguard.mfa.totp.HotpVerifier}): one internal
 * search engine of mfa-totp applies them. The attempt limiter for {@link #verify} is {@link
 * dev.rootguard.mfa.MfaAuthenticator}'s; {@link #resync}, which is called directly, applies this
 * verifier's own {@link Builder#attemptLimiter(AttemptLimiter) limiter}.
 *
 * <pre>{@code
 * HardwareTokenVerifier tokens = HardwareTokenVerifier.builder(store).clock(clock).build();
 * MfaResult r = authenticator.authenticate(
 *     MfaAttempt.of(root, Factor.HARDWARE_OTP, CredentialId.of("GALT12345678"), "492039"));
 * MfaResult resynced = tokens.resync(root, "GALT12345678", "123456", "654321");
 * }</pre>
 *
 * <p>Thread-safe; share one instance.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/APIReference/API_ResyncMFADevice.html">AWS
 *     ResyncMFADevice</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6238#section-6">RFC 6238 §6
 *     (resynchronization)</a>
 * @since 0.1.0
 */
public final class HardwareTokenVerifier implements MfaVerifier {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(HardwareTokenVerifier.class);

  /** Largest normal window, in steps either side. */
  public static final int MAX_WINDOW = 10;

  /** Largest TOTP resync window either side. */
  public static final Duration MAX_TOTP_RESYNC = Duration.ofHours(1);

  /** Largest normal HOTP look-ahead, in counters past the next expected one. */
  public static final int MAX_HOTP_LOOK_AHEAD = 100;

  /** Largest HOTP resync look-ahead. */
  public static final int MAX_HOTP_RESYNC = 100_000;

  private final TokenStore store;
  private final Clock clock;
  private final int window;
  private final int hotpLookAhead;
  private final Duration totpResync;
  private final int hotpResync;
  private final AttemptLimiter limiter;

  private HardwareTokenVerifier(Builder b) {
    this.store = b.store;
    this.clock = b.clock;
    this.window = b.window;
    this.hotpLookAhead = b.hotpLookAhead;
    this.totpResync = b.totpResync;
    this.hotpResync = b.hotpResync;
    this.limiter =
        b.limiter != null ? b.limiter : InMemoryAttemptLimiter.builder().clock(b.clock).build();
  }

  /**
   * Starts a builder.
   *
   * @param store the token registry
   * @return a builder; not thread-safe
   */
  public static Builder builder(TokenStore store) {
    return new Builder(store);
  }

  @Override
  public Set<Factor> factors() {
    return Set.of(Factor.HARDWARE_OTP);
  }

  /** Returns true: the last accepted step or counter is stored with each token. */
  @Override
  public boolean guardsReplay() {
    return true;
  }

  @Override
  public MfaResult verify(MfaAttempt attempt) {
    Objects.requireNonNull(attempt, "attempt");
    if (attempt.factor() != Factor.HARDWARE_OTP) {
      throw new IllegalArgumentException(
          "factor: this verifier serves HARDWARE_OTP, not " + attempt.factor());
    }
    Principal principal = attempt.principal();
    Instant now = clock.instant();
    if (attempt.credential().isEmpty()) {
      return reject(principal, Reason.MALFORMED_INPUT, now);
    }
    return check(principal, attempt.credential().get().value(), now, attempt.response(), null);
  }

  /**
   * Re-anchors a token from two consecutive codes, as AWS {@code ResyncMFADevice} does: for TOTP
   * the pair is searched within ±{@link Builder#totpResyncWindow(Duration) the resync window}
   * (default ±10 minutes) and the drift is set to where it was found; for HOTP the next {@link
   * Builder#hotpResyncWindow(int) 1,000} counters are searched and the counter moves past the pair.
   * Both codes are then used (never accepted again).
   *
   * <p>Applies this verifier's attempt limiter: a locked-out principal gets {@link
   * Reason#LOCKED_OUT}, and a failed resync counts as a failure. The limiter fails closed: if it
   * cannot reserve an attempt (its store is down), nothing is checked and the result is {@link
   * Reason#STORE_UNAVAILABLE}; an acceptance it cannot record becomes {@link
   * Reason#STORE_UNAVAILABLE}.
   *
   * @param principal who owns the token
   * @param serial the token's serial
   * @param code1 the first code shown
   * @param code2 the next code shown
   * @return accepted (with an {@link OtpMatch} of the second code's step and the new drift) or
   *     rejected with the reason
   */
  public MfaResult resync(
      Principal principal, String serial, CharSequence code1, CharSequence code2) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(code1, "code1");
    Objects.requireNonNull(code2, "code2");
    return FailClosed.limited(
        limiter,
        principal,
        Factor.HARDWARE_OTP,
        clock,
        () -> check(principal, serial, clock.instant(), code1, code2));
  }

  /**
   * Verifies one code ({@code code2 == null}) or resyncs with two, failing closed: a stored token
   * that cannot be used (its seed does not open, is shorter than {@link
   * HardwareToken#MIN_SECRET_LENGTH} in a legacy file or a hand-edited row, was destroyed...) is
   * {@link Reason#VERIFIER_ERROR}, never an exception. A {@link StoreException} (the store is
   * unreachable) is thrown on, for {@link dev.rootguard.mfa.MfaAuthenticator} to report as {@link
   * Reason#STORE_UNAVAILABLE}.
   */
  private MfaResult check(
      Principal principal, String serial, Instant now, CharSequence code1, CharSequence code2) {
    if (serial.isEmpty() || serial.length() > HardwareToken.MAX_SERIAL_LENGTH) {
      return reject(principal, Reason.MALFORMED_INPUT, now);
    }
    try {
      return checkToken(principal, serial, now, code1, code2);
    } catch (StoreException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warn(
          "token {}: stored token is unusable ({}); rejected as VERIFIER_ERROR (fail closed)",
          serial,
          FailClosed.describe(e));
      return reject(principal, Reason.VERIFIER_ERROR, now);
    }
  }

  private MfaResult checkToken(
      Principal principal, String serial, Instant now, CharSequence code1, CharSequence code2) {
    Optional<HardwareToken> maybeToken = store.token(serial);
    Optional<TokenState> maybeState = store.state(serial);
    if (maybeToken.isEmpty() || maybeState.isEmpty()) {
      return reject(principal, Reason.UNKNOWN_CREDENTIAL, now);
    }
    HardwareToken token = maybeToken.get();
    TokenState state = maybeState.get();
    if (state.owner().isEmpty()) {
      return reject(principal, Reason.CREDENTIAL_NOT_ASSIGNED, now);
    }
    if (!state.owner().get().equals(principal)) {
      return reject(principal, Reason.CREDENTIAL_NOT_OWNED, now);
    }
    if (state.disabled()) {
      return reject(principal, Reason.CREDENTIAL_DISABLED, now);
    }
    if (token.isExpiredAt(now) || token.isNotYetValidAt(now)) {
      return reject(principal, Reason.CREDENTIAL_EXPIRED, now);
    }
    int digits = token.digits();
    OtpKey.Scratch scratch = OtpKey.scratch();
    byte[] given1 = scratch.given(digits);
    byte[] given2 = scratch.second(digits);
    try {
      if (!OtpEngine.normalize(code1, given1)
          || (code2 != null && !OtpEngine.normalize(code2, given2))) {
        return reject(principal, Reason.MALFORMED_INPUT, now);
      }
      return search(principal, serial, now, token, state, given1, code2 == null ? null : given2);
    } finally {
      Arrays.fill(given1, (byte) 0);
      Arrays.fill(given2, (byte) 0);
    }
  }

  /** Searches the token's range for the normalized code (or pair) and records an acceptance. */
  private MfaResult search(
      Principal principal,
      String serial,
      Instant now,
      HardwareToken token,
      TokenState state,
      byte[] given1,
      byte[] given2) {
    OtpParameters params = token.parameters();
    OtpKey key = OtpEngine.key(token.otpSecret(), params.algorithm());
    int digits = token.digits();
    long nowStep = params.stepAt(now);
    boolean totp = token.type() == OathType.TOTP;
    CredentialId credential = CredentialId.of(serial);
    while (true) {
      // The range to search, the lowest step/counter not yet used, and where a fresh match
      // should be nearest to (TOTP: now; HOTP: the next counter, i.e. the lowest wins).
      long lo;
      long hi;
      long fresh;
      long target;
      if (totp) {
        long center;
        long reach;
        if (given2 == null) {
          center = nowStep + state.driftSteps();
          reach = window;
        } else {
          center = nowStep;
          reach = resyncSteps(params);
        }
        long maxDrift = resyncSteps(params);
        // Steps before T0 do not exist (and the stored sequence is never negative).
        lo = Math.max(Math.max(center - reach, nowStep - maxDrift), 0);
        hi = Math.min(center + reach, nowStep + maxDrift);
        fresh =
            state.lastSequence().isPresent()
                ? state.lastSequence().getAsLong() + 1
                : Long.MIN_VALUE;
        if (given2 != null) {
          hi = hi - 1; // the pair (s, s+1) must both lie in the window
        }
        target = nowStep;
      } else {
        fresh =
            state.lastSequence().isPresent()
                ? state.lastSequence().getAsLong() + 1
                : token.counter();
        if (given2 == null) {
          // Look back at least one counter, so the last accepted one is always compared.
          lo = Math.max(0, fresh - Math.max(1, hotpLookAhead));
          hi = fresh + hotpLookAhead;
        } else {
          lo = fresh;
          hi = fresh + hotpResync;
        }
        target = fresh;
      }
      long match =
          given2 == null
              ? OtpEngine.find(key, digits, given1, lo, hi, fresh, target, OtpKey.scratch())
              : OtpEngine.findPair(
                  key, digits, given1, given2, lo, hi, fresh, target, OtpKey.scratch());
      if (match == OtpEngine.NONE) {
        return reject(principal, Reason.WRONG_CODE, now);
      }
      if (OtpEngine.isReplay(match, fresh)) {
        return new MfaResult.Rejected(
            principal,
            Factor.HARDWARE_OTP,
            Reason.REPLAYED,
            now,
            new OtpMatch(match, (int) state.driftSteps()));
      }
      long used = given2 == null ? match : match + 1;
      long drift = totp ? used - nowStep : 0;
      if (store.compareAndSet(serial, state, state.withAccepted(used, drift))) {
        if (totp && Math.abs(drift) >= resyncSteps(params)) {
          LOG.warn(
              "token {}: clock drift reached the bound of {} steps; replace or resync it",
              serial,
              drift);
        }
        return new MfaResult.Accepted(
            principal, credential, Factor.HARDWARE_OTP, now, new OtpMatch(used, (int) drift));
      }
      // Lost a race: read again and decide again (the code may now be a replay).
      Optional<TokenState> again = store.state(serial);
      if (again.isEmpty()) {
        return reject(principal, Reason.UNKNOWN_CREDENTIAL, now);
      }
      state = again.get();
      if (state.disabled()) {
        return reject(principal, Reason.CREDENTIAL_DISABLED, now);
      }
    }
  }

  private long resyncSteps(OtpParameters p) {
    return Math.max(1, ceilDiv(totpResync.getSeconds(), p.periodSeconds()));
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  private static MfaResult reject(Principal p, Reason reason, Instant now) {
    return MfaResult.Rejected.of(p, Factor.HARDWARE_OTP, reason, now);
  }

  @Override
  public String toString() {
    return "HardwareTokenVerifier[window="
        + window
        + ", totpResync="
        + totpResync
        + ", hotpResync="
        + hotpResync
        + "]";
  }

  /**
   * Builds a {@link HardwareTokenVerifier}. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final TokenStore store;
    private Clock clock = Clock.systemUTC();
    private int window = 1;
    private int hotpLookAhead = 10;
    private Duration totpResync = Duration.ofMinutes(10);
    private int hotpResync = 1_000;
    private AttemptLimiter limiter;

    private Builder(TokenStore store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Sets the clock. Default: {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the normal TOTP window, in steps either side of {@code now + drift}. Default: 1.
     * Maximum: {@value HardwareTokenVerifier#MAX_WINDOW}. Wider windows accept more guesses.
     *
     * @param steps the window
     * @return this builder
     * @throws InvalidInputException naming {@code window} when out of range
     */
    public Builder window(int steps) {
      if (steps < 0 || steps > MAX_WINDOW) {
        throw new InvalidInputException("window", "must be 0.." + MAX_WINDOW + ", was " + steps);
      }
      this.window = steps;
      return this;
    }

    /**
     * Sets the normal HOTP look-ahead (RFC 4226 §7.4), in counters past the next expected one.
     * Default: 10. Maximum: 100.
     *
     * @param counters the look-ahead
     * @return this builder
     * @throws InvalidInputException naming {@code hotpLookAhead} when out of range
     */
    public Builder hotpLookAhead(int counters) {
      if (counters < 0 || counters > MAX_HOTP_LOOK_AHEAD) {
        throw new InvalidInputException(
            "hotpLookAhead", "must be 0.." + MAX_HOTP_LOOK_AHEAD + ", was " + counters);
      }
      this.hotpLookAhead = counters;
      return this;
    }

    /**
     * Sets how far either side of now a TOTP resync searches, which is also the largest drift a
     * token may have. Default: 10 minutes. Maximum: 1 hour.
     *
     * @param reach the reach either side
     * @return this builder
     * @throws InvalidInputException naming {@code totpResyncWindow} when out of range
     */
    public Builder totpResyncWindow(Duration reach) {
      Objects.requireNonNull(reach, "totpResyncWindow");
      if (reach.isNegative() || reach.isZero() || reach.compareTo(MAX_TOTP_RESYNC) > 0) {
        throw new InvalidInputException("totpResyncWindow", "must be > 0 and <= 1 h, was " + reach);
      }
      this.totpResync = reach;
      return this;
    }

    /**
     * Sets how many counters past the next expected one a HOTP resync searches. Default: 1,000.
     * Maximum: 100,000.
     *
     * @param counters the look-ahead
     * @return this builder
     * @throws InvalidInputException naming {@code hotpResyncWindow} when out of range
     */
    public Builder hotpResyncWindow(int counters) {
      if (counters < 1 || counters > MAX_HOTP_RESYNC) {
        throw new InvalidInputException(
            "hotpResyncWindow", "must be 1.." + MAX_HOTP_RESYNC + ", was " + counters);
      }
      this.hotpResync = counters;
      return this;
    }

    /**
     * Sets the attempt limiter {@link HardwareTokenVerifier#resync} applies. Default: an {@link
     * InMemoryAttemptLimiter} with its defaults. Share the authenticator's to count both.
     *
     * @param limiter the limiter
     * @return this builder
     */
    public Builder attemptLimiter(AttemptLimiter limiter) {
      this.limiter = Objects.requireNonNull(limiter, "attemptLimiter");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     */
    public HardwareTokenVerifier build() {
      return new HardwareTokenVerifier(this);
    }
  }
}
