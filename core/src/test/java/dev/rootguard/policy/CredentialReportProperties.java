package dev.rootguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.InvalidInputException;
import dev.rootguard.policy.internal.CredentialReportParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class CredentialReportProperties {

  /** Whatever the bytes, the parser returns or throws InvalidInputException, nothing else. */
  @Property(tries = 300)
  void arbitraryBytes_onlyInvalidInput(@ForAll byte[] bytes) {
    parseOrInvalid(bytes);
  }

  @Property(tries = 300)
  void arbitraryCsvLikeText_onlyInvalidInput(@ForAll("csvish") String text) {
    parseOrInvalid(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Damaging one cell of a valid report never escapes as anything but InvalidInputException. */
  @Property(tries = 300)
  void mutatedValidReport_onlyInvalidInput(
      @ForAll("reports") Generated g,
      @ForAll @IntRange(min = 0, max = 21) int column,
      @ForAll("csvish") String junk) {
    List<String> root = new ArrayList<>(g.root());
    root.set(column, junk);
    parseOrInvalid(g.render(root, false));
  }

  private static void parseOrInvalid(byte[] csv) {
    try {
      RootAccountState.fromCredentialReport(csv);
    } catch (InvalidInputException e) {
      assertThat(e.field()).isNotBlank();
    }
  }

  /** A generated report parses back to the facts it was generated from, quoted or not. */
  @Property(tries = 200)
  void generatedReport_roundTrips(@ForAll("reports") Generated g, @ForAll boolean quoteAll) {
    RootAccountState s = RootAccountState.fromCredentialReport(g.render(g.root(), quoteAll));
    assertThat(s.accountId()).isEqualTo(g.accountId());
    assertThat(s.mfaEnabled().value()).contains(g.mfa());
    if (g.password() == null) {
      assertThat(s.passwordEnabled().isKnown()).isFalse();
    } else {
      assertThat(s.passwordEnabled().value()).contains(g.password());
    }
    assertThat(s.passwordLastUsed().value())
        .contains(g.lastUsed() == null ? LastUse.never() : LastUse.at(g.lastUsed()));
    List<AccessKey> keys = s.accessKeys().value().orElseThrow();
    assertThat(keys.stream().anyMatch(AccessKey::active)).isEqualTo(g.key1Active());
    assertThat(s.accessKeysPresent().value().orElse(false)).isEqualTo(g.key1Active());
  }

  record Generated(
      String accountId,
      Boolean password,
      Instant lastUsed,
      boolean mfa,
      boolean key1Active,
      List<String> users,
      int rootIndex) {

    List<String> root() {
      List<String> c = new ArrayList<>();
      c.add("<root_account>");
      c.add("arn:aws:iam::" + accountId + ":root");
      c.add("2019-05-05T12:00:00+00:00");
      c.add(password == null ? "not_supported" : (password ? "TRUE" : "false"));
      c.add(
          lastUsed == null
              ? "no_information"
              : OffsetDateTime.ofInstant(lastUsed, ZoneOffset.ofHours(9)).toString());
      c.add("not_supported");
      c.add("not_supported");
      c.add(mfa ? "true" : "FALSE");
      c.add(key1Active ? "true" : "false");
      c.add(key1Active ? "2021-03-04T05:06:07+00:00" : "N/A");
      c.add("N/A");
      c.add("N/A");
      c.add("N/A");
      for (String v :
          new String[] {"false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A"}) {
        c.add(v);
      }
      return c;
    }

    byte[] render(List<String> rootCells, boolean quoteAll) {
      StringBuilder sb =
          new StringBuilder(String.join(",", CredentialReportParser.COLUMNS)).append('\n');
      for (int i = 0; i <= users.size(); i++) {
        if (i == rootIndex) {
          sb.append(row(rootCells, quoteAll)).append('\n');
        }
        if (i < users.size()) {
          sb.append(row(userCells(users.get(i)), quoteAll)).append('\n');
        }
      }
      return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private List<String> userCells(String name) {
      List<String> c = new ArrayList<>(root());
      c.set(0, name);
      c.set(1, "arn:aws:iam::" + accountId + ":user/x");
      c.set(3, "true");
      return c;
    }

    private static String row(List<String> cells, boolean quoteAll) {
      List<String> out = new ArrayList<>();
      for (String v : cells) {
        boolean q =
            quoteAll || v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r");
        out.add(q ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
      }
      return String.join(",", out);
    }
  }

  @Provide
  Arbitrary<Generated> reports() {
    Arbitrary<String> ids = Arbitraries.strings().numeric().ofLength(12);
    Arbitrary<Boolean> pw = Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.3);
    Arbitrary<Instant> used =
        Arbitraries.longs()
            .between(1_400_000_000L, 1_900_000_000L)
            .map(Instant::ofEpochSecond)
            .injectNull(0.3);
    Arbitrary<List<String>> users =
        Arbitraries.strings()
            .withCharRange(' ', '~')
            .withChars('日', '本', '\n', '"', ',')
            .ofMinLength(1)
            .ofMaxLength(20)
            .filter(u -> !u.equals("<root_account>"))
            .list()
            .ofMaxSize(30);
    return Combinators.combine(
            ids, pw, used, Arbitraries.of(true, false), Arbitraries.of(true, false), users)
        .flatAs(
            (id, p, u, m, k, us) ->
                Arbitraries.integers()
                    .between(0, us.size())
                    .map(ri -> new Generated(id, p, u, m, k, us, ri)));
  }

  @Provide
  Arbitrary<String> csvish() {
    Arbitrary<String> base =
        Arbitraries.strings()
            .withChars(
                ',', '"', '\n', '\r', 'a', 'T', ':', '-', '+', '0', '1', '9', '<', '>', '/',
                '\uFEFF')
            .withCharRange('a', 'z')
            .ofMaxLength(200);
    String header = String.join(",", CredentialReportParser.COLUMNS) + "\n";
    return Arbitraries.oneOf(base, base.map(s -> header + s));
  }
}
