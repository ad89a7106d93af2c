package dev.rootguard.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordDictionaryTest {
  @TempDir Path dir;

  @Test
  void bundled_hasTheThirtyThousandMostCommon_rankedByFrequency() {
    PasswordDictionary d = PasswordDictionary.bundled();
    assertThat(d.size()).isEqualTo(30_000);
    assertThat(d.rank("123456")).isEqualTo(OptionalInt.of(1));
    assertThat(d.rank("PassWord")).isEqualTo(OptionalInt.of(2));
    assertThat(d.rank("qwerty")).isEqualTo(OptionalInt.of(4));
    for (String w : List.of("secret", "password", "amazon", "123456", "letmein", "p@ssw0rd")) {
      assertThat(d.contains(w)).as(w).isTrue();
      assertThat(d.contains(w.toUpperCase(java.util.Locale.ROOT))).as(w).isTrue();
    }
    assertThat(d.contains("correct horse battery staple")).isFalse();
    assertThat(d.contains("")).isFalse();
  }

  @Test
  void bundled_isOneSharedInstance() {
    assertThat(PasswordDictionary.bundled()).isSameAs(PasswordDictionary.bundled());
  }

  @Test
  void of_ranksInIterationOrder_andKeepsFirstRankOfDuplicates() {
    PasswordDictionary d = PasswordDictionary.of(List.of("Alpha", "beta", "ALPHA", "", "gamma"));
    assertThat(d.size()).isEqualTo(3);
    assertThat(d.rank("alpha")).isEqualTo(OptionalInt.of(1));
    assertThat(d.rank("GAMMA")).isEqualTo(OptionalInt.of(3));
    assertThat(d.rank("delta")).isEmpty();
  }

  @Test
  void of_foldsNonAsciiCase() {
    PasswordDictionary d = PasswordDictionary.of(List.of("ÜBERSICHER", "ПАРОЛЬ", "パスワード", "😀x"));
    assertThat(d.contains("übersicher")).isTrue();
    assertThat(d.contains("пароль")).isTrue();
    assertThat(d.contains("パスワード")).isTrue();
    assertThat(d.contains("😀X")).isTrue();
    assertThat(d.contains("\uD800")).isFalse();
  }

  @Test
  void of_nonAsciiThatFoldsToAscii_matchesTheAsciiWord() {
    // KELVIN SIGN folds to 'k', DOTTED CAPITAL I to 'i': one byte after folding
    PasswordDictionary d = PasswordDictionary.of(List.of("\u212Aey", "\u0130ce"));
    assertThat(d.contains("key")).isTrue();
    assertThat(d.contains("\u212AEY")).isTrue();
    assertThat(d.contains("ice")).isTrue();
    assertThat(PasswordDictionary.of(List.of("key")).contains("\u212Aey")).isTrue();
  }

  @Test
  void load_readsCrLfBomAndBlankLines() throws IOException {
    Path f = dir.resolve("list.txt");
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body =
        "Dragon\r\n\r\n  \nmonkey\nパスワード\nlast-no-newline".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, 3);
    System.arraycopy(body, 0, all, 3, body.length);
    Files.write(f, all);
    PasswordDictionary d = PasswordDictionary.load(f);
    assertThat(d.size()).isEqualTo(4);
    assertThat(d.rank("dragon")).isEqualTo(OptionalInt.of(1));
    assertThat(d.rank("MONKEY")).isEqualTo(OptionalInt.of(2));
    assertThat(d.contains("パスワード")).isTrue();
    assertThat(d.contains("last-no-newline")).isTrue();
    assertThat(d.contains("dragon\r")).isFalse();
  }

  @Test
  void load_longLinesAcrossBufferBoundaries() throws IOException {
    Path f = dir.resolve("long.txt");
    String longWord = "x".repeat(200_000);
    Files.writeString(f, "a\n" + longWord + "\nb\n", StandardCharsets.UTF_8);
    PasswordDictionary d = PasswordDictionary.load(f);
    assertThat(d.size()).isEqualTo(3);
    assertThat(d.contains(longWord.toUpperCase(java.util.Locale.ROOT))).isTrue();
    assertThat(d.rank("b")).isEqualTo(OptionalInt.of(3));
  }

  @Test
  void load_invalidUtf8_failsNamingTheLineNotItsContent() throws IOException {
    Path f = dir.resolve("bad.txt");
    Files.write(f, new byte[] {'o', 'k', '\n', 's', 'e', 'c', (byte) 0xC3, '\n'});
    assertThatThrownBy(() -> PasswordDictionary.load(f))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("file"))
        .hasMessageContaining("line 2")
        .hasMessageNotContaining("sec");
  }

  @Test
  void load_overlongOrSurrogateUtf8_isRefused() throws IOException {
    Path overlong = dir.resolve("overlong.txt");
    Files.write(overlong, new byte[] {(byte) 0xC0, (byte) 0xAF});
    Path surrogate = dir.resolve("surrogate.txt");
    Files.write(surrogate, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
    assertThatThrownBy(() -> PasswordDictionary.load(overlong))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> PasswordDictionary.load(surrogate))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void load_missingFile_failsWithFieldFile() {
    assertThatThrownBy(() -> PasswordDictionary.load(dir.resolve("nope.txt")))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("file"));
    assertThatThrownBy(() -> PasswordDictionary.load(dir))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void load_emptyFile_isAnEmptyDictionary() throws IOException {
    Path f = dir.resolve("empty.txt");
    Files.write(f, new byte[0]);
    assertThat(PasswordDictionary.load(f).size()).isZero();
    assertThat(PasswordDictionary.load(f).contains("a")).isFalse();
  }

  @Test
  void defaultRank_reportsListedWordsAsLeastCommon() {
    PasswordDictionary plain =
        new PasswordDictionary() {
          @Override
          public boolean contains(CharSequence word) {
            return word.toString().equalsIgnoreCase("x");
          }

          @Override
          public int size() {
            return 7;
          }
        };
    assertThat(plain.rank("X")).isEqualTo(OptionalInt.of(7));
    assertThat(plain.rank("y")).isEmpty();
  }
}
