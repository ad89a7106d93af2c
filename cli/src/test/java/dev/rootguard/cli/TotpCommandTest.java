package dev.rootguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.OtpAuthUri;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.Totp;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpCommandTest {
  private static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"; // RFC 6238 SHA-1 seed
  private final InputStream originalIn = System.in;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void restoreStdin() {
    System.setIn(originalIn);
  }

  private int run(String... args) {
    return record(CliRunner.exec(args));
  }

  /** Runs with this environment and no terminal, or with a terminal that types {@code typed}. */
  private int runWith(Map<String, String> env, String typed, String... args) {
    SecretInput.Prompter prompter =
        typed == null ? SecretInput.Prompter.none() : p -> Optional.of(typed.toCharArray());
    return record(CliRunner.cli().withEnv(env).withPrompter(prompter).run(args));
  }

  private int record(CliRunner.Result r) {
    out.write(r.out());
    err.write(r.err());
    return r.exit();
  }

  private static String now(OtpSecret s, OtpParameters p, long stepOffset) {
    return Totp.codeAtStep(s, p, p.stepAt(CliRunner.NOW) + stepOffset);
  }

  @Test
  void code_secretAt59_printsRfcVectorAlone() {
    assertThat(run("totp", "code", "--secret", SECRET, "--digits", "8", "--at", "59")).isZero();
    assertThat(out.toString()).isEqualTo("94287082" + System.lineSeparator());
  }

  @Test
  void code_isoTimePast2038_sha512() {
    String seed64 =
        OtpSecret.fromBytes(
                "1234567890123456789012345678901234567890123456789012345678901234"
                    .getBytes(StandardCharsets.US_ASCII))
            .revealBase32();
    assertThat(
            run(
                "totp",
                "code",
                "--secret",
                seed64,
                "--algorithm",
                "sha512",
                "--digits",
                "8",
                "--at",
                "2603-10-11T11:33:20Z"))
        .isZero();
    assertThat(out.toString().strip()).isEqualTo("47863826");
  }

  @Test
  void code_fromUri_usesUriSettings() {
    String uri = "otpauth://totp/ACME:alice?secret=" + SECRET + "&digits=8&issuer=ACME";
    assertThat(run("totp", "code", "--uri", uri, "--at", "1111111109")).isZero();
    assertThat(out.toString().strip()).isEqualTo("07081804");
  }

  @Test
  void code_fromUriWithDifferingLabelIssuer_parameterWins_warningOnStderr() {
    // A label made with URLEncoder ("Acme+Corp") next to issuer=Acme%20Corp (issue 11 §3.3).
    String uri = "otpauth://totp/Acme+Corp:alice?secret=" + SECRET + "&digits=8&issuer=Acme%20Corp";
    assertThat(run("totp", "code", "--uri", uri, "--at", "1111111109")).isZero();
    assertThat(out.toString().strip()).isEqualTo("07081804");
    assertThat(err.toString())
        .startsWith("warning: issuer:")
        .contains("\"Acme+Corp\"")
        .contains("\"Acme Corp\"")
        .doesNotContain(SECRET);
  }

  @Test
  void code_fromCleanUri_noWarning() {
    String uri = "otpauth://totp/ACME:alice?secret=" + SECRET + "&digits=8&issuer=ACME";
    assertThat(run("totp", "code", "--uri", uri, "--at", "1111111109")).isZero();
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void verify_currentCode_accepted() {
    OtpSecret s = OtpSecret.fromBase32(SECRET);
    String code = now(s, OtpParameters.RFC6238_DEFAULT, 0);
    assertThat(run("totp", "verify", "--secret", SECRET, code)).isZero();
    assertThat(out.toString()).startsWith("accepted (time step ");
  }

  @Test
  void verify_wrongCode_rejectedExit1WithReason() {
    OtpSecret s = OtpSecret.fromBase32(SECRET);
    String wrong = "000000";
    for (int i = -1; i <= 1; i++) {
      if (now(s, OtpParameters.RFC6238_DEFAULT, i).equals(wrong)) {
        wrong = "999999";
      }
    }
    assertThat(run("totp", "verify", "--secret", SECRET, wrong)).isEqualTo(1);
    assertThat(out.toString()).contains("rejected: WRONG_CODE");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "totp verify --secret GEZDGNBV1Y3TQOJQ 123456|secret",
        "totp verify --secret " + SECRET + " --algorithm MD5 123456|algorithm",
        "totp verify --secret " + SECRET + " --digits 5 12345|digits",
        "totp verify --secret " + SECRET + " --digits 11 12345678901|digits",
        "totp verify --secret " + SECRET + " --period 0 123456|period",
        "totp verify --secret " + SECRET + " 12a456|code",
        "totp code --secret " + SECRET + " --at yesterday|at",
        "totp code --uri https://example.com|uri",
        "totp code --uri otpauth://totp/A:b?secret=" + SECRET + "&digits=9|digits",
        "totp enroll --issuer A --account b --period 0|period",
        "totp enroll --issuer A --account b --digits 5|digits",
        "totp enroll --issuer A --account b --algorithm SHA3|algorithm"
      })
  void badInput_exit2WithFieldNamedAndNoStackTrace(String args, String field) {
    assertThat(run(args.split(" "))).isEqualTo(2);
    assertThat(err.toString())
        .contains("error: " + field + ":")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void verify_emptyCode_exit2NamingCode() {
    assertThat(run("totp", "verify", "--secret", SECRET, "")).isEqualTo(2);
    assertThat(err.toString()).contains("error: code: is empty");
  }

  @Test
  void verify_badSecret_messageNeverEchoesSecret() {
    String bad = "GEZDGNBVGY3TQOJQ!EZDGNBVGY3TQOJQ";
    assertThat(run("totp", "verify", "--secret", bad, "123456")).isEqualTo(2);
    assertThat(err.toString()).contains("secret:").doesNotContain("GEZDGNBV");
  }

  @Test
  void code_missingSource_exit2() {
    assertThat(run("totp", "code")).isEqualTo(2);
    assertThat(err.toString()).contains("--uri").contains("--secret");
  }

  @Test
  void enroll_twoConsecutiveCodes_enrolledAndPngWritten(@TempDir Path dir) throws Exception {
    OtpSecret s = OtpSecret.generate(HmacAlgorithm.SHA256);
    OtpParameters p = OtpParameters.of(HmacAlgorithm.SHA256, 8, 30);
    String input = now(s, p, -1) + "\n" + now(s, p, 0) + "\n";
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    Path png = dir.resolve("qr.png");

    int exit =
        run(
            "totp",
            "enroll",
            "--issuer",
            "Amazon Web Services",
            "--account",
            "root@123456789012",
            "--algorithm",
            "SHA256",
            "--digits",
            "8",
            "--secret",
            s.revealBase32(),
            "--png",
            png.toString());

    assertThat(exit).as(err.toString()).isZero();
    String text = out.toString();
    assertThat(text)
        .contains("Secret: " + s.revealBase32())
        .contains("URI:    otpauth://totp/Amazon%20Web%20Services:root@123456789012?secret=")
        .contains("\u2588")
        .contains("Enrolled:");
    String uriLine = text.lines().filter(l -> l.startsWith("URI:")).findFirst().orElseThrow();
    OtpAuthUri uri = OtpAuthUri.parse(uriLine.substring(4).strip());
    assertThat(uri.parameters()).isEqualTo(p);
    assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
    assertThat(Files.getPosixFilePermissions(png))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void enroll_pngOverExistingWorldReadableFile_replacedWithMode600(@TempDir Path dir)
      throws Exception {
    OtpSecret s = OtpSecret.generate();
    OtpParameters p = OtpParameters.RFC6238_DEFAULT;
    Path png = dir.resolve("qr.png");
    Files.writeString(png, "old");
    Files.setPosixFilePermissions(png, PosixFilePermissions.fromString("rw-r--r--"));
    System.setIn(
        new ByteArrayInputStream(
            (now(s, p, -1) + "\n" + now(s, p, 0) + "\n").getBytes(StandardCharsets.UTF_8)));
    Path secretFile = dir.resolve("secret");
    Files.writeString(secretFile, s.revealBase32() + "\n");

    int exit =
        runWith(
            Map.of(),
            null,
            "totp",
            "enroll",
            "--issuer",
            "A",
            "--account",
            "b",
            "--secret-file",
            secretFile.toString(),
            "--png",
            png.toString());

    assertThat(exit).as(err.toString()).isZero();
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(png);
    assertThat(mode).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void enroll_wrongCodes_pngRemovedExit1(@TempDir Path dir) {
    Path png = dir.resolve("qr.png");
    System.setIn(new ByteArrayInputStream("000000\n000000\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(run("totp", "enroll", "--issuer", "A", "--account", "b", "--png", png.toString()))
        .isEqualTo(1);
    assertThat(out.toString()).contains("QR code written to").contains("Not enrolled");
    assertThat(png).doesNotExist();
  }

  @Test
  void enroll_noInput_pngRemovedExit2(@TempDir Path dir) {
    Path png = dir.resolve("qr.png");
    System.setIn(new ByteArrayInputStream(new byte[0]));
    assertThat(run("totp", "enroll", "--issuer", "A", "--account", "b", "--png", png.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).startsWith("rootguard: error: code:");
    assertThat(png).doesNotExist();
  }

  @Test
  void enroll_secretFromEnv_enrollsThatSecret() {
    System.setIn(new ByteArrayInputStream(new byte[0]));
    assertThat(
            runWith(
                Map.of("ROOTGUARD_TOTP_SECRET", SECRET),
                null,
                "totp",
                "enroll",
                "--issuer",
                "A",
                "--account",
                "b"))
        .isEqualTo(2); // no codes typed; the secret shown is the one from the environment
    assertThat(out.toString()).contains("Secret: " + SECRET);
  }

  @Test
  void code_secretFile_printsRfcVector(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("s"), SECRET + "\n");
    assertThat(
            runWith(
                Map.of(),
                null,
                "totp",
                "code",
                "--secret-file",
                f.toString(),
                "--digits",
                "8",
                "--at",
                "59"))
        .isZero();
    assertThat(out.toString().strip()).isEqualTo("94287082");
  }

  @Test
  void code_secretEnv_printsRfcVector() {
    assertThat(
            runWith(
                Map.of("ROOTGUARD_TOTP_SECRET", SECRET),
                null,
                "totp",
                "code",
                "--digits",
                "8",
                "--at",
                "59"))
        .isZero();
    assertThat(out.toString().strip()).isEqualTo("94287082");
  }

  @Test
  void code_uriFileAndUriEnv_useUriSettings(@TempDir Path dir) throws Exception {
    String uri = "otpauth://totp/ACME:alice?secret=" + SECRET + "&digits=8&issuer=ACME";
    Path f = Files.writeString(dir.resolve("u"), uri);
    assertThat(runWith(Map.of(), null, "totp", "code", "--uri-file", f.toString(), "--at", "59"))
        .isZero();
    assertThat(runWith(Map.of("ROOTGUARD_TOTP_URI", uri), null, "totp", "code", "--at", "59"))
        .isZero();
    assertThat(out.toString().lines()).containsExactly("94287082", "94287082");
  }

  @Test
  void code_prompt_readsSecretWhenNothingGiven() {
    assertThat(runWith(Map.of(), SECRET, "totp", "code", "--digits", "8", "--at", "59")).isZero();
    assertThat(out.toString().strip()).isEqualTo("94287082");
  }

  @Test
  void code_uriAndSecretEnv_oneLineErrorExit2NoSecret() {
    assertThat(
            runWith(
                Map.of("ROOTGUARD_TOTP_SECRET", SECRET),
                null,
                "totp",
                "code",
                "--uri",
                "otpauth://totp/A:b?secret=" + SECRET))
        .isEqualTo(2);
    assertThat(err.toString())
        .startsWith("rootguard: error: --secret: give only one of")
        .contains("--uri")
        .contains("ROOTGUARD_TOTP_SECRET")
        .doesNotContain(SECRET);
    assertThat(err.toString().lines()).hasSize(1);
  }

  @Test
  void verify_secretFileAndEnv_accepted(@TempDir Path dir) throws Exception {
    OtpSecret s = OtpSecret.fromBase32(SECRET);
    String code = now(s, OtpParameters.RFC6238_DEFAULT, 0);
    Path f = Files.writeString(dir.resolve("s"), SECRET);
    assertThat(runWith(Map.of(), null, "totp", "verify", "--secret-file", f.toString(), code))
        .as(err.toString())
        .isZero();
    assertThat(runWith(Map.of("ROOTGUARD_TOTP_SECRET", SECRET), null, "totp", "verify", code))
        .as(err.toString())
        .isZero(); // a new verifier per run: the code is fresh to it
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void verify_secretAndSecretFile_oneLineErrorExit2(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("s"), SECRET);
    assertThat(
            runWith(
                Map.of(),
                null,
                "totp",
                "verify",
                "--secret",
                SECRET,
                "--secret-file",
                f.toString(),
                "123456"))
        .isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "rootguard: error: --secret: give only one of --secret, --secret-file or"
                + " ROOTGUARD_TOTP_SECRET (got --secret and --secret-file)"
                + System.lineSeparator());
  }

  @Test
  void verify_noSecretNoTerminal_oneLineErrorExit2() {
    assertThat(runWith(Map.of(), null, "totp", "verify", "123456")).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("rootguard: error: --secret: missing: give --secret, --secret-file or");
  }

  @Test
  void help_saysWhichSourceToPrefer() {
    assertThat(run("totp", "verify", "--help")).isZero();
    assertThat(out.toString())
        .contains("--secret-file")
        .contains("ROOTGUARD_TOTP_SECRET")
        .contains("Visible to other users in ps")
        .contains("Preferred");
  }

  @Test
  void enroll_generatedSecret_wrongCodes_exit1() {
    System.setIn(new ByteArrayInputStream("000000\n000000\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(run("totp", "enroll", "--issuer", "Example", "--account", "alice")).isEqualTo(1);
    assertThat(out.toString()).contains("Secret: ").contains("Not enrolled: WRONG_CODE");
  }

  @Test
  void enroll_noInput_exit2() {
    System.setIn(new ByteArrayInputStream(new byte[0]));
    assertThat(run("totp", "enroll", "--issuer", "Example", "--account", "alice")).isEqualTo(2);
    assertThat(err.toString()).contains("error: code:");
  }
}
