package dev.rootguard.mfa.totp;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.mfa.internal.FailClosed;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front half of {@code verify(MfaAttempt)} shared by {@link TotpVerifier} and {@link
 * HotpVerifier}: the factor check, the credential lookup and the ownership check. Stateless and
 * thread-safe.
 */
final class SpiAttempts {
  private static final Logger LOG = LoggerFactory.getLogger(SpiAttempts.class);

  private SpiAttempts() {}

  /** Checks the code of a credential that was found and belongs to the attempt's principal. */
  @FunctionalInterface
  interface CodeCheck<C> {
    MfaResult check(C credential, CharSequence code, Instant at);
  }

  /**
   * Verifies an SPI attempt: {@link Reason#UNKNOWN_CREDENTIAL} when it names no credential or an
   * unknown one (or there is no lookup), {@link Reason#CREDENTIAL_NOT_OWNED} when the credential
   * found has another id or owner, otherwise {@code check}'s result. Fails closed: a stored
   * credential that cannot be used (the lookup cannot rebuild it, e.g. a secret shorter than {@link
   * OtpSecret#MIN_LENGTH} in a hand-edited row or one that does not open, or its secret was
   * destroyed) is {@link Reason#VERIFIER_ERROR}, logged at WARN with the credential id and never
   * the secret. A {@link StoreException} is thrown on, for {@link
   * dev.rootguard.mfa.MfaAuthenticator} to report as {@link Reason#STORE_UNAVAILABLE}.
   *
   * @throws IllegalArgumentException if the attempt is for another factor than {@code factor}
   */
  static <C extends OtpCredential> MfaResult verify(
      MfaAttempt attempt,
      Factor factor,
      Clock clock,
      Function<CredentialId, Optional<C>> credentials,
      CodeCheck<? super C> check) {
    Objects.requireNonNull(attempt, "attempt");
    if (attempt.factor() != factor) {
      throw new IllegalArgumentException(
          "attempt: factor must be " + factor + ", was " + attempt.factor());
    }
    Instant at = clock.instant();
    Principal principal = attempt.principal();
    Optional<CredentialId> id = attempt.credential();
    if (id.isEmpty() || credentials == null) {
      return MfaResult.Rejected.of(principal, factor, Reason.UNKNOWN_CREDENTIAL, at);
    }
    try {
      Optional<C> found = credentials.apply(id.get());
      if (found == null || found.isEmpty()) {
        return MfaResult.Rejected.of(principal, factor, Reason.UNKNOWN_CREDENTIAL, at);
      }
      C credential = found.get();
      if (!credential.id().equals(id.get()) || !credential.owner().equals(principal)) {
        return MfaResult.Rejected.of(principal, factor, Reason.CREDENTIAL_NOT_OWNED, at);
      }
      return check.check(credential, attempt.response(), at);
    } catch (StoreException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warn(
          "credential {}: stored credential is unusable ({}); rejected as VERIFIER_ERROR (fail"
              + " closed)",
          id.get(),
          FailClosed.describe(e));
      return MfaResult.Rejected.of(principal, factor, Reason.VERIFIER_ERROR, at);
    }
  }
}
