package dev.rootguard.mfa.fido.internal;

import com.yubico.webauthn.exception.AssertionFailedException;
import com.yubico.webauthn.exception.RegistrationFailedException;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.StoreException;
import java.io.IOException;

/**
 * The one place where a failure met while finishing a ceremony becomes a {@link Reason}, by the
 * failure's <em>type</em> (and the types of its causes), never by its message text, which
 * java-webauthn-server changes between releases.
 *
 * <table>
 *   <caption>Classification, first match wins</caption>
 *   <tr><th>thrown</th><th>reason</th></tr>
 *   <tr><td>a {@link StoreException} anywhere in the cause chain (also when java-webauthn-server
 *       met it in the credential repository)</td><td>{@code STORE_UNAVAILABLE}</td></tr>
 *   <tr><td>{@link StepFailed}</td><td>its reason</td></tr>
 *   <tr><td>{@link AssertionFailedException}</td><td>{@code BAD_SIGNATURE}: every §7.2 step with
 *       a reason of its own ran before java-webauthn-server, and its counter check is off, so what
 *       it still refuses is the signature</td></tr>
 *   <tr><td>{@link RegistrationFailedException}</td><td>{@code MALFORMED_INPUT}: every §7.1 step
 *       with a reason of its own ran before, including RootGuard's own ES256 attestation
 *       signature check ({@code BAD_SIGNATURE}), so what it still refuses is an attestation
 *       statement that is wrong in another way</td></tr>
 *   <tr><td>{@link Malformed}, {@link InvalidInputException}, {@link IOException} (Jackson),
 *       {@link IllegalArgumentException} (java-webauthn-server's parsers) and any other unchecked
 *       exception of a parser</td><td>{@code MALFORMED_INPUT}</td></tr>
 * </table>
 *
 * <p>Stateless; thread-safe.
 *
 * <pre>{@code
 * try {
 *   rp.finishRegistration(options);
 * } catch (RegistrationFailedException | RuntimeException e) {
 *   return rejected(FailureMapper.reason(e));
 * }
 * }</pre>
 */
public final class FailureMapper {
  /** Causes followed before giving up (a cycle or a very deep chain is not a store failure). */
  static final int MAX_CAUSE_DEPTH = 16;

  private FailureMapper() {}

  /**
   * Classifies a failure.
   *
   * @param failure what a step, a parser or java-webauthn-server threw
   * @return the reason; never null
   */
  public static Reason reason(Throwable failure) {
    if (causedByStore(failure)) {
      return Reason.STORE_UNAVAILABLE;
    }
    if (failure instanceof StepFailed s) {
      return s.reason();
    }
    if (failure instanceof AssertionFailedException) {
      return Reason.BAD_SIGNATURE;
    }
    return Reason.MALFORMED_INPUT;
  }

  /**
   * Whether a failure is, or was caused by, a store failure.
   *
   * @param failure the failure
   * @return true if a {@link StoreException} is in its first {@value #MAX_CAUSE_DEPTH} causes
   */
  public static boolean causedByStore(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
      if (t instanceof StoreException) {
        return true;
      }
    }
    return false;
  }
}
