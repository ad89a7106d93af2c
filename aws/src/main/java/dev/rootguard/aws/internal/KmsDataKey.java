package dev.rootguard.aws.internal;

import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * One plaintext AES-256 data key that {@code KmsSecretSealer} owns, with the KMS-wrapped form it
 * came with, handed to the JCA as a {@link SecretKey}. A reference count keeps the bytes from being
 * overwritten while a cipher is being initialised with them: {@link #retire()} marks the key as no
 * longer to be handed out, and the bytes are zeroed when the last {@link #acquire()} is matched by
 * {@link #release()}. After that, {@link #getEncoded()} throws instead of returning zeros, so a bug
 * can never seal under an all-zero key.
 *
 * <p>Thread-safe. Not serializable (it refuses to be written). Never shows its bytes in {@code
 * toString}.
 */
public final class KmsDataKey implements SecretKey {
  private static final long serialVersionUID = 1L;

  private final byte[] key;
  private final byte[] wrapped;
  private final Instant fetched;
  private int users;
  private boolean retired;
  private boolean wiped;

  /**
   * Wraps a data key.
   *
   * @param key the plaintext key; owned (not copied) from now on
   * @param wrapped the KMS {@code CiphertextBlob} for it (not secret)
   * @param fetched when KMS returned it
   */
  public KmsDataKey(byte[] key, byte[] wrapped, Instant fetched) {
    this.key = key;
    this.wrapped = wrapped.clone();
    this.fetched = fetched;
  }

  /**
   * Returns the wrapped form.
   *
   * @return a copy
   */
  public byte[] wrapped() {
    return wrapped.clone();
  }

  /**
   * Returns whether the key's lifetime is over at {@code now}: at {@code fetched + lifetime} or
   * later, or when the clock went back before {@code fetched}.
   *
   * @param now the current instant
   * @param lifetime how long a data key is used
   * @return true if it must not be used any more
   */
  public boolean expired(Instant now, Duration lifetime) {
    return now.isBefore(fetched) || !now.isBefore(fetched.plus(lifetime));
  }

  /**
   * Takes a use of the key; match it with {@link #release()}.
   *
   * @return false if the key was retired (then nothing was taken)
   */
  public synchronized boolean acquire() {
    if (retired) {
      return false;
    }
    users++;
    return true;
  }

  /** Gives a use back; wipes the bytes if the key is retired and this was the last use. */
  public synchronized void release() {
    if (users <= 0) {
      throw new IllegalStateException("bug: data key released more often than acquired");
    }
    users--;
    wipeIfUnused();
  }

  /** Hands the key out no more; wipes the bytes now, or at the last {@link #release()}. */
  public synchronized void retire() {
    retired = true;
    wipeIfUnused();
  }

  private void wipeIfUnused() {
    if (retired && users == 0 && !wiped) {
      Arrays.fill(key, (byte) 0);
      wiped = true;
    }
  }

  @Override
  public String getAlgorithm() {
    return "AES";
  }

  @Override
  public String getFormat() {
    return "RAW";
  }

  /**
   * Returns a copy of the key bytes (the JCA calls this while initialising a cipher).
   *
   * @return a copy
   * @throws IllegalStateException if the bytes were wiped
   */
  @Override
  public synchronized byte[] getEncoded() {
    if (wiped) {
      throw new IllegalStateException("bug: data key used after it was wiped");
    }
    return key.clone();
  }

  @Override
  public synchronized boolean isDestroyed() {
    return wiped;
  }

  private void writeObject(ObjectOutputStream out) throws NotSerializableException {
    throw new NotSerializableException("a data key is not serializable");
  }

  @Override
  public String toString() {
    return "KmsDataKey[redacted, " + key.length + " bytes" + (wiped ? ", wiped" : "") + "]";
  }
}
