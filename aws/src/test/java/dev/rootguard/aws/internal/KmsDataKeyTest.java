package dev.rootguard.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KmsDataKeyTest {
  static final Instant T0 = Instant.ofEpochSecond(1_800_000_000L);

  static byte[] bytes() {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) 0x5a);
    return b;
  }

  @Test
  void retire_unused_wipesTheOwnedBytesAtOnce() {
    byte[] raw = bytes();
    KmsDataKey k = new KmsDataKey(raw, new byte[] {1}, T0);

    k.retire();

    assertThat(raw).containsOnly(0);
    assertThat(k.isDestroyed()).isTrue();
    assertThatThrownBy(k::getEncoded).isInstanceOf(IllegalStateException.class);
    assertThat(k.acquire()).isFalse();
  }

  @Test
  void retire_whileInUse_wipesAtTheLastRelease() {
    byte[] raw = bytes();
    KmsDataKey k = new KmsDataKey(raw, new byte[] {1}, T0);
    assertThat(k.acquire()).isTrue();
    assertThat(k.acquire()).isTrue();

    k.retire();
    assertThat(k.getEncoded()).isEqualTo(bytes());
    k.release();
    assertThat(k.isDestroyed()).isFalse();
    k.release();

    assertThat(raw).containsOnly(0);
    assertThat(k.isDestroyed()).isTrue();
  }

  @Test
  void release_moreThanAcquired_throws() {
    KmsDataKey k = new KmsDataKey(bytes(), new byte[] {1}, T0);

    assertThatThrownBy(k::release).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void expired_atTheLifetimeOrWhenTheClockWentBack_isTrue() {
    KmsDataKey k = new KmsDataKey(bytes(), new byte[] {1}, T0);
    Duration life = Duration.ofMinutes(5);

    assertThat(k.expired(T0, life)).isFalse();
    assertThat(k.expired(T0.plus(life).minusNanos(1), life)).isFalse();
    assertThat(k.expired(T0.plus(life), life)).isTrue();
    assertThat(k.expired(T0.minusNanos(1), life)).isTrue();
  }

  @Test
  void toStringAndSerialization_neverRevealTheKey() {
    KmsDataKey k = new KmsDataKey(bytes(), new byte[] {1}, T0);

    assertThat(k.toString())
        .doesNotContainIgnoringCase(HexFormat.of().formatHex(bytes()))
        .contains("redacted");
    assertThatThrownBy(() -> new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(k))
        .isInstanceOf(NotSerializableException.class);
  }
}
