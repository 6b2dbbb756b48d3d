import { Circle, CircleCheck } from "lucide";
import { useState } from "preact/hooks";
import type { z } from "zod";
import type { FirstRunSchema } from "../../../../workers/contracts/tenant";
import { errorText } from "../../shared/i18n/errors";
import { t } from "../../shared/i18n/i18n";
import { Button } from "../../shared/ui/Button";
import { Card } from "../../shared/ui/Card";
import { Icon } from "../../shared/ui/Icon";
import { useResource } from "../../shared/useResource";
import { consolePath, isAdmin, sendJson, staffPath } from "../consoleApi";
import "./first-run.css";

type Checklist = z.infer<typeof FirstRunSchema>;
type Step = Checklist["items"][number]["step"];

/** The screen that does each step. */
const STEP_PATH: Record<Step, string> = {
	branding: "/settings",
	support: "/settings",
	dispatcher: "/settings#staff-heading",
	technician: "/technicians",
	customers: "/customers/import",
	portalLink: "/customers",
	testJob: "/jobs/new",
};

function stepText(step: Step): string {
	switch (step) {
		case "branding":
			return t("firstRun.step.branding");
		case "support":
			return t("firstRun.step.support");
		case "dispatcher":
			return t("firstRun.step.dispatcher");
		case "technician":
			return t("firstRun.step.technician");
		case "customers":
			return t("firstRun.step.customers");
		case "portalLink":
			return t("firstRun.step.portalLink");
		default:
			return t("firstRun.step.testJob");
	}
}

type Props = { slug: string; role: string };

/**
 * The console home's checklist for a new fleet, until every step is done or an admin hides it.
 * The server derives each step from the tenant's records; nothing is ticked by hand.
 */
export function FirstRunChecklist({ slug, role }: Props) {
	const { state: checklist } = useResource<Checklist>(staffPath(slug, "/first-run"));
	const [hidden, setHidden] = useState(false);
	const [error, setError] = useState<string>();
	if (checklist.status !== "ready" || hidden) return null;
	const { items, done, dismissed } = checklist.data;
	if (done || dismissed) return null;
	const left = items.filter((i) => !i.done).length;

	async function dismiss() {
		setError(undefined);
		try {
			await sendJson(slug, "/first-run/dismiss", "POST");
			setHidden(true);
		} catch (err) {
			setError(errorText(err));
		}
	}

	return (
		<Card as="section" class="first-run" aria-labelledby="first-run-heading">
			<h2 id="first-run-heading">{t("firstRun.heading")}</h2>
			<p class="muted">{t("firstRun.progress", { left, total: items.length })}</p>
			<ul class="first-run-steps">
				{items.map((item) => (
					<li key={item.step} class={item.done ? "first-run-done" : undefined}>
						<Icon icon={item.done ? CircleCheck : Circle} size={18} />
						<a href={consolePath(slug, STEP_PATH[item.step])}>{stepText(item.step)}</a>
						<span class="visually-hidden">{item.done ? t("firstRun.done") : t("firstRun.todo")}</span>
					</li>
				))}
			</ul>
			{isAdmin(role) ? (
				<Button variant="ghost" size="sm" onClick={() => void dismiss()}>
					{t("firstRun.dismiss")}
				</Button>
			) : null}
			{error ? (
				<p class="notice notice-error" role="alert">
					{error}
				</p>
			) : null}
		</Card>
	);
}
