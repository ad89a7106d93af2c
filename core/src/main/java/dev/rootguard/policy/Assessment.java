package dev.rootguard.policy;

import dev.rootguard.policy.internal.ReportRenderer;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link RootSecurityPolicy#evaluate(RootAccountState)}: one {@link Finding} per
 * enabled control, a verdict, a score, and renderings as text, Markdown, JSON or HTML in English or
 * Japanese.
 *
 * <p><b>Compliance</b> ({@link #isCompliant()}): no finding is {@link Status#FAIL} and none is
 * {@link Status#UNKNOWN}. Compliance must be proven, so an unknown fact counts against it. {@link
 * Status#WARN} and {@link Status#MANUAL} findings do not break compliance but are listed for a
 * person to look at; {@link Status#NOT_APPLICABLE} is ignored.
 *
 * <p><b>Score</b> ({@link #score()}): 0 to 100, the severity-weighted share of <em>decided</em>
 * findings that pass: {@code round(100 × Σ w·credit / Σ w)} over findings with status PASS (credit
 * 1), WARN (credit ½) or FAIL (credit 0), where {@code w} is {@link Severity#weight()} (critical
 * 10, high 5, medium 3, low 1). UNKNOWN, MANUAL and NOT_APPLICABLE findings are left out; when no
 * finding is decided the score is 0. The score ranks accounts; the verdict is {@link
 * #isCompliant()}.
 *
 * <pre>{@code
 * Assessment a = RootSecurityPolicy.recommended().evaluate(state);
 * a.isCompliant();
 * a.score();
 * String md = a.render(Assessment.Format.MARKDOWN, Locale.JAPANESE);
 * String json = a.render(Assessment.Format.JSON, Locale.ENGLISH);   // docs/report-schema.md
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Assessment {
  /**
   * Report formats.
   *
   * @since 0.1.0
   */
  public enum Format {
    /** Plain text for a terminal; ANSI colours only when asked. */
    TEXT,
    /** GitHub-flavoured Markdown. */
    MARKDOWN,
    /** JSON with a {@code schemaVersion}; see {@code docs/report-schema.md}. */
    JSON,
    /** A self-contained HTML page (inline CSS, no scripts, every value escaped). */
    HTML
  }

  private final RootAccountState state;
  private final RootSecurityPolicy policy;
  private final List<Finding> findings;
  private final Instant evaluatedAt;
  private final Instant referenceTime;

  Assessment(
      RootAccountState state,
      RootSecurityPolicy policy,
      List<Finding> findings,
      Instant evaluatedAt,
      Instant referenceTime) {
    this.state = Objects.requireNonNull(state, "state");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.findings = List.copyOf(findings);
    this.evaluatedAt = Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    this.referenceTime = Objects.requireNonNull(referenceTime, "referenceTime");
  }

  /**
   * Returns the facts that were judged.
   *
   * @return the state
   */
  public RootAccountState state() {
    return state;
  }

  /**
   * Returns the account id.
   *
   * @return the 12-digit id
   */
  public String accountId() {
    return state.accountId();
  }

  /**
   * Returns the policy that judged.
   *
   * @return the policy
   */
  public RootSecurityPolicy policy() {
    return policy;
  }

  /**
   * Returns the findings, one per enabled control, in {@link Control} order.
   *
   * @return unmodifiable list
   */
  public List<Finding> findings() {
    return findings;
  }

  /**
   * Returns the finding of one control.
   *
   * @param control the control
   * @return the finding, or empty if the policy does not enable it
   */
  public Optional<Finding> finding(Control control) {
    Objects.requireNonNull(control, "control");
    for (Finding f : findings) {
      if (f.control() == control) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns when the policy was evaluated (the policy's clock).
   *
   * @return the instant
   */
  public Instant evaluatedAt() {
    return evaluatedAt;
  }

  /**
   * Returns the instant "recent use" was measured from: the state's collection time, or {@link
   * #evaluatedAt()} when the state has none.
   *
   * @return the instant
   */
  public Instant referenceTime() {
    return referenceTime;
  }

  /**
   * Returns whether the account complies: no FAIL and no UNKNOWN finding (see the class
   * documentation).
   *
   * @return true if compliant
   */
  public boolean isCompliant() {
    for (Finding f : findings) {
      if (f.status() == Status.FAIL || f.status() == Status.UNKNOWN) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the findings that break compliance: FAIL and UNKNOWN.
   *
   * @return unmodifiable list, in control order
   */
  public List<Finding> blockingFindings() {
    return findings.stream()
        .filter(f -> f.status() == Status.FAIL || f.status() == Status.UNKNOWN)
        .toList();
  }

  /**
   * Returns the score, 0 to 100 (see the class documentation for the formula).
   *
   * @return the score
   */
  public int score() {
    double earned = 0;
    int total = 0;
    for (Finding f : findings) {
      int w = f.severity().weight();
      switch (f.status()) {
        case PASS -> {
          earned += w;
          total += w;
        }
        case WARN -> {
          earned += w / 2.0;
          total += w;
        }
        case FAIL -> total += w;
        default -> {}
      }
    }
    return total == 0 ? 0 : (int) Math.round(100.0 * earned / total);
  }

  /**
   * Returns how many findings have each status.
   *
   * @return a map with every status as key (zero counts included), in enum order
   */
  public Map<Status, Integer> counts() {
    Map<Status, Integer> m = new EnumMap<>(Status.class);
    for (Status s : Status.values()) {
      m.put(s, 0);
    }
    for (Finding f : findings) {
      m.merge(f.status(), 1, Integer::sum);
    }
    return m;
  }

  /**
   * Renders the assessment without colours.
   *
   * @param format the format
   * @param locale English or Japanese (other locales get English)
   * @return the report
   */
  public String render(Format format, Locale locale) {
    return render(format, locale, false);
  }

  /**
   * Renders the assessment.
   *
   * @param format the format
   * @param locale English or Japanese (other locales get English)
   * @param colour whether {@link Format#TEXT} may use ANSI colours (the caller decides, e.g. only
   *     when writing to a terminal); ignored by the other formats
   * @return the report
   */
  public String render(Format format, Locale locale, boolean colour) {
    return renderAll(List.of(this), format, locale, colour);
  }

  /**
   * Renders several assessments (e.g. the accounts of an organization) as one report. JSON output
   * has the same schema as for one assessment, with several entries in {@code assessments}.
   *
   * @param assessments the assessments, in the order to show
   * @param format the format
   * @param locale English or Japanese (other locales get English)
   * @param colour whether {@link Format#TEXT} may use ANSI colours
   * @return the report
   */
  public static String renderAll(
      List<Assessment> assessments, Format format, Locale locale, boolean colour) {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(locale, "locale");
    return ReportRenderer.render(List.copyOf(assessments), format, locale, colour);
  }

  @Override
  public String toString() {
    return "Assessment["
        + state.accountId()
        + ", policy="
        + policy.name()
        + ", compliant="
        + isCompliant()
        + ", score="
        + score()
        + ", counts="
        + counts()
        + "]";
  }
}
