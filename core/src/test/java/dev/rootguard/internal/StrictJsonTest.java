package dev.rootguard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rootguard.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How {@link StrictJson} describes what it refuses: by kind and position, never by content. */
class StrictJsonTest {

  private static JsonNode json(String text) {
    return StrictJson.read(text, "doc");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'\"secret\"' | a string",
        "24.9 | the number 24.9",
        "-3 | the number -3",
        "true | true",
        "false | false",
        "[1,2] | an array",
        "{\"a\":1} | an object",
        "null | null",
      })
  void kind_namesTheJsonKind(String text, String expected) {
    assertThat(StrictJson.kind(json(text))).isEqualTo(expected);
  }

  @Test
  void kind_absentOrEmpty_isEmptyInput() {
    assertThat(StrictJson.kind(null)).isEqualTo("empty input");
    assertThat(StrictJson.kind(json(""))).isEqualTo("empty input");
  }

  @Test
  void text_wrongKind_namesTheKindNotTheValue() {
    assertThatThrownBy(() -> StrictJson.text(json("{\"a\":[\"hunter2\"]}").get("a"), "Name"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("Name");
              assertThat(e.reason()).isEqualTo("must be a string, was an array");
            });
  }

  @Test
  void wholeNumber_numberUpTo24Characters_shownWhole_longerCut() {
    String n24 = "123456789012345678901234";
    String n25 = n24 + "5";

    assertThatThrownBy(() -> StrictJson.wholeNumber(json(n24), "MaxPasswordAge", 1, 1095))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.reason()).isEqualTo("must be 1..1095, was " + n24));
    assertThatThrownBy(() -> StrictJson.wholeNumber(json(n25), "MaxPasswordAge", 1, 1095))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.reason()).isEqualTo("must be 1..1095, was 123456789012345678901..."));
  }

  @Test
  void read_syntaxError_namesLineAndColumnOnly() {
    byte[] bad = "{\n  \"a\": 1,\n  \"b\": hunter2\n}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> StrictJson.read(bad, "doc"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("doc");
              assertThat(e.reason()).startsWith("not valid JSON at line 3, column ");
            });
  }
}
