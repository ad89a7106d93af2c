package dev.rootguard.mfa.hardware;

import dev.rootguard.InvalidInputException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Reads vendor seed files in the Portable Symmetric Key Container format (RFC 6030): plaintext
 * secrets, secrets encrypted with AES-CBC under a pre-shared key (§6.1), and under a key derived
 * from a password with PBKDF2 (§6.2). Every encrypted value's MAC (HMAC-SHA1/-SHA256/…, §6.1.1) is
 * checked, in constant time, before the value is decrypted or used.
 *
 * <p>The XML parser is hardened: document type declarations are refused (so neither external
 * entities nor entity expansion such as "billion laughs" can happen), no external resource is ever
 * fetched, and files over {@value #MAX_FILE_BYTES} bytes are refused. The file is streamed, one
 * {@code KeyPackage} in memory at a time, so memory grows with the tokens kept, not with the file.
 * Bounded work: elements nested deeper than {@value #MAX_ELEMENT_DEPTH} levels, more than {@value
 * #MAX_KEYS} keys, more than 10,000 elements in one {@code KeyPackage}, an element text or
 * attribute over 65,536 characters, or a single tag or text over 1 MiB are each refused with an
 * {@link InvalidInputException} naming the limit, never an {@link Error}. Elements are matched by
 * namespace (PSKC, XML Signature, XML Encryption 1.0/1.1, PKCS #5), so {@code <evil:Secret>} is
 * never read as {@code <Secret>}.
 *
 * <p>Strict by default (RFC 6030 §5 and §6):
 *
 * <ul>
 *   <li>In a file that declares an {@code EncryptionKey} or a {@code MACMethod}, a key whose {@code
 *       Secret} is a {@code PlainValue} is refused: whoever could edit the file could have swapped
 *       the vendor's encrypted seed for one they know. {@link PskcKey#allowPlaintextSecrets()} opts
 *       in. Other data ({@code Counter}, {@code Time}, …) may stay plaintext, as in RFC 6030 Figure
 *       6.
 *   <li>A key's {@code Policy} is enforced: {@code StartDate}/{@code ExpiryDate} become the token's
 *       validity (narrowed further by the {@code DeviceInfo} dates, if any); a {@code KeyUsage}
 *       list without {@code OTP}, a {@code NumberOfTransactions} limit (which RootGuard cannot
 *       enforce across its stores), a {@code PINPolicy} whose PIN is part of the OTP ({@code
 *       Prepend}, {@code Append}, {@code Algorithmic}; {@code Local} is fine), and any policy
 *       element or attribute not understood each refuse that key.
 *   <li>{@code Data/Time} is a count of time steps (RFC 6030 §4.3.4), not T0: T0 stays the Unix
 *       epoch.
 *   <li>Two importable keys with one serial ({@code DeviceInfo/SerialNo}, or the key id when there
 *       is none) refuse the whole file, naming the serial and both keys: every {@link TokenStore}
 *       identifies a token by its serial.
 * </ul>
 *
 * <p>A problem with the file as a whole (not XML, wrong version, wrong key name, missing key) is an
 * {@link InvalidInputException} naming the element. A problem with one key (bad MAC, missing
 * secret, unknown algorithm) is a {@link PskcError} in the result, and the other keys are still
 * imported; use {@link PskcImport#requireComplete()} to refuse partial imports.
 *
 * <pre>{@code
 * try (InputStream in = Files.newInputStream(Path.of("tokens.pskc"))) {
 *   PskcImport result = Pskc.read(in, PskcKey.preShared("Pre-shared-key", aesKey));
 *   for (HardwareToken t : result.requireComplete()) {
 *     store.add(t);
 *   }
 * }
 * }</pre>
 *
 * <p>Thread-safe (stateless).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6030">RFC 6030</a>
 * @since 0.1.0
 */
public final class Pskc {
  /** Largest accepted file, in bytes (64 MiB: about 50,000 encrypted keys). */
  public static final int MAX_FILE_BYTES = 64 * 1024 * 1024;

  /** Deepest accepted element nesting; the root {@code KeyContainer} is level 1. */
  public static final int MAX_ELEMENT_DEPTH = 32;

  /** Most keys in one file (each {@code Key}, and each {@code KeyPackage} without one, counts). */
  public static final int MAX_KEYS = 100_000;

  /** Highest accepted PBKDF2 iteration count, so a hostile file cannot stall an import. */
  public static final int MAX_PBKDF2_ITERATIONS = 10_000_000;

  private Pskc() {}

  /**
   * Reads a PSKC file. The stream is read to its end but not closed.
   *
   * @param in the file's bytes
   * @param key the pre-shared key or password, or {@link PskcKey#none()} for plaintext files
   * @return the tokens imported and the keys that could not be
   * @throws InvalidInputException naming the element if the file as a whole is unusable (not
   *     well-formed, over a limit, wrong key, two keys with one serial)
   * @throws dev.rootguard.RootGuardException if reading the stream fails
   */
  public static PskcImport read(InputStream in, PskcKey key) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(key, "key");
    return new PskcParser(key).parse(in);
  }
}
