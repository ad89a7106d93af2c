package dev.rootguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretInputTest {
  static final SecretInput.Option A = new SecretInput.Option("--a", "--a-file", "RG_A", "A");
  static final SecretInput.Option B = new SecretInput.Option("--b", "--b-file", "RG_B", "B");
  static final String SECRET = "S3CRETVALUE";

  @TempDir Path dir;
  final List<String> prompts = new ArrayList<>();

  SecretInput input(Map<String, String> env) {
    return new SecretInput(env, SecretInput.Prompter.none());
  }

  Path file(String content) throws Exception {
    Path f = dir.resolve("secret-" + prompts.size() + "-" + content.length());
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void optional_value_returnsIt() {
    assertThat(input(Map.of()).optional(SecretInput.given(A, SECRET, null)))
        .hasValueSatisfying(r -> assertThat(r.value()).isEqualTo(SECRET));
  }

  @Test
  void optional_file_stripsNewlineAndBom() throws Exception {
    Path f = file("\uFEFF" + SECRET + "\n");
    assertThat(input(Map.of()).optional(SecretInput.given(A, null, f)))
        .hasValueSatisfying(r -> assertThat(r.value()).isEqualTo(SECRET));
  }

  @Test
  void optional_env_returnsIt() {
    assertThat(input(Map.of("RG_A", SECRET)).optional(SecretInput.given(A, null, null)))
        .hasValueSatisfying(r -> assertThat(r.value()).isEqualTo(SECRET));
  }

  @Test
  void optional_emptyEnv_isNoSource() {
    assertThat(input(Map.of("RG_A", "")).optional(SecretInput.given(A, null, null))).isEmpty();
  }

  @Test
  void optional_nothing_empty() {
    assertThat(input(Map.of()).optional(SecretInput.given(A, null, null))).isEmpty();
  }

  @Test
  void optional_alternative_tellsWhichOption() {
    Optional<SecretInput.Resolved> r =
        input(Map.of("RG_B", SECRET))
            .optional(SecretInput.given(A, null, null), SecretInput.given(B, null, null));
    assertThat(r).hasValueSatisfying(v -> assertThat(v.option()).isEqualTo(B));
  }

  @Test
  void optional_valueAndEnv_errorNamesBothNeverTheValue() {
    assertThatThrownBy(
            () -> input(Map.of("RG_A", SECRET)).optional(SecretInput.given(A, SECRET, null)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("--a, --a-file or RG_A")
        .hasMessageContaining("got --a and RG_A")
        .hasMessageNotContaining(SECRET)
        .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("--a"));
  }

  @Test
  void optional_twoAlternatives_errorNamesEveryOption() throws Exception {
    Path f = file(SECRET);
    assertThatThrownBy(
            () ->
                input(Map.of())
                    .optional(SecretInput.given(A, SECRET, null), SecretInput.given(B, null, f)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("--a, --a-file or RG_A, --b, --b-file or RG_B")
        .hasMessageContaining("got --a and --b-file")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void optional_missingFile_namesFileOption() {
    Path f = dir.resolve("none");
    assertThatThrownBy(() -> input(Map.of()).optional(SecretInput.given(A, null, f)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("--a-file: no such file");
  }

  @Test
  void optional_emptyOrMultiLineOrHugeFile_refusedWithoutContent() throws Exception {
    for (String content : List.of(" \n", SECRET + "\n" + SECRET + "\n", "x".repeat(70_000))) {
      Path f = file(content);
      assertThatThrownBy(() -> input(Map.of()).optional(SecretInput.given(A, null, f)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith("--a-file: ")
          .hasMessageNotContaining(SECRET)
          .hasMessageNotContaining("xxxx");
    }
  }

  @Test
  void required_nothingGivenNoTerminal_errorNamesSources() {
    assertThatThrownBy(() -> input(Map.of()).required(SecretInput.given(A, null, null)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("--a: missing: give --a, --a-file or RG_A (or run it in a terminal)");
  }

  @Test
  void required_nothingGivenTerminal_promptsForFirst() {
    SecretInput in =
        new SecretInput(
            Map.of(),
            p -> {
              prompts.add(p);
              return Optional.of((" " + SECRET + " ").toCharArray());
            });
    SecretInput.Resolved r =
        in.required(SecretInput.given(A, null, null), SecretInput.given(B, null, null));
    assertThat(r.value()).isEqualTo(SECRET);
    assertThat(r.option()).isEqualTo(A);
    assertThat(prompts).containsExactly("A");
  }

  @Test
  void required_givenSource_neverPrompts() {
    SecretInput in =
        new SecretInput(
            Map.of(),
            p -> {
              prompts.add(p);
              return Optional.of("other".toCharArray());
            });
    assertThat(in.required(SecretInput.given(A, SECRET, null)).value()).isEqualTo(SECRET);
    assertThat(prompts).isEmpty();
  }

  @Test
  void required_emptyPrompt_refused() {
    SecretInput in = new SecretInput(Map.of(), p -> Optional.of(new char[0]));
    assertThatThrownBy(() -> in.required(SecretInput.given(A, null, null)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("--a: nothing typed");
  }

  @Test
  void toString_redacted() {
    SecretInput.Resolved r = input(Map.of()).required(SecretInput.given(A, SECRET, null));
    assertThat(r.toString()).doesNotContain(SECRET);
    assertThat(SecretInput.given(A, SECRET, null).toString()).doesNotContain(SECRET);
  }
}
