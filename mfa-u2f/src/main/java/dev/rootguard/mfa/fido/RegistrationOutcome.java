package dev.rootguard.mfa.fido;

import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of {@link SecurityKeyVerifier#finishRegistration}: the stored credential, or why the
 * registration was refused. Refusals are results, never exceptions.
 *
 * <pre>{@code
 * RegistrationOutcome out = keys.finishRegistration(requestId, responseJson);
 * if (out instanceof RegistrationOutcome.Registered r) {
 *   show("Registered " + r.credential().authenticatorName());
 * } else if (out instanceof RegistrationOutcome.Rejected rej) {
 *   show(rej.reason().message(Locale.ENGLISH));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface RegistrationOutcome
    permits RegistrationOutcome.Registered, RegistrationOutcome.Rejected {

  /**
   * Returns whether the credential was registered.
   *
   * @return true for {@link Registered}
   */
  default boolean isRegistered() {
    return this instanceof Registered;
  }

  /**
   * A registered and stored credential.
   *
   * @param credential what was stored
   * @since 0.1.0
   */
  record Registered(SecurityKeyCredential credential) implements RegistrationOutcome {
    /** Checks the argument. */
    public Registered {
      Objects.requireNonNull(credential, "credential");
    }
  }

  /**
   * A refused registration; nothing was stored.
   *
   * @param principal who tried (a placeholder when the request id was unknown)
   * @param reason why, with the same reasons as sign-in ({@code ORIGIN_MISMATCH}, {@code
   *     ATTESTATION_NOT_TRUSTED}, {@code MALFORMED_INPUT}, …)
   * @param at when, by the verifier's clock
   * @since 0.1.0
   */
  record Rejected(Principal principal, MfaResult.Reason reason, Instant at)
      implements RegistrationOutcome {
    /** Checks the arguments. */
    public Rejected {
      Objects.requireNonNull(principal, "principal");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(at, "at");
    }
  }
}
