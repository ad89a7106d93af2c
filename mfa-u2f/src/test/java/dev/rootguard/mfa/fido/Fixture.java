package dev.rootguard.mfa.fido;

import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.testkit.fido.SoftwareAuthenticator;
import dev.rootguard.testsupport.MutableClock;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;

/** A relying party at https://example.com with a movable clock, for tests. */
final class Fixture {
  static final String RP_ID = "example.com";
  static final String ORIGIN = "https://example.com";
  static final Principal ALICE = Principal.of("alice");
  static final Principal BOB = Principal.of("bob");

  final MutableClock clock = new MutableClock(Instant.now());
  final SecurityKeyStore store;
  final SecurityKeyVerifier verifier;

  Fixture(boolean fast) {
    this(fast, b -> {});
  }

  Fixture(boolean fast, Consumer<SecurityKeyVerifier.Builder> config) {
    this(fast, new InMemorySecurityKeyStore(), config);
  }

  Fixture(SecurityKeyStore store, Consumer<SecurityKeyVerifier.Builder> config) {
    this(true, store, config);
  }

  private Fixture(
      boolean fast, SecurityKeyStore store, Consumer<SecurityKeyVerifier.Builder> config) {
    this.store = store;
    SecurityKeyVerifier.Builder b =
        SecurityKeyVerifier.builder(RP_ID, "Example")
            .origins(Set.of(ORIGIN))
            .clock(clock)
            .credentialStore(store)
            .fastEs256(fast);
    config.accept(b);
    this.verifier = b.build();
  }

  SecurityKeyCredential register(SoftwareAuthenticator key, Principal who) {
    CeremonyRequest req = verifier.startRegistration(who);
    RegistrationOutcome out =
        verifier.finishRegistration(req.requestId(), key.register(req.optionsJson(), ORIGIN));
    if (!(out instanceof RegistrationOutcome.Registered r)) {
      throw new AssertionError("registration refused: " + out);
    }
    return r.credential();
  }

  MfaResult signIn(
      SoftwareAuthenticator key, Principal who, Consumer<SoftwareAuthenticator.Overrides> o) {
    CeremonyRequest req = verifier.startAuthentication(who);
    return verifier.finishAuthentication(
        req.requestId(), key.authenticate(req.optionsJson(), ORIGIN, o));
  }

  MfaResult signIn(SoftwareAuthenticator key, Principal who) {
    return signIn(key, who, o -> {});
  }

  static MfaResult.Reason reason(MfaResult r) {
    if (!(r instanceof MfaResult.Rejected rej)) {
      throw new AssertionError("expected a rejection, got " + r);
    }
    return rej.reason();
  }
}
