package dev.rootguard.mfa.fido.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.yubico.webauthn.AssertionRequest;

/**
 * Started sign-ins: java-webauthn-server's {@link AssertionRequest} under the kind {@value
 * Ceremonies#AUTHENTICATION}.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * PendingAuthentications pending = new PendingAuthentications(ceremonies);
 * String id = pending.put(alice, request).id();
 * }</pre>
 */
public final class PendingAuthentications extends PendingCeremonies<AssertionRequest> {
  /**
   * Creates the holder.
   *
   * @param ceremonies where ceremonies wait (shared with {@link PendingRegistrations})
   */
  public PendingAuthentications(Ceremonies ceremonies) {
    super(ceremonies, Ceremonies.AUTHENTICATION);
  }

  @Override
  String encode(AssertionRequest request) throws JsonProcessingException {
    return request.toJson();
  }

  @Override
  AssertionRequest decode(String payload) throws JsonProcessingException {
    return AssertionRequest.fromJson(payload);
  }
}
