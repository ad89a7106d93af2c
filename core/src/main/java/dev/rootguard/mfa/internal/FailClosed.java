package dev.rootguard.mfa.internal;

import dev.rootguard.RootGuardException;
import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.FactorDetail;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How RootGuard's MFA code fails closed, in one place: the one guard that wraps a code check in an
 * {@link AttemptLimiter} ({@link #limited}), used by {@link dev.rootguard.mfa.MfaAuthenticator},
 * {@code TotpVerifier} and {@code HardwareTokenVerifier}, and the one way a WARN line describes an
 * exception without risking a secret ({@link #describe}). Stateless and thread-safe.
 *
 * <pre>{@code
 * MfaResult r = FailClosed.limited(limiter, owner, Factor.TOTP_APP, clock,
 *     () -> check(credential, code));
 * }</pre>
 */
public final class FailClosed {
  private static final Logger LOG = LoggerFactory.getLogger(FailClosed.class);

  private FailClosed() {}

  /**
   * Runs {@code check} inside the attempt limiter, failing closed at every step:
   *
   * <ol>
   *   <li>{@link AttemptLimiter#tryAcquire}; if it throws (its store is down), no code is checked
   *       and the result is {@link Reason#STORE_UNAVAILABLE}; if the principal is locked out, the
   *       result is {@link Reason#LOCKED_OUT} with a {@link FactorDetail.Lockout} detail;
   *   <li>{@code check};
   *   <li>the settlement: an acceptance is {@link AttemptLimiter#recordSuccess}, a rejection whose
   *       reason {@linkplain Reason#countsAsFailure() counts} is {@link
   *       AttemptLimiter#recordFailure}, any other rejection {@link AttemptLimiter#release}. If the
   *       settlement throws a {@link StoreException}, a rejection stands and an acceptance becomes
   *       {@link Reason#STORE_UNAVAILABLE} (an acceptance the limiter did not record is no
   *       acceptance);
   *   <li>if {@code check} (or the settlement) throws anything else, the attempt is recorded as a
   *       failure and the exception propagates.
   * </ol>
   *
   * <p>Store failures are logged at WARN with the limiter's class and the principal (never a code
   * or a secret).
   *
   * @param limiter the attempt limiter
   * @param principal whose attempt this is
   * @param factor the factor named in the results this method makes itself
   * @param clock the clock for the results this method makes itself
   * @param check the code check; returns a result, never null
   * @return the result, never null
   */
  public static MfaResult limited(
      AttemptLimiter limiter,
      Principal principal,
      Factor factor,
      Clock clock,
      Supplier<MfaResult> check) {
    Objects.requireNonNull(limiter, "limiter");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(factor, "factor");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(check, "check");
    Optional<Instant> lockedUntil;
    try {
      lockedUntil = limiter.tryAcquire(principal);
    } catch (RuntimeException e) {
      // Without the limiter no guess may be checked.
      LOG.warn(
          "attempt limiter {} failed for principal {}; rejecting (fail closed): {}",
          limiter.getClass().getName(),
          principal,
          e.toString());
      return MfaResult.Rejected.of(principal, factor, Reason.STORE_UNAVAILABLE, clock.instant());
    }
    if (lockedUntil.isPresent()) {
      return new MfaResult.Rejected(
          principal,
          factor,
          Reason.LOCKED_OUT,
          clock.instant(),
          new FactorDetail.Lockout(lockedUntil.get()));
    }
    boolean settled = false;
    MfaResult result = null;
    try {
      result = Objects.requireNonNull(check.get(), "check returned null");
      if (result.isAccepted()) {
        limiter.recordSuccess(principal);
      } else if (((MfaResult.Rejected) result).reason().countsAsFailure()) {
        limiter.recordFailure(principal);
      } else {
        limiter.release(principal);
      }
      settled = true;
      return result;
    } catch (StoreException e) {
      if (result == null) {
        throw e; // thrown by the check itself: its caller decides (settled below as a failure)
      }
      // The limiter could not settle: the verdict stands only if it was a rejection.
      LOG.warn(
          "attempt limiter {} could not settle for principal {}: {}",
          limiter.getClass().getName(),
          principal,
          e.toString());
      settled = true;
      return !result.isAccepted()
          ? result
          : MfaResult.Rejected.of(principal, factor, Reason.STORE_UNAVAILABLE, clock.instant());
    } finally {
      if (!settled) {
        limiter.recordFailure(principal);
      }
    }
  }

  /**
   * Describes an exception for a log line without risking a secret in it: exceptions RootGuard
   * threw itself (its own types, or any exception raised in RootGuard code), whose messages never
   * carry a secret, with their message; any other exception (a third-party store, sealer or driver,
   * whose message may quote anything) by class name only. Verifiers use it in the WARN line they
   * write when a stored credential cannot be used and they fail closed with {@link
   * Reason#VERIFIER_ERROR}.
   *
   * @param e the exception
   * @return {@code SimpleName: message} for RootGuard's exceptions, else the class name
   */
  public static String describe(RuntimeException e) {
    String name = e.getClass().getSimpleName();
    StackTraceElement[] at = e.getStackTrace();
    boolean ours =
        e instanceof RootGuardException
            || (at.length > 0 && at[0].getClassName().startsWith("dev.rootguard."));
    if (ours) {
      String m = e.getMessage();
      return m == null ? name : name + ": " + m;
    }
    return e.getClass().getName();
  }
}
