package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The store contracts against {@link InMemoryTokenStore}. */
class InMemoryStoreContractTest extends StoreContract {
  @Override
  Both store() {
    return new Forwarding(new InMemoryTokenStore());
  }

  @Test
  void toString_countsBothKinds_noSecrets() {
    InMemoryTokenStore s = new InMemoryTokenStore();
    s.add(hotp("T1"));
    s.add(hotp("T2"));
    s.addYubicoKey(key(PUBLIC_ID));
    String text = s.toString();
    assertThat(text).contains("tokens=2").contains("yubicoKeys=1");
    SecretForms.assertHidesAll(
        text, SEED, HexFormat.of().parseHex(AES), HexFormat.of().parseHex(PRIVATE_ID));
  }
}
