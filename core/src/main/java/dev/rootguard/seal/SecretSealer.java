package dev.rootguard.seal;

/**
 * Seals secrets (TOTP secrets, token seeds, Yubico AES keys) before they reach a store, and opens
 * them again. Every persistent RootGuard store takes one.
 *
 * <p>A sealed value is an {@link Envelope} string {@code rgs1.<keyId>.<base64url body>}: the key id
 * travels with the value, so rotated keys keep opening old values. The {@code context} is the
 * record's identity (such as {@code "token:GALT12345678"}) and is bound as AEAD associated data: a
 * sealed value moved to another record fails to open.
 *
 * <p>Contract, in RFC 2119 words: implementations MUST be thread-safe, MUST use an AEAD
 * (AES-256-GCM for the bundled ones), MUST bind both the context and the key id as associated data,
 * MUST throw {@link SealingException} naming the key id when a value cannot be opened, and MUST NOT
 * put a secret in a message, a log or {@code toString}.
 *
 * <pre>{@code
 * SecretSealer sealer = LocalKeySealer.openOrCreate(Path.of(".rootguard", "seal.key"));
 * String sealed = sealer.seal(seed, "token:GALT12345678");
 * byte[] again = sealer.open(sealed, "token:GALT12345678");
 * }</pre>
 *
 * @since 0.2.0
 */
public interface SecretSealer {

  /**
   * Seals a secret with the current key.
   *
   * @param plaintext the secret (not kept, not changed)
   * @param context the owning record's identity, bound as associated data
   * @return the envelope string
   * @throws SealingException if sealing fails (e.g. the key service is unreachable)
   */
  String seal(byte[] plaintext, String context);

  /**
   * Opens a sealed secret.
   *
   * @param envelope an envelope from {@link #seal}
   * @param context the identity it was sealed for
   * @return a new array with the secret; the caller wipes it
   * @throws SealingException naming the key id if the key is unknown, the context differs, or the
   *     value was altered
   */
  byte[] open(String envelope, String context);

  /**
   * Returns the id of the key that {@link #seal} uses now.
   *
   * @return the key id
   */
  String currentKeyId();

  /**
   * Returns whether a value sealed earlier should be sealed again: true when it was sealed with a
   * key other than the current one (after a rotation).
   *
   * @param envelope an envelope
   * @return true if {@code rootguard store reseal} would rewrite it
   * @throws dev.rootguard.InvalidInputException if it is not an envelope
   */
  default boolean needsReseal(String envelope) {
    return !Envelope.parse(envelope).keyId().equals(currentKeyId());
  }
}
