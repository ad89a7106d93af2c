package dev.rootguard.examples.cli;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.totp.EnrollmentResult;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.OtpAuthUri;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.mfa.totp.QrCode;
import dev.rootguard.mfa.totp.Totp;
import dev.rootguard.mfa.totp.TotpCredential;
import dev.rootguard.mfa.totp.TotpEnrollment;
import dev.rootguard.mfa.totp.TotpMatch;
import dev.rootguard.mfa.totp.TotpSecret;
import dev.rootguard.mfa.totp.TotpVerifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
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
        description = "HMAC hash: SHA1, SHA256 or SHA512 (default: ${DEFAULT-VALUE}).")
    String algorithm;

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
      return OtpParameters.of(HmacAlgorithm.fromName(algorithm), digits, period);
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

    @Option(names = "--issuer", required = true, description = "Service name shown by the app.")
    String issuer;

    @Option(names = "--account", required = true, description = "Account name shown by the app.")
    String account;

    @Mixin Settings settings = new Settings();

    @Option(names = "--png", paramLabel = "FILE", description = "Also write the QR code as PNG.")
    Path png;

    @Option(
        names = "--secret",
        paramLabel = "BASE32",
        description = "Enroll this existing secret instead of generating one.")
    String secret;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      OtpParameters p = settings.parameters();
      TotpSecret s =
          secret != null ? TotpSecret.fromBase32(secret) : TotpSecret.generate(p.algorithm());
      OtpAuthUri uri = OtpAuthUri.totp(issuer, account, s, p);
      QrCode qr = QrCode.of(uri);
      out.println("Secret: " + s.revealBase32());
      out.println("URI:    " + uri.format());
      out.println();
      out.print(qr.terminal());
      out.println();
      if (png != null) {
        Files.write(png, qr.png(400));
        out.println("QR code written to " + png);
      }
      out.println("Scan the QR code (or type the secret) in your authenticator app.");
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      out.print("First code: ");
      out.flush();
      String code1 = readCode(in);
      out.print("Next code (wait for the app to change it): ");
      out.flush();
      String code2 = readCode(in);
      TotpEnrollment enrollment = TotpEnrollment.builder().clock(Clock.systemUTC()).build();
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
      description = "Prints the code for a secret or otpauth URI, alone on its line.")
  static final class Code implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    static final class Source {
      @Option(
          names = "--uri",
          paramLabel = "URI",
          required = true,
          description = "An otpauth://totp/ URI.")
      String uri;

      @Option(
          names = "--secret",
          paramLabel = "BASE32",
          required = true,
          description = "A Base32 secret (use --algorithm, --digits, --period for its settings).")
      String secret;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Mixin Settings settings = new Settings();

    @Option(
        names = "--at",
        paramLabel = "TIME",
        description = "Unix time in seconds or ISO-8601 (2030-01-01T00:00:00Z); default: now.")
    String at;

    @Override
    public Integer call() {
      TotpSecret s;
      OtpParameters p;
      if (source.uri != null) {
        OtpAuthUri u = OtpAuthUri.parse(source.uri);
        if (u.type() != OtpAuthUri.Type.TOTP) {
          throw new InvalidInputException("uri", "must be an otpauth://totp/ URI");
        }
        s = u.secret();
        p = u.parameters();
      } else {
        s = TotpSecret.fromBase32(source.secret);
        p = settings.parameters();
      }
      Instant when = at == null ? Clock.systemUTC().instant() : parseTime(at);
      PrintWriter out = spec.commandLine().getOut();
      out.println(Totp.code(s, p, when));
      out.flush();
      s.destroy();
      return 0;
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
              + "1 rejected, 2 error.")
  static final class Verify implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--secret",
        paramLabel = "BASE32",
        required = true,
        description = "The Base32 secret.")
    String secret;

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
      TotpSecret s = TotpSecret.fromBase32(secret);
      TotpVerifier verifier =
          TotpVerifier.builder().clock(Clock.systemUTC()).window(window).build();
      TotpCredential credential =
          TotpCredential.builder(CredentialId.of("cli"), Principal.of("cli"), s)
              .parameters(p)
              .build();
      MfaResult r = verifier.verify(credential, code);
      s.destroy();
      PrintWriter out = spec.commandLine().getOut();
      if (r instanceof MfaResult.Accepted a) {
        TotpMatch m = (TotpMatch) a.detail();
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
