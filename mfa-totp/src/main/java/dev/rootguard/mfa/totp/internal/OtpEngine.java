package dev.rootguard.mfa.totp.internal;

import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.OtpSecret;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The one code search behind every OTP verifier of RootGuard ({@code TotpVerifier}, {@code
 * HotpVerifier} in mfa-totp, {@code HardwareTokenVerifier} in mfa-hardware). Each verifier decides
 * <em>where</em> to look (its window, look-ahead or resync range, from its own settings and stored
 * state); this class decides <em>how</em>, with one rule set:
 *
 * <ol>
 *   <li><b>Input.</b> The one normalization removes ASCII spaces (U+0020), which users type and UIs
 *       insert between digit groups ({@code "123 456"}, {@code " 123456"}). After it the code must
 *       be exactly the credential's number of ASCII digits {@code '0'..'9'}; signs, tabs, other
 *       whitespace, letters, non-ASCII digits, and input longer than {@value #MAX_INPUT_LENGTH}
 *       characters are malformed ({@link #normalize}).
 *   <li><b>Used steps.</b> A step (TOTP) or counter (HOTP) below {@code firstFresh}, i.e. at or
 *       below the last accepted one (RFC 6238 §5.2, RFC 4226 §7.2), is never accepted. If the code
 *       matches such a step anywhere in the searched range, the verdict is a replay, even when it
 *       also matches a fresh step (two steps can share a code), so an accepted code is never
 *       accepted a second time.
 *   <li><b>Match choice.</b> Among fresh matches, the one nearest to {@code target} wins (TOTP: the
 *       current step, so drift is learned from the likeliest step; HOTP: the next expected counter,
 *       so the lowest counter wins); on a tie, the earlier step. For a pair of consecutive codes
 *       (resynchronization) the distance is that of the first code's step.
 *   <li><b>Constant time.</b> Every candidate in the range is computed and compared with {@link
 *       MessageDigest#isEqual}; the loop has no early exit, and the choice is made with
 *       non-short-circuit operators.
 *   <li><b>Wiping.</b> The expected-code buffers and computed HMAC values are zero-filled before
 *       returning; the caller zero-fills the submitted-code buffers it passed (obtained from {@link
 *       OtpKey.Scratch#given} and {@link OtpKey.Scratch#second}).
 * </ol>
 *
 * <p>A search returns one {@code long}: {@link #NONE} when nothing matched; otherwise the highest
 * used match if there is one (test with {@link #isReplay}), else the chosen fresh match. It
 * allocates nothing: ranges of up to {@value OtpKey#MAX_WINDOW_VALUES} steps go through the key's
 * window cache ({@link OtpKey#window}), longer ones (resynchronization) are computed step by step.
 *
 * <pre>{@code
 * OtpKey.Scratch s = OtpKey.scratch();
 * byte[] given = s.given(digits);
 * try {
 *   if (!OtpEngine.normalize(code, given)) return MALFORMED_INPUT;
 *   long m = OtpEngine.find(key, digits, given, now - 1, now + 1, last + 1, now, s);
 *   if (m == OtpEngine.NONE) return WRONG_CODE;
 *   if (OtpEngine.isReplay(m, last + 1)) return REPLAYED;
 *   ... compare-and-set the state to m ...
 * } finally {
 *   Arrays.fill(given, (byte) 0);
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe; the scratch passed in must be the calling thread's.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6238#section-5.2">RFC 6238 §5.2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc4226#section-7.2">RFC 4226 §7.2</a>
 */
public final class OtpEngine {
  /** What a search returns when no candidate matched. */
  public static final long NONE = Long.MIN_VALUE;

  /** Longest submitted text even looked at. */
  public static final int MAX_INPUT_LENGTH = 64;

  /** Most candidates one search may compare (a HOTP resync of 100,000 counters, plus one). */
  public static final long MAX_RANGE = 100_001;

  private static volatile BiFunction<OtpSecret, HmacAlgorithm, OtpKey> keys;

  private OtpEngine() {}

  /**
   * Writes the canonical form of a submitted code into {@code out} (rule 1).
   *
   * @param code the submitted text
   * @param out the buffer, exactly as long as the expected number of digits
   * @return false if the code is malformed (then {@code out} holds garbage the caller wipes)
   */
  public static boolean normalize(CharSequence code, byte[] out) {
    int len = code.length();
    if (len > MAX_INPUT_LENGTH) {
      return false;
    }
    int n = 0;
    for (int i = 0; i < len; i++) {
      char c = code.charAt(i);
      if (c == ' ') {
        continue;
      }
      if (c < '0' || c > '9' || n == out.length) {
        return false;
      }
      out[n++] = (byte) c;
    }
    return n == out.length;
  }

  /**
   * Searches the steps {@code lo..hi} for one whose code is {@code given}.
   *
   * @param key the credential's prepared key
   * @param digits the code length, 6 to 8
   * @param given the normalized submitted code, {@code digits} bytes
   * @param lo the first step or counter searched
   * @param hi the last step or counter searched (inclusive); {@code hi < lo} finds nothing
   * @param firstFresh the lowest step that was never used (last accepted + 1)
   * @param target the step a fresh match should be nearest to
   * @param s the calling thread's scratch
   * @return {@link #NONE}, the highest used match, or the chosen fresh match
   * @throws IllegalArgumentException if the range is longer than {@link #MAX_RANGE}
   * @throws IllegalStateException if the key was destroyed
   */
  public static long find(
      OtpKey key,
      int digits,
      byte[] given,
      long lo,
      long hi,
      long firstFresh,
      long target,
      OtpKey.Scratch s) {
    return search(key, digits, given, null, lo, hi, firstFresh, target, s);
  }

  /**
   * Searches for two consecutive codes: a step {@code c} in {@code lo..hi} whose code is {@code
   * first} while the code of {@code c + 1} is {@code second}. A pair whose first step is used is a
   * replay.
   *
   * @param key the credential's prepared key
   * @param digits the code length, 6 to 8
   * @param first the normalized first code
   * @param second the normalized second code
   * @param lo the lowest first step searched
   * @param hi the highest first step searched (the pair's second step is {@code hi + 1})
   * @param firstFresh the lowest step that was never used
   * @param target the step a fresh pair's first step should be nearest to
   * @param s the calling thread's scratch
   * @return {@link #NONE}, the first step of the highest used pair, or of the chosen fresh pair
   * @throws IllegalArgumentException if the range is longer than {@link #MAX_RANGE}
   * @throws IllegalStateException if the key was destroyed
   */
  public static long findPair(
      OtpKey key,
      int digits,
      byte[] first,
      byte[] second,
      long lo,
      long hi,
      long firstFresh,
      long target,
      OtpKey.Scratch s) {
    Objects.requireNonNull(second, "second");
    return search(key, digits, first, second, lo, hi, firstFresh, target, s);
  }

  /**
   * Returns whether a search result is a used step (a replay).
   *
   * @param match what {@link #find} or {@link #findPair} returned
   * @param firstFresh the {@code firstFresh} given to the search
   * @return true if {@code match} is a step below {@code firstFresh}
   */
  public static boolean isReplay(long match, long firstFresh) {
    return match != NONE && match < firstFresh;
  }

  private static long search(
      OtpKey key,
      int digits,
      byte[] given,
      byte[] second,
      long lo,
      long hi,
      long firstFresh,
      long target,
      OtpKey.Scratch s) {
    Objects.requireNonNull(key, "key");
    if (given.length != digits || (second != null && second.length != digits)) {
      throw new IllegalArgumentException("given: must be " + digits + " bytes");
    }
    if (hi < lo || lo == NONE) {
      return NONE;
    }
    // Steps compared: lo..hi, or lo..hi+1 for pairs.
    long last = second == null ? hi : hi + 1;
    if (last - lo + 1 > MAX_RANGE || last - lo + 1 <= 0) {
      throw new IllegalArgumentException("range: at most " + MAX_RANGE + " steps");
    }
    int count = (int) (last - lo + 1);
    byte[] expected = s.expected(digits);
    int[] values = count <= OtpKey.MAX_WINDOW_VALUES ? key.window(lo, count, s) : null;
    long fresh = NONE;
    long freshDistance = Long.MAX_VALUE;
    long used = NONE;
    boolean previousIsFirst = false;
    try {
      for (int i = 0; i < count; i++) {
        long step = lo + i;
        int value = values != null ? OtpKey.mod(values[i], digits) : key.code(step, digits, s);
        OtpKey.writeDigits(value, expected);
        long candidate;
        boolean match;
        if (second == null) {
          candidate = step;
          match = MessageDigest.isEqual(expected, given);
        } else {
          // step is the pair's second code; step - 1 its first
          candidate = step - 1;
          match = previousIsFirst & MessageDigest.isEqual(expected, second);
          previousIsFirst = MessageDigest.isEqual(expected, given);
        }
        boolean isFresh = candidate >= firstFresh;
        long distance = Math.abs(candidate - target);
        if (match & !isFresh) {
          used = candidate; // ascending: the last one seen is the highest
        }
        if (match & isFresh & distance < freshDistance) {
          fresh = candidate;
          freshDistance = distance;
        }
      }
    } finally {
      Arrays.fill(expected, (byte) 0);
      if (values != null) {
        Arrays.fill(values, 0, count, 0);
      }
    }
    return used != NONE ? used : fresh;
  }

  /**
   * Returns the prepared key of a secret, for verifiers outside the {@code dev.rootguard.mfa.totp}
   * package (a secret's key is not public API).
   *
   * @param secret the secret
   * @param algorithm the HMAC algorithm
   * @return the prepared key, cached in the secret
   * @throws IllegalStateException if the secret was destroyed
   */
  public static OtpKey key(OtpSecret secret, HmacAlgorithm algorithm) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(algorithm, "algorithm");
    return keys.apply(secret, algorithm); // set when OtpSecret was initialized
  }

  /**
   * Called once by {@link OtpSecret}'s class initializer to give this class access to its keys.
   *
   * @param access {@code OtpSecret::key}
   * @throws IllegalStateException if called twice
   */
  public static synchronized void keyAccess(BiFunction<OtpSecret, HmacAlgorithm, OtpKey> access) {
    if (keys != null) {
      throw new IllegalStateException("key access is already set");
    }
    keys = Objects.requireNonNull(access, "access");
  }
}
