package dev.rootguard.mfa.totp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.testsupport.Race;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
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
      @ForAll @IntRange(min = 1, max = 21) int count) {
    OtpKey k = OtpKey.of(algorithm, key);
    OtpKey.Scratch s = OtpKey.scratch();
    for (int round = 0; round < 3; round++) {
      long start = first + (round == 1 ? 1 : 0); // cached, moved, back again
      int[] w = k.window(start, count, s);
      assertThat(w).isSameAs(s.window());
      for (int i = 0; i < count; i++) {
        assertThat(w[i]).isEqualTo(k.truncated(start + i, s));
      }
    }
  }

  @Property(tries = 20)
  void destroy_wipesCachedWindow(@ForAll @Size(min = 10, max = 64) byte[] key) throws Exception {
    OtpKey k = OtpKey.of(HmacAlgorithm.SHA1, key);
    k.window(100, 3, OtpKey.scratch());
    int[] cache = cacheOf(k);
    assertThat(cache).isNotNull();
    assertThat(cache[0] | cache[1] | cache[2]).isNotZero();

    k.destroy();

    assertThat(cache).containsOnly(0);
    assertThatThrownBy(() -> k.window(100, 3, OtpKey.scratch()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("key destroyed");
  }

  @Property(tries = 10)
  void window_rejectsCountsOutsideTheScratch(@ForAll @IntRange(min = -5, max = 40) int count) {
    OtpKey k = OtpKey.of(HmacAlgorithm.SHA1, new byte[20]);
    if (count >= 1 && count <= OtpKey.MAX_WINDOW_VALUES) {
      assertThat(k.window(0, count, OtpKey.scratch())).isNotNull();
    } else {
      assertThatThrownBy(() -> k.window(0, count, OtpKey.scratch()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("count must be 1..21");
    }
  }

  /**
   * Threads share one key and keep moving its window back and forth, so cache reads race cache
   * writes all the time; every value any thread sees must still be the HMAC of its own counter.
   */
  @Property(tries = 5)
  void window_isCorrectWhileOtherThreadsRewriteTheCache(
      @ForAll @Size(min = 10, max = 64) byte[] key) throws Exception {
    OtpKey k = OtpKey.of(HmacAlgorithm.SHA1, key);
    int threads = 4;
    int[][] expected = new int[4][3];
    for (int f = 0; f < 4; f++) {
      for (int i = 0; i < 3; i++) {
        expected[f][i] = k.truncated(1_000 + f + i, OtpKey.scratch());
      }
    }
    List<Integer> wrongs =
        Race.collect(
            threads,
            java.time.Duration.ofSeconds(60),
            seed -> {
              OtpKey.Scratch s = OtpKey.scratch();
              int wrong = 0;
              for (int n = 0; n < 5_000; n++) {
                int f = (n * 7 + seed) & 3;
                int[] w = k.window(1_000 + f, 3, s);
                for (int i = 0; i < 3; i++) {
                  wrong += w[i] == expected[f][i] ? 0 : 1;
                }
              }
              return wrong;
            });
    for (Integer r : wrongs) {
      assertThat(r).isZero();
    }
  }

  /**
   * A window that slid takes the overlapping values from the cache and computes only the new ones.
   * A marker planted in the cache shows which values were reused.
   */
  @Property(tries = 50)
  void slidWindow_reusesTheOverlapAndComputesTheRest(
      @ForAll @Size(min = 10, max = 64) byte[] key,
      @ForAll @IntRange(min = -3, max = 3) int shift,
      @ForAll @IntRange(min = 1, max = 5) int count)
      throws Exception {
    OtpKey k = OtpKey.of(HmacAlgorithm.SHA256, key);
    OtpKey.Scratch s = OtpKey.scratch();
    k.window(1_000, count, s);
    int[] cache = cacheOf(k);
    int marker = -1; // no HMAC value is negative: they are 31-bit
    Arrays.fill(cache, 0, count, marker);

    int[] w = k.window(1_000 + shift, count, s);

    for (int i = 0; i < count; i++) {
      long counter = 1_000 + shift + i;
      boolean overlaps = counter >= 1_000 && counter < 1_000 + count;
      assertThat(w[i]).isEqualTo(overlaps ? marker : k.truncated(counter, s));
    }
  }

  private static int[] cacheOf(OtpKey k) throws ReflectiveOperationException {
    Field f = OtpKey.class.getDeclaredField("cached");
    f.setAccessible(true);
    return (int[]) f.get(k);
  }
}
