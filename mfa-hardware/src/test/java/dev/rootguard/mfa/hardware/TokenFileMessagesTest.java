package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootguard.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A hand-edited token file is refused with a message that names the field, what it must be and what
 * kind of JSON value was found there; duplicates name the first occurrence; token serials and
 * Yubico public ids are separate name spaces.
 */
class TokenFileMessagesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String VALID = JsonFileTokenStoreTest.VALID;

  @TempDir Path dir;

  JsonFileTokenStore open(Path f) {
    return JsonFileTokenStore.open(f, JsonFileTokenStoreTest.sealer("lk-test-a", 1));
  }

  @ParameterizedTest(name = "digits = {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"6\"|a string",
        "true|a boolean",
        "6.5|a fractional number",
        "99999999999999999999999|a number out of range",
        "[6]|an array",
        "{}|an object",
        "null|null"
      })
  void wrongKindOfValue_messageNamesWhatWasFound(String value, String kind) throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("t.json"), VALID.replace("\"digits\":6", "\"digits\":" + value));
    assertThatThrownBy(() -> open(f))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tokens[0].digits"))
        .hasMessageContaining("must be a whole number, was " + kind + " (in ");
  }

  @Test
  void booleanField_givenAWholeNumber_messageSaysSo() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("t.json"), VALID.replace("\"disabled\":false", "\"disabled\":1"));
    assertThatThrownBy(() -> open(f))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("was a whole number");
  }

  @Test
  void warning_mustBeAString() throws Exception {
    Path ok =
        Files.writeString(
            dir.resolve("ok.json"),
            VALID.replace("{\"format\"", "{\"warning\":\"do not edit\",\"format\""));
    assertThat(open(ok).serials()).containsExactly("A");
    Path bad =
        Files.writeString(
            dir.resolve("bad.json"), VALID.replace("{\"format\"", "{\"warning\":5,\"format\""));
    assertThatThrownBy(() -> open(bad))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("warning"))
        .hasMessageContaining("must be a string, was a whole number");
  }

  @Test
  void integerOutOfItsRange_messageGivesTheRangeAndValue() throws Exception {
    Path f =
        Files.writeString(dir.resolve("t.json"), VALID.replace("\"digits\":6", "\"digits\":9"));
    assertThatThrownBy(() -> open(f))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("tokens[0].digits")
        .hasMessageContaining("9");
  }

  @Test
  void duplicateYubicoKey_namesTheSecondAndTheFirst() throws Exception {
    Path f = dir.resolve("t.json");
    JsonFileTokenStore s = open(f);
    s.addYubicoKey(JsonFileTokenStoreTest.yubico());
    s.addYubicoKey(YubicoKey.fromHex("ccbbddeeffgg", "010203040506", JsonFileTokenStoreTest.AES));
    ObjectNode root = (ObjectNode) JSON.readTree(f.toFile());
    ArrayNode keys = (ArrayNode) root.get("yubicoKeys");
    keys.add(keys.get(0).deepCopy());
    Files.writeString(f, JSON.writeValueAsString(root));
    assertThatThrownBy(() -> open(f))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("yubicoKeys[2].publicId"))
        .hasMessageContaining("duplicate of yubicoKeys[0]");
  }

  @Test
  void tokenSerialEqualToAYubicoPublicId_bothKept() throws Exception {
    Path f = dir.resolve("t.json");
    JsonFileTokenStore s = open(f);
    String id = "vvcccccbhlnc";
    s.add(JsonFileTokenStoreTest.hotp(id));
    s.addYubicoKey(JsonFileTokenStoreTest.yubico());
    JsonFileTokenStore again = open(f);
    assertThat(again.serials()).containsExactly(id);
    assertThat(again.yubicoPublicIds()).containsExactly(id);
    assertThat(again.yubicoKey(id).orElseThrow().revealAesKey())
        .isEqualTo(java.util.HexFormat.of().parseHex(JsonFileTokenStoreTest.AES));
  }
}
