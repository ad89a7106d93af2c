package dev.rootguard.fuzz;

import dev.rootguard.InvalidInputException;
import java.util.Locale;

/**
 * What every fuzz target asserts besides its parser's own contract: a refusal is an {@link
 * InvalidInputException} that names a field and says why, a refusal never echoes a secret, and no
 * single input takes longer than {@link #HANG_NANOS}. Anything else a parser throws propagates to
 * Jazzer, which records it as a finding.
 */
final class Contract {
  /** One input may take at most this long (generous: CI runs on two busy cores). */
  static final long HANG_NANOS = 10_000_000_000L;

  /** Secrets shorter than this are not searched for in messages (too many chance matches). */
  static final int MIN_SECRET_PROBE = 12;

  private Contract() {}

  /** Checks the shape of a refusal: a non-empty field, and a message "field: reason". */
  static void wellFormed(InvalidInputException e) {
    String field = e.field();
    String message = e.getMessage();
    if (field == null || field.isBlank()) {
      throw new AssertionError("refusal without a field: " + message, e);
    }
    if (message == null
        || !message.startsWith(field + ": ")
        || message.length() <= field.length() + 2) {
      throw new AssertionError("refusal message does not say why: " + message, e);
    }
  }

  /** Fails if the message (or any cause's) contains the secret, ignoring case. */
  static void doesNotLeak(Throwable e, String secret, String what) {
    if (secret == null || secret.length() < MIN_SECRET_PROBE) {
      return;
    }
    String needle = secret.toLowerCase(Locale.ROOT);
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && m.toLowerCase(Locale.ROOT).contains(needle)) {
        throw new AssertionError(what + " leaked into a message: " + t.getClass().getName(), e);
      }
    }
  }

  /** Fails if text contains the secret, ignoring case. */
  static void doesNotContain(String text, String secret, String what) {
    if (secret != null
        && secret.length() >= MIN_SECRET_PROBE
        && text.toLowerCase(Locale.ROOT).contains(secret.toLowerCase(Locale.ROOT))) {
      throw new AssertionError(what + " appears in " + text.length() + " characters of output");
    }
  }

  /** Fails if more than {@link #HANG_NANOS} passed since {@code startNanos}. */
  static void notHung(long startNanos, String target) {
    long took = System.nanoTime() - startNanos;
    if (took > HANG_NANOS) {
      throw new AssertionError(target + ": one input took " + took / 1_000_000 + " ms");
    }
  }
}
