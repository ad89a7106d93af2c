package dev.rootguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import java.net.URI;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoreUrlTest {
  @Test
  void eachBackendIsRecognised() {
    assertThat(StoreUrl.parse("  /tmp/t.json ").kind()).isEqualTo(StoreUrl.Kind.FILE);
    assertThat(StoreUrl.parse("/tmp/t.json").value()).isEqualTo("/tmp/t.json");
    assertThat(StoreUrl.parse("jdbc:postgresql://db:5432/rg").kind())
        .isEqualTo(StoreUrl.Kind.POSTGRES);
    assertThat(StoreUrl.parse("redis://cache:6379/2").kind()).isEqualTo(StoreUrl.Kind.REDIS);
    assertThat(StoreUrl.parse("rediss://cache.example:6380").kind()).isEqualTo(StoreUrl.Kind.REDIS);
    assertThat(StoreUrl.parse("redis-sentinel://s1:26379,s2:26379/0#mymaster").kind())
        .isEqualTo(StoreUrl.Kind.REDIS);
    StoreUrl d =
        StoreUrl.parse(
            "dynamodb://rootguard-prod?region=ap-northeast-1&endpoint=http%3A%2F%2F127.0.0.1%3A4567");
    assertThat(d.kind()).isEqualTo(StoreUrl.Kind.DYNAMODB);
    assertThat(d.table()).isEqualTo("rootguard-prod");
    assertThat(d.region()).isEqualTo("ap-northeast-1");
    assertThat(d.endpoint()).contains(URI.create("http://127.0.0.1:4567"));
    assertThat(StoreUrl.parse("dynamodb://t_1.x?region=us-gov-west-1").endpoint()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "redis://user:secret@cache:6379|put no credentials in the URL",
        "redis://:secret@cache:6379|put no credentials in the URL",
        "redis:///0|expected redis://host:port",
        "dynamodb://ab?region=us-east-1|table name of 3-255",
        "dynamodb://tab!e?region=us-east-1|table name of 3-255",
        "dynamodb://table|needs ?region=REGION",
        "dynamodb://table?region=Tokyo|region must look like",
        "dynamodb://table?region=us-east-1&region=us-west-2|region given twice",
        "dynamodb://table?region=us-east-1&key=x|unknown dynamodb:// parameter 'key'",
        "dynamodb://table?region=us-east-1&endpoint=|parameter endpoint needs a value",
        "dynamodb://table?region=us-east-1&endpoint=ftp://h|http:// or https://",
        "dynamodb://table?region=us-east-1&endpoint=http://a:b@h|no credentials in the endpoint",
        "mongodb://h/db|unsupported store URL",
      })
  void badValuesNameTheProblemAndNeverEchoASecret(String value, String expected) {
    assertThatThrownBy(() -> StoreUrl.parse(value))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("--store"))
        .hasMessageContaining(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
  }

  @Test
  void theFieldNameFollowsTheOption() {
    assertThatThrownBy(() -> StoreUrl.parse("--to", "dynamodb://x"))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("--to"));
  }

  @Test
  void postgresValuesAreRedactedForMessages() {
    assertThat(StoreUrl.parse("jdbc:postgresql://db:5432/rg?password=p").redacted())
        .isEqualTo("jdbc:postgresql://db:5432/rg");
  }

  /** Any text either names a store or is refused with a field; nothing else escapes. */
  @Property(tries = 2000)
  void anyValueParsesOrIsRefusedCleanly(@ForAll @StringLength(max = 80) String raw) {
    for (String v :
        new String[] {raw, "redis://" + raw, "dynamodb://" + raw, "dynamodb://tbl?" + raw}) {
      try {
        StoreUrl u = StoreUrl.parse(v);
        assertThat(u.value()).isEqualTo(v.strip());
      } catch (InvalidInputException e) {
        assertThat(e.field()).isEqualTo("--store");
      }
    }
  }
}
