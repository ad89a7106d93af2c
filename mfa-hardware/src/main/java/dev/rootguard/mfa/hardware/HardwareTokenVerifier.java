package dev.rootguard.mfa.hardware;

import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.FactorDetail;
import dev.rootguard.mfa.InMemoryAttemptLimiter;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.MfaVerifier;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.mfa.internal.FailClosed;
import dev.rootguard.mfa.totp.Hotp;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.mfa.totp.OtpMatch;
import dev.rootguard.mfa.totp.OtpSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 *   <li><b>Registry.</b> The token must exist ({@link Reason#UNKNOWN_CREDENTIAL}), be assigned to
 *       someone ({@link Reason#CREDENTIAL_NOT_ASSIGNED}: an administrator assigns it, e.g. {@code
 *       rootguard tokens assign SERIAL USER}), namely to the attempt's principal ({@link
 *       Reason#CREDENTIAL_NOT_OWNED}), be enabled ({@link Reason#CREDENTIAL_DISABLED}) and within
 *       its validity period ({@link Reason#CREDENTIAL_EXPIRED}). A code that is not exactly the
 *       token's number of ASCII digits, or an attempt without a credential (the serial), is {@link
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
 * return. The attempt limiter for {@link #verify} is {@link dev.rootguard.mfa.MfaAuthenticator}'s;
 * {@link #resync}, which is called directly, applies this verifier's own {@link
 * Builder#attemptLimiter(AttemptLimiter) limiter}.
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
   * Reason#LOCKED_OUT}, and a failed resync counts as a failure.
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
    Optional<Instant> locked = limiter.tryAcquire(principal);
    if (locked.isPresent()) {
      return new MfaResult.Rejected(
          principal,
          Factor.HARDWARE_OTP,
          Reason.LOCKED_OUT,
          clock.instant(),
          new FactorDetail.Lockout(locked.get()));
    }
    boolean settled = false;
    try {
      MfaResult r = check(principal, serial, clock.instant(), code1.toString(), code2.toString());
      if (r.isAccepted()) {
        limiter.recordSuccess(principal);
      } else if (((MfaResult.Rejected) r).reason().countsAsFailure()) {
        limiter.recordFailure(principal);
      } else {
        limiter.release(principal);
      }
      settled = true;
      return r;
    } finally {
      if (!settled) {
        limiter.recordFailure(principal);
      }
    }
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
      Principal principal, String serial, Instant now, String code1, String code2) {
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
      Principal principal, String serial, Instant now, String code1, String code2) {
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
    byte[] given1 = canonical(code1, token.digits());
    byte[] given2 = code2 == null ? null : canonical(code2, token.digits());
    if (given1 == null || (code2 != null && given2 == null)) {
      return reject(principal, Reason.MALFORMED_INPUT, now);
    }
    OtpSecret secret = token.otpSecret();
    OtpParameters params = token.parameters();
    long nowStep = params.stepAt(now);
    CredentialId credential = CredentialId.of(serial);
    while (true) {
      // The range to search, and where a match is a replay.
      long lo;
      long hi;
      long fresh; // the lowest step/counter not yet used
      if (token.type() == OathType.TOTP) {
        long center;
        long reach;
        if (code2 == null) {
          center = nowStep + state.driftSteps();
          reach = window;
        } else {
          center = nowStep;
          reach = Math.max(1, ceilDiv(totpResync.getSeconds(), params.periodSeconds()));
        }
        lo = center - reach;
        hi = center + reach;
        long maxDrift = resyncSteps(params);
        // Steps before T0 do not exist (and the stored sequence is never negative).
        lo = Math.max(Math.max(lo, nowStep - maxDrift), 0);
        hi = Math.min(hi, nowStep + maxDrift);
        fresh =
            state.lastSequence().isPresent()
                ? state.lastSequence().getAsLong() + 1
                : Long.MIN_VALUE;
        if (code2 != null) {
          hi = hi - 1; // the pair (s, s+1) must both lie in the window
        }
      } else {
        fresh =
            state.lastSequence().isPresent()
                ? state.lastSequence().getAsLong() + 1
                : token.counter();
        if (code2 == null) {
          // Look back at least one counter, so the last accepted one is always compared.
          lo = Math.max(0, fresh - Math.max(1, hotpLookAhead));
          hi = fresh + hotpLookAhead;
        } else {
          lo = fresh;
          hi = fresh + hotpResync;
        }
      }
      long match = search(secret, params, token.digits(), lo, hi, given1, given2, fresh);
      if (match == NONE) {
        return reject(principal, Reason.WRONG_CODE, now);
      }
      long used = code2 == null ? match : match + 1;
      if (match < fresh) {
        return new MfaResult.Rejected(
            principal,
            Factor.HARDWARE_OTP,
            Reason.REPLAYED,
            now,
            new OtpMatch(match, (int) state.driftSteps()));
      }
      long drift = token.type() == OathType.TOTP ? used - nowStep : 0;
      if (store.compareAndSet(serial, state, state.withAccepted(used, drift))) {
        if (token.type() == OathType.TOTP && Math.abs(drift) >= resyncSteps(params)) {
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

  private static final long NONE = Long.MIN_VALUE;

  /**
   * Checks every step in [lo, hi] without an early return; returns the highest stale match if any
   * (the code is a replay even if it also matches a fresh step: two steps can share a code, and RFC
   * 6238 §5.2 forbids accepting one code twice), otherwise the lowest fresh match, otherwise {@link
   * #NONE}.
   */
  private static long search(
      OtpSecret secret,
      OtpParameters p,
      int digits,
      long lo,
      long hi,
      byte[] c1,
      byte[] c2,
      long fresh) {
    long freshMatch = NONE;
    long staleMatch = NONE;
    if (hi < lo) {
      return NONE;
    }
    byte[] next = code(secret, p, digits, lo);
    for (long s = lo; s <= hi; s++) {
      byte[] current = next;
      boolean ok = MessageDigest.isEqual(current, c1);
      if (c2 != null) {
        next = code(secret, p, digits, s + 1);
        ok &= MessageDigest.isEqual(next, c2);
      } else if (s < hi) {
        next = code(secret, p, digits, s + 1);
      }
      if (ok) {
        if (s >= fresh) {
          if (freshMatch == NONE) {
            freshMatch = s;
          }
        } else {
          staleMatch = s;
        }
      }
    }
    return staleMatch != NONE ? staleMatch : freshMatch;
  }

  private static byte[] code(OtpSecret secret, OtpParameters p, int digits, long step) {
    return Hotp.code(secret, p.algorithm(), digits, step).getBytes(StandardCharsets.US_ASCII);
  }

  private long resyncSteps(OtpParameters p) {
    return Math.max(1, ceilDiv(totpResync.getSeconds(), p.periodSeconds()));
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  /** Returns the code as ASCII bytes if it is exactly {@code digits} characters '0'..'9'. */
  static byte[] canonical(String code, int digits) {
    if (code.length() != digits) {
      return null;
    }
    byte[] b = new byte[digits];
    for (int i = 0; i < digits; i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      b[i] = (byte) c;
    }
    return b;
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
     */
    public Builder window(int steps) {
      if (steps < 0 || steps > MAX_WINDOW) {
        throw new IllegalArgumentException("window: must be 0.." + MAX_WINDOW + ", was " + steps);
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
     */
    public Builder hotpLookAhead(int counters) {
      if (counters < 0 || counters > 100) {
        throw new IllegalArgumentException("hotpLookAhead: must be 0..100, was " + counters);
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
     */
    public Builder totpResyncWindow(Duration reach) {
      Objects.requireNonNull(reach, "reach");
      if (reach.isNegative() || reach.isZero() || reach.compareTo(MAX_TOTP_RESYNC) > 0) {
        throw new IllegalArgumentException(
            "totpResyncWindow: must be > 0 and <= 1 h, was " + reach);
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
     */
    public Builder hotpResyncWindow(int counters) {
      if (counters < 1 || counters > MAX_HOTP_RESYNC) {
        throw new IllegalArgumentException(
            "hotpResyncWindow: must be 1.." + MAX_HOTP_RESYNC + ", was " + counters);
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
      this.limiter = Objects.requireNonNull(limiter, "limiter");
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
