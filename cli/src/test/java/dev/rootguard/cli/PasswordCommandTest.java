package dev.rootguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordCommandTest {
  record Run(int exit, String out, String err) {}

  static Run run(String stdin, String... args) {
    List<String> all = new ArrayList<>(List.of("password", "check"));
    all.addAll(List.of(args));
    CliRunner.Result r =
        CliRunner.cli()
            .withSetup(
                cl -> {
                  PasswordCommand.Check check =
                      cl.getSubcommands()
                          .get("password")
                          .getSubcommands()
                          .get("check")
                          .getCommand();
                  check.input(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
                })
            .run(all);
    return new Run(r.exit(), r.out(), r.err());
  }

  @Test
  void violatingLine_exitsOne_numbersLines_neverEchoesPassword() {
    Run r = run("Zx9!Kq2#Lm4$Np7%\nsecret!\n", "--lang", "en");
    assertThat(r.exit()).isEqualTo(RootGuardCli.EXIT_VERDICT);
    assertThat(r.out()).contains("1: OK (aws-root)").contains("2: VIOLATES (aws-root)");
    assertThat(r.out()).contains("TOO_FEW_CHARACTER_CLASSES").contains("COMMON_PASSWORD");
    assertThat(r.out()).doesNotContain("Zx9!Kq2#Lm4$Np7%").doesNotContain("secret!");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void byteOrderMark_atStreamStart_stripped_firstPasswordJudgedOnItsOwn() {
    Run r = run("\uFEFFZx9!Kq2#Lm4$Np7%\n\uFEFFZx9!Kq2#Lm4$Np7%\n", "--lang", "en");
    assertThat(r.out()).contains("1: OK (aws-root)").doesNotContain("1: VIOLATES");
    // only the stream's first character is a BOM; later ones are part of the password
    assertThat(r.out()).contains("2: VIOLATES").contains("DISALLOWED_CHARACTER");
  }

  @Test
  void allValid_exitsZero_warningsShown() {
    Run r = run("Password1!\r\n\r\nZx9!Kq2#Lm4$Np7%", "--lang", "en");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("1: VALID, WITH WARNINGS").contains("3: OK");
    assertThat(r.out()).contains("! COMMON_PASSWORD");
  }

  @Test
  void japanese_reasonsInJapanese() {
    Run r = run("short\n", "--lang", "ja");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("1 行目: 違反あり").contains("8 文字以上にしてください");
  }

  @Test
  void context_accountNameEquality_isViolation() {
    Run r =
        run(
            "AcmeProd-2026\n",
            "--account-name",
            "AcmeProd-2026",
            "--email",
            "root@acme.example",
            "--lang",
            "en");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("EQUALS_ACCOUNT_NAME");
    Run u = run("Zx9!alice#Lm4$Np7\n", "--user-name", "alice", "--lang", "en");
    assertThat(u.exit()).isZero();
    assertThat(u.out()).contains("CONTAINS_USER_NAME");
  }

  @Test
  void json_oneObjectPerLine() throws Exception {
    Run r = run("amazon\nZx9!Kq2#Lm4$Np7%\n", "--json", "--policy", "recommended", "--lang", "en");
    assertThat(r.exit()).isEqualTo(1);
    String[] lines = r.out().strip().split("\n");
    assertThat(lines).hasSize(2);
    ObjectMapper m = new ObjectMapper();
    JsonNode first = m.readTree(lines[0]);
    assertThat(first.get("line").asInt()).isEqualTo(1);
    assertThat(first.get("policy").asText()).isEqualTo("recommended");
    assertThat(first.get("valid").asBoolean()).isFalse();
    List<String> rules = new ArrayList<>();
    first.get("violations").forEach(v -> rules.add(v.get("rule").asText()));
    assertThat(rules).contains("TOO_SHORT", "COMMON_PASSWORD");
    assertThat(first.get("strength").get("score").isInt()).isTrue();
    JsonNode second = m.readTree(lines[1]);
    assertThat(second.get("recommended").asBoolean()).isTrue();
    assertThat(r.out()).doesNotContain("amazon\"").doesNotContain("Kq2#");
  }

  @Test
  void everyPresetName_accepted() {
    for (String p :
        List.of("aws-root", "aws-root-strict", "aws-iam-default", "cis", "recommended")) {
      Run r = run("Zx9!Kq2#Lm4$Np7%\n", "--policy", p, "--lang", "en");
      assertThat(r.exit()).as(p).isZero();
      assertThat(r.out()).contains("(" + (p.equals("cis") ? "cis-aws-foundations" : p) + ")");
    }
  }

  @Test
  void policyFile_fromAwsCli_isApplied(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("policy.json");
    Files.writeString(
        f,
        "{\"PasswordPolicy\": {\"MinimumPasswordLength\": 20, \"RequireSymbols\": true,"
            + " \"ExpirePasswords\": false}}");
    Run r =
        run("Abcdefgh12345678'!xy\nAbcdefgh12345678\n", "--policy", f.toString(), "--lang", "en");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("1: ").contains("2: VIOLATES (aws-iam-custom)");
    assertThat(r.out()).contains("TOO_SHORT").contains("MISSING_SYMBOL");
    assertThat(r.out().lines().filter(l -> l.startsWith("1: ")).findFirst().orElseThrow())
        .doesNotContain("VIOLATES");
  }

  @Test
  void badPolicyFile_exitsTwo_namingTheField(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\"PasswordPolicy\": {\"MinimumPasswordLength\": 5}}");
    Run r = run("whatever\n", "--policy", f.toString());
    assertThat(r.exit()).isEqualTo(RootGuardCli.EXIT_ERROR);
    assertThat(r.err())
        .contains("MinimumPasswordLength")
        .contains("6..128")
        .doesNotContain("Exception");
    Files.writeString(f, "{\"PasswordPolicy\": {\"RequireSymbols\": \"yes\"}}");
    assertThat(run("x\n", "--policy", f.toString()).err()).contains("RequireSymbols");
    Files.writeString(f, "not json");
    assertThat(run("x\n", "--policy", f.toString()).err()).contains("not valid JSON");
  }

  @Test
  void unknownPolicy_exitsTwo() {
    Run r = run("x\n", "--policy", "no-such-preset-or-file");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("neither a preset").contains("aws-root-strict");
  }

  @Test
  void badAccountId_exitsTwo_namingTheOption() {
    Run r = run("x\n", "--account-id", "12345");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--account-id").contains("12 digits");
  }

  @Test
  void noInput_exitsTwo() {
    assertThat(run("", "--lang", "en").exit()).isEqualTo(2);
    assertThat(run("\n\n", "--lang", "en").err()).contains("no password");
  }

  @Test
  void anyUnicode_getsAVerdict() {
    Run r = run("\uD83D\uDE00\uD83D\uDE00パスワード日本語\n" + "x".repeat(100_000) + "\n", "--lang", "en");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains("DISALLOWED_CHARACTER")
        .contains("2: VIOLATES")
        .contains("TOO_LONG");
  }

  @Test
  void demo_judgesSamplesByEveryPreset() {
    StringWriter en = new StringWriter();
    DemoReports.judgeSamplePasswords(new PrintWriter(en), Locale.ENGLISH);
    String text = en.toString();
    for (String sample : DemoReports.SAMPLE_PASSWORDS) {
      assertThat(text).contains("\"" + sample + "\"");
    }
    for (String preset :
        List.of(
            "aws-root",
            "aws-root-strict",
            "aws-iam-default",
            "cis-aws-foundations",
            "recommended")) {
      assertThat(text).contains(preset);
    }
    assertThat(text)
        .contains("VIOLATES")
        .contains("OK")
        .contains("Common password")
        .contains("Same as the account name");
    StringWriter ja = new StringWriter();
    DemoReports.judgeSamplePasswords(new PrintWriter(ja), Locale.JAPANESE);
    assertThat(ja.toString()).contains("違反あり").contains("よく使われるパスワード");
  }

  @Test
  void demo_apostropheAndAngleBrackets_splitRootAndIam() {
    StringWriter w = new StringWriter();
    DemoReports.judgeSamplePasswords(new PrintWriter(w), Locale.ENGLISH);
    List<String> lines = w.toString().lines().toList();
    int apo = lines.indexOf("  \"o'neill'2026x\"");
    assertThat(lines.get(apo + 1)).contains("aws-root").contains("VIOLATES");
    assertThat(lines.get(apo + 3)).contains("aws-iam-default").doesNotContain("VIOLATES");
    int angle = lines.indexOf("  \"<acme>2026x\"");
    assertThat(lines.get(angle + 1)).contains("aws-root").doesNotContain("VIOLATES");
    assertThat(lines.get(angle + 3)).contains("aws-iam-default").contains("VIOLATES");
  }

  @Test
  void lineReader_handlesCrLfAndWipes() throws Exception {
    PasswordCommand.LineReader r =
        new PasswordCommand.LineReader(new java.io.StringReader("a\r\nbc\rd\n\ne"));
    assertThat(new String(r.next())).isEqualTo("a");
    assertThat(new String(r.next())).isEqualTo("bc");
    assertThat(new String(r.next())).isEqualTo("d");
    assertThat(new String(r.next())).isEmpty();
    assertThat(new String(r.next())).isEqualTo("e");
    assertThat(r.next()).isNull();
  }
}
