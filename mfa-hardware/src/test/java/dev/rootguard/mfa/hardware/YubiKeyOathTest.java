package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.yubico.yubikit.core.Transport;
import com.yubico.yubikit.core.smartcard.SmartCardConnection;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.Totp;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The YKOATH client against the virtual card directly (no PC/SC), so it runs everywhere. */
class YubiKeyOathTest {
  VirtualOathCard card;
  YubiKeyOath oath;

  static class Direct implements SmartCardConnection {
    final VirtualOathCard card;

    Direct(VirtualOathCard card) {
      this.card = card;
    }

    @Override
    public byte[] sendAndReceive(byte[] apdu) {
      return card.transmit(apdu);
    }

    @Override
    public Transport getTransport() {
      return Transport.USB;
    }

    @Override
    public boolean isExtendedLengthApduSupported() {
      return false;
    }

    @Override
    public byte[] getAtr() {
      return VirtualOathCard.ATR;
    }

    @Override
    public void close() {}
  }

  @BeforeEach
  void setUp() {
    card = new VirtualOathCard(0); // never started: no socket
    oath = YubiKeyOath.open(new Direct(card));
  }

  @Test
  void provisionAndCalculate_matchesOurTotp() {
    HardwareToken t = oath.provisionTotp("YK-1", "30/Example:alice", HmacAlgorithm.SHA256, 8);
    assertThat(t.serial()).isEqualTo("YK-1");
    assertThat(t.keyId()).isEqualTo("30/Example:alice");
    assertThat(t.manufacturer()).contains("Yubico");
    Instant at = Instant.parse("2031-05-06T07:08:09Z");
    assertThat(oath.calculateTotp("30/Example:alice", at))
        .isEqualTo(
            Totp.code(
                OtpSecret.fromBytes(t.revealSecret()),
                OtpParameters.of(HmacAlgorithm.SHA256, 8, 30),
                at));
  }

  @Test
  void longSecret_isHashedLikeHmacDoes() {
    byte[] seed = new byte[100];
    for (int i = 0; i < seed.length; i++) {
      seed[i] = (byte) i;
    }
    OtpSecret s = OtpSecret.fromBytes(seed);
    oath.putCredential("long", OathType.TOTP, HmacAlgorithm.SHA1, 6, s, 0);
    Instant at = Instant.ofEpochSecond(1_700_000_000L);
    assertThat(oath.calculateTotp("long", at))
        .isEqualTo(Totp.code(s, OtpParameters.of(HmacAlgorithm.SHA1, 6, 30), at));
  }

  @Test
  void badNames_refusedBeforeTheCard() {
    OtpSecret s = OtpSecret.generate();
    assertThatThrownBy(() -> oath.putCredential("", OathType.TOTP, HmacAlgorithm.SHA1, 6, s, 0))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("name");
    assertThatThrownBy(
            () -> oath.putCredential("x".repeat(65), OathType.TOTP, HmacAlgorithm.SHA1, 6, s, 0))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> oath.putCredential("ok", OathType.TOTP, HmacAlgorithm.SHA1, 9, s, 0))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("digits");
  }

  @Test
  void missingApplet_isNamed() {
    SmartCardConnection noApplet =
        new Direct(card) {
          @Override
          public byte[] sendAndReceive(byte[] apdu) {
            return new byte[] {0x6a, (byte) 0x82};
          }
        };
    assertThatThrownBy(() -> YubiKeyOath.open(noApplet))
        .isInstanceOf(YubiKeyException.class)
        .hasMessageContaining("no OATH applet");
  }

  @Test
  void deleteMissing_namesTheStatus() {
    assertThatThrownBy(() -> oath.deleteCredential("nope"))
        .isInstanceOf(YubiKeyException.class)
        .hasMessageContaining("6984")
        .hasMessageContaining("no such credential");
  }
}
