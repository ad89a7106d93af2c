package dev.rootguard.store.jdbc;

import dev.rootguard.seal.LocalKeySealer;
import dev.rootguard.seal.SecretSealer;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Shared test helpers: a settable clock, a sealer, an independent HOTP oracle, a racer. */
final class Fixtures {
  private Fixtures() {}

  /** A clock tests move by hand. Thread-safe. */
  static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }

    void set(Instant t) {
      now.set(t);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  static SecretSealer sealer(String keyId, int fill) {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (fill + i);
    }
    return LocalKeySealer.ofKey(keyId, key);
  }

  /**
   * RFC 4226 HOTP computed here with the JCA, independent of the code under test.
   *
   * @param key the secret
   * @param counter the counter (or TOTP step)
   * @param digits 6..8
   * @return the code
   */
  static String hotp(byte[] key, long counter, int digits) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
      int o = h[h.length - 1] & 0xf;
      int bin =
          ((h[o] & 0x7f) << 24)
              | ((h[o + 1] & 0xff) << 16)
              | ((h[o + 2] & 0xff) << 8)
              | (h[o + 3] & 0xff);
      int mod = (int) Math.pow(10, digits);
      return String.format(Locale.ROOT, "%0" + digits + "d", bin % mod);
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Runs {@code n} copies of a task released at once and returns their results.
   *
   * @param n threads
   * @param task the task, given its index
   * @return results in index order
   */
  static <T> List<T> race(int n, java.util.function.IntFunction<Callable<T>> task)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch ready = new CountDownLatch(n);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Callable<T> c = task.apply(i);
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return c.call();
                }));
      }
      ready.await();
      go.countDown();
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
