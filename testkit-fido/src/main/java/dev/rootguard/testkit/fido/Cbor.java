package dev.rootguard.testkit.fido;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A minimal CBOR writer (RFC 8949 definite-length items only). Not thread-safe. */
final class Cbor {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

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

  Cbor integer(long value) {
    return value >= 0 ? head(0, value) : head(1, -1 - value);
  }

  Cbor bytes(byte[] value) {
    head(2, value.length);
    out.writeBytes(value);
    return this;
  }

  Cbor text(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    head(3, utf8.length);
    out.writeBytes(utf8);
    return this;
  }

  Cbor array(int size) {
    return head(4, size);
  }

  Cbor map(int size) {
    return head(5, size);
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
