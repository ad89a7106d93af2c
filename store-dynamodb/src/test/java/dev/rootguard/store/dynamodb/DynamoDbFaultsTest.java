package dev.rootguard.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.testsupport.MutableClock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Failures of DynamoDB fail closed: the endpoint down, a server that stops answering (the client's
 * {@code apiCallTimeout}), a connection reset after the server applied a write — each a rejection
 * with {@code STORE_UNAVAILABLE} or a {@link StoreException}, never an acceptance, and a code is
 * never accepted twice.
 */
class DynamoDbFaultsTest {
  @RegisterExtension static final DynaliteTable DDB = new DynaliteTable();

  private final MutableClock clock = new MutableClock(TotpRig.T0.plusSeconds(300));

  private static String tag() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static DynamoDbClient client(URI endpoint, Duration timeout) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .credentialsProvider(
            software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
        .overrideConfiguration(
            ClientOverrideConfiguration.builder().apiCallTimeout(timeout).build())
        .build();
  }

  private DynamoDbStores stores(DynamoDbClient c) {
    return DynamoDbStores.builder(c, DDB.table(), DynaliteTable.sealer()).clock(clock).build();
  }

  @Test
  void authenticate_endpointDown_storeUnavailable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (DynamoDbClient dead =
        client(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(20))) {
      DynamoDbStores stores = stores(dead);
      MfaAuthenticator mfa = TotpRig.authenticator(stores, clock);
      Principal p = Principal.of("alice-" + tag());
      MfaAttempt a = TotpRig.attempt(p, CredentialId.of("totp-x"), clock.instant());

      assertThat(TotpRig.reason(mfa.authenticate(a))).isEqualTo(Reason.STORE_UNAVAILABLE);
      StoreException e =
          catchThrowableOfType(
              StoreException.class, () -> stores.replayGuard().tryAccept(CredentialId.of("c"), 1));
      assertThat(e.operation()).isEqualTo("replay.tryAccept");
      assertThat(e).hasMessageContaining("cannot reach DynamoDB");
      assertThat(catchThrowableOfType(StoreException.class, stores::check)).isNotNull();
    }
  }

  @Test
  void authenticate_serverStalls_timesOutUnavailableThenAcceptedOnce() throws Exception {
    try (FaultProxy proxy = new FaultProxy(DDB.endpoint());
        DynamoDbClient c = client(proxy.endpoint(), Duration.ofSeconds(1))) {
      DynamoDbStores stores = stores(c);
      MfaAuthenticator mfa = TotpRig.authenticator(stores, clock);
      Principal p = Principal.of("bob-" + tag());
      CredentialId id = TotpRig.enroll(DDB.open(), p, tag());
      MfaAttempt a = TotpRig.attempt(p, id, clock.instant());

      proxy.mode(FaultProxy.Mode.STALL);
      long t0 = System.nanoTime();
      assertThat(TotpRig.reason(mfa.authenticate(a))).isEqualTo(Reason.STORE_UNAVAILABLE);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));
      StoreException e =
          catchThrowableOfType(StoreException.class, () -> stores.totpStates().load(id));
      assertThat(e).hasMessageContaining("timed out");

      proxy.mode(FaultProxy.Mode.FORWARD);
      assertThat(mfa.authenticate(a).isAccepted()).isTrue();
      assertThat(TotpRig.reason(mfa.authenticate(a))).isEqualTo(Reason.REPLAYED);
    }
  }

  @Test
  void authenticate_resetAfterStateWriteApplied_neverAcceptedTwice() throws Exception {
    try (FaultProxy proxy = new FaultProxy(DDB.endpoint());
        DynamoDbClient c = client(proxy.endpoint(), Duration.ofSeconds(5))) {
      DynamoDbStores stores = stores(c);
      MfaAuthenticator mfa = TotpRig.authenticator(stores, clock);
      Principal p = Principal.of("carol-" + tag());
      CredentialId id = TotpRig.enroll(DDB.open(), p, tag());
      MfaAttempt a = TotpRig.attempt(p, id, clock.instant());

      // Every answer to the state's compare-and-set (the only request naming lastStep) is lost
      // after dynalite applied it; the SDK retries, whose condition then fails.
      proxy.resetAfter("lastStep");
      var first = mfa.authenticate(a);
      assertThat(proxy.resets.get()).isPositive();
      assertThat(first.isAccepted()).as("accepted although the answer was lost").isFalse();

      proxy.resetAfter(null);
      MfaAuthenticator direct = TotpRig.authenticator(DDB.open(), clock);
      assertThat(TotpRig.reason(direct.authenticate(a))).isEqualTo(Reason.REPLAYED);
      assertThat(TotpRig.reason(mfa.authenticate(a))).isEqualTo(Reason.REPLAYED);
    }
  }
}
