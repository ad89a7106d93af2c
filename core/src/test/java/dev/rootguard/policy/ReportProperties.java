package dev.rootguard.policy;

import static dev.rootguard.policy.Fixtures.compliant;
import static dev.rootguard.policy.Fixtures.k;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ReportProperties {
  static final RootSecurityPolicy ALL = RootSecurityPolicy.builder().enableAll().build();

  static long count(String s, char c) {
    return s.chars().filter(x -> x == c).count();
  }

  /** Whatever the account name and device serial, the HTML's markup is exactly ours. */
  @Property(tries = 200)
  void html_markupDoesNotDependOnFacts(
      @ForAll("nasty") String name, @ForAll("nasty") String serial) {
    Assessment evil =
        ALL.evaluate(
            compliant()
                .accountName(k(name))
                .mfaDevices(k(List.of(new MfaDevice(serial, MfaDevice.Kind.VIRTUAL))))
                .build());
    Assessment plain =
        ALL.evaluate(
            compliant()
                .accountName(k("x"))
                .mfaDevices(k(List.of(new MfaDevice("y", MfaDevice.Kind.VIRTUAL))))
                .build());
    for (Locale l : new Locale[] {Locale.ENGLISH, Locale.JAPANESE}) {
      String a = evil.render(Assessment.Format.HTML, l);
      String b = plain.render(Assessment.Format.HTML, l);
      assertThat(count(a, '<')).isEqualTo(count(b, '<'));
      assertThat(count(a, '>')).isEqualTo(count(b, '>'));
      assertThat(count(a, '"')).isEqualTo(count(b, '"'));
    }
  }

  /** Text without colour never carries an escape or other control character from the facts. */
  @Property(tries = 200)
  void text_noControlCharacters(@ForAll("nasty") String name) {
    String t =
        ALL.evaluate(compliant().accountName(k(name)).build())
            .render(Assessment.Format.TEXT, Locale.ENGLISH, false);
    assertThat(t.chars().filter(c -> (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f)))
        .isEmpty();
  }

  /** Markdown table rows keep their column count whatever the facts. */
  @Property(tries = 200)
  void markdown_tableShapeIsStable(@ForAll("nasty") String serial) {
    String md =
        ALL.evaluate(
                compliant()
                    .mfaDevices(k(List.of(new MfaDevice(serial, MfaDevice.Kind.VIRTUAL))))
                    .build())
            .render(Assessment.Format.MARKDOWN, Locale.ENGLISH);
    for (String line : md.split("\n")) {
      if (line.startsWith("| **")) {
        assertThat(line.replace("\\|", "").chars().filter(c -> c == '|').count())
            .as(line)
            .isEqualTo(5);
      }
    }
  }

  @Property(tries = 100)
  void json_alwaysParsesAndKeepsTheName(@ForAll("nasty") String name) throws Exception {
    String json =
        ALL.evaluate(compliant().accountName(k(name)).build())
            .render(Assessment.Format.JSON, Locale.JAPANESE);
    assertThat(
            new ObjectMapper()
                .readTree(json)
                .get("assessments")
                .get(0)
                .get("account")
                .get("name")
                .asText())
        .isEqualTo(name);
  }

  @Property(tries = 100)
  void policy_toBuilderRoundTrips(
      @ForAll("controlSets") List<Control> controls,
      @ForAll @IntRange(min = 1, max = 3650) int days) {
    RootSecurityPolicy p =
        RootSecurityPolicy.builder()
            .enable(controls.toArray(Control[]::new))
            .maxDaysSinceRootUse(days)
            .build();
    assertThat(p.toBuilder().build()).isEqualTo(p);
    assertThat(p.evaluate(compliant().build()).findings()).hasSize(p.controls().size());
  }

  @Provide
  Arbitrary<String> nasty() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMinLength(1).ofMaxLength(40),
        Arbitraries.strings()
            .withChars(
                '<', '>', '"', '\'', '&', '|', '\n', '\u001b', '\u009b', '*', '`', '[', ']', 'a',
                '日')
            .ofMinLength(1)
            .ofMaxLength(40),
        Arbitraries.of(
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "a|b|c",
            "\u001b]0;pwn\u0007"));
  }

  @Provide
  Arbitrary<List<Control>> controlSets() {
    return Arbitraries.of(Control.class).list().ofMinSize(1).ofMaxSize(10);
  }
}
