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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rootguard password}: judges passwords by AWS's rules ({@code check}), and the password
 * part of {@code rootguard demo} ({@link #runDemo(PrintWriter, Locale)}).
 */
@Command(
    name = "password",
    mixinStandardHelpOptions = true,
    description = "Judge passwords by AWS's rules (root user, IAM default, IAM custom, CIS).",
    subcommands = {PasswordCommand.Check.class})
public final class PasswordCommand implements Callable<Integer> {

  /** The presets {@code --policy} knows, by name, in display order. */
  static final Map<String, Supplier<PasswordPolicy>> PRESETS = presets();

  private static Map<String, Supplier<PasswordPolicy>> presets() {
    Map<String, Supplier<PasswordPolicy>> m = new LinkedHashMap<>();
    m.put("aws-root", PasswordPolicy::awsRootUser);
    m.put("aws-root-strict", PasswordPolicy::awsRootUserStrict);
    m.put("aws-iam-default", PasswordPolicy::awsIamDefault);
    m.put("cis", PasswordPolicy::cisAwsFoundations);
    m.put("recommended", PasswordPolicy::recommended);
    return java.util.Collections.unmodifiableMap(m);
  }

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return RootGuardCli.EXIT_ERROR;
  }

  /** Output language. */
  enum Lang {
    en,
    ja;

    Locale locale() {
      return this == ja ? Locale.JAPANESE : Locale.ENGLISH;
    }

    static Lang fromDefault() {
      return "ja".equals(Locale.getDefault().getLanguage()) ? ja : en;
    }
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
        description = "Language of the reasons: en or ja. Default: from the system locale.")
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
        source = () -> console.readPassword("%s", Texts.get(locale, "prompt"));
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
        spec.commandLine().getErr().println("rootguard: error: " + Texts.get(locale, "none"));
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
    Supplier<PasswordPolicy> preset = PRESETS.get(policy);
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
              + String.join(", ", PRESETS.keySet())
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
    String verdict =
        c.isRecommended()
            ? Texts.get(locale, "ok")
            : c.isValid() ? Texts.get(locale, "warn") : Texts.get(locale, "invalid");
    StringBuilder head =
        new StringBuilder(String.format(locale, Texts.get(locale, "line"), lineNo))
            .append(verdict)
            .append(" (")
            .append(c.policyName())
            .append(")");
    c.strength()
        .ifPresent(
            s -> head.append(String.format(locale, Texts.get(locale, "strength"), s.score())));
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

  /** The demo's sample passwords; made up for the demo, never anyone's real password. */
  static final List<String> DEMO_PASSWORDS =
      List.of(
          "password",
          "Secret123",
          "amazon",
          "AcmeProd-2026",
          "blue7Horse+",
          "o'neill'2026x",
          "<acme>2026x",
          "Tq8{Hw3]Lz6|Rn1=");

  /** The account the demo's samples are judged for. */
  static final PasswordContext DEMO_CONTEXT =
      PasswordContext.builder().accountName("AcmeProd-2026").email("root@acme.example").build();

  /**
   * Judges a fixed set of sample passwords by every AWS preset and prints each verdict with its
   * reasons: the password part of {@code rootguard demo}.
   *
   * @param out where to print
   * @param locale the language of the reasons (English or Japanese)
   */
  public static void runDemo(PrintWriter out, Locale locale) {
    out.println(Texts.get(locale, "demo.title"));
    out.println(
        String.format(
            locale,
            Texts.get(locale, "demo.context"),
            DEMO_CONTEXT.accountName().orElseThrow(),
            DEMO_CONTEXT.email().orElseThrow()));
    List<PasswordValidator> validators =
        PRESETS.values().stream().map(s -> PasswordValidator.of(s.get())).toList();
    for (String sample : DEMO_PASSWORDS) {
      out.println();
      out.println("  \"" + sample + "\"");
      for (PasswordValidator v : validators) {
        PasswordCheck c = v.check(sample, DEMO_CONTEXT);
        String verdict =
            c.isRecommended()
                ? Texts.get(locale, "ok")
                : c.isValid() ? Texts.get(locale, "warn") : Texts.get(locale, "invalid");
        StringBuilder line =
            new StringBuilder(String.format(locale, "    %-20s %s", c.policyName(), verdict));
        if (!c.violations().isEmpty()) {
          line.append("  ")
              .append(Texts.get(locale, "violations"))
              .append(titles(c.violations(), locale));
        }
        if (!c.warnings().isEmpty()) {
          line.append("  ")
              .append(Texts.get(locale, "warnings"))
              .append(titles(c.warnings(), locale));
        }
        out.println(line);
      }
    }
    out.flush();
  }

  private static String titles(List<PasswordFinding> fs, Locale locale) {
    return String.join(
        Texts.get(locale, "sep"), fs.stream().map(f -> f.rule().description(locale)).toList());
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

  /** The CLI's own texts, English and Japanese. */
  static final class Texts {
    private static final Map<String, String> EN =
        Map.ofEntries(
            Map.entry("prompt", "Password (empty line to finish): "),
            Map.entry("none", "no password read from standard input"),
            Map.entry("line", "%d: "),
            Map.entry("ok", "OK"),
            Map.entry("warn", "VALID, WITH WARNINGS"),
            Map.entry("invalid", "VIOLATES"),
            Map.entry("strength", ", strength %d/4"),
            Map.entry("violations", "violations: "),
            Map.entry("warnings", "warnings: "),
            Map.entry("sep", "; "),
            Map.entry(
                "demo.title", "Password validator: sample passwords judged by each AWS preset"),
            Map.entry("demo.context", "(for account name \"%s\", e-mail %s)"));
    private static final Map<String, String> JA =
        Map.ofEntries(
            Map.entry("prompt", "パスワード (空行で終了): "),
            Map.entry("none", "標準入力からパスワードを読み取れませんでした"),
            Map.entry("line", "%d 行目: "),
            Map.entry("ok", "問題なし"),
            Map.entry("warn", "有効 (警告あり)"),
            Map.entry("invalid", "違反あり"),
            Map.entry("strength", "、強度 %d/4"),
            Map.entry("violations", "違反: "),
            Map.entry("warnings", "警告: "),
            Map.entry("sep", "、"),
            Map.entry("demo.title", "パスワード検証: サンプルのパスワードを AWS の各プリセットで判定"),
            Map.entry("demo.context", "(アカウント名 \"%s\"、メールアドレス %s の場合)"));

    private Texts() {}

    static String get(Locale locale, String key) {
      return ("ja".equals(locale.getLanguage()) ? JA : EN).get(key);
    }
  }
}
