import { and, eq, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { estimateEvents, estimates, estimateVersions, lineItems } from "../../../schema/tables/billing";
import type { EstimateCreateInput } from "../../contracts/estimates";
import type { Db } from "../../db";
import { AppError, type FieldIssue, invalidFields } from "../../errors";
import { newId } from "../ids";
import { localDate, nextDate, startOfLocalDay } from "../time";
import type { VersionData } from "./estimate-view";
import { estimateTotals, lineTotalMinor } from "./totals";

/** The content of a version about to be written: lines with their ids and totals, and the totals. */
export type NewContent = Pick<
	VersionData,
	"title" | "discountMinor" | "taxRateBps" | "expiresAt" | "notes" | "terms" | "totals"
> & { lines: VersionData["lines"] };

type ContentInput = Pick<
	EstimateCreateInput,
	"title" | "lines" | "taxRateBps" | "discountMinor" | "expiresAt" | "notes" | "terms"
>;

const issue = (path: Array<string | number>, message: string): FieldIssue => ({
	path,
	field: path.join("."),
	message,
});

/**
 * A version's content from what the dispatcher typed: each line keeps the id it names (one of
 * `knownLineIds`, the current version's) or gets a new one; the totals computed here, never
 * taken from the client; the expiry day read as the end of that day in the tenant's zone.
 * Issues name each field: an unknown line id, a discount above the subtotal, a past expiry.
 */
export function buildContent(
	input: ContentInput,
	ctx: {
		defaultTaxRateBps: number;
		timeZone: string;
		now: number;
		knownLineIds?: ReadonlySet<string>;
		/** A revision keeps the expiry it had when none is sent. */
		currentExpiresAt?: number | null;
	},
): { ok: true; content: NewContent } | { ok: false; issues: FieldIssue[] } {
	const issues: FieldIssue[] = [];
	const seen = new Set<string>();
	const lines = input.lines.map((line, i) => {
		let id = line.id;
		if (id !== undefined && (!ctx.knownLineIds?.has(id) || seen.has(id))) {
			issues.push(
				issue(
					["lines", i, "id"],
					seen.has(id) ? "Each line appears once." : "That line is not on the current version.",
				),
			);
		}
		id ??= newId("lin");
		seen.add(id);
		return {
			id,
			seq: i + 1,
			description: line.description,
			quantityMilli: line.quantity,
			unitPriceMinor: line.unitPriceMinor,
			totalMinor: lineTotalMinor({ quantityMilli: line.quantity, unitPriceMinor: line.unitPriceMinor }),
			optional: line.optional,
		};
	});
	const discountMinor = input.discountMinor ?? 0;
	const taxRateBps = input.taxRateBps ?? ctx.defaultTaxRateBps;
	const totals = estimateTotals(lines, { discountMinor, taxRateBps });
	if (discountMinor > totals.subtotalMinor) {
		issues.push(
			issue(["discountMinor"], "The discount is more than the subtotal of the lines that are not optional."),
		);
	}
	let expiresAt = ctx.currentExpiresAt ?? null;
	if (input.expiresAt !== undefined) {
		if (input.expiresAt < localDate(ctx.now, ctx.timeZone)) {
			issues.push(issue(["expiresAt"], "The expiry date is in the past."));
		}
		expiresAt = startOfLocalDay(nextDate(input.expiresAt), ctx.timeZone);
	}
	if (issues.length) return { ok: false, issues };
	return {
		ok: true,
		content: {
			title: input.title,
			lines,
			discountMinor,
			taxRateBps,
			expiresAt,
			notes: input.notes ?? null,
			terms: input.terms ?? null,
			totals,
		},
	};
}

/** `buildContent`, throwing the 400 naming each field. */
export function contentOrThrow(...args: Parameters<typeof buildContent>): NewContent {
	const built = buildContent(...args);
	if (!built.ok) throw invalidFields(built.issues);
	return built.content;
}

/** What the estimate row copies of its current version, so lists need no second read. */
export const headlineOf = (c: NewContent) => ({
	title: c.title,
	subtotalMinor: c.totals.subtotalMinor,
	discountMinor: c.totals.discountMinor,
	taxRateBps: c.taxRateBps,
	taxMinor: c.totals.taxMinor,
	totalMinor: c.totals.totalMinor,
	expiresAt: c.expiresAt,
});

/** The line rows of a version. */
export function lineInserts(
	db: Db,
	ids: { tenantId: string; estimateId: string; versionId: string },
	content: NewContent,
): BatchItem<"sqlite">[] {
	if (!content.lines.length) return [];
	return [
		db.insert(lineItems).values(
			content.lines.map((l) => ({
				id: newId("li"),
				tenantId: ids.tenantId,
				estimateId: ids.estimateId,
				estimateVersionId: ids.versionId,
				lineId: l.id,
				seq: l.seq,
				description: l.description,
				quantityMilli: l.quantityMilli,
				unitPriceMinor: l.unitPriceMinor,
				totalMinor: l.totalMinor,
				optional: l.optional,
			})),
		),
	];
}

/** The version row of `content`; `version` may be SQL (a guarded number, see `whileEstimate`). */
export function versionInsert(
	db: Db,
	v: {
		tenantId: string;
		estimateId: string;
		versionId: string;
		version: number | SQL;
		content: NewContent;
		changeSummary: Record<string, unknown> | null;
		createdBy: { id: string; label: string };
		now: number;
	},
) {
	const { content: c } = v;
	return db.insert(estimateVersions).values({
		id: v.versionId,
		tenantId: v.tenantId,
		estimateId: v.estimateId,
		version: v.version,
		title: c.title,
		subtotalMinor: c.totals.subtotalMinor,
		discountMinor: c.totals.discountMinor,
		taxRateBps: c.taxRateBps,
		taxMinor: c.totals.taxMinor,
		totalMinor: c.totals.totalMinor,
		optionalMinor: c.totals.optionalMinor,
		notes: c.notes,
		terms: c.terms,
		expiresAt: c.expiresAt,
		changeSummary: v.changeSummary,
		createdById: v.createdBy.id,
		createdByLabel: v.createdBy.label,
		createdAt: v.now,
		updatedAt: v.now,
	});
}

/**
 * `value`, but NULL unless the estimate still satisfies `condition` when the batch runs. Written
 * into a NOT NULL column it fails the whole atomic batch (`isNotNullViolation`) when another
 * request changed the estimate between our read and our write: no check-then-act gap.
 */
export const whileEstimate = (
	tenantId: string,
	estimateId: string,
	condition: SQL,
	value: SQL | string | number,
) =>
	sql`(SELECT ${value} FROM ${estimates} WHERE ${and(eq(estimates.tenantId, tenantId), eq(estimates.id, estimateId), condition)})`;

export type EventActor = { type: "contact" | "staff" | "system"; id: string | null; label: string | null };

/** One entry of the estimate's activity; `message` may be SQL (guarded, see `whileEstimate`). */
export function eventInsert(
	db: Db,
	e: {
		tenantId: string;
		estimateId: string;
		type: string;
		actor: EventActor;
		message: string | SQL;
		version: number | null;
		data?: Record<string, unknown> | null;
		visibleToCustomer?: boolean;
	},
	now: number,
) {
	return db.insert(estimateEvents).values({
		id: newId("eev"),
		tenantId: e.tenantId,
		estimateId: e.estimateId,
		type: e.type,
		actorType: e.actor.type,
		actorId: e.actor.id,
		actorLabel: e.actor.label,
		message: e.message,
		version: e.version,
		data: e.data ?? null,
		visibleToCustomer: e.visibleToCustomer ?? true,
		createdAt: now,
	});
}

/** 409: the estimate moved on (a new version, a decision) since the caller read it. */
export const versionChanged = (current: number) =>
	new AppError(
		409,
		"version_changed",
		`This estimate has changed: version ${current} is the current one. Review it and try again.`,
	);

/** 410: past its expiry an estimate cannot be approved or rejected. */
export const estimateExpired = () =>
	new AppError(410, "expired", "This estimate has expired. Ask for an updated estimate instead.");
