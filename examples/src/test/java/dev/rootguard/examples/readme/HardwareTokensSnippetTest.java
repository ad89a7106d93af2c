package dev.rootguard.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaAuthenticator;
import dev.rootguard.mfa.MfaPolicy;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareTokenVerifier;
import dev.rootguard.mfa.hardware.Pskc;
import dev.rootguard.mfa.hardware.PskcImport;
import dev.rootguard.mfa.hardware.PskcKey;
import dev.rootguard.mfa.hardware.TokenStore;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.Hotp;
import dev.rootguard.mfa.totp.OtpSecret;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HardwareTokensSnippetTest {
  @Test
  void hardwareTokens() throws Exception {
    Clock clock = Clock.systemUTC();
    Principal root = Principal.of("arn:aws:iam::123456789012:root");
    byte[] vendorKey = HexFormat.of().parseHex("12345678901234567890123456789012");
    OtpSecret seed =
        OtpSecret.fromBytes("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
    String codeOnTheFob = Hotp.code(seed, HmacAlgorithm.SHA1, 8, 0);
    String code1 = Hotp.code(seed, HmacAlgorithm.SHA1, 8, 500);
    String code2 = Hotp.code(seed, HmacAlgorithm.SHA1, 8, 501);
    try (InputStream pskcFile = getClass().getResourceAsStream("/pskc/rfc6030-figure6.xml")) {
      // snippet: hardware-tokens
      TokenStore store = TokenStore.inMemory(); // or JsonFileTokenStore, or JdbcStores.tokens()
      PskcImport imported = Pskc.read(pskcFile, PskcKey.preShared("Pre-shared-key", vendorKey));
      store.addAll(imported.requireComplete()); // all or nothing; MACs checked first
      store.assign("987654321", root); // serial printed on the fob
      HardwareTokenVerifier tokens = HardwareTokenVerifier.builder(store).clock(clock).build();
      MfaAuthenticator mfa =
          MfaAuthenticator.builder()
              .verifier(tokens)
              .policy(MfaPolicy.hardwareOnly())
              .clock(clock)
              .build();
      MfaResult result =
          mfa.authenticate(
              MfaAttempt.of(root, Factor.HARDWARE_OTP, CredentialId.of("987654321"), codeOnTheFob));
      // the fob's counter or clock ran away? resync with two consecutive codes, as AWS does
      MfaResult resynced = tokens.resync(root, "987654321", code1, code2);
      // end snippet
      assertThat(result.isAccepted()).isTrue();
      assertThat(resynced.isAccepted()).isTrue();
    }
  }
}
