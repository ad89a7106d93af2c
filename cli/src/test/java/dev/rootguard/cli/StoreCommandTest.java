package dev.rootguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.seal.LocalKeySealer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCommandTest {
  @TempDir Path dir;
  Path store;
  Path sealKey;
  String out;
  String err;

  @BeforeEach
  void setUp() {
    store = dir.resolve("t.json");
    sealKey = dir.resolve("keys/seal.key");
  }

  int run(String... args) {
    CliRunner.Result r = CliRunner.exec(args);
    out = r.out();
    err = r.err();
    return r.exit();
  }

  void importTwo() throws Exception {
    Path pskc =
        Files.writeString(dir.resolve("a.pskc"), TokensCommandProcessesTest.hotpPskc("H1", "H2"));
    assertThat(
            run(
                "tokens",
                "--store=" + store,
                "--seal-key=" + sealKey,
                "import",
                pskc.toString(),
                "--owner",
                "root"))
        .isZero();
  }

  /** Asserts one line on standard error, no stack trace, exit code 2. */
  void assertOneLineError(int code) {
    assertThat(code).isEqualTo(RootGuardCli.EXIT_ERROR);
    assertThat(err.lines()).hasSize(1);
    assertThat(err).startsWith("rootguard: ").doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void rotateKeyThenReseal_everySecretUnderTheNewKey() throws Exception {
    importTwo();
    assertThat(run("store", "rotate-key", "--seal-key=" + sealKey)).isZero();
    Matcher m = Pattern.compile("new current seal key (\\S+) \\(2 keys").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    String newId = m.group(1);

    assertThat(run("store", "reseal", "--store=" + store, "--seal-key=" + sealKey)).isZero();
    assertThat(out).startsWith("resealed 2 secret(s), 0 already under key " + newId);
    assertThat(Files.readString(store)).contains("rgs1." + newId + ".");
    assertThat(run("store", "reseal", "--store=" + store, "--seal-key=" + sealKey)).isZero();
    assertThat(out).startsWith("resealed 0 secret(s), 2 already under key " + newId);

    assertThat(
            run(
                "tokens",
                "--store=" + store,
                "--seal-key=" + sealKey,
                "verify",
                "H1",
                TokensCommandProcessesTest.HOTP_COUNTER_0))
        .isZero();
  }

  @Test
  void reseal_wrongSealKey_oneLineNamingTheKeyId_storeUnchanged() throws Exception {
    importTwo();
    byte[] before = Files.readAllBytes(store);
    String rightId = LocalKeySealer.open(sealKey).currentKeyId();
    assertOneLineError(
        run("store", "reseal", "--store=" + store, "--seal-key=" + dir.resolve("other.key")));
    assertThat(err).contains("seal key " + rightId);
    assertThat(Files.readAllBytes(store)).isEqualTo(before);
  }

  @Test
  void tokens_handEditedStore_oneLineNamingTheField() throws Exception {
    importTwo();
    String json = Files.readString(store).replace("\"disabled\" : false", "\"disabled\" : \"yes\"");
    Files.writeString(store, json);
    assertOneLineError(run("tokens", "--store=" + store, "--seal-key=" + sealKey, "list"));
    assertThat(err).contains("tokens[0].state.disabled");
  }

  @Test
  void tokens_unsupportedUrl_oneLineNamingStore() {
    assertOneLineError(
        run("tokens", "--store=https://example.com/t.json", "--seal-key=" + sealKey, "list"));
    assertThat(err).contains("--store");
    assertOneLineError(
        run("tokens", "--store=jdbc:mysql://127.0.0.1/db", "--seal-key=" + sealKey, "list"));
    assertThat(err).contains("--store");
  }

  @Test
  void rotateKey_missingKeyFile_oneLineError() {
    assertOneLineError(run("store", "rotate-key", "--seal-key=" + dir.resolve("none.key")));
    assertThat(err).contains("sealKey");
  }

  @Test
  void reseal_missingStoreOption_oneLineError() {
    assertOneLineError(run("store", "reseal"));
    assertThat(err).contains("--store");
  }

  @Test
  void tokensImport_duplicateSerial_importsNothing() throws Exception {
    importTwo();
    byte[] before = Files.readAllBytes(store);
    Path pskc =
        Files.writeString(dir.resolve("b.pskc"), TokensCommandProcessesTest.hotpPskc("N1", "H2"));
    assertOneLineError(
        run("tokens", "--store=" + store, "--seal-key=" + sealKey, "import", pskc.toString()));
    assertThat(err).contains("H2");
    assertThat(Files.readAllBytes(store)).isEqualTo(before);
  }
}
