import { normalizeEmail } from "../../workers/domain/email.ts";
import { ACME, ACME_ACCOUNTS, BAYSIDE, BAYSIDE_ACCOUNTS, type DemoAccount } from "./people.ts";
import type { Row } from "./sql.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Status = "unassigned" | "assigned" | "en_route" | "in_progress" | "completed" | "cancelled";

/** The lifecycle a job in `status` went through, for its activity timeline. */
const TIMELINE: Record<Status, string[]> = {
	unassigned: ["created"],
	assigned: ["created", "assigned"],
	en_route: ["created", "assigned", "en_route"],
	in_progress: ["created", "assigned", "en_route", "started"],
	completed: ["created", "assigned", "en_route", "started", "completed"],
	cancelled: ["created", "cancelled"],
};

const EVENT_MESSAGES: Record<string, string> = {
	created: "Job booked",
	assigned: "Technician assigned",
	en_route: "On the way",
	started: "Arrived and started",
	completed: "Completed",
	cancelled: "Cancelled by dispatch",
};

// Emails as dispatchers type them: stray spaces, shouting, mixed case.
const TYPED = [
	(e: string) => e,
	(e: string) => ` ${e} `,
	(e: string) => e.toUpperCase(),
	(e: string) => e.charAt(0).toUpperCase() + e.slice(1),
	(e: string) => `${e}  `,
];

const DROPOFFS = [
	{
		line1: "1 Police Plaza",
		city: "New York",
		region: "NY",
		postal: "10038",
		lat: 40.712276,
		lng: -74.001931,
	},
	{
		line1: "250 Vesey Street",
		city: "New York",
		region: "NY",
		postal: "10281",
		lat: 40.714617,
		lng: -74.015735,
	},
	{
		line1: "445 Park Avenue",
		city: "New York",
		region: "NY",
		postal: "10022",
		lat: 40.761497,
		lng: -73.971026,
	},
	{
		line1: "100 Church Street",
		city: "New York",
		region: "NY",
		postal: "10007",
		lat: 40.713208,
		lng: -74.009727,
	},
	{
		line1: "525 East 68th Street",
		city: "New York",
		region: "NY",
		postal: "10065",
		lat: 40.764985,
		lng: -73.953934,
	},
];

type Plan = { status: Status; daysAgo: number; tech: string | null; portal: boolean; linkContact: boolean };

function acmePlans(): Plan[] {
	const plans: Plan[] = [];
	for (let i = 0; i < 22; i++) {
		plans.push({
			status: "completed",
			daysAgo: 2 + i * 2.5,
			tech: i % 3 === 0 ? "tec_acme_sam" : "tec_acme_jordan",
			portal: i % 4 === 0,
			linkContact: i % 3 !== 1,
		});
	}
	plans.push({ status: "cancelled", daysAgo: 9, tech: null, portal: false, linkContact: false });
	plans.push({ status: "cancelled", daysAgo: 31, tech: null, portal: true, linkContact: true });
	plans.push({ status: "unassigned", daysAgo: 0.1, tech: null, portal: true, linkContact: true });
	plans.push({ status: "unassigned", daysAgo: 0.05, tech: null, portal: false, linkContact: false });
	// Sofia Alvarez's pickup at Northgate Motors, on Lena Fischer's list for today.
	plans.push({ status: "assigned", daysAgo: 0.2, tech: "tec_acme_lena", portal: false, linkContact: true });
	plans.push({ status: "assigned", daysAgo: 0.3, tech: "tec_acme_jordan", portal: true, linkContact: true });
	plans.push({
		status: "en_route",
		daysAgo: 0.15,
		tech: "tec_acme_jordan",
		portal: false,
		linkContact: false,
	});
	plans.push({
		status: "in_progress",
		daysAgo: 0.25,
		tech: "tec_acme_sam",
		portal: false,
		linkContact: true,
	});
	// The job to drive live end to end: Sam Ortiz (sam@acme-courier.example) has it on today's
	// list; it is Dana Reyes's at Hartwell & Pine (index 30: first account, first contact), and
	// she can sign in to the portal to watch him come.
	plans.push({ status: "assigned", daysAgo: 0.1, tech: "tec_acme_sam", portal: true, linkContact: true });
	return plans;
}

function bayPlans(): Plan[] {
	return [
		{ status: "completed", daysAgo: 40, tech: "tec_bay_ava", portal: false, linkContact: true },
		{ status: "completed", daysAgo: 18, tech: "tec_bay_ava", portal: true, linkContact: true },
		{ status: "completed", daysAgo: 6, tech: "tec_bay_ava", portal: false, linkContact: false },
		{ status: "assigned", daysAgo: 0.5, tech: "tec_bay_ava", portal: false, linkContact: true },
		{ status: "unassigned", daysAgo: 0.1, tech: null, portal: true, linkContact: true },
		{ status: "cancelled", daysAgo: 12, tech: null, portal: false, linkContact: false },
		// #507: Dana Reyes's visit at home, on Ava Chen's list; the notifications journey sends
		// Ava on her way and Dana follows the "On the way" email's link.
		{ status: "assigned", daysAgo: 0.05, tech: "tec_bay_ava", portal: true, linkContact: true },
	];
}

const e6 = (deg: number) => Math.round(deg * 1e6);

function address(a: {
	line1: string;
	city: string;
	region: string;
	postal: string;
	lat: number;
	lng: number;
}) {
	return {
		line1: a.line1,
		line2: null,
		city: a.city,
		region: a.region,
		postal_code: a.postal,
		country: "US",
		lat_e6: e6(a.lat),
		lng_e6: e6(a.lng),
	};
}

type Built = { jobs: Row[]; job_stops: Row[]; job_events: Row[] };

function buildJobs(
	tenantId: string,
	prefix: string,
	firstNumber: number,
	kind: "pickup_delivery" | "service_call",
	accounts: DemoAccount[],
	plans: Plan[],
	now: number,
): Built {
	const out: Built = { jobs: [], job_stops: [], job_events: [] };
	plans.forEach((plan, i) => {
		const account = accounts[i % accounts.length] as DemoAccount;
		const contact = account.contacts[i % account.contacts.length] as DemoAccount["contacts"][number];
		const typed = (TYPED[i % TYPED.length] as (e: string) => string)(contact.email);
		const jobId = `job_${prefix}_${String(i + 1).padStart(2, "0")}`;
		const createdAt = Math.round(now - plan.daysAgo * DAY);
		const windowStart = createdAt + 2 * HOUR;
		const windowEnd = windowStart + (kind === "service_call" ? 4 * HOUR : 3 * HOUR);
		const ended = plan.status === "completed" || plan.status === "cancelled";
		out.jobs.push({
			id: jobId,
			tenant_id: tenantId,
			number: firstNumber + i,
			kind,
			status: plan.status,
			source: plan.portal ? "portal" : "dispatcher",
			account_id: account.id,
			location_id: account.location.id,
			contact_id: plan.portal || plan.linkContact ? contact.id : null,
			customer_name: contact.name,
			account_name: account.name,
			customer_email: plan.portal ? contact.email : typed,
			customer_email_normalized: normalizeEmail(plan.portal ? contact.email : typed),
			reference: kind === "service_call" ? `WO-${7300 + i}` : `PO-${48100 + i * 7}`,
			description:
				kind === "service_call"
					? (["Leaking water heater", "Kitchen drain clog", "Low water pressure upstairs"][i % 3] ?? null)
					: null,
			package_description:
				kind === "pickup_delivery"
					? (["Sealed legal envelope", "Specimen cooler", "Parts box, 12 kg", "Signed contracts"][i % 4] ??
						null)
					: null,
			technician_id: plan.tech,
			window_start: windowStart,
			window_end: windowEnd,
			paused_message: null,
			idempotency_key: null,
			created_by_type: plan.portal ? "contact" : "staff",
			created_by_id: plan.portal ? contact.id : null,
			created_at: createdAt,
			updated_at: createdAt + (ended ? 5 * HOUR : HOUR),
			completed_at: plan.status === "completed" ? windowStart + 2 * HOUR : null,
			cancelled_at: plan.status === "cancelled" ? createdAt + HOUR : null,
		});
		const pickup = account.pickups[i % Math.max(account.pickups.length, 1)];
		if (kind === "pickup_delivery" && pickup) {
			const drop = DROPOFFS[i % DROPOFFS.length] as (typeof DROPOFFS)[number];
			out.job_stops.push(
				{
					id: `stp_${prefix}_${i + 1}_1`,
					tenant_id: tenantId,
					job_id: jobId,
					seq: 1,
					kind: "pickup",
					...address(pickup.address),
					contact_name: pickup.contact,
					contact_phone: account.phone,
					window_start: windowStart,
					window_end: windowStart + HOUR,
					instructions: pickup.instructions,
					arrived_at: null,
					completed_at: null,
				},
				{
					id: `stp_${prefix}_${i + 1}_2`,
					tenant_id: tenantId,
					job_id: jobId,
					seq: 2,
					kind: "dropoff",
					...address(drop),
					contact_name: "Reception",
					contact_phone: null,
					window_start: null,
					window_end: windowEnd,
					instructions: "Signature required.",
					arrived_at: null,
					completed_at: null,
				},
			);
		} else {
			out.job_stops.push({
				id: `stp_${prefix}_${i + 1}_1`,
				tenant_id: tenantId,
				job_id: jobId,
				seq: 1,
				kind: "service",
				...address(account.location.address),
				contact_name: contact.name,
				contact_phone: contact.phone,
				window_start: windowStart,
				window_end: windowEnd,
				instructions: "Street parking only.",
				arrived_at: null,
				completed_at: null,
			});
		}
		const job = out.jobs[out.jobs.length - 1] as Row;
		job.stops_summary = out.job_stops
			.filter((stop) => stop.job_id === jobId)
			.map((stop) => ({ kind: stop.kind, line1: stop.line1, city: stop.city }));
		TIMELINE[plan.status].forEach((type, step) => {
			out.job_events.push({
				id: `evt_${prefix}_${i + 1}_${step + 1}`,
				tenant_id: tenantId,
				job_id: jobId,
				type,
				actor_type: type === "created" && plan.portal ? "contact" : "staff",
				actor_id: null,
				actor_label: type === "created" && plan.portal ? contact.name : "Dispatch",
				message: EVENT_MESSAGES[type] ?? type,
				data: null,
				visible_to_customer: true,
				created_at: createdAt + step * HOUR,
			});
		});
	});
	return out;
}

export function demoJobs(now: number): Built[] {
	return [
		buildJobs(ACME.id, "acme", 1001, "pickup_delivery", ACME_ACCOUNTS, acmePlans(), now),
		buildJobs(BAYSIDE.id, "bay", 501, "service_call", BAYSIDE_ACCOUNTS, bayPlans(), now),
	];
}
