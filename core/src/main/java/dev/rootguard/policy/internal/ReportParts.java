package dev.rootguard.policy.internal;

import static dev.rootguard.policy.internal.ReportParts.t;
import static dev.rootguard.policy.internal.ReportParts.when;

import dev.rootguard.Printable;
import dev.rootguard.policy.Assessment;
import dev.rootguard.policy.Finding;
import dev.rootguard.policy.Reference;
import dev.rootguard.policy.Source;
import dev.rootguard.policy.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the four report formats share: localized texts, the facts-derived values escaped by {@link
 * Printable} (the one escaper for them), compacted references, sources and status counts. Stateless
 * and thread-safe.
 */
final class ReportParts {
  private ReportParts() {}

  static String t(Locale l, String key) {
    return Texts.get(l, key);
  }

  /** The account name shown in text, Markdown and HTML: escaped by {@link Printable}. */
  static String accountName(Assessment a) {
    return Printable.escape(a.state().accountName().value().orElse(""));
  }

  /** The account id shown in text, Markdown and HTML. */
  static String accountId(Assessment a) {
    return Printable.escape(a.accountId());
  }

  /** The policy name shown in text, Markdown and HTML. */
  static String policyName(Assessment a) {
    return Printable.escape(a.policy().name());
  }

  /**
   * The evidence sentence shown in text, Markdown and HTML: the message template (ours) filled with
   * the arguments (from the facts), each escaped by {@link Printable}.
   */
  static String evidence(Finding f, Locale l) {
    List<String> args = new ArrayList<>(f.evidence().args().size());
    for (String arg : f.evidence().args()) {
      args.add(Printable.escape(arg));
    }
    return Texts.format(l, f.evidence().key(), args);
  }

  static String when(Instant i) {
    return ControlEvaluator.when(i);
  }

  /** Compacts references: CIS numbers grouped over consecutive versions, others as labels. */
  static List<String> compactReferences(List<Reference> refs) {
    List<String> out = new ArrayList<>();
    StringBuilder cis = new StringBuilder();
    int i = 0;
    while (i < refs.size()) {
      Reference r = refs.get(i);
      if (!r.framework().equals(Reference.CIS)) {
        out.add(r.label());
        i++;
        continue;
      }
      int j = i;
      while (j + 1 < refs.size()
          && refs.get(j + 1).framework().equals(Reference.CIS)
          && refs.get(j + 1).id().equals(r.id())) {
        j++;
      }
      if (cis.length() > 0) {
        cis.append(", ");
      }
      cis.append(r.id()).append(" (v").append(r.version());
      if (j > i) {
        cis.append("–v").append(refs.get(j).version());
      }
      cis.append(')');
      i = j + 1;
    }
    if (cis.length() > 0) {
      out.add(0, "CIS " + cis);
    }
    return out;
  }

  /** The finding's sources for text, Markdown and HTML, each origin escaped. */
  static String sources(Finding f) {
    List<String> out = new ArrayList<>();
    for (Source s : f.sources()) {
      out.add(
          Instant.EPOCH.equals(s.collectedAt())
              ? Printable.escape(s.origin())
              : Printable.escape(s.origin()) + " @ " + when(s.collectedAt()));
    }
    return String.join("; ", out);
  }

  static boolean showRemediation(Finding f) {
    return f.needsAttention();
  }

  /** Appends the non-zero status counts, for example {@code "PASS 5, FAIL 1"}. */
  static void appendCounts(StringBuilder sb, Assessment a, Locale l) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<Status, Integer> e : a.counts().entrySet()) {
      if (e.getValue() > 0) {
        parts.add(t(l, "status." + e.getKey()) + " " + e.getValue());
      }
    }
    sb.append(String.join(", ", parts));
  }
}
