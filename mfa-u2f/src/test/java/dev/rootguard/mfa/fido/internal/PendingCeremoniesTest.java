package dev.rootguard.mfa.fido.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.PublicKeyCredentialParameters;
import com.yubico.webauthn.data.PublicKeyCredentialRequestOptions;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import com.yubico.webauthn.data.UserIdentity;
import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two typed holders of started ceremonies over one {@link Ceremonies}. */
class PendingCeremoniesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Principal ALICE = Principal.of("alice");

  private final MutableClock clock = new MutableClock(T0);
  private final CeremonyStore store = CeremonyStore.inMemory(100);
  private final Ceremonies ceremonies = new Ceremonies(store, clock, Duration.ofMinutes(5));
  private final PendingRegistrations registrations = new PendingRegistrations(ceremonies);
  private final PendingAuthentications authentications = new PendingAuthentications(ceremonies);

  private static PublicKeyCredentialCreationOptions creation() {
    return PublicKeyCredentialCreationOptions.builder()
        .rp(RelyingPartyIdentity.builder().id("example.com").name("Example").build())
        .user(
            UserIdentity.builder()
                .name("alice")
                .displayName("Alice")
                .id(new ByteArray(new byte[] {1, 2, 3}))
                .build())
        .challenge(new ByteArray(new byte[] {9, 8, 7, 6}))
        .pubKeyCredParams(List.of(PublicKeyCredentialParameters.ES256))
        .build();
  }

  private static AssertionRequest assertion() {
    return AssertionRequest.builder()
        .publicKeyCredentialRequestOptions(
            PublicKeyCredentialRequestOptions.builder()
                .challenge(new ByteArray(new byte[] {5, 5, 5}))
                .build())
        .username("alice")
        .build();
  }

  @Test
  void registration_takenOnce_asTheTypedRequestItWas() {
    PublicKeyCredentialCreationOptions options = creation();
    String id = registrations.put(ALICE, options).id();
    PendingCeremonies.Taken<PublicKeyCredentialCreationOptions> t = registrations.take(id);
    assertThat(t).isEqualTo(new PendingCeremonies.Taken.Found<>(ALICE, options));
    assertThat(registrations.take(id))
        .isEqualTo(new PendingCeremonies.Taken.Refused<>(null, Reason.REPLAYED));
  }

  @Test
  void authentication_takenOnce_asTheTypedRequestItWas() {
    AssertionRequest request = assertion();
    String id = authentications.put(ALICE, request).id();
    assertThat(authentications.take(id))
        .isEqualTo(new PendingCeremonies.Taken.Found<>(ALICE, request));
    assertThat(authentications.take(id))
        .isEqualTo(new PendingCeremonies.Taken.Refused<>(null, Reason.REPLAYED));
  }

  @Test
  void idOfTheOtherKind_isUnknownToIt() {
    String reg = registrations.put(ALICE, creation()).id();
    String auth = authentications.put(ALICE, assertion()).id();
    assertThat(authentications.take(reg))
        .isEqualTo(new PendingCeremonies.Taken.Refused<>(null, Reason.REQUEST_EXPIRED));
    assertThat(registrations.take(auth))
        .isEqualTo(new PendingCeremonies.Taken.Refused<>(null, Reason.REQUEST_EXPIRED));
  }

  @Test
  void expired_requestExpired() {
    String id = registrations.put(ALICE, creation()).id();
    clock.advance(Duration.ofMinutes(5));
    assertThat(registrations.take(id))
        .isEqualTo(new PendingCeremonies.Taken.Refused<>(null, Reason.REQUEST_EXPIRED));
  }

  @Test
  void payloadThisVersionCannotRead_storeUnavailableNamingWhoStartedIt() {
    String id = "AAAAAAAAAAAAAAAAAAAAAAAA";
    assertThat(
            store.put(
                id,
                new CeremonyStore.Ceremony(
                    Ceremonies.AUTHENTICATION, ALICE, T0.plusSeconds(60), "{\"not\":\"yubico\"}")))
        .isTrue();
    assertThat(authentications.take(id))
        .isEqualTo(new PendingCeremonies.Taken.Refused<>(ALICE, Reason.STORE_UNAVAILABLE));
  }

  @Test
  void failingStore_storeUnavailable() {
    CeremonyStore failing =
        new CeremonyStore() {
          @Override
          public boolean put(String id, Ceremony ceremony) {
            return true;
          }

          @Override
          public Taken take(String id, String kind, Instant now) {
            throw new StoreException("ceremonies.take", "down", null);
          }

          @Override
          public int purgeExpired(Instant now) {
            return 0;
          }
        };
    PendingRegistrations pending =
        new PendingRegistrations(new Ceremonies(failing, clock, Duration.ofMinutes(5)));
    String id = pending.put(ALICE, creation()).id();
    assertThat(pending.take(id))
        .isEqualTo(new PendingCeremonies.Taken.Refused<>(null, Reason.STORE_UNAVAILABLE));
  }
}
