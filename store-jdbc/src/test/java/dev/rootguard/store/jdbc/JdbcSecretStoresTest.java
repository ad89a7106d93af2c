package dev.rootguard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.OathType;
import dev.rootguard.mfa.hardware.TokenState;
import dev.rootguard.mfa.hardware.TokenStore;
import dev.rootguard.mfa.hardware.YubicoKey;
import dev.rootguard.mfa.hardware.YubicoKeyStore;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.TotpCredential;
import dev.rootguard.mfa.totp.TotpCredentialStore;
import dev.rootguard.seal.SealingException;
import dev.rootguard.testsupport.Race;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stores that hold secrets: TOTP credentials, OATH tokens, Yubico keys. */
class JdbcSecretStoresTest {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  private static final SecureRandom RANDOM = new SecureRandom();
  private final JdbcStores stores =
      JdbcStores.builder(PG.dataSource(), Fixtures.sealer("key-one", 1)).build();

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  private static HardwareToken token(String serial, byte[] seed) {
    return HardwareToken.builder(serial, OathType.TOTP, seed)
        .manufacturer("Feitian")
        .algorithm(HmacAlgorithm.SHA256)
        .digits(8)
        .timeStep(Duration.ofSeconds(60))
        .timeDrift(2)
        .validUntil(Instant.parse("2030-01-01T00:00:00.5Z"))
        .build();
  }

  /** A modhex public id (cbdefghijklnrtuv), 12 characters. */
  private static String modhexId() {
    String alphabet = "cbdefghijklnrtuv";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      sb.append(alphabet.charAt(RANDOM.nextInt(16)));
    }
    return sb.toString();
  }

  // ---- TOTP credentials ----

  @Test
  void totpCredentials_addThenFind_roundTripsEveryField() {
    TotpCredentialStore creds = stores.totpCredentials();
    byte[] raw = random(32);
    CredentialId id = CredentialId.of(unique("phone-"));
    TotpCredential c =
        TotpCredential.builder(id, Principal.of("alice"), OtpSecret.fromBytes(raw))
            .parameters(OtpParameters.of(HmacAlgorithm.SHA256, 8, 60))
            .enrolledStep(29_000_000L)
            .enrolledDrift(-1)
            .build();

    assertThat(creds.add(c)).isTrue();
    TotpCredential back = creds.find(id).orElseThrow();

    assertThat(back.secret().sameSecretAs(c.secret())).isTrue();
    assertThat(back.parameters()).isEqualTo(c.parameters());
    assertThat(back.owner()).isEqualTo(Principal.of("alice"));
    assertThat(back.enrolledStep()).isEqualTo(29_000_000L);
    assertThat(back.enrolledDrift()).isEqualTo(-1);
  }

  @Test
  void totpCredentials_duplicateId_notAddedAndOriginalKept() {
    TotpCredentialStore creds = stores.totpCredentials();
    CredentialId id = CredentialId.of(unique("phone-"));
    OtpSecret first = OtpSecret.generate();
    creds.add(TotpCredential.builder(id, Principal.of("alice"), first).build());

    assertThat(
            creds.add(
                TotpCredential.builder(id, Principal.of("mallory"), OtpSecret.generate()).build()))
        .isFalse();
    TotpCredential kept = creds.find(id).orElseThrow();
    assertThat(kept.owner()).isEqualTo(Principal.of("alice"));
    assertThat(kept.secret().sameSecretAs(first)).isTrue();
  }

  @Test
  void totpCredentials_findByOwnerAndRemove_listsSortedAndForgets() {
    TotpCredentialStore creds = stores.totpCredentials();
    Principal bob = Principal.of(unique("bob-"));
    CredentialId b = CredentialId.of(unique("b-"));
    CredentialId a = CredentialId.of(unique("a-"));
    creds.add(TotpCredential.builder(b, bob, OtpSecret.generate()).build());
    creds.add(TotpCredential.builder(a, bob, OtpSecret.generate()).build());

    assertThat(creds.findByOwner(bob)).containsExactly(a, b);
    assertThat(creds.remove(a)).isTrue();
    assertThat(creds.remove(a)).isFalse();
    assertThat(creds.find(a)).isEmpty();
    assertThat(creds.findByOwner(bob)).containsExactly(b);
  }

  @Test
  void totpCredentials_sealedValueMovedToAnotherRow_failsToOpen() throws Exception {
    TotpCredentialStore creds = stores.totpCredentials();
    CredentialId victim = CredentialId.of(unique("victim-"));
    CredentialId attacker = CredentialId.of(unique("attacker-"));
    creds.add(TotpCredential.builder(victim, Principal.of("alice"), OtpSecret.generate()).build());
    creds.add(TotpCredential.builder(attacker, Principal.of("eve"), OtpSecret.generate()).build());
    try (Connection c = PG.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE rootguard_totp_credentials SET secret_sealed ="
                    + " (SELECT secret_sealed FROM rootguard_totp_credentials WHERE credential = ?)"
                    + " WHERE credential = ?")) {
      ps.setString(1, victim.value());
      ps.setString(2, attacker.value());
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }

    assertThatThrownBy(() -> creds.find(attacker))
        .isInstanceOf(SealingException.class)
        .satisfies(e -> assertThat(((SealingException) e).keyId()).isEqualTo("key-one"));
  }

  @Test
  void totpCredentials_wrongSealKey_errorNamesKeyIdAndRowUntouched() throws Exception {
    CredentialId id = CredentialId.of(unique("phone-"));
    stores
        .totpCredentials()
        .add(TotpCredential.builder(id, Principal.of("alice"), OtpSecret.generate()).build());
    String before = sealedOf(id);
    JdbcStores otherKeyFile =
        JdbcStores.builder(PG.dataSource(), Fixtures.sealer("key-two", 7)).build();
    JdbcStores sameIdOtherBytes =
        JdbcStores.builder(PG.dataSource(), Fixtures.sealer("key-one", 9)).build();

    assertThatThrownBy(() -> otherKeyFile.totpCredentials().find(id))
        .isInstanceOf(SealingException.class)
        .hasMessageContaining("key-one")
        .satisfies(e -> assertThat(((SealingException) e).keyId()).isEqualTo("key-one"));
    assertThatThrownBy(() -> sameIdOtherBytes.totpCredentials().find(id))
        .isInstanceOf(SealingException.class)
        .hasMessageContaining("key-one");
    assertThat(sealedOf(id)).isEqualTo(before);
  }

  private static String sealedOf(CredentialId id) throws Exception {
    try (Connection c = PG.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT secret_sealed FROM rootguard_totp_credentials WHERE credential = ?")) {
      ps.setString(1, id.value());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  // ---- OATH tokens ----

  @Test
  void tokens_addThenRead_roundTripsEveryFieldWithNewState() {
    TokenStore tokens = stores.tokens();
    byte[] seed = random(32);
    String serial = unique("FT");
    tokens.add(token(serial, seed));

    HardwareToken back = tokens.token(serial).orElseThrow();
    assertThat(back.sameSecretAs(token(serial, seed))).isTrue();
    assertThat(back.manufacturer()).hasValue("Feitian");
    assertThat(back.algorithm()).isEqualTo(HmacAlgorithm.SHA256);
    assertThat(back.digits()).isEqualTo(8);
    assertThat(back.timeStep()).isEqualTo(Duration.ofSeconds(60));
    assertThat(back.timeDrift()).isEqualTo(2);
    assertThat(back.validUntil()).hasValue(Instant.parse("2030-01-01T00:00:00.5Z"));
    assertThat(back.validFrom()).isEmpty();
    assertThat(back.issuer()).isEmpty();
    assertThat(tokens.state(serial))
        .hasValue(TokenState.of(Optional.empty(), false, 2, OptionalLong.empty(), 0));
    assertThat(tokens.serials()).contains(serial);
  }

  @Test
  void tokens_addDuplicate_throwsNamingSerial() {
    TokenStore tokens = stores.tokens();
    String serial = unique("FT");
    tokens.add(token(serial, random(20)));

    assertThatThrownBy(() -> tokens.add(token(serial, random(20))))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("serial"))
        .hasMessageContaining(serial);
  }

  @Test
  void addAll_oneSerialAlreadyRegistered_nothingWritten() {
    TokenStore tokens = stores.tokens();
    String existing = unique("FT");
    tokens.add(token(existing, random(20)));
    List<HardwareToken> batch = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      batch.add(token(unique("NEW"), random(20)));
    }
    batch.add(25, token(existing, random(20)));
    int before = tokens.serials().size();

    assertThatThrownBy(() -> tokens.addAll(batch))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("serial"))
        .hasMessageContaining(existing);
    assertThat(tokens.serials()).hasSize(before);
    assertThat(tokens.token(batch.get(0).serial())).isEmpty();
  }

  @Test
  void addAll_serialRepeatedInBatch_nothingWritten() {
    TokenStore tokens = stores.tokens();
    String twice = unique("FT");
    String other = unique("FT");
    List<HardwareToken> batch =
        List.of(token(other, random(20)), token(twice, random(20)), token(twice, random(20)));

    assertThatThrownBy(() -> tokens.addAll(batch))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(twice);
    assertThat(tokens.token(other)).isEmpty();
  }

  @Test
  void addAll_concurrentOverlappingImports_eachAllOrNothing() throws Exception {
    TokenStore tokens = stores.tokens();
    String shared = unique("SHARED");
    List<Boolean> ok =
        Race.collect(
            8,
            i -> {
              List<HardwareToken> batch = new ArrayList<>();
              for (int k = 0; k < 5; k++) {
                batch.add(token("IMP" + i + "-" + k + shared, random(20)));
              }
              batch.add(token(shared, random(20)));
              try {
                tokens.addAll(batch);
                return true;
              } catch (InvalidInputException e) {
                return false;
              }
            });

    assertThat(ok).filteredOn(b -> b).hasSize(1);
    int winner = ok.indexOf(true);
    for (int i = 0; i < 8; i++) {
      for (int k = 0; k < 5; k++) {
        assertThat(tokens.token("IMP" + i + "-" + k + shared).isPresent()).isEqualTo(i == winner);
      }
    }
  }

  @Test
  void addAll_tenThousandTokens_allStoredInOneTransaction() {
    TokenStore tokens = stores.tokens();
    String prefix = unique("BULK");
    List<HardwareToken> batch = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      batch.add(token(prefix + "-" + i, random(20)));
    }
    int before = tokens.serials().size();
    long started = System.nanoTime();
    tokens.addAll(batch);
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.println("addAll: 10,000 tokens (sealed) into PostgreSQL in " + millis + " ms");

    assertThat(tokens.serials()).hasSize(before + 10_000);
    assertThat(tokens.token(prefix + "-9999").orElseThrow().sameSecretAs(batch.get(9_999)))
        .isTrue();
  }

  @Test
  void tokens_compareAndSetSixteenThreads_exactlyOneWinnerAndVersionBumped() throws Exception {
    TokenStore tokens = stores.tokens();
    String serial = unique("FT");
    tokens.add(token(serial, random(20)));
    for (int r0 = 0; r0 < 50; r0++) {
      long round = r0;
      TokenState s = tokens.state(serial).orElseThrow();
      List<Boolean> r =
          Race.collect(16, i -> tokens.compareAndSet(serial, s, s.withAccepted(round * 16 + i, i)));

      assertThat(r).filteredOn(b -> b).hasSize(1);
      assertThat(tokens.state(serial).orElseThrow().version()).isEqualTo(s.version() + 1);
    }
  }

  @Test
  void tokens_concurrentUpdates_noLostUpdate() throws Exception {
    TokenStore tokens = stores.tokens();
    String serial = unique("FT");
    tokens.add(token(serial, random(20)));
    Race.collect(
        16,
        i -> {
          for (int k = 0; k < 10; k++) {
            tokens.update(
                serial, s -> s.withAccepted(s.lastSequence().orElse(-1) + 1, s.driftSteps()));
          }
          return null;
        });
    tokens.setDisabled(serial, true);
    tokens.assign(serial, Principal.of("alice"));

    TokenState s = tokens.state(serial).orElseThrow();
    assertThat(s.lastSequence()).hasValue(159);
    assertThat(s.disabled()).isTrue();
    assertThat(s.owner()).hasValue(Principal.of("alice"));
    assertThat(s.version()).isEqualTo(162);
  }

  @Test
  void tokens_removed_compareAndSetRefused() {
    TokenStore tokens = stores.tokens();
    String serial = unique("FT");
    tokens.add(token(serial, random(20)));
    TokenState s = tokens.state(serial).orElseThrow();

    assertThat(tokens.remove(serial)).isTrue();
    assertThat(tokens.compareAndSet(serial, s, s.withDisabled(true))).isFalse();
    assertThat(tokens.state(serial)).isEmpty();
    assertThat(tokens.remove(serial)).isFalse();
  }

  @Test
  void tokens_sealedSeedMovedToAnotherSerial_failsToOpen() throws Exception {
    TokenStore tokens = stores.tokens();
    String a = unique("FT");
    String b = unique("FT");
    tokens.add(token(a, random(20)));
    tokens.add(token(b, random(20)));
    try (Connection c = PG.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE rootguard_hw_tokens SET secret_sealed ="
                    + " (SELECT secret_sealed FROM rootguard_hw_tokens WHERE serial = ?)"
                    + " WHERE serial = ?")) {
      ps.setString(1, a);
      ps.setString(2, b);
      ps.executeUpdate();
    }

    assertThatThrownBy(() -> tokens.token(b)).isInstanceOf(SealingException.class);
  }

  // ---- Yubico keys ----

  @Test
  void yubicoKeys_addThenRead_roundTripsAndCasWorks() {
    YubicoKeyStore keys = stores.yubicoKeys();
    String publicId = modhexId();
    byte[] privateId = random(6);
    byte[] aes = random(16);
    keys.addYubicoKey(YubicoKey.of(publicId, privateId, aes));

    YubicoKey back = keys.yubicoKey(publicId).orElseThrow();
    assertThat(back.revealPrivateId()).isEqualTo(privateId);
    assertThat(back.revealAesKey()).isEqualTo(aes);
    assertThat(keys.yubicoPublicIds()).contains(publicId);
    TokenState s = keys.yubicoKeyState(publicId).orElseThrow();
    assertThat(s).isEqualTo(TokenState.NEW);
    assertThat(keys.compareAndSetYubicoKey(publicId, s, s.withAccepted(7, 0))).isTrue();
    assertThat(keys.compareAndSetYubicoKey(publicId, s, s.withAccepted(8, 0))).isFalse();
    assertThat(keys.yubicoKeyState(publicId).orElseThrow().lastSequence()).hasValue(7);
    assertThatThrownBy(() -> keys.addYubicoKey(YubicoKey.of(publicId, random(6), random(16))))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("publicId"));
    assertThat(keys.removeYubicoKey(publicId)).isTrue();
    assertThat(keys.yubicoKey(publicId)).isEmpty();
  }

  // ---- nothing secret at rest ----

  @Test
  void rawRows_everyTable_holdNoSecretInHexBase64OrBase32() throws Exception {
    List<byte[]> secrets = new ArrayList<>();
    byte[] totp = random(20);
    secrets.add(totp);
    stores
        .totpCredentials()
        .add(
            TotpCredential.builder(
                    CredentialId.of(unique("scan-")),
                    Principal.of("alice"),
                    OtpSecret.fromBytes(totp))
                .build());
    byte[] seed = random(20);
    secrets.add(seed);
    stores.tokens().add(token(unique("SCAN"), seed));
    List<HardwareToken> batch = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      byte[] s = random(32);
      secrets.add(s);
      batch.add(token(unique("SCANB"), s));
    }
    stores.tokens().addAll(batch);
    byte[] privateId = random(6);
    byte[] aes = random(16);
    secrets.add(privateId);
    secrets.add(aes);
    stores.yubicoKeys().addYubicoKey(YubicoKey.of(modhexId(), privateId, aes));

    StringBuilder dump = new StringBuilder();
    try (Connection c = PG.connect();
        Statement st = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery("SELECT tablename FROM pg_tables WHERE tablename LIKE 'rootguard_%'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertThat(tables)
          .contains("rootguard_totp_credentials", "rootguard_hw_tokens", "rootguard_yubico_keys");
      for (String t : tables) {
        try (ResultSet rs = st.executeQuery("SELECT row_to_json(x)::text FROM " + t + " x")) {
          while (rs.next()) {
            dump.append(rs.getString(1)).append('\n');
          }
        }
      }
    }
    String all = dump.toString();
    String lower = all.toLowerCase(Locale.ROOT);
    String upper = all.toUpperCase(Locale.ROOT);
    assertThat(all).contains("rgs1.key-one.");
    for (byte[] s : secrets) {
      String hex = HexFormat.of().formatHex(s);
      assertThat(lower).doesNotContain(hex);
      String b64 = Base64.getEncoder().withoutPadding().encodeToString(s);
      String b64url = Base64.getUrlEncoder().withoutPadding().encodeToString(s);
      assertThat(all).doesNotContain(b64).doesNotContain(b64url);
      assertThat(upper).doesNotContain(base32(s));
    }
  }

  /** RFC 4648 Base32 without padding, written here (independent of mfa-totp's encoder). */
  private static String base32(byte[] data) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder sb = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        sb.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(alphabet.charAt((buffer << (5 - bits)) & 31));
    }
    return sb.toString();
  }
}
