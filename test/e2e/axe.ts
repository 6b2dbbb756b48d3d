// Runs axe-core inside the page and fails on serious or critical WCAG 2.2 AA violations.
import assert from "node:assert/strict";
import axe from "axe-core";
import type { Page } from "playwright-core";

type AxeNode = { target: unknown[]; failureSummary?: string };
type AxeViolation = { id: string; impact: string | null; help: string; nodes: AxeNode[] };

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Checks the page as it is now. axe is evaluated through the DevTools protocol, which the page's
 * CSP (`script-src 'self'`) does not govern, so the page under test keeps its real policy.
 */
export async function assertAccessible(page: Page, where: string): Promise<void> {
	const injected = await page.evaluate(() => "axe" in window);
	if (!injected) await page.evaluate(axe.source);
	const { rulesPassed, violations } = await page.evaluate(async (tags) => {
		const runner = (window as unknown as { axe: typeof axe }).axe;
		const result = await runner.run(document, { runOnly: { type: "tag", values: tags } });
		const rulesPassed = result.passes.length;
		const violations = result.violations.map((v) => ({
			id: v.id,
			impact: v.impact ?? null,
			help: v.help,
			nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
		}));
		return { rulesPassed, violations };
	}, WCAG_22_AA);
	assert.ok(rulesPassed > 0, `axe checked ${where} (${rulesPassed} rules passed)`);
	const serious = (violations as AxeViolation[]).filter(
		(v) => v.impact === "serious" || v.impact === "critical",
	);
	assert.deepEqual(
		serious.map(
			(v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
		),
		[],
		`${where} has no serious or critical accessibility violations`,
	);
}
