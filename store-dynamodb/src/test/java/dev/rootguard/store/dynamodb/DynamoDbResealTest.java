package dev.rootguard.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.OathType;
import dev.rootguard.mfa.hardware.YubicoKey;
import dev.rootguard.seal.LocalKeySealer;
import dev.rootguard.seal.SealingException;
import dev.rootguard.seal.SecretSealer;
import dev.rootguard.testsupport.MutableClock;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * {@code DynamoDbStores.reseal()}: after a key rotation every sealed item moves to the new key,
 * still opens and still verifies; a second run rewrites nothing; a change made by another process
 * between the scan and the write wins; a value no key opens stops the run naming its key id.
 */
class DynamoDbResealTest {
  @RegisterExtension static final DynaliteTable DDB = new DynaliteTable();
  private static final SecureRandom RANDOM = new SecureRandom();

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /** A fresh table per test, so the counts are exact. */
  private static String freshTable() {
    String table = "rootguard-reseal-" + UUID.randomUUID();
    DynamoDbStores.createTable(DDB.client(), table);
    return table;
  }

  private static DynamoDbStores open(String table, SecretSealer sealer) {
    return DynamoDbStores.builder(DDB.client(), table, sealer).build();
  }

  /** Every {@code secret} attribute in the table, by {@code pk}, read directly (full scan). */
  private static Map<String, String> rawSecrets(String table) {
    Map<String, String> out = new TreeMap<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      ScanResponse r =
          DDB.client()
              .scan(
                  b -> {
                    b.tableName(table).consistentRead(true).limit(2);
                    if (from != null) {
                      b.exclusiveStartKey(from);
                    }
                  });
      for (Map<String, AttributeValue> item : r.items()) {
        if (item.containsKey("secret")) {
          out.put(item.get("pk").s(), item.get("secret").s());
        }
      }
      start =
          r.lastEvaluatedKey() == null || r.lastEvaluatedKey().isEmpty()
              ? null
              : r.lastEvaluatedKey();
    } while (start != null);
    return out;
  }

  /** Three sealed items: a TOTP credential, an OATH token and a Yubico key. */
  private record Fixture(CredentialId totpId, String serial, byte[] seed, String publicId) {}

  private static Fixture populate(DynamoDbStores stores) {
    CredentialId totpId = TotpRig.enroll(stores, Principal.of("alice"), "r" + UUID.randomUUID());
    String serial = "RS" + UUID.randomUUID().toString().substring(0, 8);
    byte[] seed = random(20);
    stores.tokens().add(HardwareToken.builder(serial, OathType.HOTP, seed).build());
    String publicId = "cbdefghijkln";
    stores
        .yubicoKeys()
        .addYubicoKey(
            YubicoKey.fromHex(
                publicId,
                HexFormat.of().formatHex(random(6)),
                HexFormat.of().formatHex(random(16))));
    return new Fixture(totpId, serial, seed, publicId);
  }

  @Test
  void reseal_afterRotation_everyItemUnderNewKeyStillOpensAndVerifies() {
    String table = freshTable();
    LocalKeySealer sealer = LocalKeySealer.ofKey("old-key", random(32));
    Fixture f = populate(open(table, sealer));
    assertThat(rawSecrets(table))
        .hasSize(3)
        .allSatisfy((pk, v) -> assertThat(v).startsWith("rgs1.old-key."));

    String newKey = sealer.rotate();
    DynamoDbStores after = open(table, sealer);
    assertThat(after.reseal()).isEqualTo(new DynamoDbStores.Resealed(3, 0));

    assertThat(rawSecrets(table))
        .hasSize(3)
        .allSatisfy((pk, v) -> assertThat(v).startsWith("rgs1." + newKey + "."));
    assertThat(after.tokens().token(f.serial()).orElseThrow().revealSecret()).isEqualTo(f.seed());
    assertThat(after.yubicoKeys().yubicoKey(f.publicId())).isPresent();
    MutableClock clock = new MutableClock(TotpRig.T0.plusSeconds(600));
    MfaAuthenticator mfa = TotpRig.authenticator(after, clock);
    assertThat(
            mfa.authenticate(TotpRig.attempt(Principal.of("alice"), f.totpId(), clock.instant()))
                .isAccepted())
        .as("a code from the independent oracle verifies against the resealed secret")
        .isTrue();

    Map<String, String> once = rawSecrets(table);
    assertThat(after.reseal()).isEqualTo(new DynamoDbStores.Resealed(0, 3));
    assertThat(rawSecrets(table)).as("a second run writes nothing").isEqualTo(once);
  }

  @Test
  void reseal_concurrentChangeBetweenReadAndWrite_isNotOverwritten() {
    String table = freshTable();
    LocalKeySealer sealer = LocalKeySealer.ofKey("old-key", random(32));
    Fixture f = populate(open(table, sealer));
    sealer.rotate();
    byte[] otherSeed = random(20);
    String[] theirs = new String[1];
    AtomicBoolean fired = new AtomicBoolean();
    // Another process rewrites the token's seed after reseal() read the item, before it writes.
    SecretSealer racing =
        new SecretSealer() {
          @Override
          public String seal(byte[] plaintext, String context) {
            String mine = sealer.seal(plaintext, context);
            if (context.equals("token:" + f.serial()) && fired.compareAndSet(false, true)) {
              theirs[0] = sealer.seal(otherSeed, context);
              DDB.client()
                  .updateItem(
                      b ->
                          b.tableName(table)
                              .key(
                                  Map.of(
                                      "pk", AttributeValue.fromS("TOKEN#" + f.serial()),
                                      "sk", AttributeValue.fromS("T")))
                              .updateExpression("SET secret = :s")
                              .expressionAttributeValues(
                                  Map.of(":s", AttributeValue.fromS(theirs[0]))));
            }
            return mine;
          }

          @Override
          public byte[] open(String envelope, String context) {
            return sealer.open(envelope, context);
          }

          @Override
          public String currentKeyId() {
            return sealer.currentKeyId();
          }
        };

    assertThat(open(table, racing).reseal()).isEqualTo(new DynamoDbStores.Resealed(2, 1));
    assertThat(fired).isTrue();
    assertThat(rawSecrets(table).get("TOKEN#" + f.serial()))
        .as("the concurrent change wins")
        .isEqualTo(theirs[0]);
    assertThat(open(table, sealer).tokens().token(f.serial()).orElseThrow().revealSecret())
        .isEqualTo(otherSeed);
  }

  @Test
  void reseal_removedBetweenReadAndWrite_isNotRecreated() {
    String table = freshTable();
    LocalKeySealer sealer = LocalKeySealer.ofKey("old-key", random(32));
    Fixture f = populate(open(table, sealer));
    sealer.rotate();
    SecretSealer racing =
        new SecretSealer() {
          @Override
          public String seal(byte[] plaintext, String context) {
            if (context.equals("yubico:" + f.publicId())) {
              DynamoDbResealTest.open(table, sealer).yubicoKeys().removeYubicoKey(f.publicId());
            }
            return sealer.seal(plaintext, context);
          }

          @Override
          public byte[] open(String envelope, String context) {
            return sealer.open(envelope, context);
          }

          @Override
          public String currentKeyId() {
            return sealer.currentKeyId();
          }
        };

    assertThat(open(table, racing).reseal()).isEqualTo(new DynamoDbStores.Resealed(2, 1));
    assertThat(rawSecrets(table)).doesNotContainKey("YUBICO#" + f.publicId()).hasSize(2);
    assertThat(open(table, sealer).yubicoKeys().yubicoKey(f.publicId())).isEmpty();
  }

  @Test
  void reseal_withoutTheOldKey_failsNamingItAndWritesNothing() {
    String table = freshTable();
    populate(open(table, LocalKeySealer.ofKey("old-key", random(32))));
    Map<String, String> before = rawSecrets(table);

    DynamoDbStores wrong = open(table, LocalKeySealer.ofKey("other-key", random(32)));
    assertThatThrownBy(wrong::reseal)
        .isInstanceOfSatisfying(
            SealingException.class, e -> assertThat(e.keyId()).isEqualTo("old-key"));
    assertThat(rawSecrets(table)).isEqualTo(before);
  }
}
