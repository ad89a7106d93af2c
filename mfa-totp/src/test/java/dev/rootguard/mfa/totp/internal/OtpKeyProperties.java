package dev.rootguard.mfa.totp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.totp.HmacAlgorithm;
import java.nio.ByteBuffer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Cross-checks the precomputed-state HMAC against the JDK's {@code Mac}. */
class OtpKeyProperties {

  @Property(tries = 600)
  void truncated_matchesJdkHmac(
      @ForAll HmacAlgorithm algorithm,
      @ForAll @Size(min = 1, max = 200) byte[] key,
      @ForAll long counter)
      throws Exception {
    Mac mac = Mac.getInstance(algorithm.jcaName());
    mac.init(new SecretKeySpec(key, algorithm.jcaName()));
    byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
    int off = h[h.length - 1] & 0xf;
    int expected =
        (h[off] & 0x7f) << 24
            | (h[off + 1] & 0xff) << 16
            | (h[off + 2] & 0xff) << 8
            | (h[off + 3] & 0xff);

    OtpKey k = OtpKey.of(algorithm, key);
    assertThat(k.truncated(counter, OtpKey.scratch())).isEqualTo(expected);
    assertThat(k.code(counter, 8)).isEqualTo(expected % 100_000_000);
  }

  @Property(tries = 200)
  void window_matchesSingleValues_evenWhenAlternating(
      @ForAll HmacAlgorithm algorithm,
      @ForAll @Size(min = 10, max = 64) byte[] key,
      @ForAll long first,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 21) int count) {
    OtpKey k = OtpKey.of(algorithm, key);
    OtpKey.Scratch s = OtpKey.scratch();
    for (int round = 0; round < 3; round++) {
      long start = first + (round == 1 ? 1 : 0); // cached, moved, back again
      int[] w = k.window(start, count, s);
      assertThat(w).hasSize(count);
      for (int i = 0; i < count; i++) {
        assertThat(w[i]).isEqualTo(k.truncated(start + i, s));
      }
    }
  }

  @Property(tries = 20)
  void destroy_wipesCachedWindow(@ForAll @Size(min = 10, max = 64) byte[] key) {
    OtpKey k = OtpKey.of(HmacAlgorithm.SHA1, key);
    int[] w = k.window(100, 3, OtpKey.scratch());
    k.destroy();
    assertThat(w).containsOnly(0);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> k.window(100, 3, OtpKey.scratch()))
        .isInstanceOf(IllegalStateException.class);
  }
}
