package dev.rootguard.cli;

import dev.rootguard.InvalidInputException;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * The one place where the CLI resolves a secret option (a TOTP secret, an otpauth URI, a PSKC key,
 * a Yubico OTP key) from its sources: the option itself ({@code --secret VALUE}, visible in {@code
 * ps} and kept for compatibility), a file ({@code --secret-file FILE}), an environment variable
 * ({@code ROOTGUARD_TOTP_SECRET}) or, when nothing was given and a terminal is attached, a no-echo
 * prompt. Exactly one source may be given; otherwise a one-line error names every option.
 *
 * <pre>{@code
 * String base32 = SecretInput.of(spec).required(SecretInput.given(TOTP_SECRET, secret, secretFile));
 * }</pre>
 *
 * <p>Error messages name options, files and variables, never a value. Values are Java strings
 * because the library parsers take them; wiping them is not possible, so this is best-effort like
 * every other secret handling on the JVM.
 *
 * <p>Immutable and thread-safe if its prompter is.
 */
final class SecretInput {
  /** Help text appended to a file option's description. */
  static final String FILE_HELP = "Preferred: no other process can see it (use mode 600).";

  /** Help text appended to the description of a secret given as an option value. */
  static final String VISIBLE_HELP =
      "Visible to other users in ps (kept for compatibility); prefer the file option below or,"
          + " where offered, the prompt.";

  /** Largest secret file read, in bytes; secrets are short. */
  static final int MAX_FILE_BYTES = 64 * 1024;

  /** Reads a line without echo; empty when no terminal is attached. */
  @FunctionalInterface
  interface Prompter {
    /**
     * Reads a secret without echoing it.
     *
     * @param prompt what to ask for
     * @return the characters typed, or empty when not interactive
     */
    Optional<char[]> readPassword(String prompt);

    /** The JVM's console, when there is one. */
    static Prompter console() {
      return prompt -> {
        Console c = System.console();
        if (c == null) {
          return Optional.empty();
        }
        return Optional.ofNullable(c.readPassword("%s: ", prompt));
      };
    }

    /** Never interactive. */
    static Prompter none() {
      return prompt -> Optional.empty();
    }
  }

  /**
   * The names of one secret option: the option, its file option, its environment variable and what
   * a prompt asks for. Holds no secret.
   */
  record Option(String option, String fileOption, String envVar, String prompt) {
    Option {
      Objects.requireNonNull(option, "option");
      Objects.requireNonNull(fileOption, "fileOption");
      Objects.requireNonNull(envVar, "envVar");
      Objects.requireNonNull(prompt, "prompt");
    }

    String names() {
      return option + ", " + fileOption + " or " + envVar;
    }
  }

  /** A secret option as given on one command line: its value and its file, either may be null. */
  static final class Given {
    final Option option;
    private final String value;
    private final Path file;

    private Given(Option option, String value, Path file) {
      this.option = Objects.requireNonNull(option, "option");
      this.value = value;
      this.file = file;
    }

    @Override
    public String toString() {
      return "Given[" + option.option() + ", redacted]";
    }
  }

  /** A resolved secret and the option it stands for. */
  static final class Resolved {
    private final Option option;
    private final String value;

    private Resolved(Option option, String value) {
      this.option = option;
      this.value = value;
    }

    /** The option this value was given for (whichever source it came from). */
    Option option() {
      return option;
    }

    /** The secret. */
    String value() {
      return value;
    }

    @Override
    public String toString() {
      return "Resolved[" + option.option() + ", redacted]";
    }
  }

  private final Map<String, String> env;
  private final Prompter prompter;

  SecretInput(Map<String, String> env, Prompter prompter) {
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    this.prompter = Objects.requireNonNull(prompter, "prompter");
  }

  /** The secret input of the {@link RootGuardCli} this command runs under. */
  static SecretInput of(CommandLine.Model.CommandSpec spec) {
    if (spec.root().userObject() instanceof RootGuardCli cli) {
      return cli.secretInput();
    }
    return new SecretInput(System.getenv(), Prompter.console());
  }

  /** Describes what was given for one secret option (the value and the file may be null). */
  static Given given(Option option, String value, Path file) {
    return new Given(option, value, file);
  }

  /**
   * Returns the secret from the one source given among all the alternatives, or empty if none was.
   *
   * @throws InvalidInputException if more than one source was given, or a file cannot be read
   */
  Optional<Resolved> optional(Given... alternatives) {
    List<Resolved> found = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (Given g : alternatives) {
      if (g.value != null) {
        sources.add(g.option.option());
        found.add(new Resolved(g.option, g.value));
      }
      if (g.file != null) {
        sources.add(g.option.fileOption());
        found.add(new Resolved(g.option, readFile(g.option, g.file)));
      }
      String e = env.get(g.option.envVar());
      if (e != null && !e.isEmpty()) {
        sources.add(g.option.envVar());
        found.add(new Resolved(g.option, e));
      }
    }
    if (found.size() > 1) {
      throw new InvalidInputException(
          alternatives[0].option.option(),
          "give only one of "
              + names(alternatives)
              + " (got "
              + String.join(" and ", sources)
              + ")");
    }
    return found.stream().findFirst();
  }

  /**
   * Returns the secret from the one source given among the alternatives; when none was given and a
   * terminal is attached, prompts for the first alternative without echo.
   *
   * @throws InvalidInputException if no source or more than one was given, or a file cannot be read
   */
  Resolved required(Given... alternatives) {
    Optional<Resolved> r = optional(alternatives);
    if (r.isPresent()) {
      return r.get();
    }
    Option first = alternatives[0].option;
    Optional<char[]> typed = prompter.readPassword(first.prompt());
    if (typed.isPresent()) {
      char[] chars = typed.get();
      String value = new String(chars).strip();
      Arrays.fill(chars, '\0');
      if (value.isEmpty()) {
        throw new InvalidInputException(first.option(), "nothing typed at the prompt");
      }
      return new Resolved(first, value);
    }
    throw new InvalidInputException(
        first.option(), "missing: give " + names(alternatives) + " (or run it in a terminal)");
  }

  private static String names(Given... alternatives) {
    return Arrays.stream(alternatives).map(g -> g.option.names()).collect(Collectors.joining(", "));
  }

  private static String readFile(Option option, Path file) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(option.fileOption(), "no such file: " + file);
    } catch (IOException e) {
      throw new InvalidInputException(
          option.fileOption(), "cannot read " + file + ": " + e.getClass().getSimpleName());
    }
    try {
      if (bytes.length > MAX_FILE_BYTES) {
        throw new InvalidInputException(
            option.fileOption(), file + " is longer than " + MAX_FILE_BYTES + " bytes");
      }
      String text;
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes))
                .toString();
      } catch (CharacterCodingException e) {
        throw new InvalidInputException(option.fileOption(), file + " is not UTF-8 text");
      }
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      String value = text.strip();
      if (value.isEmpty()) {
        throw new InvalidInputException(option.fileOption(), file + " is empty");
      }
      if (value.lines().count() > 1) {
        throw new InvalidInputException(
            option.fileOption(), file + " must hold the secret on one line");
      }
      return value;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
