package dev.rootguard.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.InMemoryTokenStore;
import dev.rootguard.mfa.hardware.YubicoKey;
import dev.rootguard.mfa.hardware.YubicoOtpVerifier;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link YubicoOtpVerifier#verify} on any text, against a store holding one key assigned to alice:
 * it never throws, and accepts only what an oracle written here accepts (34..64 modhex characters,
 * the key's public id, an AES-128 block that decrypts to the key's private id with a good CRC-16,
 * by the JDK's AES and a bitwise CRC, not the verifier's code); an accepted OTP is then rejected as
 * a replay.
 */
class YubicoOtpFuzzTest {
  static final String PUBLIC_ID = "vvcccccbhlnc";
  static final String PRIVATE_ID = "8792ebfe26cc";
  static final String AES_KEY = "ecde18dbe76fbd0c33330f1c354871db";
  static final Principal ALICE = Principal.of("alice");
  private static final String MODHEX = "cbdefghijklnrtuv";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

  @FuzzTest(maxDuration = "10s")
  void verify(byte[] input) {
    String otp = new String(input, UTF_8);
    InMemoryTokenStore store = new InMemoryTokenStore();
    store.addYubicoKey(YubicoKey.fromHex(PUBLIC_ID, PRIVATE_ID, AES_KEY));
    store.assignYubicoKey(PUBLIC_ID, ALICE);
    YubicoOtpVerifier verifier = YubicoOtpVerifier.builder(store).clock(CLOCK).build();
    MfaAttempt attempt = MfaAttempt.builder(ALICE, Factor.YUBICO_OTP).response(otp).build();

    long t0 = System.nanoTime();
    MfaResult first = verifier.verify(attempt);
    Contract.notHung(t0, "YubicoOtpVerifier.verify");
    boolean valid = oracleAccepts(attempt.response());
    if (first.isAccepted() != valid) {
      throw new AssertionError(
          "verifier "
              + (first.isAccepted() ? "accepted" : "rejected")
              + " an OTP the oracle "
              + (valid ? "accepts" : "rejects")
              + ": "
              + first);
    }
    if (first.isAccepted() && verifier.verify(attempt).isAccepted()) {
      throw new AssertionError("the same OTP was accepted twice");
    }
  }

  /** Independent check of a Yubico OTP against the one key, from Yubico's published format. */
  static boolean oracleAccepts(String otp) {
    String lower = otp.toLowerCase(Locale.ROOT);
    int n = otp.length();
    if (n < 34 || n > 64 || n % 2 != 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = otp.charAt(i);
      if (c > 127 || MODHEX.indexOf(Character.toLowerCase(c)) < 0) {
        return false;
      }
    }
    if (!lower.substring(0, n - 32).equals(PUBLIC_ID)) {
      return false;
    }
    byte[] block = new byte[16];
    for (int i = 0; i < 16; i++) {
      int hi = MODHEX.indexOf(lower.charAt(n - 32 + 2 * i));
      int lo = MODHEX.indexOf(lower.charAt(n - 32 + 2 * i + 1));
      block[i] = (byte) (hi << 4 | lo);
    }
    byte[] plain;
    try {
      Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
      aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(HexFormat.of().parseHex(AES_KEY), "AES"));
      plain = aes.doFinal(block);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    int crc = 0xffff;
    for (byte b : plain) {
      crc ^= b & 0xff;
      for (int k = 0; k < 8; k++) {
        boolean low = (crc & 1) != 0;
        crc >>>= 1;
        if (low) {
          crc ^= 0x8408;
        }
      }
    }
    String privateId = HexFormat.of().formatHex(plain, 0, 6);
    // A fresh store has no counters yet, so any session/use pair is new.
    return crc == 0xf0b8 && privateId.equals(PRIVATE_ID);
  }
}
