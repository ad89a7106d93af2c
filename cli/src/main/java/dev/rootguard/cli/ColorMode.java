package dev.rootguard.cli;

/** {@code --color}: whether the text report uses ANSI colours. */
enum ColorMode implements CliChoice {
  AUTO("auto"),
  ALWAYS("always"),
  NEVER("never");

  private final String label;

  ColorMode(String label) {
    this.label = label;
  }

  @Override
  public String label() {
    return label;
  }

  /** Whether to colour: {@code auto} only on a terminal and when {@code NO_COLOR} is not set. */
  boolean enabled() {
    return switch (this) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> System.console() != null && System.getenv("NO_COLOR") == null;
    };
  }

  /** Picocli's converter and completion candidates for {@code --color}. */
  static final class Converter extends CliChoice.Converter<ColorMode> {
    Converter() {
      super(ColorMode.class, "--color", "must be auto, always or never");
    }
  }
}
