package dev.rootguard.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fast path of {@link CredentialReportParser#parseInstant} agrees with the JDK's ISO-8601
 * parser on every date-time of the credential report's shape, valid or nearly valid: offsets of
 * either sign, {@code Z}/{@code z}, {@code T}/{@code t}, out-of-range fields.
 */
class ParseInstantProperties {

  /** The JDK's reading, or null where the JDK refuses the text. */
  private static Instant jdk(String s) {
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Arbitrary<String> field(int max, int width) {
    return Arbitraries.integers().between(0, max).map(i -> String.format("%0" + width + "d", i));
  }

  @Provide
  Arbitrary<String> dateTimes() {
    Arbitrary<String> year =
        Arbitraries.oneOf(field(9999, 4), Arbitraries.of("1970", "2000", "2024", "2038", "0000"));
    Arbitrary<String> date =
        Combinators.combine(year, field(13, 2), field(32, 2))
            .as((y, m, d) -> y + "-" + m + "-" + d);
    Arbitrary<String> time =
        Combinators.combine(field(25, 2), field(61, 2), field(61, 2))
            .as((h, m, s) -> h + ":" + m + ":" + s);
    Arbitrary<String> offset =
        Arbitraries.oneOf(
            Arbitraries.of("Z", "z", "+00:00", "-00:00", "+18:00", "-18:00", "+18:01", "+05:30"),
            Combinators.combine(Arbitraries.of("+", "-"), field(19, 2), field(61, 2))
                .as((sign, h, m) -> sign + h + ":" + m));
    return Combinators.combine(date, Arbitraries.of("T", "t", " "), time, offset)
        .as((d, t, tm, o) -> d + t + tm + o);
  }

  @Property
  void parseInstant_agreesWithTheJdk(@ForAll("dateTimes") String s) {
    assertThat(CredentialReportParser.parseInstant(s)).as(s).isEqualTo(jdk(s));
  }

  @Example
  void parseInstant_offsetsOfBothSigns() {
    Instant noonUtc = Instant.parse("2019-05-05T12:00:00Z");

    assertThat(CredentialReportParser.parseInstant("2019-05-05T12:00:00+00:00")).isEqualTo(noonUtc);
    assertThat(CredentialReportParser.parseInstant("2019-05-05T17:30:00+05:30")).isEqualTo(noonUtc);
    assertThat(CredentialReportParser.parseInstant("2019-05-05T02:15:00-09:45")).isEqualTo(noonUtc);
    assertThat(CredentialReportParser.parseInstant("2019-05-05t12:00:00z")).isEqualTo(noonUtc);
    assertThat(CredentialReportParser.parseInstant("2019-05-05T12:00:00.5+00:00"))
        .isEqualTo(noonUtc.plusMillis(500));
    // 20 and 25 characters long, yet not the fast path's shape: the general parser decides
    assertThat(CredentialReportParser.parseInstant("2019-05-05T12:00:00.1234Z"))
        .isEqualTo(noonUtc.plusNanos(123_400_000));
  }

  @Example
  void parseInstant_outOfRangeFields_null() {
    assertThat(CredentialReportParser.parseInstant("2019-05-05T24:00:00+00:00")).isNull();
    assertThat(CredentialReportParser.parseInstant("2019-05-05T12:60:00+00:00")).isNull();
    assertThat(CredentialReportParser.parseInstant("2019-05-05T12:00:60+00:00")).isNull();
    assertThat(CredentialReportParser.parseInstant("2019-05-05T12:00:00+19:00")).isNull();
    assertThat(CredentialReportParser.parseInstant("2019-05-05T12:00:00+00:60")).isNull();
    // beyond java.time's and ISO 8601's +-18:00 (the fast path once accepted these)
    assertThat(CredentialReportParser.parseInstant("2019-05-05T12:00:00+18:01")).isNull();
    assertThat(CredentialReportParser.parseInstant("2019-05-05T12:00:00-18:30")).isNull();
    assertThat(CredentialReportParser.parseInstant("2019-05-05T12:00:00+18:00"))
        .isEqualTo(Instant.parse("2019-05-04T18:00:00Z"));
    assertThat(CredentialReportParser.parseInstant("2019-02-29T12:00:00+00:00")).isNull();
    assertThat(CredentialReportParser.parseInstant("2019-05-05 12:00:00+00:00")).isNull();
    // a non-digit where a digit belongs (':' - '0' would read as 10)
    assertThat(CredentialReportParser.parseInstant("2019-0:-05T12:00:00Z")).isNull();
    assertThat(CredentialReportParser.parseInstant("2019-05-05T12:00:00+0:-00")).isNull();
  }

  @Example
  void parseInstant_offsetMinutes59() {
    assertThat(CredentialReportParser.parseInstant("2019-05-05T12:59:00+05:59"))
        .isEqualTo(Instant.parse("2019-05-05T07:00:00Z"));
  }
}
