package dev.rootguard.cli;

import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The picocli mixin for {@code --lang} and {@code --color}, shared by every command that renders a
 * report ({@code audit}, {@code demo}), so the options read, convert and fail the same way.
 *
 * <pre>{@code
 * @Mixin OutputOptions output;
 * ...
 * out.print(Assessment.renderAll(as, Assessment.Format.TEXT, output.locale(), output.colour()));
 * }</pre>
 *
 * <p>Not thread-safe (picocli fills one instance per run).
 */
final class OutputOptions {
  @Option(
      names = "--lang",
      defaultValue = "en",
      paramLabel = "en|ja",
      converter = Lang.Converter.class,
      completionCandidates = Lang.Converter.class,
      description = "Report language: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  Lang lang;

  @Option(
      names = "--color",
      defaultValue = "auto",
      paramLabel = "auto|always|never",
      converter = ColorMode.Converter.class,
      completionCandidates = ColorMode.Converter.class,
      description =
          "Colours in text reports: ${COMPLETION-CANDIDATES}; auto: only on a terminal."
              + " Default: ${DEFAULT-VALUE}.")
  ColorMode color;

  /** The report's locale. */
  Locale locale() {
    return lang.locale();
  }

  /** Whether {@code --color} asks for colours here. */
  boolean colour() {
    return color.enabled();
  }
}
