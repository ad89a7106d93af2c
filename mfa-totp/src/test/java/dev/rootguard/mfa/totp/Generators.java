package dev.rootguard.mfa.totp;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Shared jqwik arbitraries for this module. */
final class Generators {
  private Generators() {}

  static Arbitrary<OtpSecret> secrets() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofMinSize(OtpSecret.MIN_LENGTH)
        .ofMaxSize(80)
        .map(OtpSecret::fromBytes);
  }

  static Arbitrary<OtpParameters> parameters() {
    return Combinators.combine(
            Arbitraries.of(HmacAlgorithm.class),
            Arbitraries.integers().between(6, 8),
            Arbitraries.oneOf(Arbitraries.of(30L, 60L), Arbitraries.longs().between(1, 86_400)))
        .as(OtpParameters::of);
  }

  /** Issuer or account names: any text without ':' or surrogates, not blank, no outer spaces. */
  static Arbitrary<String> names() {
    return Arbitraries.strings()
        .withCharRange(' ', '\uD7FF')
        .ofMinLength(1)
        .ofMaxLength(30)
        .filter(s -> s.indexOf(':') < 0 && !s.isBlank() && s.equals(s.strip()));
  }

  /**
   * Codes that must be MALFORMED for 6 digits: signs, whitespace other than ' ', non-ASCII digits.
   */
  static Arbitrary<String> nonCanonicalCodes() {
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofLength(6);
    Arbitrary<Character> bad =
        Arbitraries.of(
            '+', '-', '\t', '\n', '\u00a0', '\u0660', '\uff11', '\u0966', 'a', 'Z', '.', ',',
            '\u2007');
    return Combinators.combine(digits, bad, Arbitraries.integers().between(0, 6))
        .as((d, c, i) -> d.substring(0, i) + c + d.substring(i));
  }
}
