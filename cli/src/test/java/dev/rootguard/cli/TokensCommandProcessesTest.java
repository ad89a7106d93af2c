package dev.rootguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.cli.CliProcesses.Result;
import dev.rootguard.mfa.hardware.JsonFileTokenStore;
import dev.rootguard.seal.LocalKeySealer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reproductions, each command in its own JVM as a user runs them: exactly-once and no
 * lost update across processes sharing one token store file.
 */
class TokensCommandProcessesTest {
  /** RFC 4226 Appendix D: the code for counter 0 of seed "12345678901234567890". */
  static final String HOTP_COUNTER_0 = "755224";

  static final String SEED_B64 = "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=";

  @TempDir Path dir;
  Path store;
  Path sealKey;

  @BeforeEach
  void setUp() {
    store = dir.resolve("state/t.json");
    sealKey = dir.resolve("keys/seal.key");
  }

  List<String> tokens(String... args) {
    List<String> all =
        new ArrayList<>(List.of("tokens", "--store=" + store, "--seal-key=" + sealKey));
    all.addAll(List.of(args));
    return all;
  }

  /** Runs a command in this JVM (for set-up) and returns its exit code. */
  int here(List<String> args) {
    CliRunner.Result r = CliRunner.cli().withClock(Clock.systemUTC()).run(args);
    int code = r.exit();
    assertThat(code).as(r.out() + r.err()).isZero();
    return code;
  }

  static String hotpPskc(String... serials) {
    StringBuilder b =
        new StringBuilder(
            "<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\">");
    for (String s : serials) {
      b.append("<KeyPackage><DeviceInfo><SerialNo>")
          .append(s)
          .append("</SerialNo></DeviceInfo><Key Id=\"")
          .append(s)
          .append("\" Algorithm=\"urn:ietf:params:xml:ns:keyprov:pskc:hotp\"><Data><Secret>")
          .append("<PlainValue>")
          .append(SEED_B64)
          .append("</PlainValue></Secret><Counter><PlainValue>0</PlainValue></Counter>")
          .append("</Data></Key></KeyPackage>");
    }
    return b.append("</KeyContainer>").toString();
  }

  JsonFileTokenStore reopen() {
    return JsonFileTokenStore.open(store, LocalKeySealer.open(sealKey));
  }

  @Test
  void verify_twentyProcessesSubmitOneHotpCode_exactlyOneAccepted() throws Exception {
    Path pskc = CliProcesses.write(dir.resolve("h1.pskc"), hotpPskc("H1"));
    here(tokens("import", pskc.toString(), "--owner", "root"));

    List<List<String>> runs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      runs.add(tokens("verify", "H1", HOTP_COUNTER_0));
    }
    List<Result> results = CliProcesses.runTogether(dir, runs);

    assertThat(results).allSatisfy(r -> assertThat(r.err()).isEmpty());
    assertThat(results.stream().filter(r -> r.exit() == 0)).hasSize(1);
    assertThat(results.stream().filter(r -> r.exit() == 1 && r.out().contains("REPLAYED")))
        .hasSize(19);
  }

  @Test
  void yubicoVerify_twentyProcessesSubmitOneOtp_exactlyOneAccepted() throws Exception {
    String aes = "ecde18dbe76fbd0c33330f1c354871db";
    String priv = "8792ebfe26cc";
    here(
        tokens(
            "yubico",
            "add",
            "--public-id",
            "vvcccccbhlnc",
            "--private-id",
            priv,
            "--aes-key",
            aes,
            "--owner",
            "root"));
    String otp =
        TokensCommandTest.yubicoOtp(
            "vvcccccbhlnc", HexFormat.of().parseHex(priv), HexFormat.of().parseHex(aes), 7, 2);

    List<List<String>> runs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      runs.add(tokens("yubico", "verify", otp));
    }
    List<Result> results = CliProcesses.runTogether(dir, runs);

    assertThat(results).allSatisfy(r -> assertThat(r.err()).isEmpty());
    assertThat(results.stream().filter(r -> r.exit() == 0)).hasSize(1);
    assertThat(results.stream().filter(r -> r.exit() == 1 && r.out().contains("REPLAYED")))
        .hasSize(19);
  }

  @Test
  void import_twentyProcessesTwoTokensEach_allFortyKept() throws Exception {
    List<List<String>> runs = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String a = String.format("P%02dA", i);
      String b = String.format("P%02dB", i);
      expected.add(a);
      expected.add(b);
      Path f = CliProcesses.write(dir.resolve("p" + i + ".pskc"), hotpPskc(a, b));
      runs.add(tokens("import", f.toString()));
    }
    List<Result> results = CliProcesses.runTogether(dir, runs);

    assertThat(results).allSatisfy(r -> assertThat(r.exit()).as(r.err()).isZero());
    assertThat(reopen().serials()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void disableAndVerify_duringConcurrentImports_neitherIsUndone() throws Exception {
    Path pskc = CliProcesses.write(dir.resolve("h.pskc"), hotpPskc("H1", "H2"));
    here(tokens("import", pskc.toString(), "--owner", "root"));

    List<List<String>> runs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Path f =
          CliProcesses.write(
              dir.resolve("i" + i + ".pskc"), hotpPskc("I" + i + "a", "I" + i + "b"));
      runs.add(tokens("import", f.toString()));
    }
    runs.add(3, tokens("disable", "H2"));
    runs.add(4, tokens("verify", "H1", HOTP_COUNTER_0));
    List<Result> results = CliProcesses.runTogether(dir, runs);

    assertThat(results).allSatisfy(r -> assertThat(r.exit()).as(r.out() + r.err()).isZero());
    assertThat(results.get(3).out()).isEqualTo("disabled H2" + System.lineSeparator());
    assertThat(results.get(4).out()).startsWith("accepted");
    JsonFileTokenStore after = reopen();
    assertThat(after.serials()).hasSize(14);
    assertThat(after.state("H2").orElseThrow().disabled()).isTrue();
    assertThat(after.state("H1").orElseThrow().lastSequence()).hasValue(0);
    CliRunner.Result r =
        CliRunner.cli().withClock(Clock.systemUTC()).run(tokens("verify", "H1", HOTP_COUNTER_0));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("REPLAYED");
  }

  @Test
  void importedStore_rawFile_hasNoSeed() throws Exception {
    Path pskc = CliProcesses.write(dir.resolve("h.pskc"), hotpPskc("H1"));
    here(tokens("import", pskc.toString()));
    String raw = Files.readString(store);
    assertThat(raw)
        .doesNotContain(SEED_B64.substring(0, 24))
        .doesNotContain("3132333435363738393031323334353637383930")
        .doesNotContain("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  }
}
