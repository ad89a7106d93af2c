package dev.rootguard.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.YubicoKey;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.mfa.totp.TotpCredential;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoreFixturesTest {

  @Test
  void uniqueId_manyCalls_allDifferentWithPrefix() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      ids.add(StoreFixtures.uniqueId("alice"));
    }

    assertThat(ids).hasSize(1_000).allMatch(id -> id.matches("alice-[a-z2-7]{16}"));
  }

  @Test
  void ceremonyId_always_hasTheShapeCeremonyStoreRequires() {
    String id = StoreFixtures.ceremonyId();

    assertThat(CeremonyStore.requireValidId(id)).isEqualTo(id);
  }

  @Test
  void yubicoPublicId_always_acceptedAsModhex() {
    String id = StoreFixtures.yubicoPublicId();

    assertThat(YubicoKey.of(id, new byte[6], new byte[16]).publicId()).isEqualTo(id);
  }

  @Test
  void totpToken_optionalFields_setAwayFromDefaults() {
    HardwareToken t = StoreFixtures.totpToken(StoreFixtures.tokenSerial());

    assertThat(t.keyId()).isNotEqualTo(t.serial());
    assertThat(t.manufacturer()).isPresent();
    assertThat(t.issuer()).isPresent();
    assertThat(t.digits()).isEqualTo(8);
    assertThat(t.timeDrift()).isNotZero();
    assertThat(t.validFrom()).isPresent();
    assertThat(t.validUntil()).isPresent();
    assertThat(t.isExpiredAt(StoreFixtures.NOW)).isFalse();
  }

  @Test
  void totpCredential_settings_notTheDefaults() {
    TotpCredential c =
        StoreFixtures.totpCredential(StoreFixtures.credentialId(), StoreFixtures.principal());

    assertThat(c.parameters()).isNotEqualTo(OtpParameters.RFC6238_DEFAULT);
    assertThat(c.enrolledStep()).isNotEqualTo(Long.MIN_VALUE);
    assertThat(c.enrolledDrift()).isNotZero();
  }
}
