import { normalizeEmail } from "../../workers/domain/email.ts";
import { diffVersions } from "../../workers/domain/estimates/change-summary.ts";
import { versionContentSha256 } from "../../workers/domain/estimates/content.ts";
import { estimateTotals, lineTotalMinor } from "../../workers/domain/estimates/totals.ts";
import { ACME, ACME_ACCOUNTS, BAYSIDE, BAYSIDE_ACCOUNTS, type DemoAccount } from "./people.ts";
import type { Row } from "./sql.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Status = "draft" | "sent" | "changes_requested" | "approved" | "rejected" | "expired" | "booked";
type DemoLine = { description: string; quantity: number; unitPriceMinor: number; optional?: boolean };

/** One demo estimate: who it is for, what it says (each revision), and where it got to. */
type Plan = {
	key: string;
	status: Status;
	account: number;
	/** Index into the account's contacts; null: addressed to the whole account. */
	contact: number | null;
	title: string;
	versions: DemoLine[][];
	daysAgo: number;
	comment?: { line: number; body: string; reply?: string };
	reason?: string;
};

const ACME_PLANS: Plan[] = [
	{
		key: "e1",
		status: "draft",
		account: 2,
		contact: null,
		title: "Weekly parts shuttle, Q1",
		versions: [
			[
				{ description: "Scheduled shuttle, showroom ↔ parts depot", quantity: 13, unitPriceMinor: 14_500 },
				{ description: "Fuel surcharge", quantity: 13, unitPriceMinor: 1_250 },
			],
		],
		daysAgo: 1,
	},
	{
		key: "e2",
		status: "sent",
		account: 2,
		contact: 1,
		title: "Same-day courier retainer",
		versions: [
			[
				{ description: "Same-day runs, Manhattan (bundle of 20)", quantity: 1, unitPriceMinor: 52_000 },
				{ description: "Waiting time, per hour", quantity: 2.5, unitPriceMinor: 3_800 },
				{ description: "After-hours pickups", quantity: 4, unitPriceMinor: 6_500, optional: true },
			],
			[
				{ description: "Same-day runs, Manhattan (bundle of 20)", quantity: 1, unitPriceMinor: 48_000 },
				{ description: "Waiting time, per hour", quantity: 1.5, unitPriceMinor: 3_800 },
				{ description: "After-hours pickups", quantity: 4, unitPriceMinor: 6_500, optional: true },
				{ description: "Signed proof of delivery, printed", quantity: 20, unitPriceMinor: 150 },
			],
		],
		daysAgo: 6,
	},
	{
		key: "e3",
		status: "changes_requested",
		account: 1,
		contact: 1,
		title: "Specimen courier, twice daily",
		versions: [
			[
				{ description: "Specimen runs to the lab, 2 per day × 22 days", quantity: 44, unitPriceMinor: 3_900 },
				{ description: "Temperature-logged cooler rental", quantity: 1, unitPriceMinor: 7_500 },
			],
		],
		daysAgo: 3,
		comment: {
			line: 0,
			body: "Could the afternoon run be at 4 pm instead of 5? And is there a rate for 40 runs?",
			reply: "We can do 4 pm. Let me check the 40-run rate with our lab route.",
		},
	},
	{
		key: "e4",
		status: "approved",
		account: 2,
		contact: 1,
		title: "Dealer-to-dealer transfers, December",
		versions: [
			[
				{ description: "Plate transfer runs", quantity: 6, unitPriceMinor: 8_900 },
				{ description: "Tolls and parking", quantity: 1, unitPriceMinor: 4_200 },
				{ description: "Weekend availability", quantity: 1, unitPriceMinor: 15_000, optional: true },
			],
		],
		daysAgo: 9,
	},
	{
		key: "e5",
		status: "rejected",
		account: 0,
		contact: 0,
		title: "Court filing runs, monthly plan",
		versions: [[{ description: "Filing runs to 60 Centre Street", quantity: 30, unitPriceMinor: 4_500 }]],
		daysAgo: 12,
		reason: "We moved filings to the e-courts portal; only occasional runs now.",
	},
	{
		key: "e6",
		status: "expired",
		account: 1,
		contact: 0,
		title: "Vaccine cold-chain deliveries",
		versions: [[{ description: "Cold-chain delivery, per run", quantity: 8, unitPriceMinor: 11_000 }]],
		daysAgo: 40,
	},
	{
		key: "e7",
		status: "booked",
		account: 2,
		contact: 2,
		title: "Showroom move: archive boxes",
		versions: [
			[
				{ description: "Van with two movers, per hour", quantity: 3.5, unitPriceMinor: 16_000 },
				{ description: "Archive boxes, shrink-wrapped", quantity: 60, unitPriceMinor: 350 },
			],
		],
		daysAgo: 15,
	},
];

const BAY_PLANS: Plan[] = [
	{
		key: "e1",
		status: "draft",
		account: 1,
		contact: null,
		title: "Boiler room inspection, building B",
		versions: [[{ description: "Inspection and report", quantity: 1, unitPriceMinor: 38_000 }]],
		daysAgo: 0.5,
	},
	{
		key: "e2",
		status: "sent",
		account: 1,
		contact: 2,
		title: "Sustitución del calentador, unidad 4C",
		versions: [
			[
				{ description: "Calentador de 50 galones, instalado", quantity: 1, unitPriceMinor: 189_000 },
				{ description: "Mano de obra, por hora", quantity: 3, unitPriceMinor: 12_500 },
				{ description: "Kit antisísmico", quantity: 1, unitPriceMinor: 6_500, optional: true },
			],
		],
		daysAgo: 2,
	},
	{
		key: "e3",
		status: "changes_requested",
		account: 1,
		contact: 1,
		title: "Repipe, units 2A–2D",
		versions: [
			[
				{ description: "PEX repipe per unit", quantity: 4, unitPriceMinor: 420_000 },
				{ description: "Drywall patch and paint", quantity: 4, unitPriceMinor: 65_000 },
			],
		],
		daysAgo: 4,
		comment: { line: 1, body: "Our own painter will do the walls; please take the patching out." },
	},
	{
		key: "e4",
		status: "approved",
		account: 0,
		contact: 0,
		title: "Kitchen drain and disposal",
		versions: [
			[
				{ description: "Hydro-jet kitchen line", quantity: 1, unitPriceMinor: 45_000 },
				{ description: "Garbage disposal, 3/4 hp", quantity: 1, unitPriceMinor: 32_500, optional: true },
			],
			[
				{ description: "Hydro-jet kitchen line", quantity: 1, unitPriceMinor: 42_000 },
				{ description: "Garbage disposal, 3/4 hp", quantity: 1, unitPriceMinor: 32_500, optional: true },
			],
		],
		daysAgo: 8,
	},
	{
		key: "e5",
		status: "rejected",
		account: 0,
		contact: 1,
		title: "Tankless water heater upgrade",
		versions: [[{ description: "Tankless unit, installed", quantity: 1, unitPriceMinor: 310_000 }]],
		daysAgo: 20,
		reason: "Going with a like-for-like tank this year.",
	},
	{
		key: "e6",
		status: "expired",
		account: 1,
		contact: 1,
		title: "Backflow testing, all buildings",
		versions: [[{ description: "Backflow test and certificate", quantity: 6, unitPriceMinor: 9_500 }]],
		daysAgo: 45,
	},
	{
		key: "e7",
		status: "booked",
		account: 1,
		contact: 0,
		title: "Sewer camera inspection",
		versions: [[{ description: "Camera inspection with recording", quantity: 1, unitPriceMinor: 29_500 }]],
		daysAgo: 10,
	},
];

export type EstimateRows = Record<string, Row[]>;

/** A demo tenant's estimates in every status, with their versions, lines, thread, approval and the booked job. */
async function buildEstimates(
	tenant: {
		id: string;
		currency: string;
		settings: { taxRateBps?: number; jobKinds: string[] };
		prefix: string;
		firstNumber: number;
		firstJob: number;
	},
	accounts: DemoAccount[],
	dispatcher: { id: string; name: string },
	plans: Plan[],
	now: number,
): Promise<EstimateRows> {
	const out: EstimateRows = {
		estimates: [],
		estimate_versions: [],
		line_items: [],
		estimate_events: [],
		estimate_comments: [],
		estimate_approvals: [],
		jobs: [],
		job_stops: [],
		job_events: [],
	};
	const taxRateBps = tenant.settings.taxRateBps ?? 0;
	for (const [i, plan] of plans.entries()) {
		const account = accounts[plan.account] as DemoAccount;
		const contact = plan.contact === null ? null : (account.contacts[plan.contact] ?? null);
		const id = `est_${tenant.prefix}_${plan.key}`;
		const number = tenant.firstNumber + i;
		const createdAt = Math.round(now - plan.daysAgo * DAY);
		const expiresAt = plan.status === "expired" ? now - 5 * DAY : createdAt + 30 * DAY;
		const versions = plan.versions.map((lines, v) => {
			const data = lines.map((l, n) => ({
				id: `lin_${tenant.prefix}_${plan.key}_${n + 1}`,
				seq: n + 1,
				description: l.description,
				quantityMilli: Math.round(l.quantity * 1000),
				unitPriceMinor: l.unitPriceMinor,
				totalMinor: lineTotalMinor({
					quantityMilli: Math.round(l.quantity * 1000),
					unitPriceMinor: l.unitPriceMinor,
				}),
				optional: l.optional ?? false,
			}));
			return {
				version: v + 1,
				title: plan.title,
				lines: data,
				discountMinor: 0,
				taxRateBps,
				expiresAt,
				notes: null,
				terms: "Prices valid for 30 days. Payment within 30 days of completion.",
				totals: estimateTotals(data, { discountMinor: 0, taxRateBps }),
				createdAt: createdAt + v * DAY,
			};
		});
		const current = versions[versions.length - 1];
		if (!current) continue;
		const decided = ["approved", "rejected", "booked"].includes(plan.status);
		const stored = plan.status === "expired" ? "sent" : plan.status === "booked" ? "approved" : plan.status;
		const optionalPicked = current.lines.filter((l) => l.optional).map((l) => l.id);
		const approvedTotals = estimateTotals(current.lines, current, optionalPicked);
		const headline = plan.status === "approved" || plan.status === "booked" ? approvedTotals : current.totals;
		const decidedAt = current.createdAt + 2 * DAY;
		const jobId = plan.status === "booked" ? `job_${tenant.prefix}_from_${plan.key}` : null;
		const updatedAt = decided ? decidedAt : current.createdAt;
		out.estimates?.push({
			id,
			tenant_id: tenant.id,
			number,
			account_id: account.id,
			contact_id: contact?.id ?? null,
			location_id: account.location.id,
			quote_request_id: null,
			title: plan.title,
			status: stored,
			currency: tenant.currency,
			current_version: current.version,
			subtotal_minor: headline.subtotalMinor,
			discount_minor: headline.discountMinor,
			tax_rate_bps: taxRateBps,
			tax_minor: headline.taxMinor,
			total_minor: headline.totalMinor,
			expires_at: expiresAt,
			sent_at: plan.status === "draft" ? null : createdAt + HOUR,
			decided_at: decided ? decidedAt : null,
			decided_by_contact_id: decided ? (contact?.id ?? account.contacts[0]?.id ?? null) : null,
			rejection_reason: plan.reason ?? null,
			job_id: jobId,
			update_requested_at: null,
			update_requested_version: null,
			created_by_id: null,
			created_at: createdAt,
			updated_at: updatedAt,
		});
		const event = (
			n: string,
			type: string,
			message: string,
			at: number,
			actor: { type: string; id: string | null; label: string },
			version: number,
			visible = true,
		) =>
			out.estimate_events?.push({
				id: `eev_${tenant.prefix}_${plan.key}_${n}`,
				tenant_id: tenant.id,
				estimate_id: id,
				type,
				actor_type: actor.type,
				actor_id: actor.id,
				actor_label: actor.label,
				message,
				version,
				data: null,
				visible_to_customer: visible,
				created_at: at,
			});
		const staff = { type: "staff", id: dispatcher.id, label: dispatcher.name };
		const customer = contact ?? account.contacts[0];
		const them = { type: "contact", id: customer?.id ?? null, label: customer?.name ?? "" };
		event("created", "created", "Draft created", createdAt, staff, 1, false);
		versions.forEach((v, n) => {
			const before = versions[n - 1];
			out.estimate_versions?.push({
				id: `ver_${tenant.prefix}_${plan.key}_v${v.version}`,
				tenant_id: tenant.id,
				estimate_id: id,
				version: v.version,
				title: v.title,
				subtotal_minor: v.totals.subtotalMinor,
				discount_minor: v.totals.discountMinor,
				tax_rate_bps: v.taxRateBps,
				tax_minor: v.totals.taxMinor,
				total_minor: v.totals.totalMinor,
				optional_minor: v.totals.optionalMinor,
				notes: v.notes,
				terms: v.terms,
				expires_at: v.expiresAt,
				change_summary: before ? diffVersions(before, v) : null,
				created_by_id: dispatcher.id,
				created_by_label: dispatcher.name,
				created_at: v.createdAt,
				updated_at: v.createdAt,
			});
			for (const l of v.lines) {
				out.line_items?.push({
					id: `li_${tenant.prefix}_${plan.key}_v${v.version}_${l.seq}`,
					tenant_id: tenant.id,
					estimate_id: id,
					estimate_version_id: `ver_${tenant.prefix}_${plan.key}_v${v.version}`,
					line_id: l.id,
					seq: l.seq,
					description: l.description,
					quantity_milli: l.quantityMilli,
					unit_price_minor: l.unitPriceMinor,
					total_minor: l.totalMinor,
					optional: l.optional,
				});
			}
			if (n > 0) event(`v${v.version}`, "revised", `Version ${v.version}`, v.createdAt, staff, v.version);
		});
		if (plan.status !== "draft")
			event("shared", "shared", "Shared to the portal", createdAt + HOUR, staff, 1);
		if (plan.comment) {
			const line = current.lines[plan.comment.line]?.id ?? null;
			out.estimate_comments?.push({
				id: `ecm_${tenant.prefix}_${plan.key}_1`,
				tenant_id: tenant.id,
				estimate_id: id,
				author_type: "contact",
				author_id: them.id ?? "",
				author_name: them.label,
				line_item_id: line,
				version: current.version,
				body: plan.comment.body,
				created_at: createdAt + 5 * HOUR,
			});
			event(
				"changes",
				"changes_requested",
				`Asked for changes to version ${current.version}`,
				createdAt + 5 * HOUR,
				them,
				current.version,
			);
			if (plan.comment.reply) {
				out.estimate_comments?.push({
					id: `ecm_${tenant.prefix}_${plan.key}_2`,
					tenant_id: tenant.id,
					estimate_id: id,
					author_type: "staff",
					author_id: dispatcher.id,
					author_name: dispatcher.name,
					line_item_id: line,
					version: current.version,
					body: plan.comment.reply,
					created_at: createdAt + 7 * HOUR,
				});
			}
		}
		if (plan.status === "rejected") {
			event("rejected", "rejected", `Rejected version ${current.version}`, decidedAt, them, current.version);
		}
		if ((plan.status === "approved" || plan.status === "booked") && customer) {
			out.estimate_approvals?.push({
				id: `apr_${tenant.prefix}_${plan.key}`,
				tenant_id: tenant.id,
				estimate_id: id,
				version: current.version,
				contact_id: customer.id,
				contact_name: customer.name,
				contact_email: customer.email,
				signed_name: customer.name,
				ip: "198.51.100.23",
				user_agent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Safari/604.1",
				optional_item_ids: optionalPicked,
				totals: approvedTotals,
				content_sha256: await versionContentSha256({ id, number, currency: tenant.currency }, current),
				idempotency_key: null,
				approved_at: decidedAt,
			});
			event(
				"approved",
				"approved",
				`Approved version ${current.version} as "${customer.name}"`,
				decidedAt,
				them,
				current.version,
			);
		}
		if (jobId && customer) {
			const at = decidedAt + HOUR;
			const start = at + 2 * DAY;
			const place = account.location.address;
			// A courier books the estimate as a pickup from the account's location; a plumber as a service call there.
			const courier = !tenant.settings.jobKinds.includes("service_call");
			const at0 = {
				line1: place.line1,
				city: place.city,
				region: place.region,
				postal: place.postal,
				lat: place.lat,
				lng: place.lng,
			};
			const vesey = {
				line1: "250 Vesey Street",
				city: "New York",
				region: "NY",
				postal: "10281",
				lat: 40.714617,
				lng: -74.015735,
			};
			const stops = courier
				? [
						{ kind: "pickup", ...at0 },
						{ kind: "dropoff", ...vesey },
					]
				: [{ kind: "service", ...at0 }];
			out.jobs?.push({
				id: jobId,
				tenant_id: tenant.id,
				number: tenant.firstJob + i,
				kind: courier ? "pickup_delivery" : "service_call",
				status: "unassigned",
				source: "dispatcher",
				account_id: account.id,
				location_id: account.location.id,
				contact_id: customer.id,
				customer_name: customer.name,
				account_name: account.name,
				customer_email: customer.email,
				customer_email_normalized: normalizeEmail(customer.email),
				reference: `Estimate #${number}`,
				description: courier
					? null
					: [plan.title, ...current.lines.map((l) => `• ${l.description}`)].join("\n"),
				package_description: courier ? plan.title : null,
				technician_id: null,
				window_start: start,
				window_end: start + DAY,
				paused_message: null,
				stops_summary: stops.map((st) => ({ kind: st.kind, line1: st.line1, city: st.city })),
				idempotency_key: null,
				estimate_id: id,
				created_by_type: "staff",
				created_by_id: null,
				created_at: at,
				updated_at: at,
				completed_at: null,
				cancelled_at: null,
			});
			stops.forEach((st, n) => {
				out.job_stops?.push({
					id: `stp_${tenant.prefix}_from_${plan.key}_${n + 1}`,
					tenant_id: tenant.id,
					job_id: jobId,
					seq: n + 1,
					kind: st.kind,
					line1: st.line1,
					line2: null,
					city: st.city,
					region: st.region,
					postal_code: st.postal,
					country: "US",
					lat_e6: Math.round(st.lat * 1e6),
					lng_e6: Math.round(st.lng * 1e6),
					contact_name: n === 0 ? customer.name : null,
					contact_phone: n === 0 ? customer.phone : null,
					window_start: n === 0 ? start : null,
					window_end: n === stops.length - 1 ? start + DAY : null,
					instructions: null,
					arrived_at: null,
					completed_at: null,
				});
			});
			out.job_events?.push({
				id: `evt_${tenant.prefix}_from_${plan.key}`,
				tenant_id: tenant.id,
				job_id: jobId,
				type: "created",
				actor_type: "staff",
				actor_id: dispatcher.id,
				actor_label: dispatcher.name,
				message: `Booked from estimate #${number}`,
				data: null,
				visible_to_customer: true,
				created_at: at,
			});
			event("converted", "converted", "Booked as a job", at, staff, current.version);
		}
	}
	return out;
}

/** Both demo tenants' estimates, by table. */
export async function demoEstimates(now: number): Promise<EstimateRows[]> {
	return Promise.all([
		buildEstimates(
			{ ...ACME, prefix: "acme", firstNumber: 101, firstJob: 1090 },
			ACME_ACCOUNTS,
			{ id: "stf_acme_morgan", name: "Morgan Price" },
			ACME_PLANS,
			now,
		),
		buildEstimates(
			{ ...BAYSIDE, prefix: "bay", firstNumber: 101, firstJob: 590 },
			BAYSIDE_ACCOUNTS,
			{ id: "stf_bay_lee", name: "Lee Park" },
			BAY_PLANS,
			now,
		),
	]);
}
