package dev.rootguard.mfa.fido.internal;

import java.security.MessageDigest;

/**
 * A byte array wrapped so it can sit in a record; compares in constant time.
 *
 * @param bytes the bytes (not copied; internal use only)
 */
public record ByteArrayView(byte[] bytes) {
  /**
   * Returns whether the bytes equal others, in constant time.
   *
   * @param other the other bytes
   * @return true if equal
   */
  public boolean sameAs(byte[] other) {
    return MessageDigest.isEqual(bytes, other);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteArrayView v && MessageDigest.isEqual(bytes, v.bytes);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return Codec.encode(bytes);
  }
}
