package dev.rootguard.mfa.fido;

import static dev.rootguard.mfa.fido.SecurityKeyStoreTest.credential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.testsupport.Race;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON file store: locked read-modify-write through the file, strict reading. */
class JsonFileSecurityKeyStoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Path validFile() {
    Path file = dir.resolve("keys.json");
    JsonFileSecurityKeyStore s = JsonFileSecurityKeyStore.open(file);
    s.add(credential("AAAA", "alice", 5));
    s.add(credential("BBBB", "bob", 0));
    s.userHandle(Principal.of("alice"), () -> "aGFuZGxl");
    s.userHandle(Principal.of("bob"), () -> "Ym9i");
    return file;
  }

  private static ObjectNode cred(ObjectNode root, int i) {
    return (ObjectNode) root.get("credentials").get(i);
  }

  static Stream<Arguments> badDocuments() {
    return Stream.of(
        bad("version", r -> r.put("version", "1")),
        bad("version", r -> r.put("version", 2)),
        bad("version", r -> r.put("version", 1.0)),
        bad("version", r -> r.remove("version")),
        bad("extra", r -> r.put("extra", true)),
        bad("credentials", r -> r.put("credentials", 5)),
        bad("credentials", r -> r.remove("credentials")),
        bad("userHandles", r -> r.putArray("userHandles")),
        bad("userHandles.bob", r -> ((ObjectNode) r.get("userHandles")).put("bob", "aGFuZGxl")),
        bad("userHandles.bob", r -> ((ObjectNode) r.get("userHandles")).put("bob", 7)),
        bad("credentials[1]", r -> ((ArrayNode) r.get("credentials")).set(1, JSON.nullNode())),
        bad("credentials[0].signatureCount", r -> cred(r, 0).put("signatureCount", "9")),
        bad("credentials[0].signatureCount", r -> cred(r, 0).put("signatureCount", 1.5)),
        bad("credentials[0].signatureCount", r -> cred(r, 0).put("signatureCount", -1)),
        bad("credentials[0].signatureCount", r -> cred(r, 0).put("signatureCount", 1L << 32)),
        bad("credentials[0].attestationTrusted", r -> cred(r, 0).put("attestationTrusted", "yes")),
        bad("credentials[0].legacyU2f", r -> cred(r, 0).put("legacyU2f", 0)),
        bad("credentials[0].principal", r -> cred(r, 0).remove("principal")),
        bad("credentials[0].principal", r -> cred(r, 0).put("principal", 42)),
        bad("credentials[0].signatureCounter", r -> cred(r, 0).put("signatureCounter", 5)),
        bad("credentials[0].transports[0]", r -> cred(r, 0).putArray("transports").add(1)),
        bad("credentials[0].transports", r -> cred(r, 0).put("transports", "usb")),
        bad("credentials[0].aaguid", r -> cred(r, 0).put("aaguid", "nope")),
        bad("credentials[0].registeredAt", r -> cred(r, 0).put("registeredAt", "yesterday")),
        bad("credentials[0].id", r -> cred(r, 0).put("id", "not base64url!")),
        bad("credentials[0].publicKey", r -> cred(r, 0).put("publicKey", "***")),
        bad("credentials[0].userHandle", r -> cred(r, 0).put("userHandle", "")),
        bad("credentials[1].id", r -> cred(r, 1).put("id", "AAAA")));
  }

  private static Arguments bad(String field, Consumer<ObjectNode> edit) {
    return Arguments.of(field, edit);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDocuments")
  void open_invalidMember_invalidInputNamingTheMember(String field, Consumer<ObjectNode> edit)
      throws IOException {
    Path file = validFile();
    ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
    edit.accept(root);
    Files.write(file, JSON.writeValueAsBytes(root));

    assertThatThrownBy(() -> JsonFileSecurityKeyStore.open(file))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo(field);
  }

  @Test
  void open_memberWithEmptyName_refusedNamingItQuoted() throws IOException {
    // found by the fuzz suite (StoreFileFuzzTest): the refusal's field was ""
    Path file = dir.resolve("keys.json");
    Files.writeString(file, "{\"version\":1,\"\":[]}");
    assertThatThrownBy(() -> JsonFileSecurityKeyStore.open(file))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("\"\"");
  }

  @Test
  void open_memberWithBlankOrUnprintableName_refusedNamingItQuotedAndEscaped() throws IOException {
    // found by the fuzz suite (StoreFileFuzzTest): a member named " " gave the field " "
    Path file = dir.resolve("keys.json");
    Files.writeString(file, "{\"version\":1,\" \":[]}");
    assertThatThrownBy(() -> JsonFileSecurityKeyStore.open(file))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("\" \""));
    Files.writeString(file, "{\"version\":1,\"a\\u202Eb\":[]}");
    assertThatThrownBy(() -> JsonFileSecurityKeyStore.open(file))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("\"a\\u202Eb\""));
  }

  @Test
  void open_notJsonOrDuplicateKey_invalidInputNamingTheStore() throws IOException {
    Path file = dir.resolve("keys.json");
    for (String text :
        List.of(
            "not json",
            "[]",
            "",
            "{\"version\":1,\"version\":1,\"userHandles\":{},\"credentials\":[]}",
            "{\"version\":1,\"userHandles\":{},\"credentials\":[]} trailing")) {
      Files.writeString(file, text);
      assertThatThrownBy(() -> JsonFileSecurityKeyStore.open(file))
          .as(text)
          .isInstanceOf(InvalidInputException.class)
          .extracting(e -> ((InvalidInputException) e).field())
          .isEqualTo("store");
    }
  }

  @Test
  void operations_fileTurnedInvalidAfterOpen_storeExceptionWithTheCauseAndNothingWritten()
      throws IOException {
    Path file = validFile();
    JsonFileSecurityKeyStore store = JsonFileSecurityKeyStore.open(file);
    String broken =
        Files.readString(file).replace("\"signatureCount\" : 5", "\"signatureCount\" : \"5\"");
    assertThat(broken).isNotEqualTo(Files.readString(file));
    Files.writeString(file, broken);

    assertThatThrownBy(() -> store.find(CredentialId.of("AAAA")))
        .isInstanceOf(SecurityKeyStoreException.class)
        .hasCauseInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> store.add(credential("CCCC", "carol", 0)))
        .isInstanceOf(SecurityKeyStoreException.class)
        .cause()
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("credentials[0].signatureCount");
    assertThatThrownBy(() -> store.updateSignatureCount(CredentialId.of("AAAA"), 5, 6))
        .isInstanceOf(StoreException.class);
    assertThat(Files.readString(file)).isEqualTo(broken);
  }

  @Test
  void add_writeFails_fileAndMemoryUnchanged() throws IOException {
    Path file = validFile();
    JsonFileSecurityKeyStore store = JsonFileSecurityKeyStore.open(file);
    assertThat(store.find(CredentialId.of("AAAA"))).isPresent(); // read into memory
    byte[] before = Files.readAllBytes(file);
    Path lock = dir.resolve("keys.json.lock");
    Files.deleteIfExists(lock);
    Files.createDirectory(lock); // the lock cannot be opened: every change fails

    assertThatThrownBy(() -> store.add(credential("CCCC", "carol", 0)))
        .isInstanceOf(SecurityKeyStoreException.class)
        .extracting(e -> ((StoreException) e).operation())
        .isEqualTo("security_keys.add");
    assertThatThrownBy(() -> store.updateSignatureCount(CredentialId.of("AAAA"), 5, 6))
        .isInstanceOf(SecurityKeyStoreException.class);
    assertThatThrownBy(() -> store.userHandle(Principal.of("carol"), () -> "Y2Fyb2w"))
        .isInstanceOf(SecurityKeyStoreException.class);

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(store.find(CredentialId.of("CCCC"))).isEmpty();
    assertThat(store.find(CredentialId.of("AAAA")).orElseThrow().signatureCount()).isEqualTo(5);
    assertThat(store.findPrincipalByUserHandle("Y2Fyb2w")).isEmpty();
    Files.delete(lock);
    assertThat(store.add(credential("CCCC", "carol", 0))).isTrue();
  }

  @Test
  void open_leftoverTempFileFromAKilledWriter_ignoredThenRemovedByTheNextChange()
      throws IOException {
    Path file = validFile();
    Path torn = dir.resolve(".keys.json.123.tmp");
    Files.writeString(torn, "{\"version\":1,\"credentials\":[{\"torn");
    JsonFileSecurityKeyStore store = JsonFileSecurityKeyStore.open(file);
    assertThat(store.find(CredentialId.of("AAAA"))).isPresent();

    store.remove(CredentialId.of("BBBB"));

    assertThat(torn).doesNotExist();
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("keys.json", "keys.json.lock");
    }
  }

  @Test
  void add_twoInstancesOnOneFile_seeEachOtherAndNeverReplace() {
    Path file = dir.resolve("keys.json");
    JsonFileSecurityKeyStore a = JsonFileSecurityKeyStore.open(file);
    JsonFileSecurityKeyStore b = JsonFileSecurityKeyStore.open(file);
    assertThat(a.find(CredentialId.of("AAAA"))).isEmpty(); // both have read the empty store
    assertThat(b.find(CredentialId.of("AAAA"))).isEmpty();

    assertThat(a.add(credential("AAAA", "alice", 1))).isTrue();
    assertThat(b.add(credential("AAAA", "mallory", 0))).isFalse();
    assertThat(b.add(credential("BBBB", "bob", 0))).isTrue();
    assertThat(b.updateSignatureCount(CredentialId.of("AAAA"), 1, 2)).isTrue();
    assertThat(a.updateSignatureCount(CredentialId.of("AAAA"), 1, 3)).isFalse();
    String h = a.userHandle(Principal.of("alice"), () -> "aGFuZGxl");

    assertThat(b.userHandle(Principal.of("alice"), () -> "b3RoZXI")).isEqualTo(h);
    assertThat(a.find(CredentialId.of("AAAA")).orElseThrow().principal())
        .isEqualTo(Principal.of("alice"));
    assertThat(a.find(CredentialId.of("AAAA")).orElseThrow().signatureCount()).isEqualTo(2);
    assertThat(a.findByPrincipal(Principal.of("bob"))).hasSize(1);
    assertThat(b.findPrincipalByUserHandle(h)).contains(Principal.of("alice"));
  }

  @Test
  void userHandle_supplierReturnsAnotherPrincipalsHandle_askedAgain() {
    JsonFileSecurityKeyStore store = JsonFileSecurityKeyStore.open(dir.resolve("keys.json"));
    store.userHandle(Principal.of("alice"), () -> "aGFuZGxl");
    List<String> offers = new ArrayList<>(List.of("aGFuZGxl", "Ym9i"));

    assertThat(store.userHandle(Principal.of("bob"), () -> offers.remove(0))).isEqualTo("Ym9i");
    assertThatThrownBy(() -> store.userHandle(Principal.of("carol"), () -> "aGFuZGxl"))
        .isInstanceOf(SecurityKeyStoreException.class);
    assertThat(
            JsonFileSecurityKeyStore.open(dir.resolve("keys.json"))
                .findPrincipalByUserHandle("Ym9i"))
        .contains(Principal.of("bob"));
  }

  @Test
  void add_eightThreadsOverTwoInstances_nothingLostAndOneHandle() throws Exception {
    Path file = dir.resolve("keys.json");
    List<JsonFileSecurityKeyStore> stores =
        List.of(JsonFileSecurityKeyStore.open(file), JsonFileSecurityKeyStore.open(file));
    stores.get(0).add(credential("Q09VTlQ", "alice", 0));
    List<String> results =
        Race.collect(
            8,
            me -> {
              JsonFileSecurityKeyStore s = stores.get(me % 2);
              for (int i = 0; i < 10; i++) {
                s.add(credential("dDB" + me + "x" + i, "user" + me, 0));
              }
              return s.userHandle(Principal.of("shared"), () -> "aDA" + me);
            });
    Set<String> handles = new java.util.HashSet<>(results);
    assertThat(handles).hasSize(1);
    JsonFileSecurityKeyStore reopened = JsonFileSecurityKeyStore.open(file);
    for (int t = 0; t < 8; t++) {
      assertThat(reopened.findByPrincipal(Principal.of("user" + t))).hasSize(10);
    }
    assertThat(reopened.findPrincipalByUserHandle(handles.iterator().next()))
        .contains(Principal.of("shared"));
  }

  @Test
  void open_directoryOrDanglingLink_invalidInputNamingTheStore() throws IOException {
    Path link = dir.resolve("link.json");
    Files.createSymbolicLink(link, dir.resolve("missing/target.json"));

    assertThatThrownBy(() -> JsonFileSecurityKeyStore.open(dir))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("store");
    assertThatThrownBy(() -> JsonFileSecurityKeyStore.open(link))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("store");
  }

  @Test
  void add_credentialTheReaderWouldRefuse_invalidInputAndNothingWritten() throws IOException {
    Path file = validFile();
    JsonFileSecurityKeyStore store = JsonFileSecurityKeyStore.open(file);
    byte[] before = Files.readAllBytes(file);
    SecurityKeyCredential good = credential("Q0NDQw", "carol", 0);
    SecurityKeyCredential badKey =
        new SecurityKeyCredential(
            good.principal(),
            good.id(),
            good.userHandle(),
            "not base64url!",
            0,
            good.aaguid(),
            "",
            "none",
            false,
            false,
            false,
            false,
            Set.of(),
            false,
            good.registeredAt());

    assertThatThrownBy(() -> store.add(badKey))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("credential.publicKey");
    assertThatThrownBy(() -> store.userHandle(Principal.of("carol"), () -> "other"))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(JsonFileSecurityKeyStore.open(file).add(good)).isTrue();
  }

  @Test
  void toString_showsNoPublicKeyOrHandle() {
    JsonFileSecurityKeyStore store = JsonFileSecurityKeyStore.open(validFile());
    assertThat(store.toString()).doesNotContain("pQECAyYgASFYIA").doesNotContain("aGFuZGxl");
  }
}
