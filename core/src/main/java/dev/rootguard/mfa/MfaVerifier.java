package dev.rootguard.mfa;

import java.util.Set;

/**
 * The SPI every second-factor verifier implements: TOTP apps, hardware tokens, Yubico OTP and FIDO
 * security keys. A platform wires verifiers explicitly into an {@link MfaAuthenticator}, which adds
 * the attempt limit, the factor policy, replay protection and events around them.
 *
 * <p>Contract, in RFC 2119 words:
 *
 * <ul>
 *   <li>Implementations MUST be thread-safe.
 *   <li>{@link #verify} MUST NOT return null and MUST NOT throw for expected outcomes (wrong,
 *       replayed, malformed or unknown answers): those are {@link MfaResult.Rejected} results. It
 *       MAY throw for misuse (an attempt for a factor it does not serve).
 *   <li>An accepted result MUST name the credential that matched, and that credential MUST belong
 *       to the attempt's principal.
 *   <li>Comparisons of codes and MACs MUST be constant-time; the response MUST NOT be logged.
 *   <li>State changes (counters, used steps, drift) MUST be atomic, so two concurrent submissions
 *       of one answer are accepted at most once, and MUST NOT happen on rejection.
 * </ul>
 *
 * <pre>{@code
 * final class AlwaysWrong implements MfaVerifier {
 *   public Set<Factor> factors() { return Set.of(Factor.TOTP_APP); }
 *   public MfaResult verify(MfaAttempt a) {
 *     return MfaResult.Rejected.of(a.principal(), a.factor(), MfaResult.Reason.WRONG_CODE, Instant.now(clock));
 *   }
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public interface MfaVerifier {

  /**
   * Returns the factors this verifier serves.
   *
   * @return a non-empty set
   */
  Set<Factor> factors();

  /**
   * Verifies one attempt.
   *
   * @param attempt the attempt; its factor is one of {@link #factors()}
   * @return the result, never null
   */
  MfaResult verify(MfaAttempt attempt);

  /**
   * Returns whether this verifier already rejects replays atomically itself (as the TOTP, HOTP and
   * Yubico OTP verifiers do, storing the last accepted step with the credential). When false,
   * {@link MfaAuthenticator} records the accepted {@link FactorDetail#sequence()} in its own {@link
   * ReplayGuard}.
   *
   * @return true if replays are already rejected by {@link #verify}
   */
  default boolean guardsReplay() {
    return false;
  }
}
