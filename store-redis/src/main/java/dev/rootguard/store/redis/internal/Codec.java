package dev.rootguard.store.redis.internal;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.totp.OtpState;
import java.time.Instant;

/** How values are written as Redis strings. Stateless. */
final class Codec {
  private Codec() {}

  /**
   * Encodes a long as 16 lower-case hex digits whose byte order is the numeric order (the sign bit
   * flipped), so scripts compare sequences without Lua's doubles.
   */
  static String sortable(long v) {
    String h = Long.toHexString(v ^ Long.MIN_VALUE);
    return "0".repeat(16 - h.length()) + h;
  }

  static long unsortable(String hex) {
    return Long.parseUnsignedLong(hex, 16) ^ Long.MIN_VALUE;
  }

  static String state(OtpState s) {
    return s.lastStep() + ":" + s.drift();
  }

  static OtpState state(String s) {
    int c = s.indexOf(':');
    return new OtpState(Long.parseLong(s.substring(0, c)), Integer.parseInt(s.substring(c + 1)));
  }

  /** An instant as "seconds:nanos" (for fields read back exactly, such as a token's validity). */
  static String instant(Instant i) {
    return i.getEpochSecond() + ":" + i.getNano();
  }

  static Instant instant(String s) {
    int c = s.indexOf(':');
    return Instant.ofEpochSecond(
        Long.parseLong(s.substring(0, c)), Long.parseLong(s.substring(c + 1)));
  }

  /** Checks an instant fits what the scripts compute with (seconds exact in a double). */
  static Instant checked(String field, Instant i) {
    long s = i.getEpochSecond();
    if (s < -(1L << 50) || s > (1L << 50)) {
      throw new InvalidInputException(field, "out of the range this store supports");
    }
    return i;
  }

  static long millis(Instant i) {
    return Math.floorDiv(i.getEpochSecond(), 1) * 1000L + i.getNano() / 1_000_000;
  }

  /** The start of time step {@code step} in ms, saturating instead of overflowing. */
  static long stepStartMillis(long step, long periodMs, long t0Ms) {
    try {
      return Math.addExact(Math.multiplyExact(step, periodMs), t0Ms);
    } catch (ArithmeticException e) {
      return step < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
