package dev.rootguard.mfa.fido;

import dev.rootguard.mfa.Principal;
import java.time.Instant;
import java.util.Objects;

/**
 * A started registration or sign-in: the options JSON to hand to the browser and the id of the
 * pending request to finish it with.
 *
 * <p>{@link #optionsJson()} is the {@code publicKey} object that {@code
 * PublicKeyCredential.parseCreationOptionsFromJSON} / {@code parseRequestOptionsFromJSON} accept
 * (or that a page decodes by hand for {@code navigator.credentials.create/get}).
 *
 * <pre>{@code
 * CeremonyRequest req = keys.startAuthentication(alice);
 * sendToBrowser(req.requestId(), req.optionsJson());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param requestId the pending request's id (random, URL-safe, not secret)
 * @param principal who the ceremony is for
 * @param optionsJson the options JSON for the browser
 * @param expiresAt when the pending request expires, by the verifier's clock
 * @since 0.1.0
 */
public record CeremonyRequest(
    String requestId, Principal principal, String optionsJson, Instant expiresAt) {
  /** Checks the arguments. */
  public CeremonyRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(optionsJson, "optionsJson");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
