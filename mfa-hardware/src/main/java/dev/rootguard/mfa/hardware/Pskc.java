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
 * fetched, and files over {@value #MAX_FILE_BYTES} bytes are refused.
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

  /** Highest accepted PBKDF2 iteration count, so a hostile file cannot stall an import. */
  public static final int MAX_PBKDF2_ITERATIONS = 10_000_000;

  private Pskc() {}

  /**
   * Reads a PSKC file. The stream is read to its end but not closed.
   *
   * @param in the file's bytes
   * @param key the pre-shared key or password, or {@link PskcKey#none()} for plaintext files
   * @return the tokens imported and the keys that could not be
   * @throws InvalidInputException naming the element if the file as a whole is unusable
   * @throws dev.rootguard.RootGuardException if reading the stream fails
   */
  public static PskcImport read(InputStream in, PskcKey key) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(key, "key");
    return new PskcParser(key).parse(in);
  }
}
