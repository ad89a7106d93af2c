package dev.rootguard.cli;

import dev.rootguard.policy.Assessment;
import java.util.List;

/** {@code --format}: how {@code rootguard audit} renders its report. */
enum ReportFormat implements CliChoice {
  TEXT("text", Assessment.Format.TEXT),
  MD("md", Assessment.Format.MARKDOWN),
  JSON("json", Assessment.Format.JSON),
  HTML("html", Assessment.Format.HTML);

  private final String label;
  private final Assessment.Format format;

  ReportFormat(String label, Assessment.Format format) {
    this.label = label;
    this.format = format;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public List<String> aliases() {
    return this == MD ? List.of("markdown") : List.of();
  }

  /** The renderer's format. */
  Assessment.Format format() {
    return format;
  }

  /** Picocli's converter and completion candidates for {@code --format}. */
  static final class Converter extends CliChoice.Converter<ReportFormat> {
    Converter() {
      super(ReportFormat.class, "--format", "must be text, md, json or html");
    }
  }
}
