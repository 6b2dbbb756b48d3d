import { and, desc, eq, gte, lt, or, type SQL, sql } from "drizzle-orm";
import { contacts } from "../../../schema/tables/accounts";
import { jobs } from "../../../schema/tables/jobs";
import { technicians } from "../../../schema/tables/staff";
import { type SurveyType, surveys } from "../../../schema/tables/surveys";
import type { Db } from "../../db";
import { localDate } from "../time";

/** Answers the console's figures are computed from at most; narrow the dates for more. */
export const SURVEY_FIGURES_MAX_ROWS = 10_000;

export type SurveyFilters = {
	/** Answered at or after this instant. */
	from?: number;
	/** Answered before this instant. */
	to?: number;
	technicianId?: string;
	cursor?: { createdAt: number; id: string };
};

function filtersWhere(tenantId: string, f: SurveyFilters): SQL[] {
	const where: SQL[] = [eq(surveys.tenantId, tenantId)];
	if (f.from !== undefined) where.push(gte(surveys.createdAt, f.from));
	if (f.to !== undefined) where.push(lt(surveys.createdAt, f.to));
	if (f.technicianId) where.push(eq(surveys.technicianId, f.technicianId));
	return where;
}

/** A page of the tenant's answers, newest first, one row more than the page. */
export function surveyPageRead(db: Db, tenantId: string, f: SurveyFilters, limit: number) {
	const where = filtersWhere(tenantId, f);
	if (f.cursor) {
		const { createdAt, id } = f.cursor;
		where.push(
			or(lt(surveys.createdAt, createdAt), and(eq(surveys.createdAt, createdAt), lt(surveys.id, id))) as SQL,
		);
	}
	return db
		.select({
			id: surveys.id,
			jobId: surveys.jobId,
			jobNumber: jobs.number,
			scale: surveys.scale,
			score: surveys.score,
			comment: surveys.comment,
			categories: surveys.categories,
			technicianId: surveys.technicianId,
			// Aliased: both are `name`, and a batch's rows are keyed by column name.
			technicianName: sql<string | null>`${technicians.name}`.as("technician_name"),
			contactName: sql<string | null>`${contacts.name}`.as("contact_name"),
			trackingLinkId: surveys.trackingLinkId,
			createdAt: surveys.createdAt,
			updatedAt: surveys.updatedAt,
		})
		.from(surveys)
		.innerJoin(jobs, and(eq(jobs.tenantId, surveys.tenantId), eq(jobs.id, surveys.jobId)))
		.leftJoin(
			technicians,
			and(eq(technicians.tenantId, surveys.tenantId), eq(technicians.id, surveys.technicianId)),
		)
		.leftJoin(contacts, and(eq(contacts.tenantId, surveys.tenantId), eq(contacts.id, surveys.contactId)))
		.where(and(...where))
		.orderBy(desc(surveys.createdAt), desc(surveys.id))
		.limit(limit + 1);
}

export type SurveyFigureRow = {
	score: number;
	categories: Record<string, number>;
	technicianId: string | null;
	technicianName: string | null;
	createdAt: number;
};

/** What the figures are computed from: the answers of the tenant's current type in the range. */
export function surveyFiguresRead(db: Db, tenantId: string, type: SurveyType, f: SurveyFilters) {
	return db
		.select({
			score: surveys.score,
			categories: surveys.categories,
			technicianId: surveys.technicianId,
			technicianName: technicians.name,
			createdAt: surveys.createdAt,
		})
		.from(surveys)
		.leftJoin(
			technicians,
			and(eq(technicians.tenantId, surveys.tenantId), eq(technicians.id, surveys.technicianId)),
		)
		.where(and(...filtersWhere(tenantId, { ...f, cursor: undefined }), eq(surveys.scale, type)))
		.orderBy(desc(surveys.createdAt))
		.limit(SURVEY_FIGURES_MAX_ROWS);
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

/** Net Promoter Score: promoters (9–10) minus detractors (0–6), as a percentage of all answers. */
export function netPromoterScore(scores: number[]): number | null {
	if (!scores.length) return null;
	const promoters = scores.filter((s) => s >= 9).length;
	const detractors = scores.filter((s) => s <= 6).length;
	return round(((promoters - detractors) / scores.length) * 100, 1);
}

export function averageScore(scores: number[]): number | null {
	if (!scores.length) return null;
	return round(scores.reduce((a, b) => a + b, 0) / scores.length, 2);
}

const DAY = 86_400_000;

/** The Monday of the instant's week in the time zone, "YYYY-MM-DD". */
export function weekStartOf(at: number, timeZone: string): string {
	const day = Date.parse(`${localDate(at, timeZone)}T00:00:00Z`);
	const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
	return new Date(day - sinceMonday * DAY).toISOString().slice(0, 10);
}

/**
 * The figures of a set of answers of one type: the headline (NPS or average stars), by week
 * (oldest first), by technician (most answers first) and each category's average rating.
 */
export function summarizeSurveys(
	rows: SurveyFigureRow[],
	type: SurveyType,
	timeZone: string,
	/** The tenant's categories, in the order the survey asks them; others follow by name. */
	categoryOrder: string[] = [],
) {
	const score = type === "nps" ? netPromoterScore : averageScore;
	const group = <K>(key: (r: SurveyFigureRow) => K) => {
		const groups = new Map<K, SurveyFigureRow[]>();
		for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
		return groups;
	};
	const weeks = [...group((r) => weekStartOf(r.createdAt, timeZone))]
		.map(([weekStart, rs]) => ({ weekStart, count: rs.length, value: score(rs.map((r) => r.score)) }))
		.sort((a, b) => a.weekStart.localeCompare(b.weekStart));
	const byTechnician = [...group((r) => r.technicianId)]
		.map(([technicianId, rs]) => ({
			technicianId,
			technicianName: rs[0]?.technicianName ?? null,
			count: rs.length,
			value: score(rs.map((r) => r.score)),
		}))
		.sort((a, b) => b.count - a.count || (a.technicianName ?? "").localeCompare(b.technicianName ?? ""));
	const ratings = new Map<string, number[]>();
	for (const r of rows) {
		for (const [name, rating] of Object.entries(r.categories))
			ratings.set(name, [...(ratings.get(name) ?? []), rating]);
	}
	const rank = (name: string) => {
		const i = categoryOrder.indexOf(name);
		return i === -1 ? categoryOrder.length : i;
	};
	const categories = [...ratings]
		.map(([name, rs]) => ({ name, count: rs.length, average: averageScore(rs) ?? 0 }))
		.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
	return {
		count: rows.length,
		value: score(rows.map((r) => r.score)),
		weeks,
		technicians: byTechnician,
		categories,
	};
}
