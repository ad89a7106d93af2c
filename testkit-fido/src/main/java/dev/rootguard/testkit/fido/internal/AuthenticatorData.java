package dev.rootguard.testkit.fido.internal;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Encodes WebAuthn authenticator data (WebAuthn Level 3 §6.1): the RP id hash, the flags byte, the
 * signature counter and, at registration, the attested credential data (§6.5.2). Stateless and
 * thread-safe.
 *
 * <pre>{@code
 * int flags = AuthenticatorData.flags(true, true, false, false);
 * byte[] data = AuthenticatorData.forAssertion(Digests.sha256("example.com"), flags, 7);
 * }</pre>
 */
public final class AuthenticatorData {
  /** User present. */
  public static final int FLAG_UP = 0x01;

  /** User verified. */
  public static final int FLAG_UV = 0x04;

  /** Backup eligible. */
  public static final int FLAG_BE = 0x08;

  /** Backup state. */
  public static final int FLAG_BS = 0x10;

  /** Attested credential data included. */
  public static final int FLAG_AT = 0x40;

  private AuthenticatorData() {}

  /**
   * Returns the flags byte of an honest ceremony: user present, plus UV, BE and BS as given (BS
   * only with BE).
   *
   * @param userVerified whether the user was verified
   * @param backupEligible whether the credential may be synced
   * @param backedUp whether it is synced already
   * @param attested whether attested credential data follows (registration)
   * @return the flags
   */
  public static int flags(
      boolean userVerified, boolean backupEligible, boolean backedUp, boolean attested) {
    int flags = FLAG_UP;
    if (attested) {
      flags |= FLAG_AT;
    }
    if (userVerified) {
      flags |= FLAG_UV;
    }
    if (backupEligible) {
      flags |= FLAG_BE;
      if (backedUp) {
        flags |= FLAG_BS;
      }
    }
    return flags;
  }

  /**
   * Encodes the 37 bytes of an assertion's authenticator data.
   *
   * @param rpIdHash SHA-256 of the RP id (32 bytes)
   * @param flags the flags byte
   * @param signCount the counter, as an unsigned 32-bit value
   * @return the authenticator data
   */
  public static byte[] forAssertion(byte[] rpIdHash, int flags, long signCount) {
    return ByteBuffer.allocate(37).put(rpIdHash).put((byte) flags).putInt((int) signCount).array();
  }

  /**
   * Encodes a registration's authenticator data with attested credential data.
   *
   * @param rpIdHash SHA-256 of the RP id (32 bytes)
   * @param flags the flags byte (should include {@link #FLAG_AT})
   * @param signCount the counter, as an unsigned 32-bit value
   * @param aaguid the AAGUID
   * @param credentialId the credential id
   * @param coseKey the credential public key as a COSE_Key
   * @return the authenticator data
   */
  public static byte[] forRegistration(
      byte[] rpIdHash,
      int flags,
      long signCount,
      UUID aaguid,
      byte[] credentialId,
      byte[] coseKey) {
    ByteBuffer authData =
        ByteBuffer.allocate(32 + 1 + 4 + 16 + 2 + credentialId.length + coseKey.length);
    authData.put(rpIdHash).put((byte) flags).putInt((int) signCount);
    authData.putLong(aaguid.getMostSignificantBits());
    authData.putLong(aaguid.getLeastSignificantBits());
    authData.putShort((short) credentialId.length).put(credentialId).put(coseKey);
    return authData.array();
  }
}
