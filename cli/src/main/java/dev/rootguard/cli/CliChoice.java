package dev.rootguard.cli;

import dev.rootguard.InvalidInputException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine;

/**
 * A value of a closed option such as {@code --lang en|ja}, spelled as on the command line. Enums
 * implement it; their {@link Converter} is picocli's converter for the option and the source of its
 * {@code ${COMPLETION-CANDIDATES}} in the help.
 *
 * <pre>{@code
 * @Option(names = "--lang", converter = Lang.Converter.class,
 *     completionCandidates = Lang.Converter.class)
 * Lang lang;
 * }</pre>
 */
interface CliChoice {
  /** The spelling the help shows and the command line accepts. */
  String label();

  /** Other accepted spellings ({@code markdown} for {@code md}); none by default. */
  default List<String> aliases() {
    return List.of();
  }

  /**
   * Converts a command-line word to its enum constant, case-sensitively, and lists the labels for
   * the help. An unknown word is an {@link InvalidInputException} naming the option, which the
   * command line reports as {@code rootguard: error: --lang: must be en or ja} (exit 2).
   *
   * <p>Thread-safe (immutable).
   *
   * @param <E> the enum
   */
  abstract class Converter<E extends Enum<E> & CliChoice>
      implements CommandLine.ITypeConverter<E>, Iterable<String> {
    private final List<E> values;
    private final String option;
    private final String mustBe;

    /**
     * @param type the enum
     * @param option the option's name, for the error
     * @param mustBe why a word was refused, e.g. {@code must be en or ja}
     */
    protected Converter(Class<E> type, String option, String mustBe) {
      this.values = Arrays.asList(type.getEnumConstants());
      this.option = option;
      this.mustBe = mustBe;
    }

    @Override
    public E convert(String word) {
      for (E v : values) {
        if (v.label().equals(word) || v.aliases().contains(word)) {
          return v;
        }
      }
      throw new InvalidInputException(option, mustBe);
    }

    @Override
    public Iterator<String> iterator() {
      return values.stream().map(CliChoice::label).iterator();
    }
  }
}
