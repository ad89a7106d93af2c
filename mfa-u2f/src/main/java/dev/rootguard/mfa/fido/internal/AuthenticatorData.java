package dev.rootguard.mfa.fido.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The fixed prefix of WebAuthn authenticator data (WebAuthn §6.1): RP id hash, flags, counter.
 *
 * @param rpIdHash SHA-256 of the RP id (32 bytes; a fresh copy)
 * @param flags the flags byte
 * @param signCount the signature counter (unsigned 32-bit)
 */
public record AuthenticatorData(ByteArrayView rpIdHash, int flags, long signCount) {
  /** User present. */
  public static final int UP = 0x01;

  /** User verified. */
  public static final int UV = 0x04;

  /** Backup eligible. */
  public static final int BE = 0x08;

  /** Backed up. */
  public static final int BS = 0x10;

  /** Attested credential data included. */
  public static final int AT = 0x40;

  /**
   * Parses the first 37 bytes.
   *
   * @param data the authenticator data
   * @return the parsed prefix
   * @throws Malformed if shorter than 37 bytes
   */
  public static AuthenticatorData parse(byte[] data) {
    if (data.length < 37) {
      throw new Malformed("authenticatorData: shorter than 37 bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(data);
    byte[] hash = Arrays.copyOf(data, 32);
    return new AuthenticatorData(
        new ByteArrayView(hash), data[32] & 0xff, b.getInt(33) & 0xffffffffL);
  }

  /**
   * Returns whether a flag is set.
   *
   * @param flag one of the flag constants
   * @return true if set
   */
  public boolean has(int flag) {
    return (flags & flag) != 0;
  }
}
