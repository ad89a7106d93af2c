package dev.rootguard.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.LockoutPolicy;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.TokenState;
import dev.rootguard.mfa.hardware.YubicoKey;
import dev.rootguard.mfa.totp.OtpState;
import dev.rootguard.testkit.store.StoreFixtures;
import dev.rootguard.testsupport.MutableClock;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Every DynamoDB action the code calls is in {@code minimal-iam-policy.json}, and nothing more: the
 * SDK names each call it makes (an {@link ExecutionInterceptor}) while {@code createTable} runs,
 * then while every operation of every store runs (refusals, lost compare-and-sets and an aborted
 * batch included); the init statement must equal the first set, the runtime statement the second.
 * Both statements are on the table's ARN only.
 */
class MinimalIamPolicyTest {
  /** Records the operation name of every call, as "dynamodb:Operation". */
  static final class Recorder implements ExecutionInterceptor {
    final ConcurrentLinkedQueue<String> calls = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> inconsistentReads = new ConcurrentLinkedQueue<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      calls.add("dynamodb:" + op);
      Object req = context.request();
      boolean consistent = true;
      if (req instanceof GetItemRequest r) {
        consistent = Boolean.TRUE.equals(r.consistentRead());
      } else if (req instanceof QueryRequest r) {
        consistent = Boolean.TRUE.equals(r.consistentRead());
      } else if (req instanceof ScanRequest r) {
        consistent = Boolean.TRUE.equals(r.consistentRead());
      } else if (req instanceof BatchGetItemRequest r) {
        consistent =
            r.requestItems().values().stream()
                .allMatch(k -> Boolean.TRUE.equals(k.consistentRead()));
      }
      if (!consistent) {
        inconsistentReads.add(op);
      }
    }

    Set<String> drain() {
      Set<String> out = new TreeSet<>(calls);
      calls.clear();
      return out;
    }
  }

  static Map<String, Set<String>> statements() throws Exception {
    try (InputStream in = DynamoDbStores.class.getResourceAsStream("minimal-iam-policy.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      Map<String, Set<String>> out = new java.util.TreeMap<>();
      for (JsonNode st : root.get("Statement")) {
        assertThat(st.get("Effect").asText()).isEqualTo("Allow");
        assertThat(st.get("Resource").asText()).isEqualTo("arn:aws:dynamodb:*:*:table/rootguard");
        Set<String> actions = new TreeSet<>();
        st.get("Action").forEach(a -> actions.add(a.asText()));
        out.put(st.get("Sid").asText(), actions);
      }
      return out;
    }
  }

  @Test
  void policy_coversExactlyTheCallsOfInitAndOfEveryStoreOperation() throws Exception {
    Map<String, Set<String>> policy = statements();
    assertThat(policy).containsOnlyKeys("RootGuardStoresRuntime", "RootGuardStoreInit");
    Recorder rec = new Recorder();
    try (DynamoDbClient client =
        DynaliteTable.client(dev.rootguard.testsupport.DynaliteServer.shared().endpoint(), rec)) {
      String table = "rootguard-iam-" + UUID.randomUUID();
      DynamoDbStores.createTable(client, table);
      assertThat(rec.drain()).as("store init calls").isEqualTo(policy.get("RootGuardStoreInit"));

      MutableClock clock = new MutableClock(StoreFixtures.NOW);
      DynamoDbStores stores =
          DynamoDbStores.builder(client, table, DynaliteTable.sealer())
              .clock(clock)
              .lockoutPolicy(new LockoutPolicy(2, Duration.ofMinutes(1), Duration.ofMinutes(4)))
              .build();
      exerciseEverything(stores, clock);
      // reseal after a rotation: the scan and the conditional rewrites (the batch's tokens remain)
      dev.rootguard.seal.LocalKeySealer rotated =
          (dev.rootguard.seal.LocalKeySealer) DynaliteTable.sealer();
      rotated.rotate();
      assertThat(DynamoDbStores.builder(client, table, rotated).build().reseal().resealed())
          .isPositive();
      assertThat(rec.drain()).as("runtime calls").isEqualTo(policy.get("RootGuardStoresRuntime"));
      assertThat(rec.inconsistentReads).as("reads without ConsistentRead").isEmpty();
    }
  }

  static void exerciseEverything(DynamoDbStores stores, MutableClock clock) {
    stores.check();
    Principal alice = StoreFixtures.principal();
    Principal bob = StoreFixtures.principal();
    // limiter: reserve, fail into a lockout, refused, success, release
    var limiter = stores.attemptLimiter();
    for (int i = 0; i < 2; i++) {
      assertThat(limiter.tryAcquire(alice)).isEmpty();
      limiter.recordFailure(alice);
    }
    assertThat(limiter.tryAcquire(alice)).isPresent();
    clock.advance(Duration.ofMinutes(2));
    assertThat(limiter.tryAcquire(alice)).isEmpty();
    limiter.recordSuccess(alice);
    assertThat(limiter.tryAcquire(alice)).isEmpty();
    limiter.release(alice);
    // replay guard
    CredentialId c = StoreFixtures.credentialId();
    assertThat(stores.replayGuard().tryAccept(c, 10)).isTrue();
    assertThat(stores.replayGuard().tryAccept(c, 10)).isFalse();
    assertThat(stores.replayGuard().lastAccepted(c)).hasValue(10);
    // TOTP credential and state
    var creds = stores.totpCredentials();
    assertThat(creds.add(StoreFixtures.totpCredential(c, alice))).isTrue();
    assertThat(creds.add(StoreFixtures.totpCredential(c, bob))).isFalse();
    assertThat(creds.find(c)).isPresent();
    assertThat(creds.findByOwner(alice)).containsExactly(c);
    var states = stores.totpStates();
    OtpState s = states.load(c);
    assertThat(states.compareAndSet(c, s, new OtpState(5, 0))).isTrue();
    assertThat(states.compareAndSet(c, s, new OtpState(6, 0))).isFalse();
    assertThat(states.load(c)).isEqualTo(new OtpState(5, 0));
    assertThat(creds.remove(c)).isTrue();
    // ceremonies
    var ceremonies = stores.ceremonies();
    String id = StoreFixtures.ceremonyId();
    var ceremony =
        new CeremonyStore.Ceremony("authentication", alice, clock.instant().plusSeconds(60), "{}");
    assertThat(ceremonies.put(id, ceremony)).isTrue();
    assertThat(ceremonies.put(id, ceremony)).isFalse();
    assertThat(ceremonies.take(id, "authentication", clock.instant()).status())
        .isEqualTo(CeremonyStore.Status.TAKEN);
    assertThat(ceremonies.take(id, "authentication", clock.instant()).status())
        .isEqualTo(CeremonyStore.Status.USED);
    assertThat(ceremonies.purgeExpired(clock.instant().plusSeconds(120))).isEqualTo(1);
    // tokens: single add, batch commit, batch abort, state CAS, listing, removal
    var tokens = stores.tokens();
    String serial = StoreFixtures.tokenSerial();
    tokens.add(StoreFixtures.totpToken(serial));
    List<HardwareToken> batch =
        List.of(
            StoreFixtures.totpToken(StoreFixtures.tokenSerial()),
            StoreFixtures.hotpToken(StoreFixtures.tokenSerial()));
    tokens.addAll(batch, alice);
    assertThat(
            org.assertj.core.api.Assertions.catchThrowableOfType(
                InvalidInputException.class,
                () ->
                    tokens.addAll(
                        List.of(
                            StoreFixtures.totpToken(StoreFixtures.tokenSerial()),
                            StoreFixtures.totpToken(serial)))))
        .isNotNull();
    assertThat(tokens.token(serial)).isPresent();
    TokenState st = tokens.state(serial).orElseThrow();
    assertThat(tokens.compareAndSet(serial, st, st.withOwner(bob))).isTrue();
    assertThat(tokens.serials()).contains(serial);
    assertThat(tokens.expiredAt(clock.instant())).isEmpty();
    assertThat(tokens.remove(serial)).isTrue();
    // Yubico keys
    var yubico = stores.yubicoKeys();
    YubicoKey key = StoreFixtures.yubicoKey();
    yubico.addYubicoKey(key, alice);
    assertThat(yubico.yubicoKey(key.publicId())).isPresent();
    TokenState ys = yubico.yubicoKeyState(key.publicId()).orElseThrow();
    assertThat(yubico.compareAndSetYubicoKey(key.publicId(), ys, ys.withDisabled(true))).isTrue();
    assertThat(yubico.yubicoPublicIds()).contains(key.publicId());
    assertThat(yubico.removeYubicoKey(key.publicId())).isTrue();
    // security keys and user handles
    var keys = stores.securityKeys();
    CredentialId k = StoreFixtures.credentialId();
    assertThat(keys.add(StoreFixtures.securityKey(k, alice, 1))).isTrue();
    assertThat(keys.find(k)).isPresent();
    assertThat(keys.findByPrincipal(alice)).hasSize(1);
    String handle = keys.userHandle(alice, StoreFixtures::ceremonyId);
    assertThat(keys.findPrincipalByUserHandle(handle)).hasValue(alice);
    assertThat(keys.updateSignatureCount(k, 1, 2)).isTrue();
    assertThat(keys.remove(k)).isTrue();
  }
}
