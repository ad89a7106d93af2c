package dev.rootguard.mfa.fido;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.MfaVerifier;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.mfa.fido.internal.AuthenticationCeremony;
import dev.rootguard.mfa.fido.internal.Ceremonies;
import dev.rootguard.mfa.fido.internal.Codec;
import dev.rootguard.mfa.fido.internal.PendingAuthentications;
import dev.rootguard.mfa.fido.internal.PendingRegistrations;
import dev.rootguard.mfa.fido.internal.RegistrationCeremony;
import dev.rootguard.mfa.fido.internal.RelyingPartyContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies FIDO U2F and FIDO2 security keys (and passkeys) as a second factor, over Yubico's
 * java-webauthn-server: it keeps the pending ceremonies (expiring, single-use), the credential
 * store and its signature counters, the attestation policy, and turns every failure into a distinct
 * {@link Reason}. JSON strings go in and out, as the browser's {@code
 * PublicKeyCredential.parseCreationOptionsFromJSON}, {@code parseRequestOptionsFromJSON} and {@code
 * toJSON()} use them.
 *
 * <pre>{@code
 * SecurityKeyVerifier keys = SecurityKeyVerifier.builder("example.com", "Example Corp")
 *     .origins(Set.of("https://example.com"))
 *     .credentialStore(JsonFileSecurityKeyStore.open(Path.of("keys.json")))
 *     .ceremonyStore(CeremonyStore.inMemory(10_000))      // or one shared by every server
 *     .attestationPolicy(AttestationPolicy.trusted(List.of(yubicoRoot)))
 *     .build();
 * CeremonyRequest reg = keys.startRegistration(alice);          // reg.optionsJson() to the page
 * RegistrationOutcome out = keys.finishRegistration(reg.requestId(), createdJson);
 * CeremonyRequest auth = keys.startAuthentication(alice);
 * MfaResult result = keys.finishAuthentication(auth.requestId(), assertionJson);
 * }</pre>
 *
 * <p><b>How assertions are verified.</b> RootGuard first checks the parts whose failure has a
 * distinct reason itself, from the parsed response: client data type, challenge (constant-time),
 * origin, RP id hash (or the AppID hash for legacy U2F keys), user presence and verification flags,
 * that the credential exists and belongs to the principal. For ES256 keys (every U2F key and almost
 * every FIDO2 key) it then verifies the signature with Bouncy Castle's lightweight API (no JCA
 * provider is registered; global JVM state is untouched), which is several times faster than the
 * JDK's ECDSA on Java 17. Other algorithms, and all assertions when {@link
 * Builder#fastEs256(boolean) fastEs256(false)} is set, go through java-webauthn-server's {@code
 * finishAssertion}. Registrations always go through java-webauthn-server, which verifies the
 * attestation.
 *
 * <p><b>Pending ceremonies</b> wait in a {@link CeremonyStore} (default: {@link
 * CeremonyStore#inMemory in memory}, one process). Each start puts java-webauthn-server's request,
 * as its own JSON, under a fresh random id; each finish takes it atomically and at most once, so a
 * ceremony started on one server can be finished on another when both share the ceremony store and
 * the {@link SecurityKeyStore}, and of any number of concurrent finishes of one ceremony, on any
 * server, exactly one goes on. Registration and sign-in ids cannot stand in for each other. Expired
 * ceremonies are purged every 256 starts or once a minute, by the injected clock.
 *
 * <p><b>Failures</b> of a finish are results, never exceptions: malformed or oversized JSON (over
 * 64 KiB) is {@code MALFORMED_INPUT}, an unknown, expired or used request id is {@code
 * REQUEST_EXPIRED} / {@code REPLAYED}, a failing ceremony or credential store ({@link
 * StoreException}) is {@code STORE_UNAVAILABLE}, and nothing stored changes on a failed ceremony.
 * Exceptions are for misuse, and for a store failing while a ceremony starts ({@link
 * StoreException} then propagates: nothing is pending).
 *
 * <p><b>How it is built.</b> This class is the facade: settings, validation and the public methods.
 * The ceremonies live in internal types, one method per WebAuthn Level 2 step they check:
 * registration (§7.1) in {@code internal.RegistrationCeremony}, authentication (§7.2) in {@code
 * internal.AuthenticationCeremony} with its counter update in {@code internal.SignatureCounter};
 * started ceremonies wait in two typed holders ({@code internal.PendingRegistrations}, {@code
 * internal.PendingAuthentications}), and {@code internal.FailureMapper} is the one place a failure
 * becomes a {@link Reason}, by exception type.
 *
 * <p>Thread-safe; share one instance.
 *
 * @see <a href="https://www.w3.org/TR/webauthn-3/#sctn-verifying-assertion">WebAuthn Level 3
 *     §7.2</a>
 * @since 0.1.0
 */
public final class SecurityKeyVerifier implements MfaVerifier {
  /** Stands in for the principal when a request id is unknown and no attempt names one. */
  public static final Principal UNKNOWN_PRINCIPAL = Principal.of("(unknown)");

  /** Largest accepted response JSON, in characters (64 KiB). */
  public static final int MAX_RESPONSE_LENGTH = Codec.MAX_RESPONSE_CHARS;

  private final String rpId;
  private final RelyingPartyContext ctx;
  private final AttestationPolicy attestationPolicy;
  private final CounterPolicy counterPolicy;
  private final Requirement userVerification;
  private final RegistrationCeremony registration;
  private final AuthenticationCeremony authentication;

  private SecurityKeyVerifier(Builder b) {
    this.rpId = b.rpId;
    this.attestationPolicy = b.attestationPolicy;
    this.counterPolicy = b.counterPolicy;
    this.userVerification = b.userVerification;
    this.ctx =
        new RelyingPartyContext(
            b.rpId,
            b.rpName,
            b.origins != null ? b.origins : Set.of("https://" + b.rpId),
            b.appId,
            b.userVerification,
            b.residentKey,
            b.attachment,
            b.requestTimeout,
            b.clock,
            b.store != null ? b.store : SecurityKeyStore.inMemory(),
            b.attestationPolicy.rules(),
            b.counterPolicy,
            b.fastEs256);
    // One Ceremonies for both kinds: one id space, one purge schedule.
    Ceremonies ceremonies =
        new Ceremonies(
            b.ceremonyStore != null
                ? b.ceremonyStore
                : CeremonyStore.inMemory(b.maxPendingRequests),
            b.clock,
            b.requestTimeout);
    this.registration = new RegistrationCeremony(ctx, new PendingRegistrations(ceremonies));
    this.authentication = new AuthenticationCeremony(ctx, new PendingAuthentications(ceremonies));
  }

  /**
   * Starts building a verifier for a relying party.
   *
   * @param rpId the relying party id: the site's registrable domain or a parent of it, e.g. {@code
   *     "example.com"} (no scheme, no port)
   * @param rpName the relying party name browsers may show, e.g. {@code "Example Corp"}
   * @return a builder; not thread-safe
   * @throws InvalidInputException if the RP id is empty or has a scheme, port or path (field {@code
   *     rpId}), or the name is blank (field {@code rpName})
   */
  public static Builder builder(String rpId, String rpName) {
    return new Builder(rpId, rpName);
  }

  @Override
  public Set<Factor> factors() {
    return Set.of(Factor.SECURITY_KEY, Factor.PASSKEY);
  }

  /**
   * Returns true: ceremonies are single-use (an atomic take from the {@link CeremonyStore}), so an
   * assertion cannot be replayed, on this server or another sharing the store.
   *
   * @return true
   */
  @Override
  public boolean guardsReplay() {
    return true;
  }

  /**
   * Returns the credential store.
   *
   * @return the store
   */
  public SecurityKeyStore credentialStore() {
    return ctx.store();
  }

  /**
   * Returns the relying party id.
   *
   * @return the RP id
   */
  public String relyingPartyId() {
    return rpId;
  }

  /**
   * Returns the accepted origins.
   *
   * @return the origins
   */
  public Set<String> origins() {
    return ctx.origins();
  }

  // ---------------------------------------------------------------- registration

  /**
   * Starts registering a new security key for a principal, using the principal id as the display
   * name.
   *
   * @param user who registers
   * @return the request id and the options JSON for {@code navigator.credentials.create}
   * @throws IllegalStateException if the default in-memory ceremony store is full ({@link
   *     Builder#maxPendingRequests})
   * @throws StoreException if the ceremony store or the credential store fails; nothing is pending
   *     then
   */
  public CeremonyRequest startRegistration(Principal user) {
    return startRegistration(user, user.id());
  }

  /**
   * Starts registering a new security key for a principal. The principal's existing credentials are
   * excluded, so the same key is not registered twice.
   *
   * @param user who registers
   * @param displayName the name the browser may show for the account
   * @return the request id and the options JSON for {@code navigator.credentials.create}
   * @throws IllegalStateException if the default in-memory ceremony store is full ({@link
   *     Builder#maxPendingRequests})
   * @throws StoreException if the ceremony store or the credential store fails; nothing is pending
   *     then
   */
  public CeremonyRequest startRegistration(Principal user, String displayName) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(displayName, "displayName");
    return registration.start(user, displayName);
  }

  /**
   * Finishes a registration: checks the browser's response (client data, RP id, flags, the
   * attestation and the attestation policy) and stores the new credential. The request is used up
   * whatever the outcome.
   *
   * @param requestId the id from {@link #startRegistration}
   * @param responseJson the browser's {@code JSON.stringify(credential.toJSON())}
   * @return the stored credential, or why it was refused; {@code STORE_UNAVAILABLE} if the ceremony
   *     store or the credential store failed (the credential may or may not have been saved then: a
   *     retry with a new ceremony tells, by {@code REPLAYED})
   */
  public RegistrationOutcome finishRegistration(String requestId, String responseJson) {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(responseJson, "responseJson");
    return registration.finish(requestId, responseJson);
  }

  /**
   * Imports a key registered with the old U2F JavaScript API, so it keeps working through the AppID
   * extension. Requires {@link Builder#appId(String)}.
   *
   * @param owner who owns the key
   * @param keyHandle the U2F key handle, base64url
   * @param publicKey the U2F public key (uncompressed P-256 point, 65 bytes), base64url
   * @return the stored credential
   * @throws IllegalStateException if no AppID is configured
   * @throws InvalidInputException if the key handle or public key is malformed or already stored
   */
  public SecurityKeyCredential importLegacyU2f(
      Principal owner, String keyHandle, String publicKey) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(keyHandle, "keyHandle");
    Objects.requireNonNull(publicKey, "publicKey");
    return registration.importLegacyU2f(owner, keyHandle, publicKey);
  }

  // ---------------------------------------------------------------- authentication

  /**
   * Starts a sign-in with one of the principal's registered keys.
   *
   * @param user who signs in
   * @return the request id and the options JSON for {@code navigator.credentials.get}
   * @throws IllegalStateException if the default in-memory ceremony store is full ({@link
   *     Builder#maxPendingRequests})
   * @throws StoreException if the ceremony store or the credential store fails; nothing is pending
   *     then
   */
  public CeremonyRequest startAuthentication(Principal user) {
    Objects.requireNonNull(user, "user");
    return authentication.start(user);
  }

  /**
   * Finishes a sign-in: verifies the assertion against the pending request and the stored
   * credential, and advances the signature counter atomically. The request is used up whatever the
   * outcome.
   *
   * @param requestId the id from {@link #startAuthentication}
   * @param responseJson the browser's {@code JSON.stringify(credential.toJSON())}
   * @return the result; accepted ones carry a {@link SecurityKeyDetail}. A failing ceremony store
   *     or credential store gives {@code STORE_UNAVAILABLE}, never an acceptance
   */
  public MfaResult finishAuthentication(String requestId, String responseJson) {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(responseJson, "responseJson");
    return authentication.finish(requestId, responseJson, null, null, null);
  }

  /**
   * Verifies an attempt: {@link MfaAttempt#requestId()} names the pending request from {@link
   * #startAuthentication} and {@link MfaAttempt#response()} is the assertion JSON. An attempt for
   * {@link Factor#SECURITY_KEY} answered by a synced passkey is rejected with {@code
   * FACTOR_NOT_ALLOWED}.
   *
   * @param attempt the attempt
   * @return the result
   * @throws IllegalArgumentException if the attempt's factor is not a FIDO factor
   */
  @Override
  public MfaResult verify(MfaAttempt attempt) {
    Objects.requireNonNull(attempt, "attempt");
    if (!factors().contains(attempt.factor())) {
      throw new IllegalArgumentException(
          "factor: SecurityKeyVerifier serves SECURITY_KEY and PASSKEY, not " + attempt.factor());
    }
    if (attempt.requestId().isEmpty()) {
      return MfaResult.Rejected.of(
          attempt.principal(), attempt.factor(), Reason.MALFORMED_INPUT, ctx.clock().instant());
    }
    return authentication.finish(
        attempt.requestId().get(),
        attempt.response(),
        attempt.principal(),
        attempt.factor(),
        attempt.credential().orElse(null));
  }

  @Override
  public String toString() {
    return "SecurityKeyVerifier[rpId="
        + rpId
        + ", origins="
        + ctx.origins()
        + ", appId="
        + ctx.appId()
        + ", userVerification="
        + userVerification
        + ", attestation="
        + attestationPolicy
        + ", counterPolicy="
        + counterPolicy
        + ", store="
        + ctx.store()
        + "]";
  }

  /**
   * Builds a {@link SecurityKeyVerifier}. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    private final String rpId;
    private final String rpName;
    private Set<String> origins;
    private String appId;
    private Requirement userVerification = Requirement.PREFERRED;
    private Requirement residentKey = Requirement.DISCOURAGED;
    private Attachment attachment = Attachment.ANY;
    private Duration requestTimeout = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();
    private SecurityKeyStore store;
    private AttestationPolicy attestationPolicy = AttestationPolicy.none();
    private CounterPolicy counterPolicy = CounterPolicy.REJECT;
    private boolean fastEs256 = true;
    private int maxPendingRequests = 100_000;
    private CeremonyStore ceremonyStore;

    private Builder(String rpId, String rpName) {
      Objects.requireNonNull(rpId, "rpId");
      Objects.requireNonNull(rpName, "rpName");
      if (rpId.isEmpty()
          || rpId.contains("/")
          || rpId.contains(":")
          || !rpId.equals(rpId.strip())
          || !rpId.equals(rpId.toLowerCase(Locale.ROOT))) {
        throw new InvalidInputException(
            "rpId", "must be a lower-case domain without scheme, port or path, was '" + rpId + "'");
      }
      if (rpName.isBlank()) {
        throw new InvalidInputException("rpName", "must not be blank");
      }
      this.rpId = rpId;
      this.rpName = rpName;
    }

    /**
     * Sets the origins the browser may be on, exactly as the browser reports them (scheme, host and
     * non-default port). Default: {@code https://<rpId>}.
     *
     * @param origins the origins, e.g. {@code Set.of("https://example.com",
     *     "https://login.example.com")}
     * @return this builder
     * @throws InvalidInputException if empty or an origin is not {@code scheme://host[:port]}
     *     (field {@code origins})
     */
    public Builder origins(Set<String> origins) {
      Objects.requireNonNull(origins, "origins");
      if (origins.isEmpty()) {
        throw new InvalidInputException("origins", "at least one origin is required");
      }
      for (String o : origins) {
        URI u;
        try {
          u = URI.create(o);
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException("origins", "not a URI: '" + o + "'");
        }
        if (u.getScheme() == null
            || u.getHost() == null
            || (u.getPath() != null && !u.getPath().isEmpty())
            || u.getQuery() != null) {
          throw new InvalidInputException(
              "origins", "must be scheme://host[:port] without a path, was '" + o + "'");
        }
      }
      this.origins = Set.copyOf(origins);
      return this;
    }

    /**
     * Sets the U2F AppID under which legacy U2F keys were registered, so they keep working through
     * the WebAuthn AppID extension. It must be an https URL. Default: none.
     *
     * @param appId the AppID, e.g. {@code "https://example.com/app-id.json"}
     * @return this builder
     */
    public Builder appId(String appId) {
      this.appId = Objects.requireNonNull(appId, "appId");
      return this;
    }

    /**
     * Sets whether the authenticator must verify the user (PIN or biometric). With {@link
     * Requirement#REQUIRED}, assertions without the UV flag are rejected with {@code
     * USER_VERIFICATION_REQUIRED} (and U2F keys, which cannot verify users, cannot be used).
     * Default: {@link Requirement#PREFERRED}.
     *
     * @param requirement the requirement
     * @return this builder
     */
    public Builder userVerification(Requirement requirement) {
      this.userVerification = Objects.requireNonNull(requirement, "requirement");
      return this;
    }

    /**
     * Sets whether registrations should create discoverable credentials (passkeys). Default: {@link
     * Requirement#DISCOURAGED}, which suits security keys as a second factor.
     *
     * @param requirement the requirement
     * @return this builder
     */
    public Builder residentKey(Requirement requirement) {
      this.residentKey = Objects.requireNonNull(requirement, "requirement");
      return this;
    }

    /**
     * Sets which kind of authenticator registration asks for. Default: {@link Attachment#ANY}.
     *
     * @param attachment the attachment
     * @return this builder
     */
    public Builder attachment(Attachment attachment) {
      this.attachment = Objects.requireNonNull(attachment, "attachment");
      return this;
    }

    /**
     * Sets how long a started ceremony may be finished. Default: 5 minutes. Maximum: 1 hour.
     *
     * @param timeout the time to live of a pending request
     * @return this builder
     * @throws InvalidInputException if not within 1 second to 1 hour (field {@code requestTimeout})
     */
    public Builder requestTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
        throw new InvalidInputException("requestTimeout", "must be 1 s to 1 h, was " + timeout);
      }
      this.requestTimeout = timeout;
      return this;
    }

    /**
     * Sets the clock for request expiry, registration times and attestation validity. Default: the
     * system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets where credentials are kept. Share one store between every server that finishes the same
     * ceremonies (see {@link #ceremonyStore}). Default: a new {@link SecurityKeyStore#inMemory()},
     * which serves one process only.
     *
     * @param store the store
     * @return this builder
     */
    public Builder credentialStore(SecurityKeyStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets which authenticators registration accepts. Default: {@link AttestationPolicy#none()}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder attestationPolicy(AttestationPolicy policy) {
      this.attestationPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets what a signature counter that does not go up means. Default: {@link
     * CounterPolicy#REJECT}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder counterPolicy(CounterPolicy policy) {
      this.counterPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets whether ES256 assertion signatures are verified with Bouncy Castle's lightweight API (no
     * provider registration) instead of through java-webauthn-server and the JDK's provider. Both
     * give the same verdicts; the fast path is several times faster on Java 17. Default: true.
     *
     * @param fast false to send every assertion through java-webauthn-server's {@code
     *     finishAssertion}
     * @return this builder
     */
    public Builder fastEs256(boolean fast) {
      this.fastEs256 = fast;
      return this;
    }

    /**
     * Sets where started ceremonies wait for their answer. Share one store (and one {@link
     * #credentialStore credential store}) between every server behind a load balancer, so a
     * ceremony started on one can be finished on another; the store's {@code take} makes each
     * ceremony single-use across all of them. Default: {@link CeremonyStore#inMemory} bounded by
     * {@link #maxPendingRequests}, which serves one process only.
     *
     * @param store the store
     * @return this builder
     * @since 0.2.0
     */
    public Builder ceremonyStore(CeremonyStore store) {
      this.ceremonyStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets how many started ceremonies (and used ones, kept until they expire to detect replays)
     * the default in-memory ceremony store holds at once: a bound on memory. Ignored when a {@link
     * #ceremonyStore} is set. Default: 100,000. Maximum: 10,000,000.
     *
     * @param max the bound
     * @return this builder
     * @throws InvalidInputException if not within 1 to 10,000,000 (field {@code
     *     maxPendingRequests})
     */
    public Builder maxPendingRequests(int max) {
      if (max < 1 || max > 10_000_000) {
        throw new InvalidInputException(
            "maxPendingRequests", "must be 1 to 10,000,000, was " + max);
      }
      this.maxPendingRequests = max;
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     * @throws InvalidInputException if the AppID is not a valid https AppID (field {@code appId})
     */
    public SecurityKeyVerifier build() {
      return new SecurityKeyVerifier(this);
    }
  }
}
