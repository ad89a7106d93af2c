package dev.rootguard.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.CeremonyStore.Status;
import dev.rootguard.mfa.LockoutPolicy;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.testkit.store.StoreFixtures;
import dev.rootguard.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The path DynamoDB takes and dynalite does not: a failed condition that carries the stored item
 * ({@link ReturnedItemServer} emulates it). The code then decides from that item without a read.
 */
class DynamoDbReturnedItemTest {
  @RegisterExtension static final DynaliteTable DDB = new DynaliteTable();

  static final ReturnedItemServer SERVER = new ReturnedItemServer();
  static DynamoDbClient client;

  @BeforeAll
  static void open() {
    client = DynaliteTable.client(DDB.endpoint(), SERVER);
    SERVER.reader(DDB.client(), DDB.table());
  }

  @AfterAll
  static void close() {
    client.close();
  }

  private DynamoDbStores stores(MutableClock clock, LockoutPolicy policy) {
    return DynamoDbStores.builder(client, DDB.table(), DynaliteTable.sealer())
        .clock(clock)
        .lockoutPolicy(policy)
        .build();
  }

  @Test
  void ceremonyTake_refusedReasonsFromTheReturnedItem_noRead() {
    CeremonyStore store =
        stores(new MutableClock(StoreFixtures.NOW), LockoutPolicy.DEFAULT).ceremonies();
    String id = StoreFixtures.ceremonyId();
    Instant expires = StoreFixtures.NOW.plusSeconds(60);
    store.put(id, new CeremonyStore.Ceremony("registration", Principal.of("a"), expires, "p"));
    int attached = SERVER.attached.get();
    int reads = SERVER.getItems.get();

    assertThat(store.take(id, "authentication", StoreFixtures.NOW).status())
        .isEqualTo(Status.UNKNOWN);
    assertThat(store.take(id, "registration", expires).status()).isEqualTo(Status.EXPIRED);
    assertThat(store.take(id, "registration", StoreFixtures.NOW).status()).isEqualTo(Status.TAKEN);
    assertThat(store.take(id, "registration", StoreFixtures.NOW).status()).isEqualTo(Status.USED);
    assertThat(store.take(id, "registration", expires).status()).isEqualTo(Status.UNKNOWN);

    assertThat(SERVER.attached.get() - attached).isEqualTo(4);
    assertThat(SERVER.getItems.get() - reads).as("GetItem calls").isZero();
  }

  @Test
  void limiter_otherProcessMovedTheItem_retriesFromTheReturnedItem_noRead() {
    MutableClock clock = new MutableClock(StoreFixtures.NOW);
    LockoutPolicy policy = new LockoutPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(1));
    DynamoDbStores a = stores(clock, policy);
    DynamoDbStores b = stores(clock, policy);
    Principal p = StoreFixtures.principal();
    assertThat(a.attemptLimiter().tryAcquire(p)).isEmpty();
    a.attemptLimiter().recordFailure(p); // a's guess: failures 1
    assertThat(b.attemptLimiter().tryAcquire(p)).isEmpty();
    b.attemptLimiter().recordFailure(p); // now failures 2; a's guess is stale
    int reads = SERVER.getItems.get();
    int attached = SERVER.attached.get();

    assertThat(a.attemptLimiter().tryAcquire(p)).isEmpty();
    a.attemptLimiter().recordFailure(p); // the third failure: locked

    assertThat(SERVER.attached.get() - attached)
        .as("stale guess corrected by the failure")
        .isEqualTo(1);
    assertThat(SERVER.getItems.get() - reads).as("GetItem calls").isZero();
    assertThat(b.attemptLimiter().tryAcquire(p)).contains(StoreFixtures.NOW.plusSeconds(60));
  }

  @Test
  void addAll_duplicate_decidedFromTheReturnedItem() {
    DynamoDbStores s = stores(new MutableClock(StoreFixtures.NOW), LockoutPolicy.DEFAULT);
    HardwareToken t = StoreFixtures.totpToken(StoreFixtures.tokenSerial());
    s.tokens().add(t);
    int reads = SERVER.getItems.get();
    HardwareToken fresh = StoreFixtures.totpToken(StoreFixtures.tokenSerial());
    List<HardwareToken> batch = List.of(fresh, t);
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> s.tokens().addAll(batch)))
        .hasMessageContaining(t.serial());
    assertThat(SERVER.getItems.get() - reads).as("GetItem calls").isZero();
    assertThat(s.tokens().token(fresh.serial())).isEmpty();
  }
}
