package dev.rootguard.mfa.hardware;

import com.yubico.yubikit.core.otp.ChecksumUtils;
import com.yubico.yubikit.core.otp.Modhex;
import dev.rootguard.mfa.hardware.internal.Crypto;
import java.util.Arrays;

/** Builds Yubico OTPs in tests, the way a YubiKey does. */
final class YubicoOtps {
  private YubicoOtps() {}

  static String otp(YubicoKey key, int counter, int timestamp, int use, int random) {
    byte[] p = new byte[16];
    System.arraycopy(key.revealPrivateId(), 0, p, 0, 6);
    p[6] = (byte) counter;
    p[7] = (byte) (counter >> 8);
    p[8] = (byte) timestamp;
    p[9] = (byte) (timestamp >> 8);
    p[10] = (byte) (timestamp >> 16);
    p[11] = (byte) use;
    p[12] = (byte) random;
    p[13] = (byte) (random >> 8);
    int crc = ~ChecksumUtils.calculateCrc(p, 14) & 0xffff;
    p[14] = (byte) crc;
    p[15] = (byte) (crc >> 8);
    // ECB of one block = CBC with a zero IV, first block.
    byte[] ct =
        Arrays.copyOfRange(Crypto.aesCbcEncrypt(key.revealAesKey(), new byte[16], p), 16, 32);
    return key.publicId() + Modhex.encode(ct);
  }
}
