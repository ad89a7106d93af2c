package dev.rootguard.policy.internal;

import static dev.rootguard.policy.internal.ReportRenderer.GENERATOR;
import static dev.rootguard.policy.internal.ReportRenderer.SCHEMA_VERSION;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootguard.Printable;
import dev.rootguard.policy.Assessment;
import dev.rootguard.policy.Control;
import dev.rootguard.policy.Finding;
import dev.rootguard.policy.Reference;
import dev.rootguard.policy.Source;
import dev.rootguard.policy.Status;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON report (Jackson lives only here): every value exact, with each code point {@link
 * Printable#isUnsafe(int)} flags written as a JSON {@code \}{@code uXXXX} escape. Stateless and
 * thread-safe.
 */
final class JsonReport {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(new JsonFactoryBuilder().characterEscapes(new JsonEscapes()).build())
          .enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  /**
   * JSON string escapes: Jackson's standard ones (C0 controls, quote, backslash) plus every other
   * UTF-16 unit that {@link Printable#isUnsafe(int)} flags (DEL, C1, {@code Cf}, U+2028, U+2029)
   * and every surrogate, as {@code \}{@code uXXXX}. Jackson asks per UTF-16 unit, so a lone
   * surrogate cannot be told from half of a pair here: both halves of every pair are escaped, which
   * keeps supplementary format characters (tag characters U+E0000..E007F) out of the text too. A
   * parser reads the exact value back.
   */
  private static final class JsonEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;

    private final int[] ascii;

    JsonEscapes() {
      ascii = CharacterEscapes.standardAsciiEscapesForJSON();
      for (int c = 0; c < ascii.length; c++) {
        if (ascii[c] == 0 && Printable.isUnsafe(c)) {
          ascii[c] = CharacterEscapes.ESCAPE_STANDARD;
        }
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (Character.isSurrogate((char) ch) || Printable.isUnsafe(ch)) {
        return new SerializedString(String.format(Locale.ROOT, "\\u%04X", ch));
      }
      return null;
    }
  }

  /**
   * Renders the JSON report.
   *
   * @param as the assessments
   * @param l the locale
   * @return the report
   */
  static String render(List<Assessment> as, Locale l) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("generator", GENERATOR);
    root.put("locale", Texts.isJapanese(l) ? "ja" : "en");
    long compliant = as.stream().filter(Assessment::isCompliant).count();
    ObjectNode summary = root.putObject("summary");
    summary.put("accounts", as.size());
    summary.put("compliant", compliant);
    summary.put("notCompliant", as.size() - compliant);
    ArrayNode arr = root.putArray("assessments");
    for (Assessment a : as) {
      ObjectNode o = arr.addObject();
      ObjectNode acct = o.putObject("account");
      acct.put("id", a.accountId());
      acct.put("partition", a.state().partition());
      acct.put("rootArn", a.state().rootArn());
      a.state()
          .accountName()
          .value()
          .ifPresentOrElse(n -> acct.put("name", n), () -> acct.putNull("name"));
      ObjectNode pol = o.putObject("policy");
      pol.put("name", a.policy().name());
      ArrayNode ids = pol.putArray("controls");
      for (Control c : a.policy().controls()) {
        ids.add(c.name());
      }
      pol.put("maxDaysSinceRootUse", a.policy().maxDaysSinceRootUse());
      pol.put("passwordBaseline", a.policy().passwordBaseline().name());
      o.put("evaluatedAt", a.evaluatedAt().toString());
      o.put("referenceTime", a.referenceTime().toString());
      o.put("compliant", a.isCompliant());
      o.put("score", a.score());
      ObjectNode counts = o.putObject("counts");
      for (Map.Entry<Status, Integer> e : a.counts().entrySet()) {
        counts.put(e.getKey().name(), e.getValue());
      }
      ArrayNode fs = o.putArray("findings");
      for (Finding f : a.findings()) {
        ObjectNode fo = fs.addObject();
        fo.put("control", f.control().name());
        fo.put("title", f.control().title(l));
        fo.put("status", f.status().name());
        fo.put("severity", f.severity().name());
        fo.put("evidence", f.evidence().text(l));
        fo.put("evidenceKey", f.evidence().key());
        ArrayNode args = fo.putArray("evidenceArgs");
        for (String s : f.evidence().args()) {
          args.add(Texts.nouns(Locale.ENGLISH, s));
        }
        fo.put("rationale", f.control().rationale(l));
        fo.put("remediation", f.remediation(l));
        ArrayNode refs = fo.putArray("references");
        for (Reference r : f.control().references()) {
          ObjectNode ro = refs.addObject();
          ro.put("framework", r.framework());
          ro.put("version", r.version());
          ro.put("id", r.id());
        }
        ArrayNode src = fo.putArray("sources");
        for (Source s : f.sources()) {
          ObjectNode so = src.addObject();
          so.put("origin", s.origin());
          so.put("collectedAt", s.collectedAt().toString());
        }
      }
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("bug: JSON tree could not be written", e);
    }
  }
}
