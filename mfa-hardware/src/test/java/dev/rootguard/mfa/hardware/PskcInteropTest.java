package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-checks the PSKC reader against Debian's python3-pskc: files it writes (plaintext,
 * pre-shared key, password) import with the same values, and what we import, written back by
 * python3-pskc, imports again unchanged.
 */
class PskcInteropTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PSK_HEX = "000102030405060708090a0b0c0d0e0f";

  /** Builds a PSKC file from a JSON list of tokens with python3-pskc. */
  static final String WRITER =
      String.join(
          "\n",
          "import json, sys, datetime, pskc",
          "mode, src, dst = sys.argv[1], sys.argv[2], sys.argv[3]",
          "p = pskc.PSKC()",
          "def ts(s):",
          "    return datetime.datetime.fromtimestamp(s, tz=datetime.timezone.utc)",
          "for t in json.load(open(src)):",
          "    k = p.add_key(id=t['keyId'], serial=t['serial'], secret=bytes.fromhex(t['secret']),",
          "        algorithm='urn:ietf:params:xml:ns:keyprov:pskc:' + t['type'].lower(),",
          "        response_length=t['digits'], response_encoding='DECIMAL')",
          "    if t.get('manufacturer'): k.manufacturer = t['manufacturer']",
          "    if t.get('issuer'): k.issuer = t['issuer']",
          "    if t['algorithm'] != 'SHA1': k.algorithm_suite = 'HMAC-' + t['algorithm']",
          "    if t['type'] == 'HOTP': k.counter = t['counter']",
          "    else:",
          "        k.time_interval = t['timeStep']; k.time_offset = t['t0']; k.time_drift = t['drift']",
          "    if 'validFrom' in t: k.policy.start_date = ts(t['validFrom'])",
          "    if 'validUntil' in t: k.policy.expiry_date = ts(t['validUntil'])",
          "if mode == 'psk':",
          "    p.encryption.setup_preshared_key(key=bytes.fromhex('"
              + PSK_HEX
              + "'), key_name='Vendor PSK')",
          "elif mode == 'psk256':",
          "    p.encryption.setup_preshared_key(key=bytes.fromhex('" + PSK_HEX + PSK_HEX + "'),",
          "        key_name='Vendor PSK', algorithm='aes256-cbc')",
          "    p.mac.setup(algorithm='hmac-sha256')",
          "elif mode == 'password':",
          "    p.encryption.setup_pbkdf2('correct horse', iterations=2000, key_name='Batch 7')",
          "p.write(dst)");

  /** Reads a PSKC file with python3-pskc and prints its tokens as JSON. */
  static final String READER =
      String.join(
          "\n",
          "import json, sys, pskc",
          "p = pskc.PSKC(sys.argv[1])",
          "if sys.argv[2] == 'psk': p.encryption.key = bytes.fromhex('" + PSK_HEX + "')",
          "out = []",
          "for k in p.keys:",
          "    out.append({'keyId': k.id, 'serial': k.serial, 'secret': k.secret.hex(),",
          "        'digits': k.response_length, 'counter': k.counter, 'timeStep': k.time_interval})",
          "print(json.dumps(out))");

  @TempDir Path dir;

  @BeforeEach
  void requireTool() {
    ExternalTools.requirePythonPskc();
  }

  static ArrayNode sampleTokens(int n) {
    ArrayNode a = JSON.createArrayNode();
    java.util.Random rnd = new java.util.Random(42);
    String[] algs = {"SHA1", "SHA256", "SHA512"};
    for (int i = 0; i < n; i++) {
      ObjectNode t = a.addObject();
      byte[] secret = new byte[i % 3 == 0 ? 20 : 32];
      rnd.nextBytes(secret);
      t.put("keyId", "key-" + i);
      t.put("serial", String.format("GALT%08d", i));
      t.put("secret", HexFormat.of().formatHex(secret));
      t.put("type", i % 2 == 0 ? "TOTP" : "HOTP");
      t.put("algorithm", algs[i % 3]);
      t.put("digits", 6 + i % 3);
      t.put("counter", i * 7);
      t.put("timeStep", i % 4 == 0 ? 60 : 30);
      t.put("t0", 0);
      t.put("drift", i % 5 - 2);
      t.put("manufacturer", "Acme Tokens");
      t.put("issuer", "RootGuard Test");
      t.put("validFrom", 1_600_000_000L + i);
      t.put("validUntil", 1_900_000_000L + i);
    }
    return a;
  }

  Path writeWithPython(String mode, JsonNode tokens) throws IOException {
    Path json = dir.resolve(mode + ".json");
    JSON.writeValue(json.toFile(), tokens);
    Path pskc = dir.resolve(mode + ".pskc");
    ExternalTools.python(dir, WRITER, mode, json.toString(), pskc.toString());
    return pskc;
  }

  static PskcImport read(Path file, PskcKey key) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Pskc.read(in, key);
    }
  }

  static void assertMatches(List<HardwareToken> tokens, JsonNode expected) {
    assertThat(tokens).hasSize(expected.size());
    for (int i = 0; i < tokens.size(); i++) {
      HardwareToken t = tokens.get(i);
      JsonNode e = expected.get(i);
      assertThat(t.keyId()).isEqualTo(e.get("keyId").asText());
      assertThat(t.serial()).isEqualTo(e.get("serial").asText());
      assertThat(HexFormat.of().formatHex(t.revealSecret())).isEqualTo(e.get("secret").asText());
      assertThat(t.type().name()).isEqualTo(e.get("type").asText());
      assertThat(t.algorithm().name()).isEqualTo(e.get("algorithm").asText());
      assertThat(t.digits()).isEqualTo(e.get("digits").asInt());
      assertThat(t.manufacturer()).contains(e.get("manufacturer").asText());
      assertThat(t.issuer()).contains(e.get("issuer").asText());
      if (t.type() == OathType.HOTP) {
        assertThat(t.counter()).isEqualTo(e.get("counter").asLong());
      } else {
        assertThat(t.timeStep()).isEqualTo(Duration.ofSeconds(e.get("timeStep").asLong()));
        assertThat(t.timeDrift()).isEqualTo(e.get("drift").asInt());
        assertThat(t.t0()).isEqualTo(Instant.ofEpochSecond(e.get("t0").asLong()));
      }
      assertThat(t.validFrom()).contains(Instant.ofEpochSecond(e.get("validFrom").asLong()));
      assertThat(t.validUntil()).contains(Instant.ofEpochSecond(e.get("validUntil").asLong()));
    }
  }

  @Test
  void plaintextFileFromPythonPskc_imports() throws IOException {
    ArrayNode tokens = sampleTokens(12);
    PskcImport r = read(writeWithPython("plain", tokens), PskcKey.none());
    assertMatches(r.requireComplete(), tokens);
  }

  @Test
  void preSharedKeyFileFromPythonPskc_imports() throws IOException {
    ArrayNode tokens = sampleTokens(12);
    Path f = writeWithPython("psk", tokens);
    PskcImport r = read(f, PskcKey.preShared("Vendor PSK", HexFormat.of().parseHex(PSK_HEX)));
    assertMatches(r.requireComplete(), tokens);
  }

  @Test
  void aes256AndHmacSha256FileFromPythonPskc_imports() throws IOException {
    ArrayNode tokens = sampleTokens(6);
    Path f = writeWithPython("psk256", tokens);
    PskcImport r = read(f, PskcKey.preShared(HexFormat.of().parseHex(PSK_HEX + PSK_HEX)));
    assertMatches(r.requireComplete(), tokens);
  }

  @Test
  void passwordFileFromPythonPskc_imports() throws IOException {
    ArrayNode tokens = sampleTokens(12);
    Path f = writeWithPython("password", tokens);
    PskcImport r = read(f, PskcKey.password("correct horse".toCharArray()));
    assertMatches(r.requireComplete(), tokens);
  }

  @Test
  void oneTamperedKey_isReportedAndTheRestImported() throws IOException {
    ArrayNode tokens = sampleTokens(5);
    Path f = writeWithPython("psk", tokens);
    String xml = Files.readString(f);
    // Corrupt the third key's ValueMAC (flip its first base64 character).
    int at = nthIndexOf(xml, "<pskc:ValueMAC>", 3) + "<pskc:ValueMAC>".length();
    char c = xml.charAt(at);
    String tampered = xml.substring(0, at) + (c == 'A' ? 'B' : 'A') + xml.substring(at + 1);
    Files.writeString(f, tampered);
    PskcImport r = read(f, PskcKey.preShared(HexFormat.of().parseHex(PSK_HEX)));
    assertThat(r.tokens())
        .extracting(HardwareToken::keyId)
        .containsExactly("key-0", "key-1", "key-3", "key-4");
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.keyId()).isEqualTo("key-2");
              assertThat(e.element()).isEqualTo("KeyPackage[3]/Key/Data/Secret/ValueMAC");
            });
  }

  static int nthIndexOf(String s, String what, int n) {
    int at = -1;
    for (int i = 0; i < n; i++) {
      at = s.indexOf(what, at + 1);
    }
    return at;
  }

  @Test
  void whatWeImport_exportedByPythonPskc_reimportsUnchanged() throws IOException {
    // 1. Import a password-protected file written by python3-pskc.
    ArrayNode original = sampleTokens(9);
    List<HardwareToken> imported =
        read(writeWithPython("password", original), PskcKey.password("correct horse".toCharArray()))
            .requireComplete();
    // 2. Write what we imported as JSON (our view of every attribute), and let python3-pskc
    //    build a pre-shared-key PSKC file from it.
    ArrayNode ours = JSON.createArrayNode();
    for (HardwareToken t : imported) {
      ObjectNode o = ours.addObject();
      o.put("keyId", t.keyId());
      o.put("serial", t.serial());
      o.put("secret", HexFormat.of().formatHex(t.revealSecret()));
      o.put("type", t.type().name());
      o.put("algorithm", t.algorithm().name());
      o.put("digits", t.digits());
      o.put("counter", t.counter());
      o.put("timeStep", t.timeStep().getSeconds());
      o.put("t0", t.t0().getEpochSecond());
      o.put("drift", t.timeDrift());
      o.put("manufacturer", t.manufacturer().orElseThrow());
      o.put("issuer", t.issuer().orElseThrow());
      o.put("validFrom", t.validFrom().orElseThrow().getEpochSecond());
      o.put("validUntil", t.validUntil().orElseThrow().getEpochSecond());
    }
    Path exported = writeWithPython("psk", ours);
    // 3. python3-pskc itself reads it back with the same secrets...
    JsonNode pythonView =
        JSON.readTree(ExternalTools.python(dir, READER, exported.toString(), "psk"));
    for (int i = 0; i < original.size(); i++) {
      assertThat(pythonView.get(i).get("secret").asText())
          .isEqualTo(original.get(i).get("secret").asText());
      assertThat(pythonView.get(i).get("serial").asText())
          .isEqualTo(original.get(i).get("serial").asText());
    }
    // 4. ...and so do we: every attribute survives the round trip.
    List<HardwareToken> again =
        read(exported, PskcKey.preShared("Vendor PSK", HexFormat.of().parseHex(PSK_HEX)))
            .requireComplete();
    assertMatches(again, original);
    for (int i = 0; i < again.size(); i++) {
      assertThat(again.get(i).sameSecretAs(imported.get(i))).isTrue();
    }
  }

  @Test
  void rfc6030Figure6_readByPythonPskcToo() throws IOException {
    Path f = dir.resolve("figure6.pskc");
    try (InputStream in = getClass().getResourceAsStream("/pskc/rfc6030-figure6.xml")) {
      Files.write(f, in.readAllBytes());
    }
    String script =
        "import sys, pskc\np = pskc.PSKC(sys.argv[1])\n"
            + "p.encryption.key = bytes.fromhex('12345678901234567890123456789012')\n"
            + "print(p.keys[0].secret.hex())";
    String pythonSecret = ExternalTools.python(dir, script, f.toString()).strip();
    HardwareToken ours = read(f, PskcKey.preShared(PskcTest.FIGURE6_KEY)).requireComplete().get(0);
    assertThat(HexFormat.of().formatHex(ours.revealSecret())).isEqualTo(pythonSecret);
  }

  @Test
  void policyFile_sameVerdictAsPythonPskc() throws IOException {
    Path f = dir.resolve("policy.pskc");
    try (InputStream in = getClass().getResourceAsStream("/pskc/policy.xml")) {
      Files.write(f, in.readAllBytes());
    }
    String script =
        "import sys, json, datetime, pskc\np = pskc.PSKC(sys.argv[1])\n"
            + "now = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)\n"
            + "print(json.dumps({k.id: k.policy.may_use('OTP', now) for k in p.keys}))";
    JsonNode python = JSON.readTree(ExternalTools.python(dir, script, f.toString()));
    PskcImport ours = read(f, PskcKey.none());
    assertThat(python.size()).isEqualTo(4);
    python
        .fields()
        .forEachRemaining(
            e -> {
              boolean imported = ours.tokens().stream().anyMatch(t -> t.keyId().equals(e.getKey()));
              assertThat(imported)
                  .as("key %s imported", e.getKey())
                  .isEqualTo(e.getValue().asBoolean());
            });
  }

  @Test
  void timeIsAStepCount_asPythonPskcReadsIt() throws IOException {
    // Time = 59,000,000 steps of 30 s (mid 2026). python-pskc calls it time_offset, "in intervals".
    String writer =
        "import sys, pskc\np = pskc.PSKC()\n"
            + "k = p.add_key(id='t1', serial='T-1', secret=bytes(range(20)),"
            + " algorithm='urn:ietf:params:xml:ns:keyprov:pskc:totp', response_length=6)\n"
            + "k.time_offset = 59000000\nk.time_interval = 30\np.write(sys.argv[1])";
    Path f = dir.resolve("time.pskc");
    ExternalTools.python(dir, writer, f.toString());
    String reader =
        "import sys, pskc\nk = pskc.PSKC(sys.argv[1]).keys[0]\n"
            + "print(k.time_offset, k.time_interval)";
    assertThat(ExternalTools.python(dir, reader, f.toString()).strip()).isEqualTo("59000000 30");
    HardwareToken t = read(f, PskcKey.none()).requireComplete().get(0);
    // Not T0 = 59,000,000 s (1971-11-14): T0 stays the Unix epoch, as RFC 6238 and 6030 §4.3.4.
    assertThat(t.t0()).isEqualTo(Instant.EPOCH);
    assertThat(t.timeStep()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void pythonPskcEncryptedFile_onePlantedPlainValue_refusesThatKey() throws IOException {
    ArrayNode tokens = sampleTokens(4);
    Path f = writeWithPython("psk", tokens);
    String xml = Files.readString(f);
    // Swap the second key's encrypted secret (EncryptedValue + ValueMAC) for a plaintext one.
    int secret = nthIndexOf(xml, "<pskc:Secret>", 2);
    int end = xml.indexOf("</pskc:Secret>", secret);
    String planted =
        xml.substring(0, secret)
            + "<pskc:Secret><pskc:PlainValue>YXR0YWNrZXIta25vd3MtdGhpcyE=</pskc:PlainValue>"
            + xml.substring(end);
    Files.writeString(f, planted);
    PskcImport r = read(f, PskcKey.preShared(HexFormat.of().parseHex(PSK_HEX)));
    assertThat(r.tokens())
        .extracting(HardwareToken::keyId)
        .containsExactly("key-0", "key-2", "key-3");
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.keyId()).isEqualTo("key-1");
              assertThat(e.element()).isEqualTo("KeyPackage[2]/Key/Data/Secret/PlainValue");
            });
  }
}
