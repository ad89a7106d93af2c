package dev.rootguard.mfa.hardware;

import dev.rootguard.InvalidInputException;
import dev.rootguard.seal.SealingException;
import dev.rootguard.seal.SecretSealer;
import java.util.Arrays;
import java.util.Objects;

/**
 * How every {@link TokenStore} and {@link YubicoKeyStore} seals the secrets it keeps at rest: an
 * OATH token's seed under the context {@code "token:<serial>"}, a Yubico OTP key's private id and
 * AES key joined (6 + 16 bytes) under {@code "yubico:<publicId>"}. The context is the AEAD
 * associated data, so an envelope copied onto another record does not open there.
 *
 * <p>The file, JDBC, Redis and DynamoDB stores all seal through this class, so an envelope written
 * by one opens in another ({@code rootguard store copy} relies on it). Write your own store on top
 * of it too. Every array of secret bytes it makes is zeroed before it returns.
 *
 * <pre>{@code
 * String sealed = TokenSealing.sealYubicoKey(key, sealer);            // store the string
 * YubicoKey back = TokenSealing.openYubicoKey(key.publicId(), sealed, sealer);
 * }</pre>
 *
 * <p>Stateless and thread-safe (as thread-safe as the sealer given).
 */
public final class TokenSealing {
  private static final int PRIVATE_ID_BYTES = 6;
  private static final int AES_KEY_BYTES = 16;

  private TokenSealing() {}

  /** The sealing context (AEAD associated data) of the seed of the token {@code serial}. */
  public static String tokenContext(String serial) {
    return "token:" + Objects.requireNonNull(serial, "serial");
  }

  /** The sealing context of the private id and AES key of the Yubico key {@code publicId}. */
  public static String yubicoContext(String publicId) {
    return "yubico:" + Objects.requireNonNull(publicId, "publicId");
  }

  /**
   * Seals a token's seed for {@link #tokenContext(String) its serial}.
   *
   * @throws SealingException if the sealer fails
   */
  public static String sealSeed(HardwareToken token, SecretSealer sealer) {
    Objects.requireNonNull(sealer, "sealer");
    byte[] seed = token.revealSecret();
    try {
      return sealer.seal(seed, tokenContext(token.serial()));
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /**
   * Opens a seed sealed by {@link #sealSeed}; the caller zeroes the array it gets.
   *
   * @throws SealingException if the envelope does not open for this serial
   */
  public static byte[] openSeed(String serial, String sealed, SecretSealer sealer) {
    Objects.requireNonNull(sealed, "sealed");
    return sealer.open(sealed, tokenContext(serial));
  }

  /**
   * Seals a Yubico key's private id and AES key together for {@link #yubicoContext(String) its
   * public id}.
   *
   * @throws SealingException if the sealer fails
   */
  public static String sealYubicoKey(YubicoKey key, SecretSealer sealer) {
    Objects.requireNonNull(sealer, "sealer");
    byte[] both = joined(key);
    try {
      return sealer.seal(both, yubicoContext(key.publicId()));
    } finally {
      Arrays.fill(both, (byte) 0);
    }
  }

  /**
   * Opens what {@link #sealYubicoKey} sealed.
   *
   * @throws SealingException if the envelope does not open for this public id
   * @throws InvalidInputException (field {@code secrets}) if it holds anything but 6 + 16 bytes
   */
  public static YubicoKey openYubicoKey(String publicId, String sealed, SecretSealer sealer) {
    Objects.requireNonNull(sealed, "sealed");
    return split(publicId, sealer.open(sealed, yubicoContext(publicId)));
  }

  /**
   * The private id followed by the AES key (22 bytes), as sealed; the caller zeroes the array. Not
   * API for applications: the file store's reader compares it with an envelope it already opened.
   */
  public static byte[] joined(YubicoKey key) {
    byte[] privateId = key.revealPrivateId();
    byte[] aesKey = key.revealAesKey();
    try {
      byte[] both = Arrays.copyOf(privateId, privateId.length + aesKey.length);
      System.arraycopy(aesKey, 0, both, privateId.length, aesKey.length);
      return both;
    } finally {
      Arrays.fill(privateId, (byte) 0);
      Arrays.fill(aesKey, (byte) 0);
    }
  }

  /**
   * The key whose {@link #joined} bytes are {@code both}; zeroes {@code both}.
   *
   * @throws InvalidInputException (field {@code secrets}) if {@code both} is not 6 + 16 bytes long
   */
  public static YubicoKey split(String publicId, byte[] both) {
    byte[] privateId = null;
    byte[] aesKey = null;
    try {
      if (both.length != PRIVATE_ID_BYTES + AES_KEY_BYTES) {
        throw new InvalidInputException(
            "secrets", "must hold 6 + 16 bytes, holds " + both.length + " (a damaged record)");
      }
      privateId = Arrays.copyOfRange(both, 0, PRIVATE_ID_BYTES);
      aesKey = Arrays.copyOfRange(both, PRIVATE_ID_BYTES, both.length);
      return YubicoKey.of(publicId, privateId, aesKey);
    } finally {
      Arrays.fill(both, (byte) 0);
      if (privateId != null) {
        Arrays.fill(privateId, (byte) 0);
        Arrays.fill(aesKey, (byte) 0);
      }
    }
  }
}
