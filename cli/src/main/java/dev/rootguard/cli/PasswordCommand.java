package dev.rootguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootguard.InvalidInputException;
import dev.rootguard.password.PasswordCheck;
import dev.rootguard.password.PasswordContext;
import dev.rootguard.password.PasswordFinding;
import dev.rootguard.password.PasswordPolicy;
import dev.rootguard.password.PasswordValidator;
import dev.rootguard.password.Strength;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rootguard password}: judges passwords by AWS's rules ({@code check}). The password part of
 * {@code rootguard demo} is {@link DemoReports#judgeSamplePasswords}.
 */
@Command(
    name = "password",
    mixinStandardHelpOptions = true,
    description = "Judge passwords by AWS's rules (root user, IAM default, IAM custom, CIS).",
    subcommands = {PasswordCommand.Check.class})
public final class PasswordCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return RootGuardCli.EXIT_ERROR;
  }

  /** {@code rootguard password check}. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Reads one password per line from standard input (without echo on a terminal) and prints"
            + " a verdict per line with the reasons. The password itself is never printed.",
        "Exit code: 0 no violations, 1 at least one password violates the policy, 2 error."
      })
  public static final class Check implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--policy",
        defaultValue = "aws-root",
        paramLabel = "PRESET|FILE.json",
        description =
            "aws-root, aws-root-strict, aws-iam-default, cis, recommended, or the JSON that"
                + " 'aws iam get-account-password-policy' prints. Default: ${DEFAULT-VALUE}.")
    String policy;

    @Option(names = "--account-name", paramLabel = "NAME", description = "AWS account name.")
    String accountName;

    @Option(names = "--email", paramLabel = "EMAIL", description = "Account (root) e-mail.")
    String email;

    @Option(names = "--user-name", paramLabel = "USER", description = "IAM user name.")
    String userName;

    @Option(names = "--account-id", paramLabel = "ID", description = "12-digit AWS account id.")
    String accountId;

    @Option(names = "--json", description = "Print one JSON object per password.")
    boolean json;

    @Option(
        names = "--lang",
        paramLabel = "en|ja",
        converter = Lang.Converter.class,
        completionCandidates = Lang.Converter.class,
        description =
            "Language of the reasons: ${COMPLETION-CANDIDATES}. Default: from the system locale.")
    Lang lang;

    private InputStream input;

    /** Reads from this stream instead of the console or standard input (for tests). */
    void input(InputStream in) {
      this.input = in;
    }

    @Override
    public Integer call() throws IOException {
      PasswordPolicy p = resolvePolicy(spec.commandLine(), policy);
      PasswordContext ctx = context();
      Locale locale = (lang == null ? Lang.fromDefault() : lang).locale();
      PasswordValidator validator = PasswordValidator.of(p);
      PrintWriter out = spec.commandLine().getOut();
      ObjectMapper mapper = new ObjectMapper();

      Console console = input == null ? System.console() : null;
      LineSource source;
      if (console != null) {
        source = () -> console.readPassword("%s", CliTexts.get(locale, "password.prompt"));
      } else {
        Reader reader =
            new InputStreamReader(input == null ? System.in : input, StandardCharsets.UTF_8);
        LineReader lines = new LineReader(reader);
        source = lines::next;
      }

      int lineNo = 0;
      int judged = 0;
      boolean anyViolation = false;
      while (true) {
        char[] pw = source.next();
        if (pw == null) {
          break;
        }
        lineNo++;
        try {
          if (pw.length == 0) {
            if (console != null) {
              break;
            }
            continue; // empty lines are skipped but counted
          }
          PasswordCheck c = validator.check(pw, ctx);
          judged++;
          anyViolation |= !c.isValid();
          if (json) {
            out.println(mapper.writeValueAsString(toJson(mapper, lineNo, c, locale)));
          } else {
            printVerdict(out, lineNo, c, locale);
          }
          out.flush();
        } finally {
          Arrays.fill(pw, '\0');
        }
      }
      if (judged == 0) {
        spec.commandLine()
            .getErr()
            .println("rootguard: error: " + CliTexts.get(locale, "password.none"));
        return RootGuardCli.EXIT_ERROR;
      }
      return anyViolation ? RootGuardCli.EXIT_VERDICT : 0;
    }

    private PasswordContext context() {
      PasswordContext.Builder b = PasswordContext.builder();
      try {
        if (accountName != null) {
          b.accountName(accountName);
        }
        if (email != null) {
          b.email(email);
        }
        if (userName != null) {
          b.userName(userName);
        }
        if (accountId != null) {
          b.accountId(accountId);
        }
      } catch (InvalidInputException e) {
        String option = "--" + e.field().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
        throw new CommandLine.ParameterException(
            spec.commandLine(), option + ": " + e.getMessage().substring(e.field().length() + 2));
      }
      return b.build();
    }
  }

  static PasswordPolicy resolvePolicy(CommandLine cl, String policy) {
    Supplier<PasswordPolicy> preset = PasswordPresets.ALL.get(policy);
    if (preset != null) {
      return preset.get();
    }
    Path file = Path.of(policy);
    if (!Files.isRegularFile(file)) {
      throw new CommandLine.ParameterException(
          cl,
          "--policy: '"
              + policy
              + "' is neither a preset ("
              + String.join(", ", PasswordPresets.ALL.keySet())
              + ") nor a readable file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return PasswordPolicy.fromIamJson(in);
    } catch (InvalidInputException e) {
      throw new CommandLine.ParameterException(cl, "--policy " + policy + ": " + e.getMessage());
    } catch (IOException e) {
      throw new CommandLine.ParameterException(
          cl, "--policy " + policy + ": cannot read: " + e.getMessage());
    }
  }

  static void printVerdict(PrintWriter out, int lineNo, PasswordCheck c, Locale locale) {
    String verdict = CliTexts.verdict(c, locale);
    StringBuilder head =
        new StringBuilder(String.format(locale, CliTexts.get(locale, "password.line"), lineNo))
            .append(verdict)
            .append(" (")
            .append(c.policyName())
            .append(")");
    c.strength()
        .ifPresent(
            s ->
                head.append(
                    String.format(locale, CliTexts.get(locale, "password.strength"), s.score())));
    out.println(head);
    for (PasswordFinding f : c.violations()) {
      out.println("    x " + f.rule() + ": " + f.message(locale));
    }
    for (PasswordFinding f : c.warnings()) {
      out.println("    ! " + f.rule() + ": " + f.message(locale));
    }
  }

  static ObjectNode toJson(ObjectMapper mapper, int lineNo, PasswordCheck c, Locale locale) {
    ObjectNode o = mapper.createObjectNode();
    o.put("line", lineNo);
    o.put("policy", c.policyName());
    o.put("valid", c.isValid());
    o.put("recommended", c.isRecommended());
    o.set("violations", findings(mapper, c.violations(), locale));
    o.set("warnings", findings(mapper, c.warnings(), locale));
    if (c.strength().isPresent()) {
      Strength s = c.strength().get();
      ObjectNode st = o.putObject("strength");
      st.put("score", s.score());
      st.put("guessesLog10", Math.round(s.guessesLog10() * 100) / 100.0);
      ArrayNode hints = st.putArray("hints");
      s.hints().forEach(h -> hints.add(h.message(locale)));
    }
    return o;
  }

  private static ArrayNode findings(ObjectMapper mapper, List<PasswordFinding> fs, Locale locale) {
    ArrayNode a = mapper.createArrayNode();
    for (PasswordFinding f : fs) {
      ObjectNode n = a.addObject();
      n.put("rule", f.rule().name());
      n.put("message", f.message(locale));
      f.limit().ifPresent(l -> n.put("limit", l));
    }
    return a;
  }

  /** A source of password lines; null at the end. */
  @FunctionalInterface
  interface LineSource {
    char[] next() throws IOException;
  }

  /**
   * Reads lines into {@code char[]} buffers that the caller wipes, without building a {@code
   * String} per password. Lines longer than {@link #MAX_LINE} characters are cut there (such a
   * password is far over every maximum length anyway).
   */
  static final class LineReader {
    static final int MAX_LINE = 65_536;
    private final Reader reader;
    private final char[] one = new char[1];
    private boolean pendingLf;
    private boolean atStart = true;

    LineReader(Reader reader) {
      this.reader = reader;
    }

    char[] next() throws IOException {
      char[] buf = new char[64];
      int len = 0;
      boolean any = false;
      try {
        while (true) {
          int r = reader.read(one, 0, 1);
          if (r < 0) {
            return any ? Arrays.copyOf(buf, len) : null;
          }
          char c = one[0];
          if (atStart) {
            atStart = false;
            if (c == '\uFEFF') {
              continue; // a UTF-8 byte order mark, only at the very start of the stream
            }
          }
          if (pendingLf) {
            pendingLf = false;
            if (c == '\n') {
              continue;
            }
          }
          any = true;
          if (c == '\n') {
            return Arrays.copyOf(buf, len);
          }
          if (c == '\r') {
            pendingLf = true;
            return Arrays.copyOf(buf, len);
          }
          if (len < MAX_LINE) {
            if (len == buf.length) {
              char[] bigger = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_LINE));
              Arrays.fill(buf, '\0');
              buf = bigger;
            }
            buf[len++] = c;
          }
        }
      } finally {
        Arrays.fill(buf, '\0');
        one[0] = '\0';
      }
    }
  }
}
