package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.mfa.totp.HmacAlgorithm;
import dev.rootguard.seal.Envelope;
import dev.rootguard.seal.LocalKeySealer;
import dev.rootguard.seal.SealingException;
import dev.rootguard.seal.SecretSealer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonFileTokenStoreTest {
  static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  static final String V2 = "rootguard-tokens/2";
  static final String AES = "ecde18dbe76fbd0c33330f1c354871db";
  static final String PRIVATE_ID = "8792ebfe26cc";

  @TempDir Path dir;

  final LocalKeySealer sealer = sealer("lk-test-a", 1);

  static LocalKeySealer sealer(String id, int fill) {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) fill);
    return LocalKeySealer.ofKey(id, k);
  }

  JsonFileTokenStore open(Path f) {
    return JsonFileTokenStore.open(f, sealer);
  }

  static HardwareToken full() {
    return HardwareToken.builder("GALT-7", OathType.TOTP, SEED)
        .keyId("key-7")
        .manufacturer("Acme")
        .issuer("Bank")
        .algorithm(HmacAlgorithm.SHA256)
        .digits(8)
        .timeStep(Duration.ofSeconds(60))
        .t0(Instant.ofEpochSecond(30))
        .timeDrift(-3)
        .validFrom(Instant.parse("2020-01-01T00:00:00Z"))
        .validUntil(Instant.parse("2030-01-01T00:00:00Z"))
        .build();
  }

  static HardwareToken hotp(String serial) {
    return HardwareToken.builder(serial, OathType.HOTP, SEED).build();
  }

  static YubicoKey yubico() {
    return YubicoKey.fromHex("vvcccccbhlnc", PRIVATE_ID, AES);
  }

  @Test
  void open_everyAttributeAndState_survivesReopening() {
    Path f = dir.resolve("a/b/tokens.json");
    JsonFileTokenStore s = open(f);
    assertThat(Files.exists(f)).isFalse();
    s.add(full());
    s.assign("GALT-7", Principal.of("alice"));
    TokenState st = s.state("GALT-7").orElseThrow();
    assertThat(s.compareAndSet("GALT-7", st, st.withAccepted(1234, 5))).isTrue();
    assertThat(s.compareAndSet("GALT-7", st, st.withAccepted(1235, 5)))
        .as("stale version")
        .isFalse();
    YubicoKey k = yubico();
    s.addYubicoKey(k);
    s.updateYubicoKey(k.publicId(), x -> x.withDisabled(true));

    JsonFileTokenStore again = open(f);
    HardwareToken t = again.token("GALT-7").orElseThrow();
    assertThat(t.keyId()).isEqualTo("key-7");
    assertThat(t.manufacturer()).contains("Acme");
    assertThat(t.issuer()).contains("Bank");
    assertThat(t.algorithm()).isEqualTo(HmacAlgorithm.SHA256);
    assertThat(t.digits()).isEqualTo(8);
    assertThat(t.timeStep()).isEqualTo(Duration.ofSeconds(60));
    assertThat(t.t0()).isEqualTo(Instant.ofEpochSecond(30));
    assertThat(t.timeDrift()).isEqualTo(-3);
    assertThat(t.validFrom()).contains(Instant.parse("2020-01-01T00:00:00Z"));
    assertThat(t.validUntil()).contains(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(t.sameSecretAs(full())).isTrue();
    TokenState loaded = again.state("GALT-7").orElseThrow();
    assertThat(loaded.owner()).contains(Principal.of("alice"));
    assertThat(loaded.lastSequence()).isEqualTo(OptionalLong.of(1234));
    assertThat(loaded.driftSteps()).isEqualTo(5);
    assertThat(loaded.version()).isEqualTo(st.version() + 1);
    assertThat(again.yubicoKey("vvcccccbhlnc").orElseThrow().revealAesKey())
        .isEqualTo(k.revealAesKey());
    assertThat(again.yubicoKey("vvcccccbhlnc").orElseThrow().revealPrivateId())
        .isEqualTo(k.revealPrivateId());
    assertThat(again.yubicoKeyState("vvcccccbhlnc").orElseThrow().disabled()).isTrue();
  }

  @Test
  void add_newToken_startsFromTheVendorDrift() {
    JsonFileTokenStore s = open(dir.resolve("t.json"));
    s.add(full());
    assertThat(s.state("GALT-7").orElseThrow().driftSteps()).isEqualTo(-3);
  }

  @Test
  void write_fileOwnerOnlyDirectoryPrivate_noTempLeftovers() throws Exception {
    Path f = dir.resolve("state/tokens.json");
    JsonFileTokenStore s = open(f);
    for (int i = 0; i < 5; i++) {
      s.add(hotp("S" + i));
    }
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent())))
          .isEqualTo("rwx------");
    }
    try (var l = Files.list(f.getParent())) {
      assertThat(l.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("tokens.json", "tokens.json.lock");
    }
  }

  @Test
  void add_duplicateSerial_refusedNamingSerial() {
    JsonFileTokenStore s = open(dir.resolve("t.json"));
    s.add(full());
    assertThatThrownBy(() -> s.add(full()))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("serial");
  }

  @Test
  void addAll_oneSerialAlreadyInTheFile_addsNothing() throws Exception {
    Path f = dir.resolve("t.json");
    JsonFileTokenStore s = open(f);
    s.add(hotp("B"));
    byte[] before = Files.readAllBytes(f);
    assertThatThrownBy(() -> s.addAll(List.of(hotp("A"), hotp("B"), hotp("C"))))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("serial");
    assertThat(s.serials()).containsExactly("B");
    assertThat(Files.readAllBytes(f)).isEqualTo(before);
  }

  @Test
  void addAllWithOwner_assignsEveryTokenInTheSameWrite() {
    JsonFileTokenStore s = open(dir.resolve("t.json"));
    s.addAll(List.of(hotp("A"), hotp("B")), Principal.of("alice"));
    assertThat(s.state("A").orElseThrow().owner()).contains(Principal.of("alice"));
    assertThat(s.state("B").orElseThrow().owner()).contains(Principal.of("alice"));
    assertThat(s.state("B").orElseThrow().version()).isZero();
  }

  @Test
  void compareAndSet_secondInstanceWithStaleCopy_loses() {
    Path f = dir.resolve("t.json");
    JsonFileTokenStore a = open(f);
    a.add(hotp("H1"));
    JsonFileTokenStore b = open(f);
    TokenState seenByBoth = b.state("H1").orElseThrow();
    assertThat(a.compareAndSet("H1", seenByBoth, seenByBoth.withAccepted(7, 0))).isTrue();
    assertThat(b.compareAndSet("H1", seenByBoth, seenByBoth.withAccepted(7, 0))).isFalse();
    assertThat(b.state("H1").orElseThrow().lastSequence()).isEqualTo(OptionalLong.of(7));
  }

  @Test
  void setDisabled_thenAnotherInstanceAdds_staysDisabled() {
    Path f = dir.resolve("t.json");
    JsonFileTokenStore importer = open(f);
    importer.add(hotp("H1"));
    JsonFileTokenStore admin = open(f);
    importer.serials(); // the importer holds a copy from before the disable
    admin.setDisabled("H1", true);
    importer.addAll(List.of(hotp("H2"), hotp("H3")));
    assertThat(open(f).state("H1").orElseThrow().disabled()).isTrue();
  }

  // ---- sealed at rest ----

  @Test
  void rawFile_containsNoSecretInHexBase64OrBase32() throws Exception {
    Path f = dir.resolve("t.json");
    JsonFileTokenStore s = open(f);
    SecureRandom r = new SecureRandom();
    List<byte[]> secrets = new ArrayList<>();
    List<HardwareToken> batch = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      byte[] seed = new byte[i % 2 == 0 ? 20 : 32];
      r.nextBytes(seed);
      secrets.add(seed);
      batch.add(HardwareToken.builder("T" + i, OathType.TOTP, seed).build());
    }
    s.addAll(batch);
    s.add(hotp("RFC-4226"));
    secrets.add(SEED);
    s.addYubicoKey(yubico());
    secrets.add(HexFormat.of().parseHex(AES));
    secrets.add(HexFormat.of().parseHex(PRIVATE_ID));

    String raw = Files.readString(f);
    for (byte[] secret : secrets) {
      for (String encoded : encodings(secret)) {
        assertThat(raw.toLowerCase(Locale.ROOT)).doesNotContain(encoded.toLowerCase(Locale.ROOT));
      }
    }
    assertThat(raw).doesNotContain("1234567890"); // the ASCII seed itself
    assertThat(raw).contains(V2);
  }

  /**
   * Hex, Base64 (standard, URL, padded or not) and Base32 of the whole secret and of 8-byte runs.
   */
  static List<String> encodings(byte[] secret) {
    List<String> out = new ArrayList<>();
    List<byte[]> parts = new ArrayList<>();
    parts.add(secret);
    for (int i = 0; i + 8 <= secret.length; i += 4) {
      parts.add(java.util.Arrays.copyOfRange(secret, i, i + 8));
    }
    for (byte[] p : parts) {
      out.add(HexFormat.of().formatHex(p));
      out.add(Base64.getEncoder().withoutPadding().encodeToString(p));
      out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(p));
      out.add(base32(p));
    }
    return out;
  }

  static String base32(byte[] b) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder sb = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte x : b) {
      buffer = (buffer << 8) | (x & 0xff);
      bits += 8;
      while (bits >= 5) {
        sb.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(alphabet.charAt((buffer << (5 - bits)) & 31));
    }
    return sb.toString();
  }

  static final String LEGACY =
      "{\"format\":\"rootguard-tokens/1\",\"warning\":\"old\",\"tokens\":[{\"serial\":\"OLD-1\","
          + "\"keyId\":\"OLD-1\",\"type\":\"HOTP\",\"algorithm\":\"SHA1\",\"digits\":6,"
          + "\"timeStep\":30,\"t0\":0,\"counter\":0,\"timeDrift\":0,"
          + "\"secret\":\"MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=\",\"state\":{\"owner\":\"root\","
          + "\"disabled\":false,\"driftSteps\":0,\"lastSequence\":4,\"version\":3}}],"
          + "\"yubicoKeys\":[{\"publicId\":\"vvcccccbhlnc\",\"privateId\":\""
          + PRIVATE_ID
          + "\",\"aesKey\":\""
          + AES
          + "\",\"state\":{\"disabled\":false,\"driftSteps\":0,\"version\":0}}]}";

  @Test
  void open_legacyPlainFile_loadsAndIsSealedOnNextWrite() throws Exception {
    Path f = Files.writeString(dir.resolve("t.json"), LEGACY);
    JsonFileTokenStore s = open(f);
    assertThat(s.token("OLD-1").orElseThrow().sameSecretAs(hotp("x"))).isTrue();
    assertThat(s.state("OLD-1").orElseThrow().lastSequence()).isEqualTo(OptionalLong.of(4));
    assertThat(Files.readString(f)).isEqualTo(LEGACY).as("reading does not write");

    s.setDisabled("OLD-1", true);

    String raw = Files.readString(f);
    assertThat(raw).contains(V2).doesNotContain("MTIzNDU2").doesNotContain(AES);
    JsonFileTokenStore again = open(f);
    assertThat(again.token("OLD-1").orElseThrow().sameSecretAs(hotp("x"))).isTrue();
    assertThat(again.state("OLD-1").orElseThrow().disabled()).isTrue();
    assertThat(again.state("OLD-1").orElseThrow().version()).isEqualTo(4);
    assertThat(again.yubicoKey("vvcccccbhlnc").orElseThrow().revealAesKey())
        .isEqualTo(HexFormat.of().parseHex(AES));
  }

  @Test
  void open_wrongKey_sealingExceptionNamingTheKeyId_fileUnchanged() throws Exception {
    Path f = dir.resolve("t.json");
    open(f).add(full());
    byte[] before = Files.readAllBytes(f);
    LocalKeySealer other = sealer("lk-test-b", 2);
    assertThatThrownBy(() -> JsonFileTokenStore.open(f, other))
        .isInstanceOf(SealingException.class)
        .satisfies(e -> assertThat(((SealingException) e).keyId()).isEqualTo("lk-test-a"))
        .hasMessageNotContaining("MTIzNDU2");
    assertThat(Files.readAllBytes(f)).isEqualTo(before);
  }

  @Test
  void write_afterKeyFileLostAKey_refusedAndFileUnchanged() throws Exception {
    Path f = dir.resolve("t.json");
    JsonFileTokenStore writer = open(f);
    writer.add(hotp("A"));
    JsonFileTokenStore otherKey = JsonFileTokenStore.open(dir.resolve("u.json"), sealer("b", 2));
    otherKey.add(hotp("B"));
    // a hand-merged file: A sealed under key a, B under key b
    String merged =
        Files.readString(f)
            .replace(
                sealedSecretOf(Files.readString(f)),
                sealedSecretOf(Files.readString(dir.resolve("u.json"))));
    Files.writeString(f, merged);
    byte[] before = Files.readAllBytes(f);
    assertThatThrownBy(() -> writer.add(hotp("C")))
        .isInstanceOf(SealingException.class)
        .satisfies(e -> assertThat(((SealingException) e).keyId()).isEqualTo("b"));
    assertThat(Files.readAllBytes(f)).isEqualTo(before);
  }

  static String sealedSecretOf(String json) {
    Matcher m = Pattern.compile("\"secret\" : \"(rgs1\\.[^\"]+)\"").matcher(json);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void open_sealedValueMovedToAnotherToken_refused() throws Exception {
    Path f = dir.resolve("t.json");
    open(f).addAll(List.of(hotp("A"), full()));
    String json = Files.readString(f);
    Matcher m = Pattern.compile("\"secret\" : \"(rgs1\\.[^\"]+)\"").matcher(json);
    assertThat(m.find()).isTrue();
    String first = m.group(1);
    assertThat(m.find()).isTrue();
    String second = m.group(1);
    Files.writeString(
        f, json.replace(first, "@@SWAP@@").replace(second, first).replace("@@SWAP@@", second));
    assertThatThrownBy(() -> open(f)).isInstanceOf(SealingException.class);
  }

  @Test
  void token_seedSwappedBetweenTwoLaterTokens_failsWhenUsed_resealWritesNothing() throws Exception {
    Path f = dir.resolve("t.json");
    open(f).addAll(List.of(hotp("A"), hotp("B"), hotp("C")));
    String json = Files.readString(f);
    Matcher m = Pattern.compile("\"secret\" : \"(rgs1\\.[^\"]+)\"").matcher(json);
    List<String> sealed = new ArrayList<>();
    while (m.find()) {
      sealed.add(m.group(1));
    }
    assertThat(sealed).hasSize(3);
    String swapped =
        json.replace(sealed.get(1), "@@SWAP@@")
            .replace(sealed.get(2), sealed.get(1))
            .replace("@@SWAP@@", sealed.get(2));
    Files.writeString(f, swapped);

    JsonFileTokenStore s = open(f); // the first value of the key opens: the key is right
    assertThat(s.token("A")).isPresent();
    assertThatThrownBy(() -> s.token("B"))
        .isInstanceOf(SealingException.class)
        .satisfies(e -> assertThat(((SealingException) e).keyId()).isEqualTo("lk-test-a"));
    HardwareTokenVerifier v = HardwareTokenVerifier.builder(s).build();
    s.assign("B", Principal.of("alice"));
    // Issue 11 §3.1: a stored seed that does not open never makes the verifier throw; it fails
    // closed with VERIFIER_ERROR (before: the SealingException escaped the verifier).
    dev.rootguard.mfa.MfaResult r =
        v.verify(
            dev.rootguard.mfa.MfaAttempt.of(
                Principal.of("alice"),
                dev.rootguard.mfa.Factor.HARDWARE_OTP,
                dev.rootguard.mfa.CredentialId.of("B"),
                "755224"));
    assertThat(r)
        .isInstanceOfSatisfying(
            dev.rootguard.mfa.MfaResult.Rejected.class,
            rej ->
                assertThat(rej.reason())
                    .isEqualTo(dev.rootguard.mfa.MfaResult.Reason.VERIFIER_ERROR));
    byte[] before = Files.readAllBytes(f);
    sealer.rotate(); // now reseal must open every seed
    assertThatThrownBy(s::reseal).isInstanceOf(SealingException.class);
    assertThat(Files.readAllBytes(f)).isEqualTo(before);
  }

  @Test
  void reseal_afterRotate_everyEnvelopeUnderTheNewKey() throws Exception {
    Path f = dir.resolve("t.json");
    LocalKeySealer rotating = sealer("lk-old", 3);
    JsonFileTokenStore s = JsonFileTokenStore.open(f, rotating);
    s.addAll(List.of(hotp("A"), hotp("B"), full()));
    s.addYubicoKey(yubico());
    String newId = rotating.rotate();

    assertThat(s.reseal()).isEqualTo(new JsonFileTokenStore.Resealed(4, 0));
    String raw = Files.readString(f);
    Matcher m = Pattern.compile("rgs1\\.([^.]+)\\.").matcher(raw);
    int envelopes = 0;
    while (m.find()) {
      assertThat(m.group(1)).isEqualTo(newId);
      envelopes++;
    }
    assertThat(envelopes).isEqualTo(4);
    assertThat(s.reseal()).isEqualTo(new JsonFileTokenStore.Resealed(0, 4));
    assertThat(Files.readString(f)).isEqualTo(raw).as("nothing to reseal: no write");
    assertThat(s.token("A").orElseThrow().sameSecretAs(hotp("x"))).isTrue();
  }

  @Test
  void reseal_legacyFile_sealsThePlainSecrets() throws Exception {
    Path f = Files.writeString(dir.resolve("t.json"), LEGACY);
    assertThat(open(f).reseal()).isEqualTo(new JsonFileTokenStore.Resealed(2, 0));
    assertThat(Files.readString(f)).contains(V2).doesNotContain(AES);
  }

  // ---- strict reading ----

  static final String VALID =
      "{\"format\":\"rootguard-tokens/1\",\"tokens\":[{\"serial\":\"A\",\"keyId\":\"A\","
          + "\"type\":\"HOTP\",\"algorithm\":\"SHA1\",\"digits\":6,\"timeStep\":30,\"t0\":0,"
          + "\"counter\":0,\"timeDrift\":0,\"secret\":\"MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=\","
          + "\"state\":{\"disabled\":false,\"driftSteps\":0,\"version\":0}}],\"yubicoKeys\":[]}";

  @Test
  void memberWithEmptyName_refusedNamingItQuoted() throws Exception {
    // found by the fuzz suite (StoreFileFuzzTest, crash-6eb47dbd...): the refusal's field was ""
    Path f =
        Files.writeString(dir.resolve("t.json"), "{\"format\":\"rootguard-tokens/2\",\"\":[]}");
    assertThatThrownBy(() -> open(f))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("\"\""))
        .hasMessageStartingWith("\"\": unknown field");
  }

  static Stream<Arguments> badShapes() {
    String second =
        VALID.substring(VALID.indexOf("{\"serial\""), VALID.indexOf("],\"yubicoKeys\""));
    String tokens =
        VALID.substring(VALID.indexOf("[{\"serial\""), VALID.indexOf(",\"yubicoKeys\""));
    String state = VALID.substring(VALID.indexOf("{\"disabled\""), VALID.indexOf("}}]") + 1);
    return Stream.of(
        Arguments.of(tokens, "5", "tokens"),
        Arguments.of(tokens, "{}", "tokens"),
        Arguments.of(state, "[]", "tokens[0].state"),
        Arguments.of("\"format\"", "\"colour\":1,\"format\"", "colour"),
        Arguments.of("\"disabled\":false", "\"disabled\":\"yes\"", "tokens[0].state.disabled"),
        Arguments.of("\"disabled\":false", "\"disabled\":0", "tokens[0].state.disabled"),
        Arguments.of("\"disabled\":false,", "", "tokens[0].state.disabled"),
        Arguments.of("\"digits\":6", "\"digits\":\"6\"", "tokens[0].digits"),
        Arguments.of("\"digits\":6", "\"digits\":6.5", "tokens[0].digits"),
        Arguments.of("\"digits\":6", "\"digits\":12", "tokens[0].digits"),
        Arguments.of("\"type\":\"HOTP\"", "\"type\":\"hotp\"", "tokens[0].type"),
        Arguments.of("\"version\":0", "\"version\":-1", "tokens[0].state.version"),
        Arguments.of(
            "\"version\":0", "\"version\":0,\"lastSequence\":-4", "tokens[0].state.lastSequence"),
        Arguments.of("\"serial\":\"A\",", "\"serial\":\"A\",\"colour\":1,", "tokens[0].colour"),
        Arguments.of("\"serial\":\"A\",", "\"serial\":7,", "tokens[0].serial"),
        Arguments.of("\"serial\":\"A\",", "", "tokens[0].serial"),
        Arguments.of(
            "\"secret\":\"MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=\"",
            "\"secret\":\"%%%\"",
            "tokens[0].secret"),
        Arguments.of("}],\"yubicoKeys\"", "}," + second + "],\"yubicoKeys\"", "tokens[1].serial"),
        Arguments.of("rootguard-tokens/1", "rootguard-tokens/3", "format"),
        Arguments.of("\"yubicoKeys\":[]", "\"yubicoKeys\":{}", "yubicoKeys"),
        Arguments.of("\"tokens\":[", "\"tokens\":[7,", "tokens[0]"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("badShapes")
  void open_handEditedBadShape_refusedNamingTheField(String from, String to, String field)
      throws Exception {
    assertThat(VALID).contains(from);
    Path f = Files.writeString(dir.resolve("t.json"), VALID.replace(from, to));
    assertThatThrownBy(() -> open(f))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageNotContaining("MTIzNDU2")
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo(field);
  }

  @Test
  void open_sealedFormatWithPlainSecret_refused() throws Exception {
    Path f = Files.writeString(dir.resolve("t.json"), VALID.replace("rootguard-tokens/1", V2));
    assertThatThrownBy(() -> open(f))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("tokens[0].secret");
  }

  @Test
  void open_notJsonOrNotAnObject_refusedNamingStore() throws Exception {
    for (String content : List.of("{not json", "[]", "", "{} {}")) {
      Path f = Files.writeString(dir.resolve("t.json"), content);
      assertThatThrownBy(() -> open(f))
          .as(content)
          .isInstanceOf(InvalidInputException.class)
          .extracting(e -> ((InvalidInputException) e).field())
          .isEqualTo("store");
    }
  }

  @Test
  void write_afterHandEditBrokeTheFile_refusedAndRealTokensKept() throws Exception {
    Path f = dir.resolve("t.json");
    JsonFileTokenStore s = open(f);
    s.addAll(List.of(hotp("A"), hotp("B")));
    String broken =
        Files.readString(f).replaceFirst("\"tokens\" : \\[", "\"tokens\" : 5, \"t\" : [");
    Files.writeString(f, broken);
    assertThatThrownBy(() -> s.add(hotp("C"))).isInstanceOf(InvalidInputException.class);
    assertThat(Files.readString(f)).isEqualTo(broken);
  }

  // ---- failed writes ----

  /** A sealer that fails while {@code failing} is set. */
  static final class FlakySealer implements SecretSealer {
    final SecretSealer inner;
    final AtomicBoolean failing = new AtomicBoolean();

    FlakySealer(SecretSealer inner) {
      this.inner = inner;
    }

    @Override
    public String seal(byte[] plaintext, String context) {
      if (failing.get()) {
        throw new SealingException(inner.currentKeyId(), "key service unreachable (test)", null);
      }
      return inner.seal(plaintext, context);
    }

    @Override
    public byte[] open(String envelope, String context) {
      return inner.open(envelope, context);
    }

    @Override
    public String currentKeyId() {
      return inner.currentKeyId();
    }
  }

  @Test
  void add_sealerFails_memoryAndFileUnchanged_andNotSavedByTheNextWrite() throws Exception {
    Path f = dir.resolve("t.json");
    FlakySealer flaky = new FlakySealer(sealer);
    JsonFileTokenStore s = JsonFileTokenStore.open(f, flaky);
    s.add(hotp("A"));
    byte[] before = Files.readAllBytes(f);
    flaky.failing.set(true);
    assertThatThrownBy(() -> s.add(hotp("LOST"))).isInstanceOf(SealingException.class);
    assertThat(s.serials()).containsExactly("A");
    assertThat(Files.readAllBytes(f)).isEqualTo(before);
    flaky.failing.set(false);
    s.add(hotp("B"));
    assertThat(open(f).serials()).containsExactly("A", "B");
  }

  @Test
  void compareAndSet_fileCannotBeLocked_storeExceptionAndNothingChanged() throws Exception {
    Path f = dir.resolve("t.json");
    JsonFileTokenStore s = open(f);
    s.add(hotp("A"));
    byte[] before = Files.readAllBytes(f);
    TokenState st = s.state("A").orElseThrow();
    Path lock = dir.resolve("t.json.lock");
    Files.delete(lock);
    Files.createDirectory(lock); // the OS lock cannot be taken: every write fails
    assertThatThrownBy(() -> s.compareAndSet("A", st, st.withAccepted(9, 0)))
        .isInstanceOf(StoreException.class);
    assertThat(s.state("A").orElseThrow()).isEqualTo(st);
    assertThat(Files.readAllBytes(f)).isEqualTo(before);
    Files.delete(lock);
    assertThat(s.compareAndSet("A", st, st.withAccepted(9, 0))).isTrue();
    assertThat(open(f).state("A").orElseThrow().lastSequence()).isEqualTo(OptionalLong.of(9));
  }

  @Test
  void update_changeThrows_nothingWritten() throws Exception {
    Path f = dir.resolve("t.json");
    JsonFileTokenStore s = open(f);
    s.add(hotp("A"));
    byte[] before = Files.readAllBytes(f);
    UnaryOperator<TokenState> boom =
        x -> {
          throw new IllegalStateException("test");
        };
    assertThatThrownBy(() -> s.update("A", boom)).isInstanceOf(IllegalStateException.class);
    assertThat(Files.readAllBytes(f)).isEqualTo(before);
  }

  // ---- files ----

  @Test
  void open_symlinkedPath_followedAndLinkKept() throws Exception {
    Path real = dir.resolve("real/tokens.json");
    Files.createDirectories(real.getParent());
    open(real).add(hotp("A"));
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), real);
    open(link).add(hotp("B"));
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(open(real).serials()).containsExactly("A", "B");
  }

  @Test
  void open_danglingSymlink_refusedAndNotReplaced() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("t.json"), dir.resolve("missing/x.json"));
    assertThatThrownBy(() -> open(link))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("store");
    assertThat(Files.isSymbolicLink(link)).isTrue();
  }

  @Test
  void write_pathReplacedByASymlinkAfterOpening_refusedAndLinkNotReplaced() throws Exception {
    Path f = dir.resolve("t.json");
    JsonFileTokenStore s = open(f);
    s.add(hotp("A"));
    Path elsewhere = dir.resolve("elsewhere.json");
    Files.move(f, elsewhere);
    Files.createSymbolicLink(f, elsewhere);
    assertThatThrownBy(() -> s.add(hotp("B")))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("store");
    assertThat(Files.isSymbolicLink(f)).isTrue();
  }

  @Test
  void open_staleTemporaryFiles_removed() throws Exception {
    Path f = dir.resolve("t.json");
    open(f).add(hotp("A"));
    Path stray = Files.writeString(dir.resolve(".t.json.123456789.tmp"), "{\"partial\":");
    Path unrelated = Files.writeString(dir.resolve(".other.json.1.tmp"), "keep");
    open(f);
    assertThat(stray).doesNotExist();
    assertThat(unrelated).exists();
  }

  @Test
  void registryOperations_onUnknownSerial_nameTheField() {
    JsonFileTokenStore s = open(dir.resolve("t.json"));
    assertThatThrownBy(() -> s.assign("nope", Principal.of("a")))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("serial");
    assertThatThrownBy(() -> s.updateYubicoKey("cccc", x -> x))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("publicId");
    assertThat(s.remove("nope")).isFalse();
    assertThat(Files.exists(dir.resolve("t.json"))).isFalse();
  }

  @Test
  void toString_showsNoSecret() {
    JsonFileTokenStore s = open(dir.resolve("t.json"));
    s.add(full());
    assertThat(s.toString()).contains("lk-test-a").doesNotContain("MTIzNDU2");
    assertThat(Envelope.isEnvelope(s.toString())).isFalse();
  }
}
