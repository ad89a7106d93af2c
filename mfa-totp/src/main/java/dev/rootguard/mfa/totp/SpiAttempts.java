package dev.rootguard.mfa.totp;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The front half of {@code verify(MfaAttempt)} shared by {@link TotpVerifier} and {@link
 * HotpVerifier}: the factor check, the credential lookup and the ownership check. Stateless and
 * thread-safe.
 */
final class SpiAttempts {
  private SpiAttempts() {}

  /** Checks the code of a credential that was found and belongs to the attempt's principal. */
  @FunctionalInterface
  interface CodeCheck<C> {
    MfaResult check(C credential, CharSequence code, Instant at);
  }

  /**
   * Verifies an SPI attempt: {@link Reason#UNKNOWN_CREDENTIAL} when it names no credential or an
   * unknown one (or there is no lookup), {@link Reason#CREDENTIAL_NOT_OWNED} when the credential
   * found has another id or owner, otherwise {@code check}'s result.
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
    Optional<C> found =
        id.isEmpty() || credentials == null ? Optional.empty() : credentials.apply(id.get());
    if (found == null || found.isEmpty()) {
      return MfaResult.Rejected.of(principal, factor, Reason.UNKNOWN_CREDENTIAL, at);
    }
    C credential = found.get();
    if (!credential.id().equals(id.get()) || !credential.owner().equals(principal)) {
      return MfaResult.Rejected.of(principal, factor, Reason.CREDENTIAL_NOT_OWNED, at);
    }
    return check.check(credential, attempt.response(), at);
  }
}
