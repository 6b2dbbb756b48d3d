// Imports name their files: the demo loader runs this module under plain Node as well.
import type { Row } from "./sql.ts";

const HOUR = 3_600_000;

/** What the demo customers said, in turn: Acme asks for stars, Bayside for a 0–10 NPS. */
const ANSWERS = {
	stars: [
		{
			score: 5,
			comment: "Picked up and delivered well before the deadline. Thank you!",
			ratings: [5, 5, 5, 4],
		},
		{ score: 4, comment: null, ratings: [4, 5, 4, 4] },
		{ score: 2, comment: "Arrived an hour late and nobody called ahead.", ratings: [1, 2, 4, 3] },
	],
	nps: [
		{ score: 10, comment: "Fixed the leak in twenty minutes and cleaned up after.", ratings: [10, 9, 10, 9] },
		{ score: 8, comment: null, ratings: [8, 8, 9, 7] },
		{ score: 5, comment: "The repair holds, but the price was more than quoted.", ratings: [7, 6, 8, 3] },
	],
} as const;

const CATEGORIES = ["punctuality", "communication", "quality", "value"];

/** Answers per tenant at most: a few weeks of results, not every job ever done. */
const PER_TENANT = 8;

/**
 * Answered surveys for the tenants' completed demo jobs, each by the contact the job names or
 * whose email it was typed with — the few before the most recent, which is left for a customer
 * to answer. Each answer keeps the job's technician.
 */
export function demoSurveys(jobs: Row[], contacts: Row[], types: Record<string, "stars" | "nps">): Row[] {
	const rows: Row[] = [];
	const contactOf = (job: Row) =>
		job.contact_id ??
		contacts.find(
			(c) => c.tenant_id === job.tenant_id && c.email_normalized === job.customer_email_normalized,
		)?.id ??
		null;
	for (const [tenantId, type] of Object.entries(types)) {
		const done = jobs
			.filter((j) => j.tenant_id === tenantId && j.status === "completed" && contactOf(j) && j.completed_at)
			.sort((a, b) => Number(a.completed_at) - Number(b.completed_at));
		done.slice(-1 - PER_TENANT, -1).forEach((job, i) => {
			const answer = ANSWERS[type][i % ANSWERS[type].length] as (typeof ANSWERS)[typeof type][number];
			const at = Number(job.completed_at) + 3 * HOUR;
			rows.push({
				id: `srv_${String(job.id).replace(/^job_/, "")}`,
				tenant_id: tenantId,
				job_id: job.id ?? null,
				contact_id: contactOf(job),
				tracking_link_id: null,
				technician_id: job.technician_id ?? null,
				scale: type,
				score: answer.score,
				categories: Object.fromEntries(CATEGORIES.map((c, k) => [c, answer.ratings[k]])),
				comment: answer.comment,
				created_at: at,
				updated_at: at,
			});
		});
	}
	return rows;
}
