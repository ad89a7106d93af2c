package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.Hotp;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.Totp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real PC/SC stack: our {@link PcscSmartCardConnection} and {@link YubiKeyOath} reach an
 * in-test virtual YKOATH card through javax.smartcardio, libpcsclite, pcscd and vpcd. Skipped
 * (visibly) when pcscd with vpcd is not running, except under CI=true, where it must run.
 */
class PcscYubiKeyOathTest {
  static final String READER = "Virtual PCD 00 00";
  static VirtualOathCard card;
  static CardTerminal terminal;

  PcscSmartCardConnection conn;
  YubiKeyOath oath;

  @BeforeAll
  static void startCard() throws Exception {
    Optional<CardTerminal> t = Optional.empty();
    String why = "";
    try {
      TerminalFactory f = PcscSmartCardConnection.terminalFactory(Duration.ofSeconds(3));
      t = f.terminals().list().stream().filter(x -> x.getName().equals(READER)).findFirst();
      why = "readers: " + f.terminals().list();
    } catch (RuntimeException e) {
      why = e.getMessage();
    }
    ExternalTools.require(
        t.isPresent(), "pcscd with vsmartcard-vpcd (reader '" + READER + "'; " + why + ")");
    terminal = t.get();
    card = new VirtualOathCard(35963).start();
    assertThat(terminal.waitForCardPresent(10_000)).as("virtual card inserted").isTrue();
  }

  @AfterAll
  static void stopCard() throws Exception {
    if (card != null) {
      card.close();
    }
  }

  @BeforeEach
  void connect() {
    conn = PcscSmartCardConnection.open(terminal, Duration.ofSeconds(10));
    oath = YubiKeyOath.open(conn);
  }

  @AfterEach
  void disconnect() throws Exception {
    conn.close();
  }

  @Test
  void select_reportsVersion_andAtrComesThroughPcsc() {
    assertThat(oath.version()).isEqualTo("5.4.3");
    assertThat(conn.getAtr()).isEqualTo(VirtualOathCard.ATR);
    assertThat(conn.reader()).isEqualTo(READER);
  }

  @Test
  void putThenList_andLongListUsesSendRemaining() {
    OtpSecret s = OtpSecret.generate();
    for (int i = 0; i < 6; i++) {
      oath.putCredential(
          "Example Corp:user-" + i + "@example.com", OathType.TOTP, HmacAlgorithm.SHA256, 6, s, 0);
    }
    oath.putCredential("60/AWS:root", OathType.TOTP, HmacAlgorithm.SHA512, 8, s, 0);
    oath.putCredential("Fob:counter", OathType.HOTP, HmacAlgorithm.SHA1, 6, s, 0);
    int before = card.sendRemainingSeen.get();
    List<OathCredential> list = oath.listCredentials();
    assertThat(card.sendRemainingSeen.get())
        .as("SEND REMAINING (INS A5) reached the card")
        .isGreaterThan(before);
    assertThat(list)
        .extracting(OathCredential::name)
        .contains(
            "Example Corp:user-0@example.com",
            "Example Corp:user-5@example.com",
            "60/AWS:root",
            "Fob:counter");
    OathCredential aws =
        list.stream().filter(c -> c.name().equals("60/AWS:root")).findFirst().orElseThrow();
    assertThat(aws.type()).isEqualTo(OathType.TOTP);
    assertThat(aws.algorithm()).isEqualTo(HmacAlgorithm.SHA512);
    assertThat(aws.period()).isEqualTo(Duration.ofSeconds(60));
    OathCredential fob =
        list.stream().filter(c -> c.name().equals("Fob:counter")).findFirst().orElseThrow();
    assertThat(fob.type()).isEqualTo(OathType.HOTP);
    for (OathCredential c : list) {
      oath.deleteCredential(c.name());
    }
    assertThat(oath.listCredentials()).isEmpty();
  }

  @Test
  void cardCodes_matchOurTotp_forEveryHashAndDigits() {
    OtpSecret rfc = OtpSecret.fromBytes("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
    OtpSecret long64 = OtpSecret.generate(HmacAlgorithm.SHA512);
    oath.putCredential("rfc-sha1", OathType.TOTP, HmacAlgorithm.SHA1, 8, rfc, 0);
    oath.putCredential("sha256", OathType.TOTP, HmacAlgorithm.SHA256, 6, long64, 0);
    oath.putCredential("60/sha512", OathType.TOTP, HmacAlgorithm.SHA512, 7, long64, 0);
    // RFC 6238 Appendix B, SHA1 at T = 59 s: 94287082.
    assertThat(oath.calculateTotp("rfc-sha1", Instant.ofEpochSecond(59))).isEqualTo("94287082");
    for (long t :
        new long[] {59, 1111111109L, 1234567890L, 2000000000L, 20000000000L, 1_795_000_000L}) {
      Instant at = Instant.ofEpochSecond(t);
      assertThat(oath.calculateTotp("rfc-sha1", at))
          .isEqualTo(Totp.code(rfc, OtpParameters.of(HmacAlgorithm.SHA1, 8, 30), at));
      assertThat(oath.calculateTotp("sha256", at))
          .isEqualTo(Totp.code(long64, OtpParameters.of(HmacAlgorithm.SHA256, 6, 30), at));
      assertThat(oath.calculateTotp("60/sha512", at))
          .isEqualTo(Totp.code(long64, OtpParameters.of(HmacAlgorithm.SHA512, 7, 60), at));
    }
  }

  @Test
  void hotpCredentialWithCounter_matchesOurHotp() {
    OtpSecret s = OtpSecret.generate();
    oath.putCredential("hotp-7", OathType.HOTP, HmacAlgorithm.SHA1, 6, s, 7);
    assertThat(oath.calculateHotp("hotp-7")).isEqualTo(Hotp.code(s, HmacAlgorithm.SHA1, 6, 7));
    assertThat(oath.calculateHotp("hotp-7")).isEqualTo(Hotp.code(s, HmacAlgorithm.SHA1, 6, 8));
  }

  @Test
  void provisionedYubiKey_verifiesAsHardwareToken() {
    Instant now = Instant.parse("2026-11-28T12:00:00Z");
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    HardwareToken token =
        oath.provisionTotp("YK-15551234", "AWS:root@123456789012", HmacAlgorithm.SHA1, 6);
    assertThat(token.toString())
        .doesNotContain(new String(token.revealSecret(), StandardCharsets.ISO_8859_1));
    InMemoryTokenStore store = new InMemoryTokenStore();
    store.add(token);
    Principal root = Principal.of("arn:aws:iam::123456789012:root");
    store.assign("YK-15551234", root);
    HardwareTokenVerifier v = HardwareTokenVerifier.builder(store).clock(clock).build();
    String code = oath.calculateTotp("AWS:root@123456789012", now);
    MfaAttempt attempt =
        MfaAttempt.of(root, Factor.HARDWARE_OTP, CredentialId.of("YK-15551234"), code);
    assertThat(v.verify(attempt).isAccepted()).isTrue();
    assertThat(((MfaResult.Rejected) v.verify(attempt)).reason())
        .isEqualTo(MfaResult.Reason.REPLAYED);
  }

  @Test
  void missingCredential_refusedWithStatus() {
    assertThatThrownBy(() -> oath.calculateTotp("nope", Instant.now()))
        .isInstanceOf(YubiKeyException.class)
        .hasMessageContaining("6984");
  }

  @Test
  void openFirst_byReaderName_describesItself_closeDisconnects() throws Exception {
    assertThat(PcscSmartCardConnection.readers()).contains(READER);
    PcscSmartCardConnection c =
        PcscSmartCardConnection.openFirst("Virtual PCD", Duration.ofSeconds(5));
    try {
      assertThat(c.reader()).isEqualTo(READER);
      assertThat(c.toString()).contains(READER);
      assertThat(c.getTransport()).isEqualTo(com.yubico.yubikit.core.Transport.USB);
      assertThat(c.isExtendedLengthApduSupported()).isFalse();
      assertThat(c.getAtr()).isEqualTo(VirtualOathCard.ATR);
      assertThat(YubiKeyOath.open(c).version()).isEqualTo("5.4.3");
    } finally {
      c.close();
    }
    assertThatThrownBy(() -> c.sendAndReceive(new byte[] {0, (byte) 0xa4, 4, 0}))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void openFirst_noSuchReader_named() {
    assertThatThrownBy(
            () -> PcscSmartCardConnection.openFirst("No Such Reader 42", Duration.ofMillis(10)))
        .isInstanceOf(dev.rootguard.RootGuardException.class)
        .hasMessageContaining("No Such Reader 42");
  }

  @Test
  void malformedApdu_isAnIoException() {
    assertThatThrownBy(() -> conn.sendAndReceive(new byte[] {0, 1}))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("malformed");
  }
}
