package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.seal.LocalKeySealer;
import dev.rootguard.seal.SealingException;
import dev.rootguard.seal.SecretSealer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The one way every token store seals secrets. The oracle opens envelopes with the sealer itself
 * and the contexts spelled out here, not with {@link TokenSealing}.
 */
class TokenSealingTest {
  private static final HexFormat HEX = HexFormat.of();
  private final SecretSealer sealer = LocalKeySealer.ofKey("k1", new byte[32]);
  private final YubicoKey key =
      YubicoKey.fromHex("cccccccccccb", "0102030405a6", "00112233445566778899aabbccddeeff");

  @Test
  void aYubicoKeyIsSealedAsPrivateIdThenAesKeyUnderItsPublicId() {
    String sealed = TokenSealing.sealYubicoKey(key, sealer);

    assertThat(HEX.formatHex(sealer.open(sealed, "yubico:cccccccccccb")))
        .isEqualTo("0102030405a6" + "00112233445566778899aabbccddeeff");
    assertThat(sealed).doesNotContain("0102030405a6").doesNotContain("00112233445566778899");
  }

  @Test
  void openingGivesTheSameKeyBack() {
    YubicoKey back =
        TokenSealing.openYubicoKey("cccccccccccb", TokenSealing.sealYubicoKey(key, sealer), sealer);

    assertThat(back.publicId()).isEqualTo("cccccccccccb");
    assertThat(HEX.formatHex(back.revealPrivateId())).isEqualTo("0102030405a6");
    assertThat(HEX.formatHex(back.revealAesKey())).isEqualTo("00112233445566778899aabbccddeeff");
  }

  @Test
  void anEnvelopeMovedToAnotherRecordDoesNotOpen() {
    String sealed = TokenSealing.sealYubicoKey(key, sealer);

    assertThatThrownBy(() -> TokenSealing.openYubicoKey("cccccccccccd", sealed, sealer))
        .isInstanceOf(SealingException.class);
    assertThatThrownBy(() -> TokenSealing.openSeed("cccccccccccb", sealed, sealer))
        .isInstanceOf(SealingException.class);
  }

  @Test
  void aSeedIsSealedUnderItsSerial() {
    byte[] seed = HEX.parseHex("3132333435363738393031323334353637383930");
    HardwareToken token = HardwareToken.builder("SN-7", OathType.TOTP, seed).build();

    String sealed = TokenSealing.sealSeed(token, sealer);

    assertThat(sealer.open(sealed, "token:SN-7")).isEqualTo(seed);
    assertThat(TokenSealing.openSeed("SN-7", sealed, sealer)).isEqualTo(seed);
    assertThatThrownBy(() -> TokenSealing.openSeed("SN-8", sealed, sealer))
        .isInstanceOf(SealingException.class);
  }

  @Test
  void aDamagedRecordOfTheWrongLengthIsRefusedByFieldAndZeroed() {
    byte[] tooShort = HEX.parseHex("0102030405a600112233445566778899aabbccddee");
    String sealed = sealer.seal(tooShort, "yubico:cccccccccccb");

    assertThatThrownBy(() -> TokenSealing.openYubicoKey("cccccccccccb", sealed, sealer))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("secrets")
        .hasMessageContaining("holds 21")
        .hasMessageNotContaining("0102030405a6");

    byte[] both = tooShort.clone();
    assertThatThrownBy(() -> TokenSealing.split("cccccccccccb", both))
        .isInstanceOf(InvalidInputException.class);
    assertThat(both).containsOnly(0);
  }

  @Test
  void joinedIsTwentyTwoBytesInOrder() {
    assertThat(HEX.formatHex(TokenSealing.joined(key)))
        .isEqualTo("0102030405a600112233445566778899aabbccddeeff");
  }
}
