package dev.rootguard.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.password.PasswordDictionary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordDictionarySnippetTest {
  @Test
  void commonPasswords(@TempDir Path dir) throws IOException {
    Path listFile = dir.resolve("top-passwords.txt");
    Files.writeString(listFile, "hunter2\nacme-prod-2024\n");
    // snippet: common-passwords
    PasswordDictionary common = PasswordDictionary.bundled(); // 30,000 most common, ranked
    common.contains("PassWord"); // true: case is ignored
    OptionalInt rank = common.rank("qwerty"); // OptionalInt[4]
    // Your own list, e.g. 10 million lines: one byte[] + int[]s, no String per entry
    PasswordDictionary leaked = PasswordDictionary.load(listFile);
    boolean listed = leaked.contains("Hunter2"); // true
    // end snippet
    assertThat(common.contains("PassWord")).isTrue();
    assertThat(rank).hasValue(4);
    assertThat(listed).isTrue();
    assertThat(leaked.size()).isEqualTo(2);
  }
}
