package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import com.yubico.yubikit.core.otp.Modhex;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.internal.AesBlock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks Yubico OTP verification against libyubikey's {@code ykgenerate} (builds OTPs from an
 * AES key, private id and counters) and {@code ykparse} (decrypts them). The OTPs are made in one
 * shell process per batch, so the test stays fast.
 */
class YkgenerateInteropTest {
  static final Principal OWNER = Principal.of("root");
  static final int KEYS = 8;
  static final int OTPS_PER_KEY = 150;

  @BeforeEach
  void requireTools() {
    ExternalTools.requireYkgenerate();
  }

  record Generated(YubicoKey key, int counter, int use, String otp) {}

  static List<Generated> generate(List<YubicoKey> keys, int perKey) throws IOException {
    StringBuilder script = new StringBuilder();
    List<int[]> counters = new ArrayList<>();
    List<YubicoKey> owners = new ArrayList<>();
    for (YubicoKey k : keys) {
      String aes = HexFormat.of().formatHex(k.revealAesKey());
      String uid = HexFormat.of().formatHex(k.revealPrivateId());
      int counter = 1;
      int use = 0;
      for (int i = 0; i < perKey; i++) {
        // Mostly new uses within a session, sometimes a new session (power-up).
        if (i % 37 == 36) {
          counter++;
          use = 0;
        } else {
          use++;
        }
        counters.add(new int[] {counter, use});
        owners.add(k);
        script.append(
            String.format(
                Locale.ROOT,
                "ykgenerate %s %s %04x %04x %02x %02x%n",
                aes,
                uid,
                counter,
                (i * 97) & 0xffff,
                i & 0xff,
                use));
      }
    }
    ExternalTools.Result r = ExternalTools.run(List.of("/bin/sh", "-e"), script.toString());
    assertThat(r.exit()).as("ykgenerate batch: %s", r.err()).isZero();
    String[] lines = r.out().strip().split("\\s+");
    assertThat(lines).hasSize(counters.size());
    List<Generated> out = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      YubicoKey k = owners.get(i);
      out.add(new Generated(k, counters.get(i)[0], counters.get(i)[1], k.publicId() + lines[i]));
    }
    return out;
  }

  static List<YubicoKey> keys(int n) {
    Random rnd = new Random(6030);
    List<YubicoKey> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] pub = new byte[6];
      byte[] priv = new byte[6];
      byte[] aes = new byte[16];
      rnd.nextBytes(pub);
      rnd.nextBytes(priv);
      rnd.nextBytes(aes);
      keys.add(YubicoKey.of(Modhex.encode(pub), priv, aes));
    }
    return keys;
  }

  @Test
  void ykgenerateOtps_verify_andEachTamperedOneFails() throws IOException {
    InMemoryTokenStore store = new InMemoryTokenStore();
    List<YubicoKey> keys = keys(KEYS);
    for (YubicoKey k : keys) {
      store.addYubicoKey(k);
      store.assignYubicoKey(k.publicId(), OWNER);
    }
    YubicoOtpVerifier v = YubicoOtpVerifier.builder(store).build();
    List<Generated> otps = generate(keys, OTPS_PER_KEY);
    assertThat(otps).hasSizeGreaterThanOrEqualTo(1000);
    Random rnd = new Random(1);
    int accepted = 0;
    for (Generated g : otps) {
      // A tampered copy first: one modhex character of the encrypted part changed.
      int at = g.otp().length() - 1 - rnd.nextInt(32);
      char c = g.otp().charAt(at);
      char replacement =
          "cbdefghijklnrtuv".charAt(("cbdefghijklnrtuv".indexOf(c) + 1 + rnd.nextInt(15)) % 16);
      String tampered = g.otp().substring(0, at) + replacement + g.otp().substring(at + 1);
      MfaResult bad =
          v.verify(MfaAttempt.builder(OWNER, Factor.YUBICO_OTP).response(tampered).build());
      assertThat(bad.isAccepted()).as("tampered %s", tampered).isFalse();
      assertThat(((MfaResult.Rejected) bad).reason()).isEqualTo(MfaResult.Reason.WRONG_CODE);

      MfaResult good =
          v.verify(MfaAttempt.builder(OWNER, Factor.YUBICO_OTP).response(g.otp()).build());
      assertThat(good.isAccepted()).as("ykgenerate OTP %s", g.otp()).isTrue();
      YubicoOtpMatch m = (YubicoOtpMatch) ((MfaResult.Accepted) good).detail();
      assertThat(m.sessionCounter()).isEqualTo(g.counter());
      assertThat(m.sessionUse()).isEqualTo(g.use());
      accepted++;

      MfaResult replay =
          v.verify(MfaAttempt.builder(OWNER, Factor.YUBICO_OTP).response(g.otp()).build());
      assertThat(((MfaResult.Rejected) replay).reason()).isEqualTo(MfaResult.Reason.REPLAYED);
    }
    assertThat(accepted).isEqualTo(KEYS * OTPS_PER_KEY);
  }

  static final Pattern OUTPUT =
      Pattern.compile("Output:\\s*\\n\\s*((?:[0-9a-f]{2} ){15}[0-9a-f]{2})");

  @Test
  void ourDecryption_matchesYkparse_forJcaAndBouncyCastle() throws IOException {
    List<YubicoKey> keys = keys(3);
    List<Generated> otps = generate(keys, 20);
    StringBuilder script = new StringBuilder();
    for (Generated g : otps) {
      script
          .append("ykparse ")
          .append(HexFormat.of().formatHex(g.key().revealAesKey()))
          .append(' ')
          .append(g.otp().substring(12))
          .append('\n');
    }
    ExternalTools.Result r = ExternalTools.run(List.of("/bin/sh", "-e"), script.toString());
    assertThat(r.exit()).isZero();
    Matcher m = OUTPUT.matcher(r.out());
    int i = 0;
    while (m.find()) {
      Generated g = otps.get(i++);
      byte[] expected = HexFormat.of().parseHex(m.group(1).replace(" ", ""));
      byte[] block = Modhex.decode(g.otp().substring(12));
      byte[] jca = new byte[16];
      byte[] bc = new byte[16];
      AesBlock.jca(g.key().revealAesKey()).decrypt(block, jca);
      AesBlock.bc(g.key().revealAesKey()).decrypt(block, bc);
      assertThat(jca).isEqualTo(expected);
      assertThat(bc).isEqualTo(expected);
    }
    assertThat(i).isEqualTo(otps.size());
  }
}
