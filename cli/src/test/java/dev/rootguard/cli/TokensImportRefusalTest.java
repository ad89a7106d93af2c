package dev.rootguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 through {@code rootguard tokens import}: a refused file gets one clear line naming what
 * is wrong (exit 2 for the file as a whole, 1 for refused keys) and leaves the store exactly as it
 * was.
 */
class TokensImportRefusalTest {
  static final String NS = "urn:ietf:params:xml:ns:keyprov:pskc";
  static final String SEED_B64 = "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=";

  @TempDir Path dir;
  Path store;
  Path sealKey;
  StringWriter out;
  StringWriter err;

  @BeforeEach
  void setUp() throws Exception {
    store = dir.resolve("tokens.json");
    sealKey = dir.resolve("seal.key");
    // A store that already holds one token.
    assertThat(
            run("import", write("first.pskc", container(key("k0", "EXISTING-1", ""))).toString()))
        .isZero();
  }

  static String key(String id, String serial, String policy) {
    return "<KeyPackage><DeviceInfo><SerialNo>"
        + serial
        + "</SerialNo></DeviceInfo><Key Id=\""
        + id
        + "\" Algorithm=\"urn:ietf:params:xml:ns:keyprov:pskc:hotp\"><Data><Secret><PlainValue>"
        + SEED_B64
        + "</PlainValue></Secret></Data>"
        + policy
        + "</Key></KeyPackage>";
  }

  static String container(String body) {
    return "<KeyContainer Version=\"1.0\" xmlns=\"" + NS + "\">" + body + "</KeyContainer>";
  }

  Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    String[] full = new String[args.length + 3];
    full[0] = "tokens";
    full[1] = "--store=" + store;
    full[2] = "--seal-key=" + sealKey;
    System.arraycopy(args, 0, full, 3, args.length);
    CliRunner.Result r = CliRunner.exec(full);
    out.write(r.out());
    err.write(r.err());
    int code = r.exit();
    assertThat(err.toString())
        .doesNotContain("\tat ")
        .doesNotContain("Exception")
        .doesNotContain("Error:");
    return code;
  }

  /** Runs the import and checks the store file did not change by one byte. */
  int importLeavingStoreUnchanged(Path file, String... extra) throws Exception {
    byte[] before = Files.readAllBytes(store);
    String[] args = new String[extra.length + 2];
    args[0] = "import";
    args[1] = file.toString();
    System.arraycopy(extra, 0, args, 2, extra.length);
    int code = run(args);
    assertThat(Files.readAllBytes(store)).as("store after a refused import").isEqualTo(before);
    return code;
  }

  @Test
  void repeatedSerial_exit2NamingSerialAndBothKeys_storeUnchanged() throws Exception {
    Path f =
        write(
            "yubico-example2.pskc",
            container(key("slot1", "5551234", "") + key("slot2", "5551234", "")));
    assertThat(importLeavingStoreUnchanged(f, "--partial")).isEqualTo(2);
    assertThat(err.toString())
        .contains("KeyPackage[2]/DeviceInfo/SerialNo")
        .contains("'5551234'")
        .contains("'slot1'")
        .contains("'slot2'");
  }

  @Test
  void deeplyNestedSerial_exit2NamingTheLimit_storeUnchanged() throws Exception {
    int levels = 50_000;
    String deep =
        container(
            "<KeyPackage><DeviceInfo><SerialNo>"
                + "<a>".repeat(levels)
                + "</a>".repeat(levels)
                + "</SerialNo></DeviceInfo></KeyPackage>");
    assertThat(importLeavingStoreUnchanged(write("deep.pskc", deep))).isEqualTo(2);
    assertThat(err.toString()).contains("limit of 32").doesNotContain("StackOverflow");
  }

  @Test
  void keyWhosePolicyForbidsOtp_exit1NamingKeyAndReason_storeUnchanged() throws Exception {
    Path f =
        write(
            "policy.pskc",
            container(
                key("good", "NEW-1", "")
                    + key("cr-only", "NEW-2", "<Policy><KeyUsage>CR</KeyUsage></Policy>")));
    assertThat(importLeavingStoreUnchanged(f)).isEqualTo(1);
    assertThat(err.toString())
        .contains("key cr-only")
        .contains("KeyPackage[2]/Key/Policy/KeyUsage")
        .contains("does not permit OTP")
        .contains("nothing imported");
  }

  @Test
  void plantedPlaintextSecret_refused_unlessAllowedByName() throws Exception {
    String fig6;
    try (var in = getClass().getResourceAsStream("/pskc/rfc6030-figure6.xml")) {
      fig6 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int a = fig6.indexOf("<EncryptedValue>");
    int b = fig6.indexOf("</ValueMAC>") + "</ValueMAC>".length();
    Path f =
        write(
            "planted.pskc",
            fig6.substring(0, a) + "<PlainValue>" + SEED_B64 + "</PlainValue>" + fig6.substring(b));
    String psk = "12345678901234567890123456789012";
    assertThat(importLeavingStoreUnchanged(f, "--key", psk)).isEqualTo(1);
    assertThat(err.toString())
        .contains("key 12345678")
        .contains("KeyPackage[1]/Key/Data/Secret/PlainValue")
        .contains("plaintext secret");
    assertThat(run("import", f.toString(), "--key", psk, "--allow-plaintext-secrets")).isZero();
    assertThat(out.toString()).contains("imported 987654321");
  }
}
