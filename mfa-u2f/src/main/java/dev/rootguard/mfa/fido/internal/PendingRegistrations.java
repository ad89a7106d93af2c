package dev.rootguard.mfa.fido.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;

/**
 * Started registrations: java-webauthn-server's {@link PublicKeyCredentialCreationOptions} under
 * the kind {@value Ceremonies#REGISTRATION}.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * PendingRegistrations pending = new PendingRegistrations(ceremonies);
 * String id = pending.put(alice, options).id();
 * }</pre>
 */
public final class PendingRegistrations
    extends PendingCeremonies<PublicKeyCredentialCreationOptions> {
  /**
   * Creates the holder.
   *
   * @param ceremonies where ceremonies wait (shared with {@link PendingAuthentications})
   */
  public PendingRegistrations(Ceremonies ceremonies) {
    super(ceremonies, Ceremonies.REGISTRATION);
  }

  @Override
  String encode(PublicKeyCredentialCreationOptions request) throws JsonProcessingException {
    return request.toJson();
  }

  @Override
  PublicKeyCredentialCreationOptions decode(String payload) throws JsonProcessingException {
    return PublicKeyCredentialCreationOptions.fromJson(payload);
  }
}
