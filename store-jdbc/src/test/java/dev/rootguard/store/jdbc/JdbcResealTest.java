package dev.rootguard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.OathType;
import dev.rootguard.mfa.hardware.YubicoKey;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.TotpCredential;
import dev.rootguard.seal.Envelope;
import dev.rootguard.seal.LocalKeySealer;
import dev.rootguard.seal.SealingException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code JdbcStores.reseal()}: after a key rotation every sealed row moves to the new key. */
class JdbcResealTest {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();
  private static final SecureRandom RANDOM = new SecureRandom();

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static List<String> sealedValues() throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = PG.dataSource().getConnection();
        Statement st = c.createStatement()) {
      for (String q :
          List.of(
              "SELECT secret_sealed FROM rootguard_totp_credentials",
              "SELECT secret_sealed FROM rootguard_hw_tokens",
              "SELECT secrets_sealed FROM rootguard_yubico_keys")) {
        try (ResultSet rs = st.executeQuery(q)) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
      }
    }
    return out;
  }

  @Test
  void reseal_afterRotation_everyRowUnderNewKeyAndStillOpens() throws Exception {
    byte[] raw = random(32);
    LocalKeySealer sealer = LocalKeySealer.ofKey("old-key", raw);
    JdbcStores before = JdbcStores.builder(PG.dataSource(), sealer).build();
    String serial = "RS" + UUID.randomUUID().toString().substring(0, 8);
    byte[] seed = random(20);
    before.tokens().add(HardwareToken.builder(serial, OathType.HOTP, seed).build());
    String publicId = "cbdefghijkln";
    before
        .yubicoKeys()
        .addYubicoKey(
            YubicoKey.fromHex(
                publicId,
                HexFormat.of().formatHex(random(6)),
                HexFormat.of().formatHex(random(16))));
    CredentialId totpId = CredentialId.of("phone-" + UUID.randomUUID());
    OtpSecret secret = OtpSecret.generate();
    before
        .totpCredentials()
        .add(TotpCredential.builder(totpId, Principal.of("alice"), secret).build());

    String newKey = sealer.rotate();
    JdbcStores after = JdbcStores.builder(PG.dataSource(), sealer).build();
    JdbcStores.Resealed r = after.reseal();

    assertThat(r.resealed()).isEqualTo(3);
    assertThat(sealedValues())
        .allSatisfy(v -> assertThat(Envelope.parse(v).keyId()).isEqualTo(newKey));
    assertThat(after.tokens().token(serial).orElseThrow().revealSecret()).isEqualTo(seed);
    assertThat(after.totpCredentials().find(totpId).orElseThrow().secret().sameSecretAs(secret))
        .isTrue();
    assertThat(after.yubicoKeys().yubicoKey(publicId)).isPresent();
    assertThat(after.reseal()).isEqualTo(new JdbcStores.Resealed(0, 3));

    // The new key alone (old key dropped) opens everything now.
    JdbcStores newOnly =
        JdbcStores.builder(PG.dataSource(), LocalKeySealer.ofKey("x", random(32))).build();
    assertThatThrownBy(() -> newOnly.tokens().token(serial))
        .isInstanceOfSatisfying(
            SealingException.class, e -> assertThat(e.keyId()).isEqualTo(newKey));
  }
}
