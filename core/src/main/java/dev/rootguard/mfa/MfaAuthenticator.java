package dev.rootguard.mfa;

import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.MfaResult.Rejected;
import dev.rootguard.mfa.internal.FailClosed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a platform calls to check a second factor. For each attempt it runs, in this order:
 *
 * <ol>
 *   <li>the {@link AttemptLimiter} (a locked-out principal gets {@link Reason#LOCKED_OUT});
 *   <li>the {@link MfaPolicy} (a factor the policy does not allow gets {@link
 *       Reason#FACTOR_NOT_ALLOWED});
 *   <li>the {@link MfaVerifier} wired for the attempt's factor;
 *   <li>the {@link ReplayGuard}, for verifiers that do not guard replay themselves;
 *   <li>the {@link MfaListener}s.
 * </ol>
 *
 * <p>It fails closed: an exception inside a verifier becomes {@link Reason#VERIFIER_ERROR}, and
 * still counts against the limiter. An accepted result naming a credential other than the one the
 * attempt named is refused as {@link Reason#CREDENTIAL_NOT_OWNED}.
 *
 * <pre>{@code
 * MfaAuthenticator mfa = MfaAuthenticator.builder()
 *     .verifier(totpVerifier)
 *     .verifier(securityKeyVerifier)
 *     .policy(MfaPolicy.hardwareOnly())
 *     .clock(clock)
 *     .listener(auditLog::record)
 *     .build();
 * MfaResult r = mfa.authenticate(MfaAttempt.of(principal, Factor.SECURITY_KEY, credentialId, json));
 * }</pre>
 *
 * <p>Thread-safe; share one instance.
 *
 * @since 0.1.0
 */
public final class MfaAuthenticator {
  private static final Logger LOG = LoggerFactory.getLogger(MfaAuthenticator.class);

  private final Map<Factor, MfaVerifier> verifiers;
  private final MfaPolicy policy;
  private final AttemptLimiter limiter;
  private final ReplayGuard replayGuard;
  private final List<MfaListener> listeners;
  private final Clock clock;

  private MfaAuthenticator(Builder b) {
    this.verifiers = new EnumMap<>(b.verifiers);
    this.policy = b.policy;
    this.limiter =
        b.limiter != null ? b.limiter : InMemoryAttemptLimiter.builder().clock(b.clock).build();
    this.replayGuard = b.replayGuard;
    this.listeners = List.copyOf(b.listeners);
    this.clock = b.clock;
  }

  /**
   * Starts a builder.
   *
   * @return a builder; not thread-safe
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks one attempt.
   *
   * @param attempt the attempt
   * @return the result, never null
   * @throws IllegalArgumentException if no verifier is wired for the attempt's factor
   */
  public MfaResult authenticate(MfaAttempt attempt) {
    Objects.requireNonNull(attempt, "attempt");
    MfaVerifier verifier = verifiers.get(attempt.factor());
    if (verifier == null) {
      throw new IllegalArgumentException(
          "factor: no verifier is wired for "
              + attempt.factor()
              + "; wired: "
              + verifiers.keySet());
    }
    MfaResult result = decide(attempt, verifier);
    notifyListeners(result);
    return result;
  }

  private MfaResult decide(MfaAttempt attempt, MfaVerifier verifier) {
    return FailClosed.limited(
        limiter, attempt.principal(), attempt.factor(), clock, () -> check(attempt, verifier));
  }

  private MfaResult check(MfaAttempt attempt, MfaVerifier verifier) {
    Principal principal = attempt.principal();
    if (!policy.allows(attempt.factor())) {
      return Rejected.of(principal, attempt.factor(), Reason.FACTOR_NOT_ALLOWED, clock.instant());
    }
    MfaResult result;
    try {
      result = verifier.verify(attempt);
    } catch (StoreException e) {
      LOG.warn(
          "verifier {} could not reach its store for principal {}; rejecting (fail closed): {}",
          verifier.getClass().getName(),
          principal,
          e.toString());
      return Rejected.of(principal, attempt.factor(), Reason.STORE_UNAVAILABLE, clock.instant());
    } catch (RuntimeException e) {
      LOG.warn(
          "verifier {} failed for principal {}; rejecting (fail closed): {}",
          verifier.getClass().getName(),
          principal,
          e.toString());
      return Rejected.of(principal, attempt.factor(), Reason.VERIFIER_ERROR, clock.instant());
    }
    if (result == null) {
      LOG.warn("verifier {} returned null; rejecting (fail closed)", verifier.getClass().getName());
      return Rejected.of(principal, attempt.factor(), Reason.VERIFIER_ERROR, clock.instant());
    }
    if (!(result instanceof MfaResult.Accepted accepted)) {
      return result;
    }
    if (!accepted.principal().equals(principal)
        || attempt.credential().filter(c -> !c.equals(accepted.credential())).isPresent()) {
      return Rejected.of(principal, attempt.factor(), Reason.CREDENTIAL_NOT_OWNED, accepted.at());
    }
    OptionalLong sequence = accepted.detail().sequence();
    if (replayGuard != null && !verifier.guardsReplay() && sequence.isPresent()) {
      boolean first;
      try {
        first = replayGuard.tryAccept(accepted.credential(), sequence.getAsLong());
      } catch (RuntimeException e) {
        LOG.warn(
            "replay guard {} failed for principal {}; rejecting (fail closed): {}",
            replayGuard.getClass().getName(),
            principal,
            e.toString());
        return Rejected.of(principal, attempt.factor(), Reason.STORE_UNAVAILABLE, accepted.at());
      }
      if (!first) {
        return new Rejected(
            principal, attempt.factor(), Reason.REPLAYED, accepted.at(), accepted.detail());
      }
    }
    return accepted;
  }

  private void notifyListeners(MfaResult result) {
    for (MfaListener l : listeners) {
      try {
        l.onResult(result);
      } catch (RuntimeException e) {
        LOG.warn("MFA listener {} failed: {}", l.getClass().getName(), e.toString());
      }
    }
  }

  @Override
  public String toString() {
    return "MfaAuthenticator[factors=" + verifiers.keySet() + ", policy=" + policy.allowed() + "]";
  }

  /**
   * Builds an {@link MfaAuthenticator}. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Map<Factor, MfaVerifier> verifiers = new EnumMap<>(Factor.class);
    private MfaPolicy policy = MfaPolicy.any();
    private AttemptLimiter limiter;
    private ReplayGuard replayGuard = new InMemoryReplayGuard();
    private final List<MfaListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Wires a verifier for each factor it serves. Required: at least one.
     *
     * @param verifier the verifier
     * @return this builder
     * @throws IllegalArgumentException if another verifier already serves one of its factors
     */
    public Builder verifier(MfaVerifier verifier) {
      Objects.requireNonNull(verifier, "verifier");
      for (Factor f : verifier.factors()) {
        MfaVerifier prev = verifiers.putIfAbsent(f, verifier);
        if (prev != null && prev != verifier) {
          throw new IllegalArgumentException(
              "verifier: factor " + f + " is already served by " + prev);
        }
      }
      return this;
    }

    /**
     * Sets which factors are allowed. Default: {@link MfaPolicy#any()}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder policy(MfaPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets the attempt limiter. Default: an {@link InMemoryAttemptLimiter} with its defaults and
     * this builder's clock.
     *
     * @param limiter the limiter
     * @return this builder
     */
    public Builder attemptLimiter(AttemptLimiter limiter) {
      this.limiter = Objects.requireNonNull(limiter, "limiter");
      return this;
    }

    /**
     * Sets the replay guard used for verifiers that do not guard replay themselves. Default: a new
     * {@link InMemoryReplayGuard}. Do not share it with a verifier's own guard.
     *
     * @param guard the guard
     * @return this builder
     */
    public Builder replayGuard(ReplayGuard guard) {
      this.replayGuard = Objects.requireNonNull(guard, "guard");
      return this;
    }

    /**
     * Adds a listener; listeners run in the order added.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(MfaListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Sets the clock for results the authenticator makes itself. Default: {@link
     * Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the authenticator.
     *
     * @return the authenticator
     * @throws IllegalStateException if no verifier was wired
     */
    public MfaAuthenticator build() {
      if (verifiers.isEmpty()) {
        throw new IllegalStateException("verifier: at least one verifier must be wired");
      }
      return new MfaAuthenticator(this);
    }
  }
}
