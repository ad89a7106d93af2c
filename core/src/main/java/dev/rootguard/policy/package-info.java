/**
 * The root-user security policy: facts about an account's root user ({@link
 * dev.rootguard.policy.RootAccountState}, each {@link dev.rootguard.policy.Fact} with its {@link
 * dev.rootguard.policy.Source}), the controls that judge them, and the assessment.
 *
 * @since 0.1.0
 */
package dev.rootguard.policy;
