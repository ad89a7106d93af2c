package dev.rootguard.mfa.fido;

import static dev.rootguard.mfa.fido.Fixture.ALICE;
import static dev.rootguard.mfa.fido.Fixture.BOB;
import static dev.rootguard.mfa.fido.Fixture.ORIGIN;
import static dev.rootguard.mfa.fido.Fixture.reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.MfaPolicy;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.testkit.fido.SoftwareAuthenticator;
import dev.rootguard.testsupport.MutableClock;
import dev.rootguard.testsupport.Race;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pending ceremonies kept in a {@link CeremonyStore}: two verifiers built separately over one
 * ceremony store and one credential store stand for two servers behind a load balancer.
 */
class CeremonyStoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T12:00:00Z"));
  private final SecurityKeyStore keys = SecurityKeyStore.inMemory();
  private final Recording ceremonies = new Recording(CeremonyStore.inMemory(10_000));

  private SecurityKeyVerifier server(CeremonyStore ceremonyStore, SecurityKeyStore credentials) {
    return SecurityKeyVerifier.builder(Fixture.RP_ID, "Example")
        .origins(Set.of(ORIGIN))
        .clock(clock)
        .credentialStore(credentials)
        .ceremonyStore(ceremonyStore)
        .build();
  }

  private SecurityKeyVerifier server() {
    return server(ceremonies, keys);
  }

  private static SecurityKeyCredential register(
      SecurityKeyVerifier start, SecurityKeyVerifier finish, SoftwareAuthenticator key) {
    CeremonyRequest req = start.startRegistration(ALICE);
    RegistrationOutcome out =
        finish.finishRegistration(req.requestId(), key.register(req.optionsJson(), ORIGIN));
    assertThat(out).isInstanceOf(RegistrationOutcome.Registered.class);
    return ((RegistrationOutcome.Registered) out).credential();
  }

  // ------------------------------------------------------------ across servers

  @Test
  void finishRegistration_startedOnAnotherServer_registered() {
    SecurityKeyVerifier a = server();
    SecurityKeyVerifier b = server();
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();

    SecurityKeyCredential c = register(a, b, key);

    assertThat(keys.find(c.id())).contains(c);
    assertThat(c.principal()).isEqualTo(ALICE);
  }

  @Test
  void finishAuthentication_startedOnAnotherServer_accepted() {
    SecurityKeyVerifier a = server();
    SecurityKeyVerifier b = server();
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    SecurityKeyCredential c = register(a, a, key);

    CeremonyRequest req = a.startAuthentication(ALICE);
    MfaResult r =
        b.finishAuthentication(req.requestId(), key.authenticate(req.optionsJson(), ORIGIN));

    assertThat(r).isInstanceOf(MfaResult.Accepted.class);
    assertThat(((MfaResult.Accepted) r).credential()).isEqualTo(c.id());
    assertThat(reason(a.finishAuthentication(req.requestId(), "{}"))).isEqualTo(Reason.REPLAYED);
  }

  @Test
  void finishAuthentication_serverWithItsOwnCeremonyStore_requestExpired() {
    SecurityKeyVerifier a = server();
    SecurityKeyVerifier elsewhere = server(CeremonyStore.inMemory(10), keys);
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    register(a, a, key);

    CeremonyRequest req = a.startAuthentication(ALICE);
    String assertion = key.authenticate(req.optionsJson(), ORIGIN);

    assertThat(reason(elsewhere.finishAuthentication(req.requestId(), assertion)))
        .isEqualTo(Reason.REQUEST_EXPIRED);
    assertThat(a.finishAuthentication(req.requestId(), assertion).isAccepted()).isTrue();
  }

  @Test
  void finishAuthentication_sixteenThreadsOnTwoServers_exactlyOneAcceptedRestReplayed()
      throws Exception {
    List<SecurityKeyVerifier> servers = List.of(server(), server());
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    register(servers.get(0), servers.get(1), key);
    for (int round = 0; round < 20; round++) {
      CeremonyRequest req = servers.get(round % 2).startAuthentication(ALICE);
      String assertion = key.authenticate(req.optionsJson(), ORIGIN);
      List<MfaResult> results =
          Race.collect(
              16, i -> servers.get(i % 2).finishAuthentication(req.requestId(), assertion));
      int accepted = 0;
      for (MfaResult r : results) {
        if (r.isAccepted()) {
          accepted++;
        } else {
          assertThat(reason(r)).as("round %d", round).isEqualTo(Reason.REPLAYED);
        }
      }
      assertThat(accepted).as("round %d", round).isEqualTo(1);
    }
  }

  @Test
  void finishAuthentication_twoClonesSameCounterOnTwoServers_oneAcceptedOtherPossibleClone()
      throws Exception {
    cloneRace(server(), server(), keys);
  }

  @Test
  void finishAuthentication_twoClonesSameCounterOnTwoServersOverOneKeyFile_oneAccepted(
      @TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys.json");
    cloneRace(
        server(ceremonies, JsonFileSecurityKeyStore.open(file)),
        server(ceremonies, JsonFileSecurityKeyStore.open(file)),
        JsonFileSecurityKeyStore.open(file));
  }

  private void cloneRace(SecurityKeyVerifier a, SecurityKeyVerifier b, SecurityKeyStore keys)
      throws Exception {
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    SecurityKeyCredential c = register(a, b, key);
    for (int round = 0; round < 20; round++) {
      SoftwareAuthenticator clone = key.cloneKey();
      CeremonyRequest onA = a.startAuthentication(ALICE);
      CeremonyRequest onB = b.startAuthentication(ALICE);
      String fromKey = key.authenticate(onA.optionsJson(), ORIGIN);
      String fromClone = clone.authenticate(onB.optionsJson(), ORIGIN); // same counter value
      List<MfaResult> both =
          Race.collect(
              2,
              i ->
                  i == 0
                      ? a.finishAuthentication(onA.requestId(), fromKey)
                      : b.finishAuthentication(onB.requestId(), fromClone));
      assertThat(both.stream().filter(MfaResult::isAccepted)).as("round %d", round).hasSize(1);
      assertThat(both.stream().filter(r -> !r.isAccepted()).map(Fixture::reason))
          .containsExactly(Reason.POSSIBLE_CLONE);
      assertThat(keys.find(c.id()).orElseThrow().signatureCount())
          .isEqualTo(key.signCount(c.id().value()));
    }
  }

  @Test
  void finishAuthentication_registrationId_requestExpiredAndRegistrationStillFinishes() {
    SecurityKeyVerifier a = server();
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    CeremonyRequest reg = a.startRegistration(ALICE);

    assertThat(reason(a.finishAuthentication(reg.requestId(), "{}")))
        .isEqualTo(Reason.REQUEST_EXPIRED);
    RegistrationOutcome out =
        a.finishRegistration(reg.requestId(), key.register(reg.optionsJson(), ORIGIN));
    assertThat(out.isRegistered()).isTrue();
  }

  @Test
  void finishRegistration_authenticationId_requestExpired() {
    SecurityKeyVerifier a = server();
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    register(a, a, key);
    CeremonyRequest auth = a.startAuthentication(ALICE);

    RegistrationOutcome out = a.finishRegistration(auth.requestId(), "{}");

    assertThat(((RegistrationOutcome.Rejected) out).reason()).isEqualTo(Reason.REQUEST_EXPIRED);
    assertThat(
            a.finishAuthentication(auth.requestId(), key.authenticate(auth.optionsJson(), ORIGIN)))
        .matches(MfaResult::isAccepted);
  }

  @Test
  void finish_idOfAShapeNeverIssued_requestExpiredWithoutAskingTheStore() {
    SecurityKeyVerifier a = server();
    for (String id : List.of("", "short", "x".repeat(129), "has space in it!!!", "é".repeat(20))) {
      assertThat(reason(a.finishAuthentication(id, "{}"))).isEqualTo(Reason.REQUEST_EXPIRED);
      assertThat(((RegistrationOutcome.Rejected) a.finishRegistration(id, "{}")).reason())
          .isEqualTo(Reason.REQUEST_EXPIRED);
    }
    assertThat(ceremonies.takes).hasValue(0);
  }

  // ------------------------------------------------------------ expiry

  @Test
  void finishAuthentication_otherServerClockPastExpiry_requestExpiredThenUnusable() {
    SecurityKeyVerifier a = server();
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    register(a, a, key);
    CeremonyRequest req = a.startAuthentication(ALICE);
    String assertion = key.authenticate(req.optionsJson(), ORIGIN);
    assertThat(req.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));

    clock.advance(Duration.ofMinutes(5));

    assertThat(reason(server().finishAuthentication(req.requestId(), assertion)))
        .isEqualTo(Reason.REQUEST_EXPIRED);
    assertThat(reason(a.finishAuthentication(req.requestId(), assertion)))
        .isEqualTo(Reason.REQUEST_EXPIRED);
  }

  @Test
  void finishRegistration_oneMilliBeforeExpiry_registered() {
    SecurityKeyVerifier a = server();
    CeremonyRequest req = a.startRegistration(ALICE);
    clock.advance(Duration.ofMinutes(5).minusMillis(1));

    RegistrationOutcome out =
        a.finishRegistration(
            req.requestId(), SoftwareAuthenticator.packed().register(req.optionsJson(), ORIGIN));

    assertThat(out.isRegistered()).isTrue();
  }

  @Test
  void finishRegistration_atExpiry_requestExpired() {
    SecurityKeyVerifier a = server();
    CeremonyRequest req = a.startRegistration(ALICE);
    clock.advance(Duration.ofMinutes(5));

    RegistrationOutcome out =
        a.finishRegistration(
            req.requestId(), SoftwareAuthenticator.packed().register(req.optionsJson(), ORIGIN));

    assertThat(((RegistrationOutcome.Rejected) out).reason()).isEqualTo(Reason.REQUEST_EXPIRED);
    assertThat(keys.findByPrincipal(ALICE)).isEmpty();
  }

  @Test
  void startAuthentication_everyMinuteByTheClock_purgesExpiredCeremonies() {
    SecurityKeyVerifier a = server();
    a.startAuthentication(ALICE);
    int before = ceremonies.purges.get();
    clock.advance(Duration.ofSeconds(59));
    a.startAuthentication(ALICE);
    assertThat(ceremonies.purges).hasValue(before);

    clock.advance(Duration.ofMinutes(5));
    a.startAuthentication(ALICE);

    assertThat(ceremonies.purges).hasValue(before + 1);
    assertThat(ceremonies.purgedAt).last().isEqualTo(clock.instant());
  }

  @Test
  void startAuthentication_every256Starts_purgesEvenWhenTheClockStands() {
    SecurityKeyVerifier a = server();
    for (int i = 1; i < 256; i++) {
      a.startAuthentication(ALICE);
    }
    assertThat(ceremonies.purges).hasValue(0);

    a.startAuthentication(ALICE);

    assertThat(ceremonies.purges).hasValue(1);
  }

  @Test
  void startAuthentication_defaultStoreFull_refusedUntilCeremoniesExpire() {
    SecurityKeyVerifier small =
        SecurityKeyVerifier.builder(Fixture.RP_ID, "Example")
            .clock(clock)
            .maxPendingRequests(3)
            .build();
    for (int i = 0; i < 3; i++) {
      small.startAuthentication(ALICE);
    }
    assertThatThrownBy(() -> small.startAuthentication(ALICE))
        .isInstanceOf(IllegalStateException.class);

    clock.advance(Duration.ofMinutes(6));

    assertThat(small.startAuthentication(ALICE).requestId()).hasSizeGreaterThanOrEqualTo(16);
  }

  @Test
  void finishAuthentication_usedCeremonies_doNotFillTheDefaultStore() {
    SecurityKeyVerifier small =
        SecurityKeyVerifier.builder(Fixture.RP_ID, "Example")
            .origins(Set.of(ORIGIN))
            .clock(clock)
            .maxPendingRequests(10)
            .build();
    for (int i = 0; i < 30; i++) {
      CeremonyRequest req = small.startAuthentication(ALICE);
      assertThat(reason(small.finishAuthentication(req.requestId(), "{}")))
          .isEqualTo(Reason.MALFORMED_INPUT);
    }
  }

  // ------------------------------------------------------------ the payload

  @Test
  void startRegistration_payloadIsYubicoJsonThatRoundTripsExactly() throws Exception {
    CeremonyRequest req = server().startRegistration(ALICE, "Alice A.");

    CeremonyStore.Ceremony put = ceremonies.put.get(ceremonies.put.size() - 1);
    PublicKeyCredentialCreationOptions back =
        PublicKeyCredentialCreationOptions.fromJson(put.payload());

    assertThat(back.toJson()).isEqualTo(put.payload());
    assertThat(JSON.readTree(back.toCredentialsCreateJson()).get("publicKey").toString())
        .isEqualTo(req.optionsJson());
    assertThat(put.kind()).isEqualTo("fido-registration");
    assertThat(put.principal()).isEqualTo(ALICE);
    assertThat(put.expiresAt()).isEqualTo(req.expiresAt());
  }

  @Test
  void startAuthentication_payloadIsYubicoJsonThatRoundTripsExactly() throws Exception {
    SecurityKeyVerifier a = server();
    register(a, a, SoftwareAuthenticator.packed());
    CeremonyRequest req = a.startAuthentication(ALICE);

    CeremonyStore.Ceremony put = ceremonies.put.get(ceremonies.put.size() - 1);
    AssertionRequest back = AssertionRequest.fromJson(put.payload());

    assertThat(back.toJson()).isEqualTo(put.payload());
    assertThat(JSON.readTree(back.toCredentialsGetJson()).get("publicKey").toString())
        .isEqualTo(req.optionsJson());
    assertThat(put.kind()).isEqualTo("fido-authentication");
    assertThat(JSON.readTree(req.optionsJson()).path("allowCredentials")).hasSize(1);
  }

  @Test
  void finishAuthentication_payloadTheStoreCannotHaveWritten_storeUnavailable() {
    CeremonyStore garbled =
        new Delegating(CeremonyStore.inMemory(10)) {
          @Override
          public boolean put(String id, Ceremony c) {
            return super.put(
                id,
                new Ceremony(c.kind(), c.principal(), c.expiresAt(), "{\"not\":\"a request\"}"));
          }
        };
    SecurityKeyVerifier a = server(garbled, keys);
    CeremonyRequest auth = a.startAuthentication(ALICE);
    CeremonyRequest reg = a.startRegistration(ALICE);

    assertThat(reason(a.finishAuthentication(auth.requestId(), "{}")))
        .isEqualTo(Reason.STORE_UNAVAILABLE);
    assertThat(
            ((RegistrationOutcome.Rejected) a.finishRegistration(reg.requestId(), "{}")).reason())
        .isEqualTo(Reason.STORE_UNAVAILABLE);
  }

  // ------------------------------------------------------------ failing stores

  @Test
  void finish_ceremonyStoreThrows_storeUnavailableNeverAccepted() {
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    Failing failing = new Failing(CeremonyStore.inMemory(100));
    SecurityKeyVerifier a = server(failing, keys);
    SecurityKeyCredential c = register(a, a, key);
    CeremonyRequest auth = a.startAuthentication(ALICE);
    String assertion = key.authenticate(auth.optionsJson(), ORIGIN);
    CeremonyRequest reg = a.startRegistration(BOB);
    String created = SoftwareAuthenticator.packed().register(reg.optionsJson(), ORIGIN);

    failing.down = true;

    assertThat(reason(a.finishAuthentication(auth.requestId(), assertion)))
        .isEqualTo(Reason.STORE_UNAVAILABLE);
    MfaAttempt attempt =
        MfaAttempt.builder(ALICE, Factor.SECURITY_KEY)
            .credential(c.id())
            .requestId(auth.requestId())
            .response(assertion)
            .build();
    assertThat(reason(a.verify(attempt))).isEqualTo(Reason.STORE_UNAVAILABLE);
    assertThat(reason(authenticator(a).authenticate(attempt))).isEqualTo(Reason.STORE_UNAVAILABLE);
    assertThat(
            ((RegistrationOutcome.Rejected) a.finishRegistration(reg.requestId(), created))
                .reason())
        .isEqualTo(Reason.STORE_UNAVAILABLE);
    assertThat(keys.findByPrincipal(BOB)).isEmpty();

    failing.down = false; // the ceremony was never taken, so it still finishes once
    assertThat(a.finishAuthentication(auth.requestId(), assertion).isAccepted()).isTrue();
  }

  @Test
  void start_ceremonyStoreThrows_storeExceptionPropagates() {
    Failing failing = new Failing(CeremonyStore.inMemory(100));
    failing.down = true;
    SecurityKeyVerifier a = server(failing, keys);

    assertThatThrownBy(() -> a.startRegistration(ALICE)).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> a.startAuthentication(ALICE)).isInstanceOf(StoreException.class);
  }

  @Test
  void start_storeRefusesEveryFreshId_storeException() {
    CeremonyStore refusing =
        new Delegating(CeremonyStore.inMemory(100)) {
          @Override
          public boolean put(String id, Ceremony c) {
            return false;
          }
        };
    SecurityKeyVerifier a = server(refusing, keys);

    assertThatThrownBy(() -> a.startAuthentication(ALICE))
        .isInstanceOf(StoreException.class)
        .extracting(e -> ((StoreException) e).operation())
        .isEqualTo("ceremonies.put");
  }

  @Test
  void start_idCollision_retriedWithAFreshId() {
    AtomicInteger refusals = new AtomicInteger(2);
    List<String> tried = new CopyOnWriteArrayList<>();
    CeremonyStore collides =
        new Delegating(CeremonyStore.inMemory(100)) {
          @Override
          public boolean put(String id, Ceremony c) {
            tried.add(id);
            return refusals.getAndDecrement() <= 0 && super.put(id, c);
          }
        };
    CeremonyRequest req = server(collides, keys).startAuthentication(ALICE);

    assertThat(tried).hasSize(3).doesNotHaveDuplicates().endsWith(req.requestId());
  }

  @Test
  void finishAuthentication_credentialStoreThrowsOnCounter_storeUnavailableNeverAccepted() {
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    FailingKeys failingKeys = new FailingKeys(keys);
    SecurityKeyVerifier a = server(ceremonies, failingKeys);
    SecurityKeyCredential c = register(a, a, key);
    long counter = keys.find(c.id()).orElseThrow().signatureCount();
    CeremonyRequest req = a.startAuthentication(ALICE);
    String assertion = key.authenticate(req.optionsJson(), ORIGIN);
    failingKeys.failCounter = true;

    MfaAttempt attempt =
        MfaAttempt.builder(ALICE, Factor.SECURITY_KEY)
            .requestId(req.requestId())
            .response(assertion)
            .build();
    assertThat(reason(a.verify(attempt))).isEqualTo(Reason.STORE_UNAVAILABLE);
    assertThat(keys.find(c.id()).orElseThrow().signatureCount()).isEqualTo(counter);
  }

  @Test
  void finish_credentialStoreCannotBeRead_storeUnavailable() {
    SoftwareAuthenticator key = SoftwareAuthenticator.packed();
    FailingKeys failingKeys = new FailingKeys(keys);
    SecurityKeyVerifier a = server(ceremonies, failingKeys);
    register(a, a, key);
    CeremonyRequest auth = a.startAuthentication(ALICE);
    CeremonyRequest reg = a.startRegistration(BOB);
    String created = SoftwareAuthenticator.packed().register(reg.optionsJson(), ORIGIN);
    failingKeys.failReads = true;

    assertThat(
            reason(
                a.finishAuthentication(
                    auth.requestId(), key.authenticate(auth.optionsJson(), ORIGIN))))
        .isEqualTo(Reason.STORE_UNAVAILABLE);
    assertThat(
            ((RegistrationOutcome.Rejected) a.finishRegistration(reg.requestId(), created))
                .reason())
        .isEqualTo(Reason.STORE_UNAVAILABLE);
  }

  @Test
  void finishRegistration_credentialStoreCannotAdd_storeUnavailable() {
    FailingKeys failingKeys = new FailingKeys(keys);
    SecurityKeyVerifier a = server(ceremonies, failingKeys);
    CeremonyRequest reg = a.startRegistration(ALICE);
    String created = SoftwareAuthenticator.packed().register(reg.optionsJson(), ORIGIN);
    failingKeys.failAdd = true;

    RegistrationOutcome out = a.finishRegistration(reg.requestId(), created);

    assertThat(((RegistrationOutcome.Rejected) out).reason()).isEqualTo(Reason.STORE_UNAVAILABLE);
    assertThat(keys.findByPrincipal(ALICE)).isEmpty();
  }

  private static MfaAuthenticator authenticator(SecurityKeyVerifier v) {
    return MfaAuthenticator.builder().verifier(v).policy(MfaPolicy.hardwareOnly()).build();
  }

  // ------------------------------------------------------------ test doubles

  /** Passes every call to another store. */
  private static class Delegating implements CeremonyStore {
    private final CeremonyStore to;

    Delegating(CeremonyStore to) {
      this.to = to;
    }

    @Override
    public boolean put(String id, Ceremony ceremony) {
      return to.put(id, ceremony);
    }

    @Override
    public Taken take(String id, String kind, Instant now) {
      return to.take(id, kind, now);
    }

    @Override
    public int purgeExpired(Instant now) {
      return to.purgeExpired(now);
    }
  }

  /** Records what the verifier puts, takes and purges. */
  private static final class Recording extends Delegating {
    final List<Ceremony> put = new CopyOnWriteArrayList<>();
    final List<Instant> purgedAt = new CopyOnWriteArrayList<>();
    final AtomicInteger purges = new AtomicInteger();
    final AtomicInteger takes = new AtomicInteger();

    Recording(CeremonyStore to) {
      super(to);
    }

    @Override
    public boolean put(String id, Ceremony ceremony) {
      put.add(ceremony);
      return super.put(id, ceremony);
    }

    @Override
    public Taken take(String id, String kind, Instant now) {
      takes.incrementAndGet();
      return super.take(id, kind, now);
    }

    @Override
    public int purgeExpired(Instant now) {
      purges.incrementAndGet();
      purgedAt.add(now);
      return super.purgeExpired(now);
    }
  }

  /** A store whose backend can be taken down. */
  private static final class Failing extends Delegating {
    volatile boolean down;

    Failing(CeremonyStore to) {
      super(to);
    }

    private <T> T unlessDown(String op, Supplier<T> call) {
      if (down) {
        throw new StoreException("ceremonies." + op, "connection refused (test)", null);
      }
      return call.get();
    }

    @Override
    public boolean put(String id, Ceremony c) {
      return unlessDown("put", () -> super.put(id, c));
    }

    @Override
    public Taken take(String id, String kind, Instant now) {
      return unlessDown("take", () -> super.take(id, kind, now));
    }

    @Override
    public int purgeExpired(Instant now) {
      return unlessDown("purge", () -> super.purgeExpired(now));
    }
  }

  /** A credential store whose reads, adds or counter updates can fail. */
  private static final class FailingKeys implements SecurityKeyStore {
    private final SecurityKeyStore to;
    volatile boolean failReads;
    volatile boolean failAdd;
    volatile boolean failCounter;

    FailingKeys(SecurityKeyStore to) {
      this.to = to;
    }

    private static SecurityKeyStoreException down(String op) {
      return new SecurityKeyStoreException("security_keys." + op, "disk gone (test)", null);
    }

    @Override
    public boolean add(SecurityKeyCredential credential) {
      if (failAdd) {
        throw down("add");
      }
      return to.add(credential);
    }

    @Override
    public Optional<SecurityKeyCredential> find(CredentialId id) {
      if (failReads) {
        throw down("find");
      }
      return to.find(id);
    }

    @Override
    public List<SecurityKeyCredential> findByPrincipal(Principal principal) {
      if (failReads) {
        throw down("findByPrincipal");
      }
      return to.findByPrincipal(principal);
    }

    @Override
    public String userHandle(Principal principal, Supplier<String> ifAbsent) {
      return to.userHandle(principal, ifAbsent);
    }

    @Override
    public Optional<Principal> findPrincipalByUserHandle(String userHandle) {
      if (failReads) {
        throw down("findPrincipalByUserHandle");
      }
      return to.findPrincipalByUserHandle(userHandle);
    }

    @Override
    public boolean updateSignatureCount(CredentialId id, long expected, long next) {
      if (failCounter) {
        throw down("updateSignatureCount");
      }
      return to.updateSignatureCount(id, expected, next);
    }

    @Override
    public boolean remove(CredentialId id) {
      return to.remove(id);
    }
  }
}
