package dev.rootguard.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180 edges of the credential report's CSV tokenizer, and the bounds it documents. */
class CsvTokenizerTest {

  private static List<List<String>> rows(String csv) {
    CredentialReportParser.Tokenizer t = new CredentialReportParser.Tokenizer(csv);
    List<List<String>> out = new ArrayList<>();
    List<String> row;
    while ((row = t.next()) != null) {
      out.add(row);
    }
    return out;
  }

  private static void refusedAt(String csv, String field) {
    assertThatThrownBy(() -> rows(csv))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void lastRowWithoutLineEnd_isKept() {
    assertThat(rows("a,b\nc,d")).containsExactly(List.of("a", "b"), List.of("c", "d"));
  }

  @Test
  void crlfCrAndLf_eachEndOneRow() {
    assertThat(rows("a\r\nb\rc\nd\r\n"))
        .containsExactly(List.of("a"), List.of("b"), List.of("c"), List.of("d"));
  }

  @Test
  void quotedField_keepsNulCommaAndDoubledQuote() {
    assertThat(rows("\"a\u0000b\",\"x,\"\"y\"\"\"\n"))
        .containsExactly(List.of("a\u0000b", "x,\"y\""));
  }

  @Test
  void quotedField_followedByTheNextFieldOrRowOrEnd_accepted() {
    assertThat(rows("\"a\",b\n\"c\"\r\n\"d\"\r\"e\""))
        .containsExactly(List.of("a", "b"), List.of("c"), List.of("d"), List.of("e"));
  }

  @Test
  void textAfterClosingQuote_refusedNamingTheColumn() {
    refusedAt("\"a\"x,b\n", "row 1, column user");
    refusedAt("x,\"a\"\u0000\n", "row 1, column arn");
  }

  @Test
  void unclosedQuote_refusedNamingTheColumn() {
    refusedAt("a\nb,\"c", "row 2, column arn");
  }

  @Test
  void columnPastTheKnownOnes_namedByItsNumber() {
    int known = CredentialReportParser.COLUMNS.size();
    String row = "x,".repeat(known) + "\"open";

    refusedAt(row, "row 1, column " + (known + 1));
  }

  @Test
  void cellOfMaxLength_accepted_oneMore_refused() {
    int max = CredentialReportParser.MAX_FIELD_CHARS;

    assertThat(rows("a".repeat(max)).get(0).get(0)).hasSize(max);
    refusedAt("a".repeat(max + 1), "row 1, column user");
    refusedAt("\"" + "a".repeat(max + 1) + "\"", "row 1, column user");
  }

  @Test
  void rowOfMaxFields_accepted_oneMore_refused() {
    int max = CredentialReportParser.MAX_FIELDS;

    assertThat(rows(",".repeat(max - 1)).get(0)).hasSize(max);
    refusedAt(",".repeat(max), "row 1");
  }
}
