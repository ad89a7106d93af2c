package dev.rootguard.cli;

import dev.rootguard.InvalidInputException;
import dev.rootguard.Printable;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.EnrollmentResult;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.OtpAuthUri;
import dev.rootguard.mfa.totp.OtpMatch;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.QrCode;
import dev.rootguard.mfa.totp.Totp;
import dev.rootguard.mfa.totp.TotpCredential;
import dev.rootguard.mfa.totp.TotpEnrollment;
import dev.rootguard.mfa.totp.TotpVerifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rootguard totp}: enroll an authenticator app, print a code, verify a code.
 *
 * <p>Exit codes: 0 enrolled / printed / accepted, 1 rejected (wrong code), 2 bad input.
 */
@Command(
    name = "totp",
    mixinStandardHelpOptions = true,
    description = "RFC 6238 TOTP for authenticator apps: enroll, code, verify.",
    subcommands = {
      TotpCommand.Enroll.class,
      TotpCommand.Code.class,
      TotpCommand.Verify.class,
      CommandLine.HelpCommand.class
    })
public final class TotpCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** {@code --secret}: a Base32 TOTP secret. */
  static final SecretInput.Option SECRET =
      new SecretInput.Option(
          "--secret", "--secret-file", "ROOTGUARD_TOTP_SECRET", "TOTP secret (Base32)");

  /** {@code --uri}: an otpauth URI, which holds the secret. */
  static final SecretInput.Option URI =
      new SecretInput.Option("--uri", "--uri-file", "ROOTGUARD_TOTP_URI", "otpauth URI");

  static final String SECRET_FILE_HELP =
      "Read the Base32 secret from FILE (or set ROOTGUARD_TOTP_SECRET). " + SecretInput.FILE_HELP;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options shared by the subcommands that describe a credential. */
  static final class Settings {
    @Option(
        names = "--algorithm",
        paramLabel = "ALG",
        defaultValue = "SHA1",
        converter = AlgorithmConverter.class,
        completionCandidates = AlgorithmConverter.class,
        description = "HMAC hash: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    HmacAlgorithm algorithm;

    @Option(
        names = "--digits",
        paramLabel = "N",
        defaultValue = "6",
        description = "Code length, 6 to 8 (default: ${DEFAULT-VALUE}).")
    int digits;

    @Option(
        names = "--period",
        paramLabel = "SECONDS",
        defaultValue = "30",
        description = "Time step in seconds, at least 1 (default: ${DEFAULT-VALUE}).")
    long period;

    OtpParameters parameters() {
      return OtpParameters.of(algorithm, digits, period);
    }
  }

  /**
   * {@code --algorithm}: the library's own reading of a hash name ({@link HmacAlgorithm#fromName},
   * so {@code sha256} and {@code HmacSHA256} work as before), and the names for the help.
   */
  static final class AlgorithmConverter
      implements CommandLine.ITypeConverter<HmacAlgorithm>, Iterable<String> {
    @Override
    public HmacAlgorithm convert(String value) {
      return HmacAlgorithm.fromName(value);
    }

    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.Arrays.stream(HmacAlgorithm.values()).map(HmacAlgorithm::name).iterator();
    }
  }

  /** {@code rootguard totp enroll}. */
  @Command(
      name = "enroll",
      mixinStandardHelpOptions = true,
      description = {
        "Creates a secret, prints it with its otpauth URI and a QR code, then asks for two "
            + "consecutive codes from the app (as AWS EnableMFADevice does) and confirms."
      })
  static final class Enroll implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private final Clock clock;

    Enroll(Clock clock) {
      this.clock = clock;
    }

    @Option(names = "--issuer", required = true, description = "Service name shown by the app.")
    String issuer;

    @Option(names = "--account", required = true, description = "Account name shown by the app.")
    String account;

    @Mixin Settings settings = new Settings();

    @Option(
        names = "--png",
        paramLabel = "FILE",
        description =
            "Also write the QR code as PNG (it holds the secret: created mode 600, removed if"
                + " enrollment fails).")
    Path png;

    @Option(
        names = "--secret",
        paramLabel = "BASE32",
        description = {
          "Enroll this existing secret instead of generating one. " + SecretInput.VISIBLE_HELP
        })
    String secret;

    @Option(
        names = "--secret-file",
        paramLabel = "FILE",
        description =
            "Enroll the existing Base32 secret in FILE (or set ROOTGUARD_TOTP_SECRET). "
                + SecretInput.FILE_HELP)
    Path secretFile;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      OtpParameters p = settings.parameters();
      OtpSecret s =
          SecretInput.of(spec)
              .optional(SecretInput.given(SECRET, secret, secretFile))
              .map(r -> OtpSecret.fromBase32(r.value()))
              .orElseGet(() -> OtpSecret.generate(p.algorithm()));
      OtpAuthUri uri = OtpAuthUri.totp(issuer, account, s, p);
      QrCode qr = QrCode.of(uri);
      out.println("Secret: " + s.revealBase32());
      out.println("URI:    " + uri.format());
      out.println();
      out.print(qr.terminal());
      out.println();
      if (png != null) {
        writePrivate(png, qr.png(400));
        out.println("QR code written to " + png + " (mode 600; delete it after scanning)");
      }
      boolean enrolled = false;
      try {
        int exit = confirm(out, s, p);
        enrolled = exit == 0;
        return exit;
      } finally {
        if (png != null && !enrolled) {
          removeQuietly(png);
        }
      }
    }

    /**
     * Removes the QR code of a failed enrollment; a failure to remove it is reported, not thrown.
     */
    private void removeQuietly(Path file) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(
            "rootguard: warning: could not remove "
                + file
                + " ("
                + e.getClass().getSimpleName()
                + "); it holds the secret, delete it");
        err.flush();
      }
    }

    private int confirm(PrintWriter out, OtpSecret s, OtpParameters p) throws IOException {
      out.println("Scan the QR code (or type the secret) in your authenticator app.");
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      out.print("First code: ");
      out.flush();
      String code1 = readCode(in);
      out.print("Next code (wait for the app to change it): ");
      out.flush();
      String code2 = readCode(in);
      TotpEnrollment enrollment = TotpEnrollment.builder().clock(clock).build();
      EnrollmentResult r =
          enrollment.complete(
              CredentialId.of(issuer + ":" + account), Principal.of(account), s, p, code1, code2);
      if (r instanceof EnrollmentResult.Enrolled e) {
        out.println(
            "Enrolled: the codes matched time steps "
                + e.firstStep()
                + " and "
                + e.credential().enrolledStep()
                + ".");
        out.flush();
        return 0;
      }
      MfaResult.Reason reason = ((EnrollmentResult.Refused) r).reason();
      if (reason == MfaResult.Reason.MALFORMED_INPUT) {
        throw new InvalidInputException(
            "code", "must be exactly " + p.digits() + " digits (spaces are ignored)");
      }
      out.println("Not enrolled: " + reason + " (" + reason.message(Locale.ENGLISH) + ")");
      out.flush();
      return RootGuardCli.EXIT_VERDICT;
    }

    /**
     * Writes {@code bytes} to a new file created {@code rw-------} (600) where the file system is
     * POSIX: an existing file is removed first, so the mode is never inherited, and the file is
     * created with the mode rather than changed afterwards.
     */
    static void writePrivate(Path file, byte[] bytes) throws IOException {
      Files.deleteIfExists(file);
      FileAttribute<?>[] attrs =
          file.getFileSystem().supportedFileAttributeViews().contains("posix")
              ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
              }
              : new FileAttribute<?>[0];
      SeekableByteChannel ch =
          Files.newByteChannel(
              file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attrs);
      try (ch) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
          ch.write(b);
        }
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(file); // never leave part of a secret behind
        throw e;
      }
    }

    private static String readCode(BufferedReader in) throws IOException {
      String line = in.readLine();
      if (line == null) {
        throw new InvalidInputException("code", "no input: expected a code on standard input");
      }
      return line.strip();
    }
  }

  /** {@code rootguard totp code}. */
  @Command(
      name = "code",
      mixinStandardHelpOptions = true,
      description =
          "Prints the code for a secret or otpauth URI, alone on its line. With neither given,"
              + " a terminal prompts for the secret without echo.")
  static final class Code implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private final Clock clock;

    Code(Clock clock) {
      this.clock = clock;
    }

    @Option(
        names = "--uri",
        paramLabel = "URI",
        description = {"An otpauth://totp/ URI. " + SecretInput.VISIBLE_HELP})
    String uri;

    @Option(
        names = "--uri-file",
        paramLabel = "FILE",
        description =
            "Read the otpauth://totp/ URI from FILE (or set ROOTGUARD_TOTP_URI). "
                + SecretInput.FILE_HELP)
    Path uriFile;

    @Option(
        names = "--secret",
        paramLabel = "BASE32",
        description = {
          "A Base32 secret (use --algorithm, --digits, --period for its settings). "
              + SecretInput.VISIBLE_HELP
        })
    String secret;

    @Option(names = "--secret-file", paramLabel = "FILE", description = SECRET_FILE_HELP)
    Path secretFile;

    @Mixin Settings settings = new Settings();

    @Option(
        names = "--at",
        paramLabel = "TIME",
        description = "Unix time in seconds or ISO-8601 (2030-01-01T00:00:00Z); default: now.")
    String at;

    @Override
    public Integer call() {
      OtpSecret s;
      OtpParameters p;
      // With no source given, a terminal prompts for the Base32 secret.
      SecretInput.Resolved source =
          SecretInput.of(spec)
              .required(
                  SecretInput.given(SECRET, secret, secretFile),
                  SecretInput.given(URI, uri, uriFile));
      if (source.option() == URI) {
        OtpAuthUri u = OtpAuthUri.parse(source.value());
        if (u.type() != OtpAuthUri.Type.TOTP) {
          throw new InvalidInputException("uri", "must be an otpauth://totp/ URI");
        }
        printWarnings(spec, u);
        s = u.secret();
        p = u.parameters();
      } else {
        s = OtpSecret.fromBase32(source.value());
        p = settings.parameters();
      }
      Instant when = at == null ? clock.instant() : parseTime(at);
      PrintWriter out = spec.commandLine().getOut();
      out.println(Totp.code(s, p, when));
      out.flush();
      s.destroy();
      return 0;
    }

    /** Prints what the URI parser tolerated to stderr, one escaped line each (never the secret). */
    static void printWarnings(CommandLine.Model.CommandSpec spec, OtpAuthUri u) {
      if (u.warnings().isEmpty()) {
        return;
      }
      PrintWriter err = spec.commandLine().getErr();
      for (String w : u.warnings()) {
        err.println("warning: " + Printable.escape(w));
      }
      err.flush();
    }

    static Instant parseTime(String text) {
      String t = text.strip();
      if (!t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9') && t.length() <= 18) {
        return Instant.ofEpochSecond(Long.parseLong(t));
      }
      try {
        return Instant.parse(t);
      } catch (DateTimeParseException e) {
        try {
          return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e2) {
          throw new InvalidInputException(
              "at", "must be Unix seconds or ISO-8601 such as 2030-01-01T00:00:00Z");
        }
      }
    }
  }

  /** {@code rootguard totp verify}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Verifies a code against a secret now (window +-1 step). Exit 0 accepted, "
              + "1 rejected, 2 error. With no secret given, a terminal prompts for it without"
              + " echo.")
  static final class Verify implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private final Clock clock;

    Verify(Clock clock) {
      this.clock = clock;
    }

    @Option(
        names = "--secret",
        paramLabel = "BASE32",
        description = {"The Base32 secret. " + SecretInput.VISIBLE_HELP})
    String secret;

    @Option(names = "--secret-file", paramLabel = "FILE", description = SECRET_FILE_HELP)
    Path secretFile;

    @Mixin Settings settings = new Settings();

    @Option(
        names = "--window",
        paramLabel = "STEPS",
        defaultValue = "1",
        description = "Steps accepted before and after now, 0 to 10 (default: ${DEFAULT-VALUE}).")
    int window;

    @Parameters(index = "0", paramLabel = "CODE", description = "The code to check.")
    String code;

    @Override
    public Integer call() {
      OtpParameters p = settings.parameters();
      OtpSecret s =
          OtpSecret.fromBase32(
              SecretInput.of(spec).required(SecretInput.given(SECRET, secret, secretFile)).value());
      TotpVerifier verifier = TotpVerifier.builder().clock(clock).window(window).build();
      TotpCredential credential =
          TotpCredential.builder(CredentialId.of("cli"), Principal.of("cli"), s)
              .parameters(p)
              .build();
      MfaResult r = verifier.verify(credential, code);
      s.destroy();
      PrintWriter out = spec.commandLine().getOut();
      if (r instanceof MfaResult.Accepted a) {
        OtpMatch m = (OtpMatch) a.detail();
        out.println("accepted (time step " + m.step() + ", drift " + m.drift() + ")");
        out.flush();
        return 0;
      }
      MfaResult.Reason reason = ((MfaResult.Rejected) r).reason();
      if (reason == MfaResult.Reason.MALFORMED_INPUT) {
        throw new InvalidInputException(
            "code",
            code.isBlank()
                ? "is empty"
                : "must be exactly " + p.digits() + " digits 0-9 (spaces are ignored)");
      }
      out.println("rejected: " + reason + " (" + reason.message(Locale.ENGLISH) + ")");
      out.flush();
      return RootGuardCli.EXIT_VERDICT;
    }
  }
}
