/**
 * The root-user security policy: facts about an account's root user ({@link
 * dev.rootguard.policy.RootAccountState}, each {@link dev.rootguard.policy.Fact} with its {@link
 * dev.rootguard.policy.Source}), the {@link dev.rootguard.policy.Control}s that judge them, the
 * {@link dev.rootguard.policy.RootSecurityPolicy} that groups and tunes them, and the {@link
 * dev.rootguard.policy.Assessment} with its reports (text, Markdown, JSON, HTML; English and
 * Japanese).
 *
 * <p>Entry points: {@link dev.rootguard.policy.RootSecurityPolicy#recommended()}, {@code
 * cisLevel1()}, {@code cisLevel2()}, {@code builder()}; {@link
 * dev.rootguard.policy.RootAccountState#fromCredentialReport(byte[],
 * dev.rootguard.policy.CredentialReportOptions)} for a downloaded credential report; {@link
 * dev.rootguard.policy.RootSecurityAssertions} for unit tests.
 *
 * <pre>{@code
 * RootAccountState state = RootAccountState.fromCredentialReport(csv,
 *     CredentialReportOptions.builder()
 *         .accountSummary(Map.of("AccountMFAEnabled", 1, "AccountAccessKeysPresent", 0))
 *         .build());
 * Assessment a = RootSecurityPolicy.recommended().evaluate(state);
 * System.out.println(a.render(Assessment.Format.TEXT, Locale.JAPANESE));
 * }</pre>
 *
 * <p>What this package does not do: call AWS (the {@code rootguard-aws} module collects facts
 * live), change anything in an account, or read the root password (its strength is a MANUAL check;
 * see {@code dev.rootguard.password}).
 *
 * @since 0.1.0
 */
package dev.rootguard.policy;
