package dev.rootguard.mfa.totp;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.MfaVerifier;
import dev.rootguard.mfa.Principal;
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
 * Verifies RFC 4226 HOTP codes: the next expected counter and a look-ahead window after it (for
 * button presses that never reached the server), with an atomic counter advance so a code is
 * accepted at most once, and {@linkplain #resync resynchronization} from two consecutive codes over
 * a wide window when the token has run far ahead.
 *
 * <pre>{@code
 * HotpVerifier hotp = HotpVerifier.builder().clock(clock).lookAhead(10).build();
 * MfaResult r = hotp.verify(fob, "287082");
 * if (!r.isAccepted()) {
 *   MfaResult again = hotp.resync(fob, "162583", "399871"); // two consecutive presses
 * }
 * }</pre>
 *
 * <p>The counter state (the last accepted counter) lives in an {@link OtpStateStore}; {@link
 * OtpState#drift()} is always 0 for HOTP. Every counter in the window is computed and compared in
 * constant time without an early exit; of several fresh counters with the submitted code the lowest
 * is taken. These are the rules every OTP verifier of RootGuard shares (see {@link TotpVerifier}).
 * A rejection changes nothing stored. Attempt limiting belongs to {@link
 * dev.rootguard.mfa.MfaAuthenticator} (RFC 4226 §7.3).
 *
 * <p>Thread-safe; share one instance.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc4226#section-7.4">RFC 4226 §7.4
 *     (resynchronization)</a>
 * @since 0.1.0
 */
public final class HotpVerifier implements MfaVerifier {
  /** Largest allowed {@link Builder#lookAhead(int)}. */
  public static final int MAX_LOOK_AHEAD = 100;

  /** Largest allowed {@link Builder#resyncWindow(int)}. */
  public static final int MAX_RESYNC_WINDOW = 10_000;

  private final Clock clock;
  private final int lookAhead;
  private final int resyncWindow;
  private final OtpStateStore store;
  private final Factor factor;
  private final Function<CredentialId, Optional<HotpCredential>> credentials;
  // verify(HotpCredential, ...) reads the clock again, as it does when called directly
  private final SpiAttempts.CodeCheck<HotpCredential> codeCheck = (c, code, at) -> verify(c, code);

  private HotpVerifier(Builder b) {
    this.clock = b.clock;
    this.lookAhead = b.lookAhead;
    this.resyncWindow = b.resyncWindow;
    this.store = b.store != null ? b.store : OtpStateStore.inMemory();
    this.factor = b.factor;
    this.credentials = b.credentials;
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
    return Set.of(factor);
  }

  /** Returns true: counters advance atomically, so replays are rejected here. */
  @Override
  public boolean guardsReplay() {
    return true;
  }

  /**
   * Verifies an attempt through the SPI (credential lookup and ownership check, then {@link
   * #verify(HotpCredential, CharSequence)}). Fails closed as {@link
   * TotpVerifier#verify(MfaAttempt)} does: a stored credential that cannot be used is {@link
   * Reason#VERIFIER_ERROR}, never an exception (a {@link dev.rootguard.mfa.StoreException} is
   * thrown on).
   *
   * @param attempt an attempt for this verifier's factor
   * @return the result
   * @throws IllegalArgumentException if the attempt is for another factor
   */
  @Override
  public MfaResult verify(MfaAttempt attempt) {
    return SpiAttempts.verify(attempt, factor, clock, credentials, codeCheck);
  }

  /**
   * Verifies a code against the next expected counter and the look-ahead window after it. On
   * success the stored counter moves past the matched one.
   *
   * <p>The code of the last accepted counter is {@link Reason#REPLAYED} even if a counter in the
   * look-ahead has the same code, so the second submission of an accepted code is never accepted.
   *
   * @param credential the token
   * @param code the submitted code (spaces removed, then exactly {@code digits} ASCII digits)
   * @return accepted with an {@link OtpMatch} whose step is the matched counter, or rejected
   *     ({@link Reason#WRONG_CODE}, {@link Reason#REPLAYED} for the last accepted code, {@link
   *     Reason#MALFORMED_INPUT})
   */
  public MfaResult verify(HotpCredential credential, CharSequence code) {
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(code, "code");
    Instant at = clock.instant();
    int digits = credential.digits();
    OtpKey.Scratch scratch = OtpKey.scratch();
    byte[] given = scratch.given(digits);
    Principal owner = credential.owner();
    try {
      if (!OtpEngine.normalize(code, given)) {
        return MfaResult.Rejected.of(owner, factor, Reason.MALFORMED_INPUT, at);
      }
      OtpKey key = credential.key();
      OtpState state = store.load(credential.id());
      while (true) {
        long next = next(credential, state);
        // The last accepted counter (next - 1) is searched too: its code is a replay even when a
        // counter in the look-ahead has the same code (RFC 4226 §7.2 accepts each value once).
        long lo = state.isNeverUsed() ? next : Math.max(0, next - 1);
        long matched =
            OtpEngine.find(key, digits, given, lo, next + lookAhead, next, next, scratch);
        if (matched == OtpEngine.NONE) {
          return MfaResult.Rejected.of(owner, factor, Reason.WRONG_CODE, at);
        }
        if (OtpEngine.isReplay(matched, next)) {
          return MfaResult.Rejected.of(owner, factor, Reason.REPLAYED, at);
        }
        if (store.compareAndSet(credential.id(), state, new OtpState(matched, 0))) {
          return new MfaResult.Accepted(
              owner, credential.id(), factor, at, new OtpMatch(matched, 0));
        }
        state = store.load(credential.id());
      }
    } finally {
      Arrays.fill(given, (byte) 0);
    }
  }

  /**
   * Resynchronizes a token that ran ahead of the look-ahead window (RFC 4226 §7.4): finds two
   * consecutive codes within the resync window after the expected counter and, if found, moves the
   * stored counter past the second.
   *
   * @param credential the token
   * @param first a code
   * @param second the code the token showed right after {@code first}
   * @return accepted with an {@link OtpMatch} whose step is the second code's counter, or rejected
   *     ({@link Reason#WRONG_CODE}, {@link Reason#MALFORMED_INPUT})
   */
  public MfaResult resync(HotpCredential credential, CharSequence first, CharSequence second) {
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    Instant at = clock.instant();
    int digits = credential.digits();
    OtpKey.Scratch scratch = OtpKey.scratch();
    byte[] a = scratch.given(digits);
    byte[] b = scratch.second(digits);
    Principal owner = credential.owner();
    try {
      if (!OtpEngine.normalize(first, a) || !OtpEngine.normalize(second, b)) {
        return MfaResult.Rejected.of(owner, factor, Reason.MALFORMED_INPUT, at);
      }
      OtpKey key = credential.key();
      OtpState state = store.load(credential.id());
      while (true) {
        long next = next(credential, state);
        long pair =
            OtpEngine.findPair(key, digits, a, b, next, next + resyncWindow, next, next, scratch);
        if (pair == OtpEngine.NONE) {
          return MfaResult.Rejected.of(owner, factor, Reason.WRONG_CODE, at);
        }
        long matched = pair + 1;
        if (store.compareAndSet(credential.id(), state, new OtpState(matched, 0))) {
          return new MfaResult.Accepted(
              owner, credential.id(), factor, at, new OtpMatch(matched, 0));
        }
        state = store.load(credential.id());
      }
    } finally {
      Arrays.fill(a, (byte) 0);
      Arrays.fill(b, (byte) 0);
    }
  }

  private static long next(HotpCredential c, OtpState state) {
    return state.isNeverUsed()
        ? c.initialCounter()
        : Math.max(state.lastStep() + 1, c.initialCounter());
  }

  @Override
  public String toString() {
    return "HotpVerifier[factor="
        + factor
        + ", lookAhead="
        + lookAhead
        + ", resyncWindow="
        + resyncWindow
        + "]";
  }

  /**
   * Builds a {@link HotpVerifier}. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private Clock clock;
    private int lookAhead = 10;
    private int resyncWindow = 1000;
    private OtpStateStore store;
    private Factor factor = Factor.HARDWARE_OTP;
    private Function<CredentialId, Optional<HotpCredential>> credentials;

    private Builder() {}

    /**
     * Sets the clock (used for result timestamps). Required.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how many counters after the expected one are also accepted. Default: 10. Maximum:
     * {@value HotpVerifier#MAX_LOOK_AHEAD}.
     *
     * @param counters 0 to {@value HotpVerifier#MAX_LOOK_AHEAD}
     * @return this builder
     * @throws InvalidInputException naming {@code lookAhead} when out of range
     */
    public Builder lookAhead(int counters) {
      if (counters < 0 || counters > MAX_LOOK_AHEAD) {
        throw new InvalidInputException(
            "lookAhead", "must be 0.." + MAX_LOOK_AHEAD + ", was " + counters);
      }
      this.lookAhead = counters;
      return this;
    }

    /**
     * Sets how far past the expected counter {@link HotpVerifier#resync} searches. Default: 1000.
     * Maximum: {@value HotpVerifier#MAX_RESYNC_WINDOW}.
     *
     * @param counters 1 to {@value HotpVerifier#MAX_RESYNC_WINDOW}
     * @return this builder
     * @throws InvalidInputException naming {@code resyncWindow} when out of range
     */
    public Builder resyncWindow(int counters) {
      if (counters < 1 || counters > MAX_RESYNC_WINDOW) {
        throw new InvalidInputException(
            "resyncWindow", "must be 1.." + MAX_RESYNC_WINDOW + ", was " + counters);
      }
      this.resyncWindow = counters;
      return this;
    }

    /**
     * Sets where counters are kept. Default: a new in-memory store.
     *
     * @param store the store
     * @return this builder
     */
    public Builder stateStore(OtpStateStore store) {
      this.store = Objects.requireNonNull(store, "stateStore");
      return this;
    }

    /**
     * Sets the factor reported in results and served through the SPI. Default: {@link
     * Factor#HARDWARE_OTP} (HOTP is mostly used by key fobs).
     *
     * @param factor the factor
     * @return this builder
     */
    public Builder factor(Factor factor) {
      this.factor = Objects.requireNonNull(factor, "factor");
      return this;
    }

    /**
     * Sets how {@link HotpVerifier#verify(MfaAttempt)} finds credentials. Default: none.
     *
     * @param lookup returns the credential with an id, or empty
     * @return this builder
     */
    public Builder credentials(Function<CredentialId, Optional<HotpCredential>> lookup) {
      this.credentials = Objects.requireNonNull(lookup, "credentials");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     * @throws InvalidInputException naming {@code clock} if no clock was set
     */
    public HotpVerifier build() {
      if (clock == null) {
        throw new InvalidInputException("clock", "is required");
      }
      return new HotpVerifier(this);
    }
  }
}
