package dev.rootguard.mfa.fido.internal;

import dev.rootguard.mfa.StoreException;
import dev.rootguard.mfa.fido.CounterPolicy;
import dev.rootguard.mfa.fido.SecurityKeyCredential;
import dev.rootguard.mfa.fido.SecurityKeyStore;
import java.util.Objects;
import java.util.Optional;

/**
 * The signature-counter update of WebAuthn Level 2 §7.2 step 21, atomic through the store's
 * compare-and-set: a reported counter above the stored one is written (retrying on a concurrent
 * update with the freshly read value); one at or below it is a possible clone, refused under {@link
 * CounterPolicy#REJECT} and accepted with a warning under {@link CounterPolicy#WARN}; an
 * authenticator that keeps no counter (0 reported, 0 stored) is left alone.
 *
 * <p>Thread-safe if the store is; of concurrent updates to one credential with the same counter at
 * most one succeeds.
 *
 * <pre>{@code
 * SignatureCounter.Update u = new SignatureCounter(store, CounterPolicy.REJECT).update(c, 7);
 * if (u.status() == SignatureCounter.Status.POSSIBLE_CLONE) { ... }
 * }</pre>
 */
public final class SignatureCounter {
  /** What the update did. */
  public enum Status {
    /** The counter went up and was stored, or the authenticator keeps no counter. */
    ADVANCED,
    /** The counter did not go up; accepted under {@link CounterPolicy#WARN}, nothing stored. */
    REGRESSED_ACCEPTED,
    /** The counter did not go up; refused under {@link CounterPolicy#REJECT}, nothing stored. */
    POSSIBLE_CLONE,
    /** The credential disappeared from the store meanwhile. */
    CREDENTIAL_GONE
  }

  /**
   * The outcome.
   *
   * @param status what happened
   * @param credential the credential as last read from the store (before the write)
   */
  public record Update(Status status, SecurityKeyCredential credential) {}

  private final SecurityKeyStore store;
  private final CounterPolicy policy;

  /**
   * Creates the step.
   *
   * @param store where counters are kept
   * @param policy what a counter that does not go up means
   */
  public SignatureCounter(SecurityKeyStore store, CounterPolicy policy) {
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * Applies the reported counter.
   *
   * @param credential the credential as read before the signature was verified
   * @param reported the counter in the assertion's authenticator data
   * @return the outcome
   * @throws StoreException if the store fails
   */
  public Update update(SecurityKeyCredential credential, long reported) {
    SecurityKeyCredential c = credential;
    while (true) {
      long stored = c.signatureCount();
      if (reported == 0 && stored == 0) {
        return new Update(Status.ADVANCED, c); // the authenticator keeps no counter
      }
      if (reported <= stored) {
        return new Update(
            policy == CounterPolicy.REJECT ? Status.POSSIBLE_CLONE : Status.REGRESSED_ACCEPTED, c);
      }
      if (store.updateSignatureCount(c.id(), stored, reported)) {
        return new Update(Status.ADVANCED, c);
      }
      Optional<SecurityKeyCredential> again = store.find(c.id());
      if (again.isEmpty()) {
        return new Update(Status.CREDENTIAL_GONE, c);
      }
      c = again.get();
    }
  }
}
