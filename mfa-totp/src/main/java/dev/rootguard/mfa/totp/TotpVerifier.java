package dev.rootguard.mfa.totp;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.FactorDetail;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.MfaVerifier;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.internal.FailClosed;
import dev.rootguard.mfa.totp.internal.OtpEngine;
import dev.rootguard.mfa.totp.internal.OtpKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Verifies RFC 6238 TOTP codes from authenticator apps: a window of ±N time steps around the
 * device's learned drift, constant-time comparison of every step in the window, a replay guard (a
 * step is accepted at most once per credential, never one older than the last accepted, and never a
 * code that matches such a used step), and drift learning within a bound. Implements the core
 * {@link MfaVerifier} SPI for {@link Factor#TOTP_APP} (or, for hardware TOTP tokens, the factor
 * given to {@link Builder#factor}).
 *
 * <pre>{@code
 * TotpVerifier verifier = TotpVerifier.builder()
 *     .clock(clock)
 *     .window(1)
 *     .stateStore(OtpStateStore.inMemory())
 *     .credentials(id -> repository.findTotp(id))
 *     .build();
 * MfaResult r = verifier.verify(credential, "492 039");   // one space-removal normalization
 * if (r instanceof MfaResult.Accepted a && a.detail() instanceof OtpMatch m) { ... }
 * }</pre>
 *
 * <p>Outcomes are results, never exceptions: a wrong code is {@link Reason#WRONG_CODE}, a used or
 * older step {@link Reason#REPLAYED}, a code that is not exactly {@code digits} ASCII digits (after
 * removing spaces) {@link Reason#MALFORMED_INPUT}. Only misuse throws. A rejection changes no
 * stored state; only an acceptance advances the credential's state, atomically through {@link
 * OtpStateStore#compareAndSet}, so one code submitted concurrently is accepted exactly once.
 *
 * <p>Same code, two steps: two steps of one window can have the same code (about once in {@code
 * 10^digits} pairs). A submitted code that matches any step in the window at or before the last
 * accepted one is {@link Reason#REPLAYED}, even if it also matches a later step, so the second
 * submission of an accepted code is never accepted (RFC 6238 §5.2), whichever step it would match:
 * from the instant of an acceptance until {@code window} steps later, the window contains the step
 * just accepted. The price is that a device showing a code it showed for a used step in the window
 * must wait for its next step. Of several fresh steps with the submitted code, the one nearest to
 * the current step is taken (on a tie, the earlier). These are the rules every OTP verifier of
 * RootGuard shares ({@link HotpVerifier}, the hardware-token verifier of mfa-hardware): one
 * internal search engine applies them.
 *
 * <p>Rate limiting: through the SPI, {@link dev.rootguard.mfa.MfaAuthenticator} applies its {@link
 * AttemptLimiter}; the convenience method {@link #verify(TotpCredential, CharSequence)} applies the
 * limiter given to {@link Builder#attemptLimiter} (none by default).
 *
 * <p>Verification without a limiter allocates nothing but the result: HMACs run on per-thread
 * digests from key blocks prepared once per secret. The HMAC values of the last window verified are
 * kept with the secret (and wiped by {@link OtpSecret#destroy()}), so further attempts in the same
 * time step, such as guesses, cost no HMAC at all.
 *
 * <p>Thread-safe; share one instance.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6238#section-5.2">RFC 6238 §5.2</a>
 * @since 0.1.0
 */
public final class TotpVerifier implements MfaVerifier {
  /** Largest allowed {@link Builder#window(int)}. */
  public static final int MAX_WINDOW = 10;

  /** Largest allowed {@link Builder#maxDrift(int)}. */
  public static final int MAX_DRIFT = 20;

  private final Clock clock;
  private final int window;
  private final int maxDrift;
  private final OtpStateStore store;
  private final Function<CredentialId, Optional<TotpCredential>> credentials;
  private final AttemptLimiter limiter;
  private final Factor factor;
  private final Set<Factor> factors;
  private final SpiAttempts.CodeCheck<TotpCredential> codeCheck = this::check;

  private TotpVerifier(Builder b) {
    this.clock = b.clock;
    this.window = b.window;
    this.maxDrift = b.maxDrift;
    this.store = b.store != null ? b.store : OtpStateStore.inMemory();
    this.credentials = b.credentials;
    this.limiter = b.limiter;
    this.factor = b.factor;
    this.factors = Set.of(b.factor);
  }

  /**
   * Starts a builder.
   *
   * @return a builder; not thread-safe
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Set<Factor> factors() {
    return factors;
  }

  /** Returns true: this verifier rejects replays itself, atomically, through its state store. */
  @Override
  public boolean guardsReplay() {
    return true;
  }

  /**
   * Verifies an attempt through the SPI: looks the credential up, checks it belongs to the
   * attempt's principal, then checks the code. No attempt limiter is applied here ({@link
   * dev.rootguard.mfa.MfaAuthenticator} applies its own).
   *
   * @param attempt an attempt for this verifier's factor ({@link Factor#TOTP_APP} by default)
   *     <p>Fails closed: a stored credential the lookup cannot rebuild (a secret shorter than
   *     {@link OtpSecret#MIN_LENGTH} in a hand-edited row, one that does not open) or whose secret
   *     was destroyed is {@link Reason#VERIFIER_ERROR}, logged at WARN with the credential id
   *     (never the secret), instead of an exception. A {@link dev.rootguard.mfa.StoreException}
   *     from the stores is thrown on ({@link dev.rootguard.mfa.MfaAuthenticator} reports it as
   *     {@link Reason#STORE_UNAVAILABLE}).
   * @param attempt an attempt for this verifier's factor ({@link Factor#TOTP_APP} by default)
   * @return the result: {@link Reason#UNKNOWN_CREDENTIAL} when the attempt names no credential or
   *     an unknown one, {@link Reason#CREDENTIAL_NOT_OWNED} when it belongs to someone else, {@link
   *     Reason#VERIFIER_ERROR} when the stored credential is unusable
   * @throws IllegalArgumentException if the attempt is for another factor
   */
  @Override
  public MfaResult verify(MfaAttempt attempt) {
    return SpiAttempts.verify(attempt, factor, clock, credentials, codeCheck);
  }

  /**
   * Verifies a code for a credential the caller already loaded, applying the attempt limiter if one
   * was configured (a locked-out owner gets {@link Reason#LOCKED_OUT} with a {@link
   * FactorDetail.Lockout} detail, and no code is checked). The limiter fails closed: if it cannot
   * reserve an attempt (its store is down) no code is checked and the result is {@link
   * Reason#STORE_UNAVAILABLE}; if it cannot record an acceptance, the acceptance becomes {@link
   * Reason#STORE_UNAVAILABLE}.
   *
   * @param credential the credential
   * @param code the submitted code; spaces are removed, then it must be exactly {@code digits}
   *     ASCII digits
   * @return the result, never null; accepted results carry an {@link OtpMatch}
   * @throws IllegalStateException if the credential's secret was destroyed
   */
  public MfaResult verify(TotpCredential credential, CharSequence code) {
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(code, "code");
    Instant at = clock.instant();
    if (limiter == null) {
      return check(credential, code, at);
    }
    return FailClosed.limited(
        limiter, credential.owner(), factor, clock, () -> check(credential, code, at));
  }

  private MfaResult check(TotpCredential credential, CharSequence code, Instant at) {
    OtpParameters p = credential.parameters();
    int digits = p.digits();
    OtpKey.Scratch scratch = OtpKey.scratch();
    byte[] given = scratch.given(digits);
    Principal owner = credential.owner();
    try {
      if (!OtpEngine.normalize(code, given)) {
        return MfaResult.Rejected.of(owner, factor, Reason.MALFORMED_INPUT, at);
      }
      OtpKey key = credential.key();
      long now = p.stepAt(at);
      CredentialId id = credential.id();
      OtpState state = store.load(id);
      while (true) {
        long last = Math.max(state.lastStep(), credential.enrolledStep());
        long firstFresh = last == Long.MIN_VALUE ? last : last + 1;
        int drift = clampDrift(state.isNeverUsed() ? credential.enrolledDrift() : state.drift());
        long center = now + drift;
        long match =
            OtpEngine.find(
                key, digits, given, center - window, center + window, firstFresh, now, scratch);
        if (match == OtpEngine.NONE) {
          return MfaResult.Rejected.of(owner, factor, Reason.WRONG_CODE, at);
        }
        // RFC 6238 §5.2: a code that matches a used step is a replay even when it also matches a
        // fresh one (two steps of one window can share a code), or it would be accepted twice.
        if (OtpEngine.isReplay(match, firstFresh)) {
          return MfaResult.Rejected.of(owner, factor, Reason.REPLAYED, at);
        }
        int newDrift = clampDrift(match - now);
        if (store.compareAndSet(id, state, new OtpState(match, newDrift))) {
          return new MfaResult.Accepted(owner, id, factor, at, new OtpMatch(match, newDrift));
        }
        state = store.load(id); // another verification won the race: decide again
      }
    } finally {
      Arrays.fill(given, (byte) 0);
    }
  }

  private int clampDrift(long drift) {
    return (int) Math.max(-maxDrift, Math.min(maxDrift, drift));
  }

  @Override
  public String toString() {
    return "TotpVerifier[window=" + window + ", maxDrift=" + maxDrift + ", store=" + store + "]";
  }

  /**
   * Builds a {@link TotpVerifier}. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private Clock clock;
    private int window = 1;
    private int maxDrift = 2;
    private OtpStateStore store;
    private Function<CredentialId, Optional<TotpCredential>> credentials;
    private AttemptLimiter limiter;
    private Factor factor = Factor.TOTP_APP;

    private Builder() {}

    /**
     * Sets the factor this verifier serves and names in its results. Default: {@link
     * Factor#TOTP_APP}. Use {@link Factor#HARDWARE_OTP} for hardware TOTP tokens.
     *
     * @param factor the factor
     * @return this builder
     */
    public Builder factor(Factor factor) {
      this.factor = Objects.requireNonNull(factor, "factor");
      return this;
    }

    /**
     * Sets the clock. Required.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how many time steps before and after the expected one are accepted. Default: 1 (RFC 6238
     * §5.2 recommends at most one step of network delay). Maximum: {@value
     * TotpVerifier#MAX_WINDOW}. Each extra step doubles as a guess an attacker gets for free.
     *
     * @param steps 0 to {@value TotpVerifier#MAX_WINDOW}
     * @return this builder
     * @throws InvalidInputException naming {@code window} when out of range
     */
    public Builder window(int steps) {
      if (steps < 0 || steps > MAX_WINDOW) {
        throw new InvalidInputException(
            "window", "must be 0.." + MAX_WINDOW + " steps, was " + steps);
      }
      this.window = steps;
      return this;
    }

    /**
     * Sets the largest drift (in time steps) the verifier learns and recenters its window on, for
     * devices whose clocks run fast or slow. Default: 2. Maximum: {@value TotpVerifier#MAX_DRIFT}.
     * 0 disables drift learning.
     *
     * @param steps 0 to {@value TotpVerifier#MAX_DRIFT}
     * @return this builder
     * @throws InvalidInputException naming {@code maxDrift} when out of range
     */
    public Builder maxDrift(int steps) {
      if (steps < 0 || steps > MAX_DRIFT) {
        throw new InvalidInputException(
            "maxDrift", "must be 0.." + MAX_DRIFT + " steps, was " + steps);
      }
      this.maxDrift = steps;
      return this;
    }

    /**
     * Sets where last accepted steps and drift are kept. Default: a new {@link
     * OtpStateStore#inMemory()} store.
     *
     * @param store the store
     * @return this builder
     */
    public Builder stateStore(OtpStateStore store) {
      this.store = Objects.requireNonNull(store, "stateStore");
      return this;
    }

    /**
     * Sets how {@link TotpVerifier#verify(MfaAttempt)} finds credentials by id. Default: none
     * (every SPI attempt is {@link Reason#UNKNOWN_CREDENTIAL}).
     *
     * @param lookup returns the credential with an id, or empty; never null
     * @return this builder
     */
    public Builder credentials(Function<CredentialId, Optional<TotpCredential>> lookup) {
      this.credentials = Objects.requireNonNull(lookup, "credentials");
      return this;
    }

    /**
     * Sets the store {@link TotpVerifier#verify(MfaAttempt)} finds credentials in (the same as
     * {@code credentials(store::find)}). Default: none.
     *
     * @param store the credential store
     * @return this builder
     * @since 0.2.0
     */
    public Builder credentialStore(TotpCredentialStore store) {
      Objects.requireNonNull(store, "credentialStore");
      return credentials(store::find);
    }

    /**
     * Sets the attempt limiter used by {@link TotpVerifier#verify(TotpCredential, CharSequence)}.
     * Default: none (use {@link dev.rootguard.mfa.MfaAuthenticator} or set one here; RFC 4226 §7.3
     * requires throttling somewhere).
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
     * @throws InvalidInputException naming {@code clock} if no clock was set
     */
    public TotpVerifier build() {
      if (clock == null) {
        throw new InvalidInputException("clock", "is required");
      }
      return new TotpVerifier(this);
    }
  }
}
