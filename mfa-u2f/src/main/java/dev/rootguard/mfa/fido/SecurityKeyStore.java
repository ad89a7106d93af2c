package dev.rootguard.mfa.fido;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where registered FIDO credentials and their signature counters live. RootGuard adapts it to the
 * {@code CredentialRepository} java-webauthn-server needs. {@link #inMemory()} (one process) and
 * {@link JsonFileSecurityKeyStore} (processes on one host) are included; servers behind a load
 * balancer share one database store.
 *
 * <p>Contract, in RFC 2119 words:
 *
 * <ul>
 *   <li>Implementations MUST be thread-safe and MUST NOT return null.
 *   <li>{@link #updateSignatureCount} MUST be an atomic compare-and-set against the stored value,
 *       across every process sharing the store: of concurrent calls with the same expected value,
 *       at most one succeeds.
 *   <li>{@link #userHandle} MUST be atomic across those processes: a principal gets exactly one
 *       user handle, and no two principals share one.
 *   <li>{@link #add} MUST NOT replace an existing credential with the same id.
 *   <li>A failure to read or write MUST throw a {@link dev.rootguard.mfa.StoreException} (such as
 *       its subclass {@link SecurityKeyStoreException}) and MUST leave the previous state readable;
 *       a verifier finishing a ceremony then rejects with {@code STORE_UNAVAILABLE}.
 * </ul>
 *
 * <pre>{@code
 * SecurityKeyStore store = JsonFileSecurityKeyStore.open(Path.of("/var/lib/app/keys.json"));
 * SecurityKeyVerifier keys = SecurityKeyVerifier.builder("example.com", "Example")
 *     .origins(Set.of("https://example.com")).credentialStore(store).build();
 * }</pre>
 *
 * @since 0.1.0
 */
public interface SecurityKeyStore {

  /**
   * Adds a credential unless one with the same id exists.
   *
   * @param credential the credential
   * @return true if added, false if the id was already registered
   */
  boolean add(SecurityKeyCredential credential);

  /**
   * Finds a credential by id.
   *
   * @param id the credential id
   * @return the credential, or empty
   */
  Optional<SecurityKeyCredential> find(CredentialId id);

  /**
   * Lists a principal's credentials.
   *
   * @param principal the owner
   * @return the credentials, possibly empty
   */
  List<SecurityKeyCredential> findByPrincipal(Principal principal);

  /**
   * Returns the principal's WebAuthn user handle, creating it atomically if absent.
   *
   * @param principal the principal
   * @param ifAbsent makes a new random handle (base64url) when the principal has none
   * @return the handle
   */
  String userHandle(Principal principal, Supplier<String> ifAbsent);

  /**
   * Finds the principal a user handle belongs to.
   *
   * @param userHandle the handle, base64url
   * @return the principal, or empty
   */
  Optional<Principal> findPrincipalByUserHandle(String userHandle);

  /**
   * Sets a credential's signature counter if it still has the expected value.
   *
   * @param id the credential
   * @param expected the counter the caller read
   * @param next the new counter
   * @return true if updated; false if the credential is gone or its counter changed meanwhile
   */
  boolean updateSignatureCount(CredentialId id, long expected, long next);

  /**
   * Removes a credential.
   *
   * @param id the credential id
   * @return true if it existed
   */
  boolean remove(CredentialId id);

  /**
   * Returns a new store in memory (one process).
   *
   * @return an empty thread-safe store
   * @since 0.2.0
   */
  static SecurityKeyStore inMemory() {
    return new InMemorySecurityKeyStore();
  }
}
