package dev.rootguard.mfa.totp;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.internal.InMemoryTotpCredentialStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where enrolled TOTP credentials (secret, parameters, owner, enrollment step) are kept, so that
 * enrollment on one server and verification on another read the same credential. Wire it into
 * {@link TotpVerifier.Builder#credentialStore}.
 *
 * <p>Contract, in RFC 2119 words:
 *
 * <ul>
 *   <li>Implementations MUST be thread-safe and MUST NOT return null.
 *   <li>{@link #add} MUST be atomic and MUST NOT replace a credential with the same id.
 *   <li>Persistent implementations MUST seal the secret before it leaves the process ({@link
 *       dev.rootguard.seal.SecretSealer}), with the credential id in the sealing context, and MUST
 *       NOT log it.
 *   <li>A failure to reach the store MUST throw {@link dev.rootguard.mfa.StoreException}.
 * </ul>
 *
 * <pre>{@code
 * TotpCredentialStore credentials = TotpCredentialStore.inMemory();
 * if (enrollment.complete(id, owner, secret, params, code1, code2)
 *     instanceof EnrollmentResult.Enrolled e) {
 *   credentials.add(e);
 * }
 * TotpVerifier verifier = TotpVerifier.builder().credentialStore(credentials).build();
 * }</pre>
 *
 * @since 0.2.0
 */
public interface TotpCredentialStore {

  /**
   * Adds a credential unless one with the same id exists.
   *
   * @param credential the credential
   * @return true if added; false if the id was already enrolled
   */
  boolean add(TotpCredential credential);

  /**
   * Adds the credential of a completed enrollment.
   *
   * @param enrolled the enrollment result
   * @return true if added; false if the id was already enrolled
   */
  default boolean add(EnrollmentResult.Enrolled enrolled) {
    return add(Objects.requireNonNull(enrolled, "enrolled").credential());
  }

  /**
   * Finds a credential by id.
   *
   * @param id the credential id
   * @return the credential, or empty
   */
  Optional<TotpCredential> find(CredentialId id);

  /**
   * Lists the ids of a principal's credentials, sorted.
   *
   * @param owner the owner
   * @return the ids, possibly empty
   */
  List<CredentialId> findByOwner(Principal owner);

  /**
   * Removes a credential.
   *
   * @param id the credential id
   * @return true if it existed
   */
  boolean remove(CredentialId id);

  /**
   * Returns a new store in memory (lost when the process ends).
   *
   * @return an empty thread-safe store
   */
  static TotpCredentialStore inMemory() {
    return new InMemoryTotpCredentialStore();
  }
}
