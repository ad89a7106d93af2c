package dev.rootguard.mfa.hardware.internal;

import dev.rootguard.RootGuardException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Decrypts single AES-128 blocks with one fixed key (a Yubico OTP token). Two implementations,
 * measured side by side in the benchmarks: the JCA (AES-NI intrinsics; one initialised Cipher per
 * thread) and Bouncy Castle's lightweight {@link AESEngine} (one initialised engine per thread).
 * Not API. Thread-safe.
 */
public abstract class AesBlock {
  /** Which implementation {@link #create} uses; chosen from the benchmark (see README). */
  public static final String DEFAULT = "jca";

  AesBlock() {}

  /**
   * Returns the default implementation for a key.
   *
   * @param key the 16-byte key (copied)
   * @return the block decryptor
   */
  public static AesBlock create(byte[] key) {
    return "bc".equals(DEFAULT) ? bc(key) : jca(key);
  }

  /**
   * Returns the JCA implementation.
   *
   * @param key the key (copied)
   * @return the block decryptor
   */
  public static AesBlock jca(byte[] key) {
    return new Jca(key);
  }

  /**
   * Returns the Bouncy Castle implementation.
   *
   * @param key the key (copied)
   * @return the block decryptor
   */
  public static AesBlock bc(byte[] key) {
    return new Bc(key);
  }

  /**
   * Decrypts one 16-byte block.
   *
   * @param in the ciphertext block
   * @param out receives the plaintext block
   */
  public abstract void decrypt(byte[] in, byte[] out);

  /** Forgets the key (best effort: per-thread engines already made keep their schedules). */
  public abstract void destroy();

  private static final class Jca extends AesBlock {
    private final byte[] key;
    private final ThreadLocal<Cipher> cipher;

    Jca(byte[] k) {
      this.key = k.clone();
      this.cipher = ThreadLocal.withInitial(this::newCipher);
    }

    private Cipher newCipher() {
      try {
        Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"));
        return c;
      } catch (GeneralSecurityException e) {
        throw new RootGuardException("JCA: AES/ECB/NoPadding is unavailable", e);
      }
    }

    @Override
    public void decrypt(byte[] in, byte[] out) {
      try {
        cipher.get().doFinal(in, 0, 16, out, 0);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("bug: AES block decryption failed", e);
      }
    }

    @Override
    public void destroy() {
      Arrays.fill(key, (byte) 0);
      cipher.remove();
    }
  }

  private static final class Bc extends AesBlock {
    private final byte[] key;
    private final ThreadLocal<AESEngine> engine;

    @SuppressWarnings("deprecation")
    Bc(byte[] k) {
      this.key = k.clone();
      this.engine =
          ThreadLocal.withInitial(
              () -> {
                AESEngine e = new AESEngine();
                e.init(false, new KeyParameter(key));
                return e;
              });
    }

    @Override
    public void decrypt(byte[] in, byte[] out) {
      engine.get().processBlock(in, 0, out, 0);
    }

    @Override
    public void destroy() {
      Arrays.fill(key, (byte) 0);
      engine.remove();
    }
  }
}
