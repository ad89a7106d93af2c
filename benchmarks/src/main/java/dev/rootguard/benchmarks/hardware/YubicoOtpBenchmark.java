package dev.rootguard.benchmarks.hardware;

import com.yubico.yubikit.core.otp.ChecksumUtils;
import com.yubico.yubikit.core.otp.Modhex;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.MfaAttempt;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.InMemoryTokenStore;
import dev.rootguard.mfa.hardware.YubicoKey;
import dev.rootguard.mfa.hardware.YubicoOtpVerifier;
import dev.rootguard.mfa.hardware.internal.AesBlock;
import dev.rootguard.mfa.hardware.internal.ModhexTable;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Yubico OTP verification (modhex decode, AES-128 block decryption, CRC, private id, counter
 * compare-and-set) end to end, and the AES block decryption alone with the JCA and with Bouncy
 * Castle's lightweight engine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class YubicoOtpBenchmark {
  static final String PUBLIC_ID = "vvcccccbhlnc";
  static final byte[] PRIVATE_ID = HexFormat.of().parseHex("8792ebfe26cc");
  static final byte[] AES = HexFormat.of().parseHex("ecde18dbe76fbd0c33330f1c354871db");
  static final Principal OWNER = Principal.of("root");

  InMemoryTokenStore store;
  YubicoKey key;
  YubicoOtpVerifier verifier;
  MfaAttempt[] attempts;
  int next;
  byte[] block;
  byte[] out = new byte[16];
  AesBlock jca;
  AesBlock bc;

  @Setup
  public void setUp() throws Exception {
    key = YubicoKey.of(PUBLIC_ID, PRIVATE_ID, AES);
    reset();
    verifier = YubicoOtpVerifier.builder(store).build();
    Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(AES, "AES"));
    // 65,536 OTPs with strictly increasing (session counter, use): all fresh, all accepted.
    attempts = new MfaAttempt[1 << 16];
    for (int i = 0; i < attempts.length; i++) {
      byte[] p = new byte[16];
      System.arraycopy(PRIVATE_ID, 0, p, 0, 6);
      p[6] = (byte) (i >> 8);
      p[11] = (byte) i;
      p[12] = (byte) (i * 31);
      int crc = ~ChecksumUtils.calculateCrc(p, 14) & 0xffff;
      p[14] = (byte) crc;
      p[15] = (byte) (crc >> 8);
      attempts[i] =
          MfaAttempt.builder(OWNER, Factor.YUBICO_OTP)
              .response(PUBLIC_ID + Modhex.encode(c.doFinal(p)))
              .build();
    }
    block = Modhex.decode(attempts[1].response().substring(12));
    jca = AesBlock.jca(AES);
    bc = AesBlock.bc(AES);
  }

  private void reset() {
    if (store == null) {
      store = new InMemoryTokenStore();
    } else {
      store.removeYubicoKey(PUBLIC_ID);
    }
    store.addYubicoKey(key);
    store.assignYubicoKey(PUBLIC_ID, OWNER);
  }

  /** A full, accepted verification (default AES implementation). */
  @Benchmark
  public MfaResult verifyAccepted() {
    if (next == attempts.length) {
      next = 0;
      reset(); // once per 65,536 operations
    }
    return verifier.verify(attempts[next++]);
  }

  /** Decoding the 32-character encrypted part with YubiKit's Modhex (a boxed map per character). */
  @Benchmark
  public byte[] modhexYubiKit() {
    return Modhex.decode(attempts[1].response().substring(12));
  }

  /** The same with the verifier's table decoder. */
  @Benchmark
  public byte[] modhexTable() {
    String otp = attempts[1].response();
    return ModhexTable.decode(otp, 12, otp.length());
  }

  /** AES-128 single-block decryption, JCA (AES-NI intrinsics). */
  @Benchmark
  public byte[] aesBlockJca() {
    jca.decrypt(block, out);
    return out;
  }

  /** AES-128 single-block decryption, Bouncy Castle AESEngine. */
  @Benchmark
  public byte[] aesBlockBouncyCastle() {
    bc.decrypt(block, out);
    return out;
  }
}
