package dev.rootguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.yubico.yubikit.core.otp.ChecksumUtils;
import com.yubico.yubikit.core.otp.Modhex;
import dev.rootguard.mfa.hardware.JsonFileTokenStore;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.mfa.totp.OtpParameters;
import dev.rootguard.mfa.totp.OtpSecret;
import dev.rootguard.mfa.totp.Totp;
import dev.rootguard.seal.LocalKeySealer;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensCommandTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  static final String PLAIN =
      "<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\">"
          + "<KeyPackage><DeviceInfo><Manufacturer>Acme</Manufacturer><SerialNo>GALT0001</SerialNo></DeviceInfo>"
          + "<Key Id=\"k1\" Algorithm=\"urn:ietf:params:xml:ns:keyprov:pskc:totp\"><Data><Secret>"
          + "<PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret>"
          + "<TimeInterval><PlainValue>30</PlainValue></TimeInterval></Data></Key></KeyPackage>"
          + "<KeyPackage><DeviceInfo><SerialNo>GALT0002</SerialNo><ExpiryDate>2025-01-01T00:00:00Z</ExpiryDate></DeviceInfo>"
          + "<Key Id=\"k2\" Algorithm=\"urn:ietf:params:xml:ns:keyprov:pskc:totp\"><Data><Secret>"
          + "<PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret></Data></Key></KeyPackage>"
          + "</KeyContainer>";

  @TempDir Path dir;
  Path store;
  Path sealKey;
  StringWriter out;
  StringWriter err;

  @BeforeEach
  void setUp() {
    store = dir.resolve("state").resolve("tokens.json");
    sealKey = dir.resolve("keys").resolve("seal.key");
  }

  int run(String... args) {
    return runWith(Map.of(), args);
  }

  /** Runs with this environment and no terminal. */
  int runWith(Map<String, String> env, String... args) {
    out = new StringWriter();
    err = new StringWriter();
    String[] full = new String[args.length + 3];
    full[0] = "tokens";
    full[1] = "--store=" + store;
    full[2] = "--seal-key=" + sealKey;
    System.arraycopy(args, 0, full, 3, args.length);
    CliRunner.Result r =
        CliRunner.cli().withEnv(env).withClock(Clock.fixed(NOW, ZoneOffset.UTC)).run(full);
    out.write(r.out());
    err.write(r.err());
    int code = r.exit();
    assertThat(err.toString()).doesNotContain("\tat ").doesNotContain("Exception");
    return code;
  }

  static String code(int offsetSteps) {
    return Totp.code(
        OtpSecret.fromBytes(SEED),
        OtpParameters.of(HmacAlgorithm.SHA1, 6, 30),
        NOW.plusSeconds(30L * offsetSteps));
  }

  Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void list_serialWithBidiOverride_printedEscaped() throws Exception {
    Path f = write("bidi.pskc", PLAIN.replace("GALT0001", "GALT\u202E0001"));
    assertThat(run("import", f.toString(), "--owner", "ro\u202Eot")).isZero();
    assertThat(out.toString()).contains("imported GALT\\u202E0001").doesNotContain("\u202E");
    assertThat(run("list")).isZero();
    assertThat(out.toString())
        .contains("GALT\\u202E0001")
        .contains("owner=ro\\u202Eot")
        .doesNotContain("\u202E");
  }

  @Test
  void importListVerifyResync_exitCodes() throws Exception {
    Path f = write("plain.pskc", PLAIN);
    assertThat(run("import", f.toString(), "--owner", "root")).isZero();
    assertThat(out.toString()).contains("imported GALT0001").contains("2 token(s)");

    assertThat(run("list")).isZero();
    assertThat(out.toString()).contains("GALT0001").contains("owner=root").contains("EXPIRED");
    assertThat(out.toString()).doesNotContain("MTIzNDU2").doesNotContain("3132333435");

    assertThat(run("verify", "GALT0001", code(0))).isZero();
    assertThat(out.toString()).startsWith("accepted");
    assertThat(run("verify", "GALT0001", code(0))).isEqualTo(1);
    assertThat(out.toString()).contains("REPLAYED");
    assertThat(run("verify", "GALT0001", "000000".equals(code(5)) ? "111111" : code(5)))
        .isEqualTo(1);
    assertThat(out.toString()).contains("WRONG_CODE");
    assertThat(run("verify", "GALT0001", "12ab56")).isEqualTo(1);
    assertThat(out.toString()).contains("MALFORMED_INPUT");
    assertThat(run("verify", "GALT0002", code(0))).isEqualTo(1);
    assertThat(out.toString()).contains("CREDENTIAL_EXPIRED");
    assertThat(run("verify", "NOPE", code(0))).isEqualTo(1);
    assertThat(out.toString()).contains("UNKNOWN_CREDENTIAL");

    assertThat(run("resync", "GALT0001", code(12), code(13))).isZero();
    assertThat(out.toString()).contains("drift 13");
    assertThat(run("expired")).isEqualTo(1);
    assertThat(out.toString().strip()).isEqualTo("GALT0002");

    assertThat(run("disable", "GALT0001")).isZero();
    assertThat(run("verify", "GALT0001", code(14))).isEqualTo(1);
    assertThat(out.toString()).contains("CREDENTIAL_DISABLED");
  }

  @Test
  void verify_unassignedToken_notAssignedWithHowToAssign_thenAcceptedOnceAssigned()
      throws Exception {
    Path f = write("plain.pskc", PLAIN);
    assertThat(run("import", f.toString())).isZero();
    assertThat(run("verify", "GALT0001", code(0))).isEqualTo(1);
    assertThat(out.toString())
        .startsWith("rejected: CREDENTIAL_NOT_ASSIGNED")
        .contains("not assigned to any user")
        .doesNotContain("another user");
    assertThat(err.toString()).contains("rootguard tokens assign GALT0001 USER");
    assertThat(run("verify", "GALT0001", code(0), "--principal", "root")).isEqualTo(1);
    assertThat(out.toString()).startsWith("rejected: CREDENTIAL_NOT_ASSIGNED");

    assertThat(run("assign", "GALT0001", "root")).isZero();
    assertThat(run("verify", "GALT0001", code(0))).isZero();
    assertThat(out.toString()).startsWith("accepted");
    assertThat(run("verify", "GALT0001", code(1), "--principal", "mallory")).isEqualTo(1);
    assertThat(out.toString()).startsWith("rejected: CREDENTIAL_NOT_OWNED");
    assertThat(err.toString()).doesNotContain("hint");
  }

  @Test
  void verify_storedSeedBelowMinimum_verifierErrorExit1NotExit2() throws Exception {
    // A store written before seeds under 10 bytes were refused (issue 11 §3.1): the seed of
    // GALT0003 is sealed as the 4 bytes "1234" of RFC 6030 figure 2.
    String two =
        PLAIN
            .replace("<ExpiryDate>2025-01-01T00:00:00Z</ExpiryDate>", "")
            .replace("GALT0002", "GALT0003");
    assertThat(run("import", write("two.pskc", two).toString(), "--owner", "root")).isZero();
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode doc =
        (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(store.toFile());
    String shortSeed =
        LocalKeySealer.open(sealKey)
            .seal("1234".getBytes(StandardCharsets.US_ASCII), "token:GALT0003");
    for (var t : doc.withArray("tokens")) {
      if (t.get("serial").asText().equals("GALT0003")) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) t).put("secret", shortSeed);
      }
    }
    json.writeValue(store.toFile(), doc);

    assertThat(run("verify", "GALT0003", "110366")).isEqualTo(1);
    assertThat(out.toString()).startsWith("rejected: VERIFIER_ERROR");
    // The other token of the same file still verifies.
    assertThat(run("verify", "GALT0001", code(0))).isZero();
  }

  @Test
  void storeFile_isOwnerOnly_andWrittenAtomically() throws Exception {
    assertThat(run("import", write("plain.pskc", PLAIN).toString())).isZero();
    if (Files.getFileStore(store.getParent()).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store)))
          .isEqualTo("rw-------");
    }
    try (var files = Files.list(store.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("tokens.json", "tokens.json.lock");
    }
    if (Files.getFileStore(sealKey.getParent()).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sealKey)))
          .isEqualTo("rw-------");
    }
    assertThat(JsonFileTokenStore.open(store, LocalKeySealer.open(sealKey)).serials())
        .containsExactly("GALT0001", "GALT0002");
  }

  @Test
  void encryptedImports_keyAndPassword() throws Exception {
    String fig6;
    try (var in = TokensCommandTest.class.getResourceAsStream("/pskc/rfc6030-figure6.xml")) {
      fig6 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path f = write("fig6.pskc", fig6);
    assertThat(
            run(
                "import",
                f.toString(),
                "--key",
                "12345678901234567890123456789012",
                "--key-name",
                "other"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("EncryptionKey/KeyName");
    assertThat(run("import", f.toString(), "--key", "zz")).isEqualTo(2);
    assertThat(err.toString()).contains("--key: must be hexadecimal");
    assertThat(run("import", f.toString())).isEqualTo(2);
    assertThat(
            run(
                "import",
                f.toString(),
                "--key",
                "12345678901234567890123456789012",
                "--key-name",
                "Pre-shared-key"))
        .isZero();
    assertThat(out.toString()).contains("imported 987654321");
  }

  @Test
  void oneBadKey_nothingImportedUnlessPartial() throws Exception {
    String bad =
        PLAIN.replace(
            "</KeyContainer>",
            "<KeyPackage><Key Id=\"broken\" Algorithm=\"urn:ietf:params:xml:ns:keyprov:pskc:totp\"><Data/></Key></KeyPackage></KeyContainer>");
    Path f = write("bad.pskc", bad);
    assertThat(run("import", f.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("key broken").contains("KeyPackage[3]/Key/Data/Secret");
    assertThat(Files.exists(store)).isFalse();
    assertThat(run("import", f.toString(), "--partial")).isEqualTo(1);
    assertThat(out.toString()).contains("2 token(s) imported");
  }

  @Test
  void missingFile_error() {
    assertThat(run("import", dir.resolve("none.pskc").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no such file");
  }

  @Test
  void xxeFile_refusedWithoutStackTrace() throws Exception {
    Path f =
        write(
            "xxe.pskc",
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\">&e;</KeyContainer>");
    assertThat(run("import", f.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("DOCTYPE").doesNotContain("root:x:");
  }

  static String yubicoOtp(String publicId, byte[] privateId, byte[] aes, int counter, int use)
      throws Exception {
    byte[] p = new byte[16];
    System.arraycopy(privateId, 0, p, 0, 6);
    p[6] = (byte) counter;
    p[7] = (byte) (counter >> 8);
    p[11] = (byte) use;
    int crc = ~ChecksumUtils.calculateCrc(p, 14) & 0xffff;
    p[14] = (byte) crc;
    p[15] = (byte) (crc >> 8);
    Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aes, "AES"));
    return publicId + Modhex.encode(c.doFinal(p));
  }

  @Test
  void yubicoAddAndVerify() throws Exception {
    String aes = "ecde18dbe76fbd0c33330f1c354871db";
    String priv = "8792ebfe26cc";
    assertThat(
            run(
                "yubico",
                "add",
                "--public-id",
                "vvcccccbhlnc",
                "--private-id",
                priv,
                "--aes-key",
                aes,
                "--owner",
                "root"))
        .isZero();
    assertThat(run("list")).isZero();
    assertThat(out.toString()).contains("vvcccccbhlnc").doesNotContain(aes).doesNotContain(priv);
    String otp =
        yubicoOtp(
            "vvcccccbhlnc", HexFormat.of().parseHex(priv), HexFormat.of().parseHex(aes), 3, 1);
    assertThat(run("yubico", "verify", otp)).isZero();
    assertThat(out.toString()).contains("session 3, use 1");
    assertThat(run("yubico", "verify", otp)).isEqualTo(1);
    assertThat(out.toString()).contains("REPLAYED");
    assertThat(run("yubico", "verify", "notanotp")).isEqualTo(1);
    assertThat(out.toString()).contains("MALFORMED_INPUT");
    assertThat(Files.readString(store)).doesNotContain(aes).doesNotContain(priv); // sealed
    assertThat(
            run(
                "yubico",
                "add",
                "--public-id",
                "vvcccccbhlnc",
                "--private-id",
                "12",
                "--aes-key",
                aes))
        .isEqualTo(2);
    assertThat(err.toString()).contains("privateId");
  }

  @Test
  void yubikeyWithoutReader_errorNotStackTrace() {
    assertThat(run("yubikey", "list", "--reader", "No Such Reader 4711", "--wait", "0"))
        .isEqualTo(2);
    assertThat(err.toString()).startsWith("rootguard: error:");
  }

  static String resource(String name) throws Exception {
    try (var in = TokensCommandTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void import_keyFile_imports() throws Exception {
    Path f = write("fig6.pskc", resource("/pskc/rfc6030-figure6.xml"));
    Path key = write("psk.hex", "12345678901234567890123456789012\n");
    assertThat(run("import", f.toString(), "--key-file", key.toString())).isZero();
    assertThat(out.toString()).contains("imported 987654321");
  }

  @Test
  void import_keyEnv_imports() throws Exception {
    Path f = write("fig6.pskc", resource("/pskc/rfc6030-figure6.xml"));
    assertThat(
            runWith(
                Map.of("ROOTGUARD_PSKC_KEY", "12345678901234567890123456789012"),
                "import",
                f.toString()))
        .isZero();
    assertThat(out.toString()).contains("imported 987654321");
  }

  @Test
  void import_passwordFileAndEnv_import() throws Exception {
    Path f = write("fig7.pskc", resource("/pskc/rfc6030-figure7.xml"));
    Path pw = write("pw.txt", "qwerty\n");
    assertThat(run("import", f.toString(), "--password-file", pw.toString())).isZero();
    assertThat(out.toString()).contains("imported 987654321");
    store = dir.resolve("state2").resolve("tokens.json");
    assertThat(runWith(Map.of("ROOTGUARD_PSKC_PASSWORD", "qwerty"), "import", f.toString()))
        .isZero();
    assertThat(out.toString()).contains("imported 987654321");
  }

  @Test
  void import_keyAndPasswordFromAnySources_oneLineErrorExit2() throws Exception {
    Path f = write("fig6.pskc", resource("/pskc/rfc6030-figure6.xml"));
    Path key = write("psk.hex", "12345678901234567890123456789012");
    assertThat(
            runWith(
                Map.of("ROOTGUARD_PSKC_PASSWORD", "qwerty"),
                "import",
                f.toString(),
                "--key-file",
                key.toString()))
        .isEqualTo(2);
    assertThat(err.toString())
        .startsWith("rootguard: error: --key: give only one of --key, --key-file or")
        .contains("--password, --password-file or ROOTGUARD_PSKC_PASSWORD")
        .contains("(got --key-file and ROOTGUARD_PSKC_PASSWORD)")
        .doesNotContain("qwerty")
        .doesNotContain("1234567890");
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(Files.exists(store)).isFalse();
  }

  @Test
  void yubicoAdd_secretsFromFileAndEnv() throws Exception {
    String aes = "ecde18dbe76fbd0c33330f1c354871db";
    String priv = "8792ebfe26cc";
    Path privFile = write("priv.hex", priv + "\n");
    assertThat(
            runWith(
                Map.of("ROOTGUARD_YUBICO_AES_KEY", aes),
                "yubico",
                "add",
                "--public-id",
                "vvcccccbhlnc",
                "--private-id-file",
                privFile.toString(),
                "--owner",
                "root"))
        .as(err.toString())
        .isZero();
    Path aesFile = write("aes.hex", aes);
    assertThat(
            runWith(
                Map.of("ROOTGUARD_YUBICO_PRIVATE_ID", priv),
                "yubico",
                "add",
                "--public-id",
                "vvccccccdkfk",
                "--aes-key-file",
                aesFile.toString()))
        .as(err.toString())
        .isZero();
    String otp =
        yubicoOtp(
            "vvcccccbhlnc", HexFormat.of().parseHex(priv), HexFormat.of().parseHex(aes), 3, 1);
    assertThat(run("yubico", "verify", otp)).isZero();
    assertThat(Files.readString(store)).doesNotContain(aes).doesNotContain(priv);
  }

  @Test
  void yubicoAdd_missingOrDoubleSecret_oneLineErrorExit2() throws Exception {
    String aes = "ecde18dbe76fbd0c33330f1c354871db";
    assertThat(run("yubico", "add", "--public-id", "vvcccccbhlnc", "--aes-key", aes)).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "rootguard: error: --private-id: missing: give --private-id, --private-id-file or"
                + " ROOTGUARD_YUBICO_PRIVATE_ID (or run it in a terminal)"
                + System.lineSeparator());
    assertThat(
            runWith(
                Map.of("ROOTGUARD_YUBICO_AES_KEY", aes),
                "yubico",
                "add",
                "--public-id",
                "vvcccccbhlnc",
                "--private-id",
                "8792ebfe26cc",
                "--aes-key",
                aes))
        .isEqualTo(2);
    assertThat(err.toString())
        .startsWith("rootguard: error: --aes-key: give only one of")
        .contains("(got --aes-key and ROOTGUARD_YUBICO_AES_KEY)")
        .doesNotContain(aes);
    assertThat(Files.exists(store)).isFalse();
  }

  @Test
  void import_deeplyNestedPskc_oneLineErrorExit2NotVerdict() throws Exception {
    // 200,000 nested elements inside <SerialNo> overflowed the stack (issue 11); whether the
    // parser refuses the depth or overflows, the CLI answers one line and exit 2.
    int depth = 200_000;
    String nested = "<x>".repeat(depth) + "</x>".repeat(depth);
    Path f = write("deep.pskc", PLAIN.replace("GALT0001", nested));
    assertThat(run("import", f.toString())).isEqualTo(RootGuardCli.EXIT_ERROR);
    assertThat(err.toString()).startsWith("rootguard: error: ");
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(Files.exists(store)).isFalse();
  }
}
