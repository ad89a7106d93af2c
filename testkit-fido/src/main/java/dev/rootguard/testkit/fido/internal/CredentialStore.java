package dev.rootguard.testkit.fido.internal;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credentials a software authenticator holds, by base64url id, with their signature counters,
 * and the choice of which one answers a request (an allow list, or else a discoverable credential
 * for the RP; a legacy U2F key matches through its AppID). Thread-safe: the map is concurrent and
 * each counter is guarded by its credential.
 *
 * <pre>{@code
 * CredentialStore store = new CredentialStore();
 * store.put(new CredentialStore.Credential(id, keyPair, "example.com", null, userHandle, 1));
 * }</pre>
 */
public final class CredentialStore {
  private final Map<String, Credential> keys = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public CredentialStore() {}

  /**
   * Returns a deep copy: the same private keys, counters that then advance independently.
   *
   * @return the copy
   */
  public CredentialStore copy() {
    CredentialStore c = new CredentialStore();
    keys.forEach((k, v) -> c.keys.put(k, v.copy()));
    return c;
  }

  /**
   * Adds a credential under the base64url of its id.
   *
   * @param credential the credential
   */
  public void put(Credential credential) {
    keys.put(WebAuthnJson.encode(credential.credentialId), credential);
  }

  /**
   * Tells whether a credential is held.
   *
   * @param id the id, base64url
   * @return whether it is held
   */
  public boolean contains(String id) {
    return keys.containsKey(id);
  }

  /**
   * Returns a held credential.
   *
   * @param id the id, base64url
   * @return the credential
   * @throws IllegalArgumentException if it is not held
   */
  public Credential get(String id) {
    Credential k = keys.get(Objects.requireNonNull(id, "credentialId"));
    if (k == null) {
      throw new IllegalArgumentException("credentialId: not held by this authenticator");
    }
    return k;
  }

  /**
   * Returns the held ids.
   *
   * @return the ids, base64url, in no particular order
   */
  public List<String> ids() {
    return List.copyOf(keys.keySet());
  }

  /**
   * Returns the number of credentials held.
   *
   * @return the count
   */
  public int size() {
    return keys.size();
  }

  /**
   * Chooses the credential that answers a request: among the allow list's held ids (or, with an
   * empty list, the discoverable credentials) the first whose RP id matches, or whose AppID matches
   * {@code appId}.
   *
   * @param allowIds the allow list's ids, base64url; empty for a discoverable request
   * @param rpId the request's RP id
   * @param appId the AppID extension's value, or null
   * @return the credential, or empty when none fits
   */
  public Optional<Credential> choose(List<String> allowIds, String rpId, String appId) {
    List<Credential> candidates = new ArrayList<>();
    if (!allowIds.isEmpty()) {
      for (String id : allowIds) {
        Credential k = keys.get(id);
        if (k != null) {
          candidates.add(k);
        }
      }
    } else {
      for (Credential k : keys.values()) {
        if (k.rpId != null && k.userHandle != null) {
          candidates.add(k);
        }
      }
    }
    for (Credential k : candidates) {
      if (rpId.equals(k.rpId) || (appId != null && appId.equals(k.appId))) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /**
   * One held credential: its id, key pair, scope (RP id, or AppID for a legacy U2F key), user
   * handle and signature counter. The counter is guarded by this object; the rest is immutable.
   */
  public static final class Credential {
    private final byte[] credentialId;
    private final KeyPair keyPair;
    private final String rpId;
    private final String appId;
    private final byte[] userHandle;
    private long signCount;

    /**
     * Creates a credential.
     *
     * @param credentialId the id
     * @param keyPair the P-256 key pair
     * @param rpId the RP id, or null for a legacy U2F key
     * @param appId the U2F AppID, or null
     * @param userHandle the user handle, or null (not discoverable)
     * @param signCount the initial counter
     */
    public Credential(
        byte[] credentialId,
        KeyPair keyPair,
        String rpId,
        String appId,
        byte[] userHandle,
        long signCount) {
      this.credentialId = credentialId;
      this.keyPair = keyPair;
      this.rpId = rpId;
      this.appId = appId;
      this.userHandle = userHandle;
      this.signCount = signCount;
    }

    private synchronized Credential copy() {
      return new Credential(credentialId, keyPair, rpId, appId, userHandle, signCount);
    }

    /**
     * Returns the id (not a copy; do not modify).
     *
     * @return the credential id
     */
    public byte[] credentialId() {
      return credentialId;
    }

    /**
     * Returns the key pair.
     *
     * @return the key pair
     */
    public KeyPair keyPair() {
      return keyPair;
    }

    /**
     * Returns the RP id.
     *
     * @return the RP id, or null for a legacy U2F key
     */
    public String rpId() {
      return rpId;
    }

    /**
     * Returns the AppID.
     *
     * @return the U2F AppID, or null
     */
    public String appId() {
      return appId;
    }

    /**
     * Returns the user handle (not a copy; do not modify).
     *
     * @return the user handle, or null
     */
    public byte[] userHandle() {
      return userHandle;
    }

    /**
     * Returns the counter.
     *
     * @return the last reported signature counter
     */
    public synchronized long signCount() {
      return signCount;
    }

    /**
     * Sets the counter.
     *
     * @param signCount the new counter
     */
    public synchronized void setSignCount(long signCount) {
      this.signCount = signCount;
    }

    /**
     * Advances the counter by one.
     *
     * @return the new counter
     */
    public synchronized long next() {
      signCount = signCount + 1;
      return signCount;
    }
  }
}
