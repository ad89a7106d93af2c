package dev.rootguard.seal;

import dev.rootguard.InvalidInputException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The text form of a sealed secret: {@code rgs1.<keyId>.<body>}, where {@code body} is unpadded
 * base64url of what the sealer produced (for AES-GCM: the 12-byte nonce, then ciphertext and tag;
 * for KMS envelope encryption, also the wrapped data key). A store keeps the string as it is.
 *
 * <p>Key ids are 1 to 256 characters of {@code [A-Za-z0-9:/_+=@-]}, so a KMS key ARN or alias fits.
 *
 * <pre>{@code
 * Envelope e = Envelope.parse(row.getString("secret"));
 * String keyId = e.keyId();
 * }</pre>
 *
 * <p>Immutable and thread-safe. The body is ciphertext, not secret.
 *
 * @since 0.2.0
 */
public final class Envelope {
  /** The prefix every envelope starts with. */
  public static final String PREFIX = "rgs1.";

  private final String keyId;
  private final byte[] body;

  private Envelope(String keyId, byte[] body) {
    this.keyId = keyId;
    this.body = body;
  }

  /**
   * Creates an envelope.
   *
   * @param keyId the key id
   * @param body the sealed bytes (copied)
   * @return the envelope
   * @throws IllegalArgumentException if the key id has a character outside the allowed set
   */
  public static Envelope of(String keyId, byte[] body) {
    requireKeyId(keyId);
    Objects.requireNonNull(body, "body");
    return new Envelope(keyId, body.clone());
  }

  /**
   * Returns whether a stored value looks like an envelope (and not a plain legacy secret).
   *
   * @param value the stored value
   * @return true if it starts with {@value #PREFIX}
   */
  public static boolean isEnvelope(CharSequence value) {
    return value != null
        && value.length() > PREFIX.length()
        && value.subSequence(0, PREFIX.length()).toString().equals(PREFIX);
  }

  /**
   * Parses an envelope.
   *
   * @param text the text form
   * @return the envelope
   * @throws InvalidInputException with field {@code envelope} if the text is not one
   */
  public static Envelope parse(String text) {
    Objects.requireNonNull(text, "envelope");
    if (!isEnvelope(text)) {
      throw new InvalidInputException("envelope", "not a sealed value (no " + PREFIX + " prefix)");
    }
    int dot = text.indexOf('.', PREFIX.length());
    if (dot < 0) {
      throw new InvalidInputException("envelope", "no key id separator");
    }
    String keyId = text.substring(PREFIX.length(), dot);
    if (!validKeyId(keyId)) {
      throw new InvalidInputException("envelope", "malformed key id");
    }
    try {
      return new Envelope(keyId, Base64.getUrlDecoder().decode(text.substring(dot + 1)));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("envelope", "body is not base64url");
    }
  }

  /**
   * Returns the key id.
   *
   * @return the key id
   */
  public String keyId() {
    return keyId;
  }

  /**
   * Returns the sealed bytes.
   *
   * @return a copy
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * Returns the text form, {@code rgs1.<keyId>.<base64url body>}.
   *
   * @return the text
   */
  public String text() {
    return PREFIX + keyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(body);
  }

  /**
   * Returns the associated data that binds a sealed value to its key id and record: the UTF-8 bytes
   * of {@code "rgs1." + keyId + NUL + context}. Every bundled sealer uses exactly this, so the
   * binding has one definition.
   *
   * @param keyId the key id written in the envelope
   * @param context the record's identity
   * @return the associated data
   * @throws IllegalArgumentException if the context holds an unpaired surrogate (UTF-8 would turn
   *     it into {@code ?}, so two different contexts would bind alike)
   */
  public static byte[] associatedData(String keyId, String context) {
    requireKeyId(keyId);
    Objects.requireNonNull(context, "context");
    for (int i = 0; i < context.length(); i++) {
      char c = context.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < context.length()
          && Character.isLowSurrogate(context.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("context: unpaired surrogate at index " + i);
      }
    }
    return (PREFIX + keyId + "\u0000" + context).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  static void requireKeyId(String keyId) {
    Objects.requireNonNull(keyId, "keyId");
    if (!validKeyId(keyId)) {
      throw new IllegalArgumentException(
          "keyId: must be 1..256 characters of [A-Za-z0-9:/_+=@-], was "
              + keyId.length()
              + " long");
    }
  }

  private static boolean validKeyId(String s) {
    if (s.isEmpty() || s.length() > 256) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || ":/_+=@-".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Envelope e && keyId.equals(e.keyId) && Arrays.equals(body, e.body);
  }

  @Override
  public int hashCode() {
    return keyId.hashCode() * 31 + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "Envelope[keyId=" + keyId + ", " + body.length + " bytes]";
  }
}
