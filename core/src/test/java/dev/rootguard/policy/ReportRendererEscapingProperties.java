package dev.rootguard.policy;

import static dev.rootguard.policy.Fixtures.NOW;
import static dev.rootguard.policy.Fixtures.compliant;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the account name, device serial and source name, no report format carries a control,
 * format, line/paragraph separator or surrogate code point from them: each such code point occurs
 * in the output exactly as often as in the report of a plain account (where only our own line
 * feeds, and ESC with colour, appear).
 */
class ReportRendererEscapingProperties {
  static final RootSecurityPolicy ALL = RootSecurityPolicy.builder().enableAll().build();

  /** The oracle, written out independently of the code under test. */
  static boolean unsafe(int cp) {
    int t = Character.getType(cp);
    return t == Character.CONTROL
        || t == Character.FORMAT
        || t == Character.LINE_SEPARATOR
        || t == Character.PARAGRAPH_SEPARATOR
        || t == Character.SURROGATE;
  }

  static Map<Integer, Long> unsafeCounts(String s) {
    return s.codePoints()
        .filter(ReportRendererEscapingProperties::unsafe)
        .boxed()
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  static Assessment assess(String name, String serial, String origin) {
    Source src = Source.of(origin, NOW);
    return ALL.evaluate(
        compliant()
            .accountName(Fact.known(name, src))
            .mfaDevices(Fact.known(List.of(new MfaDevice(serial, MfaDevice.Kind.VIRTUAL)), src))
            .build());
  }

  @Property(tries = 150)
  void noUnsafeCodePointFromTheInput_inAnyFormat(
      @ForAll("hostile") String name,
      @ForAll("hostile") String serial,
      @ForAll("hostile") String origin,
      @ForAll boolean japanese,
      @ForAll boolean colour) {
    Assessment evil = assess(name, serial, "f" + origin);
    Assessment plain = assess("acme", "GALT0001", "f");
    Locale l = japanese ? Locale.JAPANESE : Locale.ENGLISH;
    for (Assessment.Format f : Assessment.Format.values()) {
      String a = evil.render(f, l, colour);
      String b = plain.render(f, l, colour);
      assertThat(unsafeCounts(a)).as(f.name()).isEqualTo(unsafeCounts(b));
    }
  }

  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMinLength(1).ofMaxLength(30),
        Arbitraries.strings()
            .withChars(
                '\u202E', '\u202A', '\u2066', '\u2069', '\u200B', '\u200F', '\uFEFF', '\u00AD',
                '\u2028', '\u2029', '\uD800', '\uDBFF', '\uDC00', '\uDB40', '\uDC41', '\u0000',
                '\u001B', '\n', '\r', '\t', '\u007F', '\u0085', '\u009B', '<', '>', '&', '"', '\'',
                '|', '*', '`', '\\', '[', ']', '#', 'a', '日')
            .ofMinLength(1)
            .ofMaxLength(30));
  }
}
