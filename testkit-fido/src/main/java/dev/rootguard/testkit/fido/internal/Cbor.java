package dev.rootguard.testkit.fido.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal CBOR writer (RFC 8949 definite-length items only), for attestation objects and COSE
 * keys. Not thread-safe; use one instance per item.
 *
 * <pre>{@code
 * byte[] map = new Cbor().map(1).text("fmt").text("none").toByteArray();
 * }</pre>
 */
public final class Cbor {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Starts an empty item. */
  public Cbor() {}

  private Cbor head(int major, long value) {
    int mt = major << 5;
    if (value < 24) {
      out.write(mt | (int) value);
    } else if (value < 0x100) {
      out.write(mt | 24);
      out.write((int) value);
    } else if (value < 0x10000) {
      out.write(mt | 25);
      writeBigEndian(value, 2);
    } else if (value < 0x100000000L) {
      out.write(mt | 26);
      writeBigEndian(value, 4);
    } else {
      out.write(mt | 27);
      writeBigEndian(value, 8);
    }
    return this;
  }

  private void writeBigEndian(long value, int bytes) {
    for (int i = bytes - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)) & 0xff);
    }
  }

  /**
   * Writes an integer (major type 0 or 1).
   *
   * @param value the integer
   * @return this
   */
  public Cbor integer(long value) {
    return value >= 0 ? head(0, value) : head(1, -1 - value);
  }

  /**
   * Writes a byte string (major type 2).
   *
   * @param value the bytes
   * @return this
   */
  public Cbor bytes(byte[] value) {
    head(2, value.length);
    out.writeBytes(value);
    return this;
  }

  /**
   * Writes a UTF-8 text string (major type 3).
   *
   * @param value the text
   * @return this
   */
  public Cbor text(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    head(3, utf8.length);
    out.writeBytes(utf8);
    return this;
  }

  /**
   * Starts an array of {@code size} items (major type 4).
   *
   * @param size the number of items that follow
   * @return this
   */
  public Cbor array(int size) {
    return head(4, size);
  }

  /**
   * Starts a map of {@code size} pairs (major type 5).
   *
   * @param size the number of key/value pairs that follow
   * @return this
   */
  public Cbor map(int size) {
    return head(5, size);
  }

  /**
   * Returns the bytes written so far.
   *
   * @return a copy of the encoding
   */
  public byte[] toByteArray() {
    return out.toByteArray();
  }
}
