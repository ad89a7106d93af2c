package dev.rootguard.policy;

import static dev.rootguard.policy.Fixtures.NOW;
import static dev.rootguard.policy.Fixtures.compliant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Input-derived strings (account name, device serial, source name) holding a bidi override, a line
 * separator, a lone surrogate, ESC and Markdown/HTML metacharacters, in every report format: the
 * raw code points never reach the output, the visible escapes do.
 */
class ReportRendererEscapingTest {
  static final RootSecurityPolicy ALL = RootSecurityPolicy.builder().enableAll().build();

  /** U+202E, U+2028, a lone high surrogate, ESC, then markup. */
  static final String NAME = "acme\u202Eprod\u2028x\uD800y\u001B[31m<b>|*";

  static final String SERIAL = "GALT\u202E0001\u2029\uDC00\u001B]0;t\u0007<i>";
  static final String ORIGIN = "report\u202Ecsv.exe";

  static final int[] RAW = {0x202E, 0x2028, 0x2029, 0xD800, 0xDC00, 0x1B, 0x07};

  static Assessment evil() {
    return ALL.evaluate(
        compliant()
            .accountName(Fact.known(NAME, Source.of(ORIGIN, NOW)))
            .mfaDevices(
                Fact.known(
                    List.of(new MfaDevice(SERIAL, MfaDevice.Kind.VIRTUAL)), Source.of(ORIGIN, NOW)))
            .build());
  }

  static void assertNoRaw(String out) {
    assertNoRaw(out, false);
  }

  static void assertNoRaw(String out, boolean colour) {
    for (int cp : RAW) {
      if (colour && cp == 0x1B) {
        continue; // our own colour sequences; the test asserts the name's ESC is escaped
      }
      assertThat(out.codePoints().anyMatch(c -> c == cp)).as("raw U+%04X in output", cp).isFalse();
    }
  }

  @Test
  void text() {
    for (boolean colour : new boolean[] {false, true}) {
      String out = evil().render(Assessment.Format.TEXT, Locale.ENGLISH, colour);
      assertNoRaw(out, colour);
      assertThat(out)
          .contains("(acme\\u202Eprod\\u2028x\\uD800y\\u001B[31m<b>|*)")
          .contains("GALT\\u202E0001\\u2029\\uDC00\\u001B]0;t\\u0007<i>")
          .contains("report\\u202Ecsv.exe @ ");
      if (!colour) {
        assertThat(out).doesNotContain("\u001B");
      }
    }
  }

  @Test
  void markdown() {
    String out = evil().render(Assessment.Format.MARKDOWN, Locale.JAPANESE);
    assertNoRaw(out);
    assertThat(out)
        .contains("(acme\\\\u202Eprod\\\\u2028x\\\\uD800y\\\\u001B\\[31m&lt;b&gt;\\|\\*)")
        .contains("GALT\\\\u202E0001\\\\u2029\\\\uDC00\\\\u001B\\]0;t\\\\u0007&lt;i&gt;")
        .doesNotContain("<b>")
        .doesNotContain("<i>");
  }

  @Test
  void html() {
    String out = evil().render(Assessment.Format.HTML, Locale.ENGLISH);
    assertNoRaw(out);
    assertThat(out)
        .contains("(acme\\u202Eprod\\u2028x\\uD800y\\u001B[31m&lt;b&gt;|*)")
        .contains("GALT\\u202E0001\\u2029\\uDC00\\u001B]0;t\\u0007&lt;i&gt;")
        .contains("report\\u202Ecsv.exe @ ")
        .doesNotContain("<b>")
        .doesNotContain("<i>")
        // a numeric reference would make the browser apply the override: none for input
        .doesNotContainIgnoringCase("&#x202e;")
        .doesNotContain("&#8238;");
  }

  @Test
  void json_textEscaped_valuesExact() throws Exception {
    String out = evil().render(Assessment.Format.JSON, Locale.ENGLISH);
    assertNoRaw(out);
    assertThat(out)
        .contains("\"name\" : \"acme\\u202Eprod\\u2028x\\uD800y\\u001B[31m<b>|*\"")
        .contains("GALT\\u202E0001\\u2029\\uDC00\\u001B]0;t\\u0007<i>")
        .contains("report\\u202Ecsv.exe");
    JsonNode a = new ObjectMapper().readTree(out).get("assessments").get(0);
    assertThat(a.get("account").get("name").asText()).isEqualTo(NAME);
    List<String> texts = new ArrayList<>();
    collectTexts(a, texts);
    assertThat(texts).anyMatch(t -> t.contains(SERIAL)).contains(ORIGIN);
  }

  static void collectTexts(JsonNode n, List<String> out) {
    if (n.isTextual()) {
      out.add(n.asText());
    }
    n.elements().forEachRemaining(c -> collectTexts(c, out));
  }

  @Test
  void json_supplementaryFormatCharacter_escapedAsSurrogatePair() throws Exception {
    // U+E0041 TAG LATIN CAPITAL LETTER A (Cf): invisible, used to smuggle text
    String name = "acme" + new String(Character.toChars(0xE0041)) + "\u0085\u007F";
    String out =
        ALL.evaluate(compliant().accountName(Fact.known(name, Fixtures.API)).build())
            .render(Assessment.Format.JSON, Locale.ENGLISH);
    assertThat(out)
        .contains("\"acme\\uDB40\\uDC41\\u0085\\u007F\"")
        .doesNotContain("\uDB40")
        .doesNotContain("\u0085")
        .doesNotContain("\u007F");
    assertThat(
            new ObjectMapper()
                .readTree(out)
                .get("assessments")
                .get(0)
                .get("account")
                .get("name")
                .asText())
        .isEqualTo(name);
  }

  @Test
  void text_newlineInName_cannotForgeALine() {
    String out =
        ALL.evaluate(
                compliant().accountName(Fact.known("ops\nVerdict: FORGED", Fixtures.API)).build())
            .render(Assessment.Format.TEXT, Locale.ENGLISH, false);
    assertThat(out).contains("(ops\\u000AVerdict: FORGED)");
    assertThat(out.lines()).noneMatch(line -> line.startsWith("Verdict: FORGED"));
  }
}
