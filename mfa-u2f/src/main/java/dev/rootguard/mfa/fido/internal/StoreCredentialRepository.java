package dev.rootguard.mfa.fido.internal;

import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.data.AuthenticatorTransport;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.SecurityKeyCredential;
import dev.rootguard.mfa.fido.SecurityKeyStore;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Adapts a {@link SecurityKeyStore} to java-webauthn-server's {@link CredentialRepository}. The
 * username java-webauthn-server sees is the principal id. Thread-safe if the store is.
 */
public final class StoreCredentialRepository implements CredentialRepository {
  private final SecurityKeyStore store;

  /**
   * Wraps a store.
   *
   * @param store the store
   */
  public StoreCredentialRepository(SecurityKeyStore store) {
    this.store = store;
  }

  @Override
  public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String username) {
    return store.findByPrincipal(Principal.of(username)).stream()
        .map(StoreCredentialRepository::descriptor)
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  /**
   * Returns the descriptor of a stored credential.
   *
   * @param c the credential
   * @return the descriptor
   */
  public static PublicKeyCredentialDescriptor descriptor(SecurityKeyCredential c) {
    Set<AuthenticatorTransport> transports =
        c.transports().stream()
            .map(AuthenticatorTransport::of)
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    return PublicKeyCredentialDescriptor.builder()
        .id(new ByteArray(Codec.decode(c.id().value(), "id")))
        .transports(transports)
        .build();
  }

  @Override
  public Optional<ByteArray> getUserHandleForUsername(String username) {
    return store.findByPrincipal(Principal.of(username)).stream()
        .findFirst()
        .map(c -> new ByteArray(Codec.decode(c.userHandle(), "userHandle")));
  }

  @Override
  public Optional<String> getUsernameForUserHandle(ByteArray userHandle) {
    return store.findPrincipalByUserHandle(Codec.encode(userHandle.getBytes())).map(Principal::id);
  }

  @Override
  public Optional<RegisteredCredential> lookup(ByteArray credentialId, ByteArray userHandle) {
    return find(credentialId)
        .filter(c -> c.userHandle().equals(Codec.encode(userHandle.getBytes())))
        .map(StoreCredentialRepository::registered);
  }

  @Override
  public Set<RegisteredCredential> lookupAll(ByteArray credentialId) {
    return find(credentialId).map(StoreCredentialRepository::registered).stream()
        .collect(Collectors.toSet());
  }

  private Optional<SecurityKeyCredential> find(ByteArray credentialId) {
    try {
      return store.find(CredentialId.of(Codec.encode(credentialId.getBytes())));
    } catch (InvalidInputException e) {
      return Optional.empty();
    }
  }

  /**
   * Converts a stored credential for java-webauthn-server.
   *
   * @param c the credential
   * @return the registered credential
   */
  public static RegisteredCredential registered(SecurityKeyCredential c) {
    return RegisteredCredential.builder()
        .credentialId(new ByteArray(Codec.decode(c.id().value(), "id")))
        .userHandle(new ByteArray(Codec.decode(c.userHandle(), "userHandle")))
        .publicKeyCose(new ByteArray(Codec.decode(c.publicKey(), "publicKey")))
        .signatureCount(c.signatureCount())
        .build();
  }
}
